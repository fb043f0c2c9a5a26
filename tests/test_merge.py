"""Cross-article merge: the samples through the rules extractor, and made-up pairs of meetings."""

from __future__ import annotations

from functools import lru_cache

import pytest

from qa_app.extract.article import extract_article
from qa_app.extract.extractors.rules import RulesExtractor
from qa_app.extract.merge import cluster_meetings, merge_events, same_event
from qa_app.ingest.pipeline import prepare
from qa_app.ingest.readers import RawArticle
from qa_app.schemas.records import DateInfo, Evidence, Location, Meeting, Participant
from tests.conftest import article_path

pytestmark = pytest.mark.unit

SAMPLES = ("000", "001", "002", "003", "004")


@lru_cache(maxsize=None)
def sample_records():
    out = []
    for prefix in SAMPLES:
        prepared = prepare(RawArticle(source=f"{prefix}.txt", text=article_path(prefix).read_text(encoding="utf-8"),
                                      kind="text"), 800)
        out.append(extract_article(prepared.row, RulesExtractor())[0])
    return tuple(out)


# --- the samples ----------------------------------------------------------------------------------


def test_000_and_001_become_one_event_with_both_articles_evidence():
    recs = sample_records()
    by_source = {r.source[:3]: r for r in recs}
    events = merge_events(list(recs))
    som = [e for e in events if len(e.doc_ids) > 1]
    assert len(som) == 1
    (event,) = som
    assert set(event.doc_ids) == {by_source["000"].doc_id, by_source["001"].doc_id}
    assert {ev.doc_id for ev in event.evidence} == set(event.doc_ids)
    assert (event.date.value, event.date.precision) == ("2024-08-13", "day")  # from 001; 000 says only "on Tuesday"
    assert event.location.city == "Jakarta"
    assert sorted(event.countries) == ["CHN", "IDN"] and event.status == "held" and "2+2" in event.mechanism
    assert {"Sun Weidong", "Zhang Baoqun", "Abdul Kadir Jailani", "Oktaheroe Ramsi"} <= {p.name for p in event.participants}


def test_other_sample_meetings_stay_apart():
    recs = sample_records()
    events = merge_events(list(recs))
    assert len(events) == sum(len(r.meetings) for r in recs) - 1  # only the SOM 2+2 pair merges
    # same countries, different meetings: the planned ministerial talks and Widodo's 2023 visit are not the SOM
    chn_idn = [e for e in events if e.countries == ["CHN", "IDN"]]
    assert sorted(e.status for e in chn_idn) == ["held", "planned", "referenced"]
    # 002: the Xi-Putin meeting and the SCO summit, same day and city, stay apart (bilateral vs summit)
    samarkand = [e for e in events if e.location.city == "Samarkand"]
    assert len(samarkand) == 2 and {e.kind for e in samarkand} == {"summit", "bilateral"}


def test_merge_agrees_with_the_gold_event_keys():
    from qa_app.evaluation.gold import doc_map, load_gold, read_articles
    from qa_app.evaluation.metrics import match_meetings, merge_prf
    from tests.conftest import ARTICLES, ROOT

    gold = load_gold(ROOT / "eval" / "gold")
    arts = read_articles(ARTICLES)
    recs = sample_records()
    match = match_meetings({r.doc_id: [m.model_dump() for m in r.meetings] for r in recs}, gold.articles,
                           doc_map(arts.values()))
    score = merge_prf(match, [e.model_dump() for e in merge_events(list(recs))])
    assert score.tp >= 1 and score.precision == 1.0 and score.recall == 1.0


# --- made-up meetings -----------------------------------------------------------------------------

_counter = iter(range(10_000))


def meeting(doc: str, countries=("CHN", "RUS"), *, date=None, precision=None, end=None, city=None, mechanism=None,
            round=None, status="held", kind="bilateral", people=()) -> Meeting:
    n = next(_counter)
    quote = f"Sentence {n} of {doc}."
    return Meeting(
        id=f"{doc}:m{n}", title=f"meeting {n}", kind=kind, status=status,
        date=DateInfo(value=date, precision=precision or ({10: "day", 7: "month", 4: "year"}[len(date)] if date else None),
                      end=end, text=date or "", resolution="absolute" if date else "unresolved"),
        location=Location(city=city), countries=list(countries),
        participants=[Participant(name=name, country=country) for name, country in people],
        mechanism=mechanism, round=round, evidence=[Evidence(doc_id=doc, start=0, end=len(quote), quote=quote)],
    )


SUN, LAVROV, RUDENKO = ("Sun Weidong", "CHN"), ("Sergei Lavrov", "RUS"), ("Andrey Rudenko", "RUS")

SAME = [
    pytest.param(meeting("a", ("CHN", "IDN"), city="Jakarta", mechanism="2+2", round=1),
                 meeting("b", ("IDN", "CHN"), date="2024-08-13", city="Jakarta", mechanism="2+2"),
                 id="undated-and-dated-same-mechanism"),
    pytest.param(meeting("a", date="2024-02-26", end="2024-02-27", city="Moscow", people=[SUN, LAVROV]),
                 meeting("b", date="2024-02-27", city="Moscow", people=[SUN]),
                 id="same-visit-overlapping-days-shared-person"),
    pytest.param(meeting("a", date="2022-09-19", mechanism="Strategic Security Consultation", round=17),
                 meeting("b", date="2022-09", mechanism="strategic security consultation", round=17, status="referenced"),
                 id="held-and-later-reference-same-round"),
    pytest.param(meeting("a", date="2024-03-21", city="Moscow"), meeting("b", date="2024-03-21", city="Moscow"),
                 id="same-day-same-city"),
    pytest.param(meeting("a", ("BRA", "CHN", "IND", "RUS", "ZAF"), date="2024-10", mechanism="BRICS", kind="summit",
                         status="planned"),
                 meeting("b", ("CHN", "RUS"), date="2024-10-22", end="2024-10-24", mechanism="BRICS", kind="summit",
                         status="planned"),
                 id="forum-summit-member-lists-differ"),
    pytest.param(meeting("a", ("BRA", "MYS"), date="2025-10-26", city="Kuala Lumpur", mechanism="ASEAN", round=47,
                         kind="summit", status="planned"),
                 meeting("b", ("MYS", "ZAF"), date="2025-10-24", end="2025-10-27", mechanism="ASEAN", kind="summit",
                         status="planned"),
                 id="two-guests-trips-to-one-forum-summit"),
    pytest.param(meeting("a", ("CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "KOR", "USA"), date="2023-05-19",
                         city="Hiroshima", mechanism="G7", kind="summit", status="planned"),
                 meeting("b", ("CAN", "DEU", "FRA", "GBR", "IND", "ITA", "JPN", "USA"), date="2023-05-19",
                         mechanism="G7", kind="summit", status="planned"),
                 id="forum-summit-each-lists-another-guest"),
    pytest.param(meeting("a", ("FRA", "IDN"), date="2022-02-10", status="planned", people=[("Florence Parly", "FRA")]),
                 meeting("b", ("FRA", "IDN"), date="2022-02-10", people=[("Florence Parly", "FRA")]),
                 id="announced-for-a-day-and-held-that-day"),
    pytest.param(meeting("a", ("FIN", "NOR"), date="2025-03-04", city="Oslo", mechanism="Annual Consultation", round=9),
                 meeting("b", ("FIN", "NOR"), date="2025-03-04", city="Oslo", mechanism="Konsultasi Tahunan", round=9),
                 id="a-series-named-in-each-reports-language"),
    pytest.param(meeting("a", ("AUS", "CHN"), date="2024", status="planned", people=[("Li Qiang", "CHN")]),
                 meeting("b", ("AUS", "CHN"), date="2024-06-17", city="Canberra", people=[("Li Qiang", "CHN")]),
                 id="announced-for-next-year-and-held-that-year-same-person"),
    pytest.param(meeting("a", ("IDN", "MYS"), date="2023-05", city="Labuan Bajo", status="planned"),
                 meeting("b", ("IDN", "MYS"), date="2023-05-09", city="Labuan Bajo", status="referenced"),
                 id="announced-for-a-month-and-told-later-same-city"),
]

APART = [
    pytest.param(meeting("a", mechanism="Strategic Security Consultation", round=13),
                 meeting("b", mechanism="Strategic Security Consultation", round=17), id="different-rounds"),
    pytest.param(meeting("a", date="2019-12-02", mechanism="Strategic Security Consultation"),
                 meeting("b", date="2022-09-19", mechanism="Strategic Security Consultation"), id="different-dates"),
    pytest.param(meeting("a", date="2024-02-26", city="Moscow", people=[SUN, LAVROV]),
                 meeting("b", date="2024-02-26", city="Moscow", people=[SUN, RUDENKO]),
                 id="same-day-and-visit-different-counterpart"),
    pytest.param(meeting("a", date="2022-09-15", city="Samarkand", mechanism="SCO", kind="summit"),
                 meeting("b", date="2022-09-15", city="Samarkand", people=[("Xi Jinping", "CHN")]),
                 id="summit-and-bilateral-on-its-sidelines"),
    pytest.param(meeting("a", ("ARE", "DEU", "FRA", "IND", "SAU", "USA"), date="2023-09", city="New Delhi",
                         mechanism="G20", kind="summit", status="referenced"),
                 meeting("b", ("IND", "SAU"), date="2023-09-11", city="New Delhi", mechanism="G20", kind="summit"),
                 id="forum-summit-and-two-leaders-held-talks-at-it"),
    pytest.param(meeting("a", ("BRA", "MYS"), date="2025-10-26", city="Kuala Lumpur", mechanism="ASEAN",
                         kind="summit", status="planned"),
                 meeting("b", ("MYS", "ZAF"), date="2025-10-26", city="Jakarta", mechanism="ASEAN", kind="summit",
                         status="planned"),
                 id="one-forum-two-cities"),
    pytest.param(meeting("a", ("BRA", "MYS"), mechanism="ASEAN", kind="summit", status="planned"),
                 meeting("b", ("MYS", "ZAF"), date="2025-10-26", mechanism="ASEAN", kind="summit", status="planned"),
                 id="an-undated-forum-summit-another-guest"),
    pytest.param(meeting("a", ("CHN", "IDN"), date="2025", mechanism="2+2", status="planned"),
                 meeting("b", ("CHN", "IDN"), date="2025-04-20", mechanism="2+2"), id="planned-and-held"),
    pytest.param(meeting("a", ("FRA", "IDN"), date="2022-02-10", status="planned"),
                 meeting("b", ("FRA", "IDN"), date="2022-02-10"), id="announced-and-held-same-day-nothing-shared"),
    pytest.param(meeting("a", ("AUS", "CHN"), status="planned", people=[("Li Qiang", "CHN")]),
                 meeting("b", ("AUS", "CHN"), date="2024-06-17", people=[("Li Qiang", "CHN")]),
                 id="agreed-to-meet-again-undated-and-held"),
    pytest.param(meeting("a", ("AUS", "CHN"), date="2025", status="planned", people=[("Li Qiang", "CHN")]),
                 meeting("b", ("AUS", "CHN"), date="2024-06-17", people=[("Li Qiang", "CHN")]),
                 id="the-next-round-next-year-and-this-years"),
    pytest.param(meeting("a", ("CHN", "IDN"), mechanism="2+2"), meeting("a", ("CHN", "IDN"), mechanism="2+2"),
                 id="same-article"),
    pytest.param(meeting("a", ("CHN", "IDN"), mechanism="2+2"), meeting("b", ("CHN", "IDN", "JPN"), mechanism="2+2"),
                 id="different-countries"),
    pytest.param(meeting("a"), meeting("b"), id="countries-alone"),
    pytest.param(meeting("a", date="2024-03-21", city="Moscow", kind="call"),
                 meeting("b", date="2024-03-21", city="Moscow"), id="call-and-meeting"),
    pytest.param(meeting("a", mechanism="2+2"), meeting("b", mechanism="Strategic Dialogue"), id="different-mechanisms"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_event(a, b):
    assert same_event(a, b) and same_event(b, a)
    assert len(cluster_meetings([a, b])) == 1


@pytest.mark.parametrize(("a", "b"), APART)
def test_different_events(a, b):
    assert not same_event(a, b) and not same_event(b, a)
    assert len(cluster_meetings([a, b])) == 2


def test_an_undated_report_does_not_bridge_two_rounds():
    undated = meeting("a", mechanism="Strategic Security Consultation")
    r13 = meeting("b", date="2019-12-02", mechanism="Strategic Security Consultation", round=13)
    r17 = meeting("c", date="2022-09-19", mechanism="Strategic Security Consultation", round=17)
    clusters = cluster_meetings([undated, r13, r17])
    assert len(clusters) == 2
    assert not any({r13.id, r17.id} <= {m.id for m in c} for c in clusters)


def test_event_takes_the_most_precise_fields():
    a = meeting("a", ("CHN", "IDN"), date="2024-08", city="Jakarta", mechanism="2+2", round=1, people=[SUN])
    b = meeting("b", ("CHN", "IDN"), date="2024-08-13", mechanism="SOM 2+2", status="referenced",
                people=[SUN, ("Abdul Kadir Jailani", "IDN")])
    from qa_app.schemas.records import ArticleRecords, Provenance

    prov = Provenance(backend="x", model="x", prompt_version="x", extracted_at="2024-01-01T00:00:00+00:00")
    arts = [ArticleRecords(doc_id=m.evidence[0].doc_id, source=m.evidence[0].doc_id, meetings=[m], provenance=prov)
            for m in (a, b)]
    (event,) = merge_events(arts)
    assert (event.date.value, event.date.precision) == ("2024-08-13", "day")
    assert event.location.city == "Jakarta" and event.status == "held" and event.round == 1
    assert event.mechanism == "SOM 2+2" and set(event.doc_ids) == {"a", "b"}
    assert sorted(p.name for p in event.participants) == ["Abdul Kadir Jailani", "Sun Weidong"]
    assert sorted(event.meeting_ids) == sorted([a.id, b.id])


def test_one_passing_state_more_is_the_same_event_when_a_person_is_shared():
    a = meeting("a", ("CHN", "IDN"), date="2024-08-13", people=[("Sun Weidong", "CHN")])
    b = meeting("b", ("CHN", "IDN", "USA"), date="2024-08-13", people=[("Sun Weidong", "CHN")])
    assert same_event(a, b)
    c = meeting("c", ("CHN", "IDN", "USA", "JPN"), date="2024-08-13", people=[("Sun Weidong", "CHN")])
    assert not same_event(a, c)  # two states more is another meeting


def test_same_states_same_day_link_unless_the_delegations_differ():
    a = meeting("a", ("FRA", "IDN"), date="2022-02-10", people=[("Prabowo Subianto", "IDN")])
    b = meeting("b", ("FRA", "IDN"), date="2022-02-10")
    c = meeting("c", ("FRA", "IDN"), date="2022-02-10", people=[("Joko Widodo", "IDN")])
    assert same_event(a, b) and not same_event(a, c)


def test_the_same_wording_in_two_languages_links_two_reports():
    import numpy as np

    from qa_app.extract.merge import cluster_meetings

    a = meeting("a", ("IDN", "VNM"), date="2025-07-30")
    b = meeting("b", ("IDN", "VNM"))  # undated, no shared person: no structural link
    c = meeting("c", ("IDN", "VNM"), date="2025-03-10")  # dated apart: never the same event

    def embed(texts):  # a stand-in for the multilingual embedder: a and b say the same thing
        return np.stack([np.array([1.0, 0.1]) if t.endswith((" of a.", " of b.")) else np.array([0.0, 1.0])
                         for t in texts])

    assert len(cluster_meetings([a, b])) == 2  # without the embedder
    groups = cluster_meetings([a, b, c], embed=embed)
    assert sorted(len(g) for g in groups) == [1, 2]
    assert {m.id for g in groups if len(g) == 2 for m in g} == {a.id, b.id}


# --- one person, written differently by two reports ------------------------------------------------


def test_a_fuller_form_of_a_name_is_the_same_delegate():
    a = meeting("a", ("JPN", "USA"), date="2024-07-28", people=[("Lloyd J. Austin III", "USA"), ("Kamikawa Yoko", "JPN")])
    b = meeting("b", ("USA", "JPN"), date="2024-07", people=[("Lloyd Austin", "USA"), ("Yoko Kamikawa", "JPN")])
    assert same_event(a, b)
    from qa_app.schemas.records import ArticleRecords, Provenance

    prov = Provenance(backend="x", model="x", prompt_version="x", extracted_at="2024-01-01T00:00:00+00:00")
    (event,) = merge_events([ArticleRecords(doc_id=m.evidence[0].doc_id, source=m.evidence[0].doc_id, meetings=[m],
                                            provenance=prov) for m in (a, b)])
    assert sorted(p.name for p in event.participants) == ["Kamikawa Yoko", "Lloyd J. Austin III"]


def test_a_shared_family_name_alone_is_not_the_same_delegate():
    a = meeting("a", ("KOR", "USA"), date="2024-07-28", people=[("Lee Jae-myung", "KOR")])
    b = meeting("b", ("KOR", "USA"), date="2024-07-28", people=[("Lee Hsien Loong", "KOR")])
    assert not same_event(a, b)


def test_two_shared_delegates_outweigh_a_delegation_that_lacks_its_country_in_one_report():
    # one report knows only the president's state, the other the ministers': both name the ministers
    a = meeting("a", ("NOR", "CHL"), date="2024-03-04", people=[
        ("Per Lund", None), ("Ana Rios", None), ("Tomas Aravena", "CHL"), ("Ole Berg", "NOR")])
    b = meeting("b", ("NOR", "CHL"), date="2024-03-04", people=[
        ("Per Lund", "NOR"), ("Ana Rios", "NOR"), ("Tomas Aravena", "CHL")])
    assert same_event(a, b)
    c = meeting("c", ("NOR", "CHL"), date="2024-03-04", people=[("Tomas Aravena", "CHL"), ("Kari Dahl", "NOR")])
    assert not same_event(b, c)  # one shared delegate, and Norway's delegations apart: another meeting
