"""The SQL record index: filled when records are saved, kept in step with the current records
and merged events, queried by country, person, mechanism and date; and `qa-app records`."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess

import pytest

from qa_app.errors import InputError
from qa_app.schemas.records import (ArticleRecords, Commitment, DateInfo, Event, Evidence, Location, Meeting,
                                    Participant, Provenance)
from qa_app.settings import Settings
from qa_app.store import Store
from qa_app.store.record_index import RecordQuery
from qa_app.store.record_keys import name_key
from tests.conftest import QA_APP, ROOT, run_cli

TEXT = "Sun Weidong met Abdul Kadir Jailani in Jakarta on 13 August 2024. They agreed to hold drills."


def _ev(doc: str, quote: str) -> Evidence:
    start = TEXT.index(quote)
    return Evidence(doc_id=doc, start=start, end=start + len(quote), quote=quote)


def _article(doc: str, date: str = "2024-08-13", precision: str = "day", countries=("CHN", "IDN"),
             status: str = "ok") -> ArticleRecords:
    meeting = Meeting(
        id=f"{doc}:m1", title="SOM 2+2: China–Indonesia", status="held", mechanism="2+2", round=1,
        date=DateInfo(value=date, precision=precision, text="13 August 2024", resolution="absolute"),
        location=Location(city="Jakarta", country="IDN"), countries=list(countries),
        participants=[Participant(name="Sun Weidong", role="Vice Foreign Minister", country="CHN",
                                  evidence=[_ev(doc, "Sun Weidong")]),
                      Participant(name="Abdul Kadir Jailani", country="IDN", evidence=[_ev(doc, "Abdul Kadir Jailani")])],
        evidence=[_ev(doc, TEXT.split(". ")[0] + ".")])
    commitment = Commitment(id=f"{doc}:c1", actors=list(countries), action="hold joint drills", topic="defense",
                            meeting_id=meeting.id, evidence=[_ev(doc, "They agreed to hold drills.")])
    return ArticleRecords(doc_id=doc, source=f"{doc}.txt", status=status, meetings=[meeting], commitments=[commitment],
                          provenance=Provenance(backend="rules", model="rules", prompt_version="t",
                                                extracted_at="2026-01-01T00:00:00Z"))


@pytest.fixture
def store(tmp_path):
    st = Store(Settings(store=tmp_path / "store"))
    yield st
    st.close()


def _ids(store, **kw) -> list[str]:
    return [r.id for r in store.records.index.query(RecordQuery(**kw))]


@pytest.mark.unit
def test_saved_records_are_indexed_with_people_countries_and_evidence(store):
    store.records.save("k1", _article("d1"))
    (m,) = store.records.index.query(RecordQuery(kinds=("meeting",)))
    assert (m.id, m.mechanism, m.round, m.city, m.date_lo, m.date_hi) == ("d1:m1", "2+2", 1, "Jakarta", "2024-08-13",
                                                                            "2024-08-13")
    assert m.countries == ["CHN", "IDN"] and [p.name for p in m.people] == ["Sun Weidong", "Abdul Kadir Jailani"]
    assert m.people[0].evidence[0].quote == "Sun Weidong"
    assert m.evidence[0].quote == TEXT[m.evidence[0].start:m.evidence[0].end]
    assert _ids(store, kinds=("commitment",)) == ["d1:c1"]


@pytest.mark.unit
def test_filters_by_country_person_mechanism_and_date_range(store):
    store.records.save("k1", _article("d1"))
    store.records.save("k2", _article("d2", date="2023-10", precision="month", countries=("IDN", "JPN")))
    meetings = ("meeting",)
    assert _ids(store, kinds=meetings, countries=["CHN"]) == ["d1:m1"]
    assert _ids(store, kinds=meetings, countries=["IDN", "JPN"]) == ["d2:m1"]
    assert sorted(_ids(store, kinds=meetings, person="weidong")) == ["d1:m1", "d2:m1"]
    assert _ids(store, kinds=meetings, person="vice foreign", countries=["CHN"]) == ["d1:m1"]
    assert sorted(_ids(store, kinds=meetings, mechanism="2+2")) == ["d1:m1", "d2:m1"]
    # a month-precision date is the whole month: inside 2023-10-15..2023-12, outside 2023-11..2024
    assert _ids(store, kinds=meetings, date_from="2023-10-15", date_to="2023-12") == ["d2:m1"]
    assert _ids(store, kinds=meetings, date_from="2023-11", date_to="2024-08-12") == []
    assert _ids(store, kinds=meetings, date_from="2024") == ["d1:m1"]
    with pytest.raises(InputError):
        _ids(store, date_from="2024-13")
    with pytest.raises(InputError):
        _ids(store, kinds=("meetings",))


@pytest.mark.unit
def test_one_articles_records_and_one_persons_are_read_from_their_own_rows(store):
    for i, date in enumerate(("2024-08-13", "2022-05", "2023-01-02", "2021")):
        store.records.save(f"k{i}", _article(f"d{i}", date=date, precision="day" if len(date) == 10 else "month"
                                             if len(date) == 7 else "year"))
    assert sorted(_ids(store, kinds=("meeting", "commitment"), doc_ids=["d2"], ordered=False)) == ["d2:c1", "d2:m1"]
    conn = store.records.index.conn
    for query in (RecordQuery(kinds=("meeting", "commitment"), doc_ids=["d2"], ordered=False),
                  RecordQuery(kinds=("meeting",), people=["Sun Weidong"], limit=2, ordered=False)):
        sql, args = query.sql()
        plan = " | ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, args))
        # not a walk over the kind index testing every record of the store against the subquery
        assert "ri_records_kind_date" not in plan, plan
    # a limit keeps a person's earliest meetings, in the order the kind index gives when no person is named
    assert _ids(store, kinds=("meeting",), people=["Sun Weidong"], limit=2, ordered=False) == ["d3:m1", "d1:m1"]
    assert _ids(store, kinds=("meeting",), limit=2, ordered=False) == ["d3:m1", "d1:m1"]


@pytest.mark.unit
def test_index_follows_current_records_failures_forgetting_and_events(store):
    store.records.save("k1", _article("d1"))
    store.records.save("k1b", _article("d1", countries=("CHN", "RUS")))  # a new run replaces the document's records
    assert _ids(store, countries=["RUS"]) == ["d1:c1", "d1:m1"]
    assert _ids(store, countries=["IDN"]) == []
    store.records.save("k1c", _article("d1", status="failed"))  # a failed run keeps the earlier records
    assert _ids(store, countries=["RUS"]) == ["d1:c1", "d1:m1"]
    store.records.forget_current(["d1"])
    assert _ids(store) == []
    store.records.save("k2", _article("d2"))
    art = _article("d2")
    event = Event(**art.meetings[0].model_dump(exclude={"id"}), id="e-1", meeting_ids=["d2:m1"], doc_ids=["d2", "d3"])
    store.records.replace_events([event])
    (e,) = store.records.index.query(RecordQuery(kinds=("event",)))
    assert e.doc_ids == ["d2", "d3"] and e.members == ["d2:m1"]
    store.records.forget_current(["d2"])
    assert _ids(store, kinds=("meeting", "commitment")) == []
    store.records.replace_events([])
    assert _ids(store) == [] and store.records.counts()["meetings"] == 0


@pytest.mark.unit
def test_a_store_written_before_the_index_is_indexed_when_opened(tmp_path):
    from qa_app.store.docstore import DocumentRow

    st = Store(Settings(store=tmp_path / "s"))
    st.docs.put_document(DocumentRow("d1", "d1.txt", None, None, "given", "en", "given", None, "none", TEXT, TEXT,
                                     "[]", "[]"), [])
    st.records.save("k1", _article("d1"))
    st.docs.conn.execute("DELETE FROM ri_records")  # as if written by a version without the index
    st.docs.set_meta("record_index", "0")
    st.close()
    again = Store(Settings(store=tmp_path / "s"))
    assert sorted(r.id for r in again.records.index.query(RecordQuery())) == ["d1:c1", "d1:m1"]
    again.close()


@pytest.mark.unit
def test_name_key_ignores_case_and_accents():
    assert name_key("Tô Lâm") == name_key("to LAM") == "to lam"


@pytest.mark.integration
def test_records_command_lists_filters_and_prints_json(sample_records_store):
    res = run_cli("records", "--store", str(sample_records_store), "--country", "CHN", "--country", "IDN",
                  "--mechanism", "2+2", "--kind", "events", "--json")
    assert res.returncode == 0, res.stderr.decode()
    rows = json.loads(res.stdout)
    assert rows and all(r["kind"] == "event" and {"CHN", "IDN"} <= set(r["countries"]) for r in rows)
    som = next(r for r in rows if r["date"]["value"] == "2024-08-13")
    assert {"Sun Weidong", "Zhang Baoqun"} <= {p["name"] for p in som["participants"]}
    assert all(e["quote"] for e in som["evidence"])
    people = json.loads(run_cli("records", "--store", str(sample_records_store), "--person", "Lavrov",
                                "--json").stdout)
    assert people and all(any("Lavrov" in p["name"] for p in r["participants"]) for r in people)
    text = run_cli("records", "--store", str(sample_records_store), "--kind", "commitments", "--country", "JPN")
    assert text.returncode == 0 and b"JPN" in text.stdout
    bad = run_cli("records", "--store", str(sample_records_store), "--from", "13/08/2024")
    assert bad.returncode != 0 and b"--from" in bad.stderr and b"Traceback" not in bad.stderr


@pytest.mark.integration
def test_records_json_to_a_full_disk_says_so_and_to_a_closed_pipe_stops_quietly(sample_records_store):
    args = [*QA_APP, "records", "--store", str(sample_records_store), "--json"]
    with open("/dev/full", "wb") as full:
        res = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, cwd=ROOT, timeout=120)
    assert res.returncode == 1 and b"could not write the records" in res.stderr and b"Traceback" not in res.stderr
    read_end, write_end = os.pipe()
    fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 4096)  # smaller than the listing: the writer must wait for the reader
    reader = subprocess.Popen(args, stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT)
    os.close(write_end)
    with open(read_end, "rb") as pipe:
        assert pipe.read(1) == b"["
    # the reader wanted only the beginning, as `| head -c 1` does
    _, err = reader.communicate(timeout=120)
    assert reader.returncode == 0 and err == b""
