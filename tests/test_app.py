"""The use-cases of `qa_app.app` on their own: typed progress events, typed results, and the
store left as question answering needs it. Models are the queued fakes of `fakes.py`."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import ARTICLES, SAMPLE_HTML
from qa_app.app.answer import Answerer, answer, answerer_for, checked_question
from qa_app.app.extract import ExtractRequest, extract, merge_saved, open_extractor
from qa_app.app.ingest import document_ids, ingest
from qa_app.app.progress import ArticleExtracted, ExtractionStarted, IngestFinished, ItemIngested
from qa_app.app.records import RecordFilter, list_records, list_records_json, write_records_json
from qa_app.errors import BatchStoppedError, ConfigError, InputError, InterruptedRun, ServerUnreachableError
from qa_app.settings import Settings
from qa_app.store import Store
from tests.fakes import FakeBackend

EMPTY = {"meetings": [], "commitments": []}


def open_store(path: Path, **settings) -> Store:
    return Store(Settings(store=path, **settings))


def _model(backend):
    from qa_app.extract.extractors.model import ExtractOptions, ModelExtractor

    return ModelExtractor(backend, ExtractOptions(max_retries=0))


@pytest.fixture
def records_copy(sample_records_store, tmp_path) -> Path:
    dst = tmp_path / "records-store"
    shutil.copytree(sample_records_store, dst)
    return dst


# --- requests and answerers: checked before any work --------------------------------------


@pytest.mark.parametrize("fields, message", [
    ({"mode": "loose"}, "unknown --mode 'loose'; valid: constrained, free"),
    ({"out": Path("records.csv")}, "--out records.csv: unknown extension .csv; use .json or .jsonl"),
    ({"out": Path("records")}, "unknown extension (none)"),
    ({"shard": "3/2"}, "K must be between 1 and N"),
])
def test_a_bad_extract_request_is_refused_when_it_is_made(fields, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        ExtractRequest(**fields)


def test_a_request_parses_its_shard():
    assert ExtractRequest(shard="2/4").shard_range == (2, 4) and ExtractRequest().shard_range is None


def test_answerer_needs_no_model_unless_one_writes_answers():
    assert answerer_for(Settings(model=None)) == Answerer("extractive")
    assert answerer_for(Settings(model="rules")) == Answerer("extractive")
    assert answerer_for(Settings(model="openai:x"), "extractive") == Answerer("extractive")  # no backend is made
    with pytest.raises(ConfigError, match="unknown --mode 'chatty'; valid: extractive, generative"):
        answerer_for(Settings(), "chatty")
    assert Answerer.of_backend(FakeBackend([], writes_answers=True)).mode == "generative"
    writer_less = FakeBackend([], writes_answers=False)
    assert Answerer.of_backend(writer_less) == Answerer("extractive", writer_less)


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_an_empty_question_is_refused(question):
    with pytest.raises(ConfigError, match="the question is empty"):
        checked_question(question)


@pytest.mark.parametrize("fields, message", [
    ({"countries": ["ID"]}, "--country 'ID' is not an ISO 3166-1 alpha-3 code"),
    ({"kinds": ["summits"]}, "unknown --kind 'summits'; valid: meetings, commitments, events"),
    ({"date_from": "last year"}, "last year"),
])
def test_bad_record_filters_are_input_errors(fields, message):
    with pytest.raises(InputError, match=message):
        RecordFilter(**fields).query()


def test_record_kinds_accept_singular_and_plural_once_each():
    q = RecordFilter(kinds=["Meetings", "meeting", "events"], countries=[" idn "]).query()
    assert list(q.kinds) == ["meeting", "event"] and list(q.countries) == ["IDN"]
    assert list(RecordFilter().query().kinds) == ["meeting", "commitment", "event"]


# --- ingest ---------------------------------------------------------------------------------


@pytest.mark.integration
def test_ingest_reports_each_item_then_the_whole(sample_store_copy, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(SAMPLE_HTML, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    seen = []
    st = open_store(sample_store_copy)
    report = ingest(st, [str(page), str(page), str(empty), str(next(ARTICLES.glob("000_*.txt")))],
                    on_event=seen.append)
    assert [type(e) for e in seen] == [ItemIngested] * len(report.items) + [IngestFinished]
    assert [e.item for e in seen[:-1]] == report.items and seen[-1].report is report
    statuses = sorted(i.status for i in report.items)
    assert statuses == ["failed", "ingested", "skipped", "skipped"], report.to_dict()
    ids = document_ids(report)
    assert len(ids) == 2 and all(st.docs.has_document(d) for d in ids)  # the new page and the sample already there
    assert not report.ok


# --- extract --------------------------------------------------------------------------------


@pytest.mark.integration
def test_extract_saves_records_and_events_and_a_rerun_comes_from_the_cache(sample_store_copy, tmp_path):
    st = open_store(sample_store_copy)
    seen = []
    out = tmp_path / "out" / "records.jsonl"
    result = extract(st, open_extractor("rules", st.settings), ExtractRequest(out=out), on_event=seen.append)
    assert result.ok and not result.failures and result.ingest is None
    extractor = open_extractor("rules", st.settings)
    assert seen[0] == ExtractionStarted(extractor.info.model, 5)
    assert [e.outcome.status for e in seen[1:] if isinstance(e, ArticleExtracted)] == ["done"] * 5
    assert len(seen) == 6
    assert [e.id for e in st.records.events()] == sorted(e.id for e in result.events) and result.events
    assert result.written == [out, out.with_name("events.jsonl")]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["doc_id"] for line in lines) == sorted(result.doc_ids)
    again = extract(st, open_extractor("rules", st.settings), ExtractRequest())
    assert [o.status for o in again.batch.outcomes] == ["cached"] * 5 and again.written == []
    assert {e.id for e in again.events} == {e.id for e in result.events}


@pytest.mark.integration
def test_extract_ingests_first_when_given_paths_and_extracts_only_those(sample_store_copy, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(SAMPLE_HTML, encoding="utf-8")
    st = open_store(sample_store_copy)
    seen = []
    result = extract(st, open_extractor("rules", st.settings), ExtractRequest(paths=[str(page)]), on_event=seen.append)
    kinds = [type(e) for e in seen]
    assert kinds == [ItemIngested, IngestFinished, ExtractionStarted, ArticleExtracted]
    assert result.ingest is seen[1].report and result.doc_ids == document_ids(result.ingest)
    (article,) = result.batch.articles
    assert article.title == "Ministers meet in Jakarta" and article.meetings and result.ok


@pytest.mark.integration
def test_a_sharded_run_announces_only_its_slice(sample_store_copy):
    st = open_store(sample_store_copy)
    seen = []
    result = extract(st, open_extractor("rules", st.settings), ExtractRequest(shard="1/2"), on_event=seen.append)
    assert seen[0].total == result.batch.total == len(result.batch.outcomes) < 5


@pytest.mark.integration
def test_nothing_to_extract_in_an_empty_store(tmp_path):
    st = open_store(tmp_path / "empty")
    seen = []
    result = extract(st, open_extractor("rules", st.settings), ExtractRequest(), on_event=seen.append)
    assert result.nothing_to_extract and not result.ok and seen == [] and result.events == []


@pytest.mark.integration
def test_a_failed_article_has_its_reason_and_keeps_its_earlier_records(records_copy):
    st = open_store(records_copy, max_retries=0)
    doc_id = st.docs.document_ids()[0]
    before = next(a for a in st.records.current() if a.doc_id == doc_id)
    result = extract(st, _model(FakeBackend(["not json at all"])), ExtractRequest(doc_ids=[doc_id]))
    (failure,) = result.failures
    assert failure.doc_id == doc_id and "model output" in failure.reason and not result.ok
    assert next(a for a in st.records.current() if a.doc_id == doc_id) == before
    assert result.events and {e.id for e in result.events} == {e.id for e in st.records.events()}


@pytest.mark.integration
def test_ctrl_c_keeps_what_was_saved_merged_and_says_how_to_resume(records_copy):
    st = open_store(records_copy)
    ids = st.docs.document_ids()[:2]
    st.records.replace_events([])
    with pytest.raises(InterruptedRun, match=r"interrupted: 1 of 2 article\(s\) are extracted and saved in .*; "
                                             r"rerun the same command to resume"):
        extract(st, _model(FakeBackend([EMPTY, KeyboardInterrupt()])), ExtractRequest(doc_ids=ids))
    assert st.records.events()  # merged again from the current records, the interrupted run's included


@pytest.mark.integration
def test_ctrl_c_inside_a_store_write_still_ends_as_an_interrupted_run(records_copy, monkeypatch):
    import sqlite3

    st = open_store(records_copy)
    ids = st.docs.document_ids()[:2]
    calls = []

    def save(*args, **kwargs):  # the interrupt lands in the first write; the store then refuses writes
        calls.append(args)
        raise KeyboardInterrupt() if len(calls) == 1 else sqlite3.OperationalError("cannot commit - no transaction is active")

    monkeypatch.setattr(st.records, "save", save)
    monkeypatch.setattr(st.records, "replace_events", lambda events: save(events))
    with pytest.raises(InterruptedRun, match=r"interrupted: .* rerun the same command to resume"):
        extract(st, _model(FakeBackend([EMPTY, EMPTY])), ExtractRequest(doc_ids=ids, force=True))
    assert len(calls) >= 2  # the saves after the interrupt were tried, and their failure did not mask it


@pytest.mark.integration
def test_a_stopped_batch_merges_what_was_saved_and_stops(records_copy):
    st = open_store(records_copy, max_unreachable=2)
    st.records.replace_events([])
    down = [ServerUnreachableError("connection refused") for _ in range(5)]
    with pytest.raises(BatchStoppedError, match="2 articles in a row could not reach the model server"):
        extract(st, _model(FakeBackend(down)), ExtractRequest(doc_ids=st.docs.document_ids()))
    events = st.records.events()
    assert events and {e.id for e in events} == {e.id for e in merge_saved(st)}


# --- answer and records ---------------------------------------------------------------------


@pytest.mark.integration
def test_answer_cites_sentences_of_the_article_files(sample_records_store):
    st = open_store(sample_records_store)
    a = answer(st, Answerer("extractive"), "Who represented China at the SOM 2+2?")
    assert not a.abstained and a.citations and "Sun Weidong" in a.answer
    for c in a.citations:
        raw = Path(st.docs.get_document(c.doc_id).source).read_text(encoding="utf-8")
        assert c.quote in raw


@pytest.mark.integration
def test_generative_answer_goes_through_the_writing_backend(sample_records_store):
    st = open_store(sample_records_store)
    backend = FakeBackend(["The summit was held on Mars in 2099 [1]."])
    a = answer(st, Answerer.of_backend(backend), "Apakah Jepang akan mendukung proyek infrastruktur Indonesia?")
    assert backend.calls and a.abstained and not a.citations


@pytest.mark.integration
def test_records_are_listed_by_filter_and_as_json(sample_records_store):
    st = open_store(sample_records_store)
    meetings = list_records(st, RecordFilter(kinds=["meetings"], countries=["IDN"]).query())
    assert meetings and all(r.kind == "meeting" and "IDN" in r.countries for r in meetings)
    rows = list_records_json(st, RecordFilter(kinds=["meetings"], countries=["IDN"]).query())
    assert [json.loads(r)["id"] for r in rows] == [r.id for r in meetings]
    assert list_records(st, RecordFilter(countries=["ATA"]).query()) == []


@pytest.mark.integration
@pytest.mark.parametrize("batch", [1, 2000])
def test_records_json_is_written_batch_by_batch_as_one_array(sample_records_store, batch, monkeypatch):
    st = open_store(sample_records_store)
    query = RecordFilter().query()
    everything = list_records(st, query)
    index = st.records.index
    monkeypatch.setattr(index, "iter_json", lambda q, _f=index.iter_json: _f(q, batch=batch))
    out = io.BytesIO()
    assert write_records_json(st, query, out) == len(everything) > 2
    assert [r["id"] for r in json.loads(out.getvalue())] == [r.id for r in everything]
    out = io.BytesIO()
    assert write_records_json(st, RecordFilter(countries=["ATA"]).query(), out) == 0
    assert json.loads(out.getvalue()) == []
