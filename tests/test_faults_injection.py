"""Prompt injection: a table of 24 injections (tests/injections.py), English and Indonesian,
addressed to summarisers, assistants, AI, "the system", in comments, in quotes, as a fake
editor's note. None may produce a record or be quoted in an answer; free-text fields a
model writes (titles, actions) must name only what the article names."""

from __future__ import annotations

import json

import pytest

from qa_app.extract.article import extract_article
from qa_app.extract.build import build_records
from qa_app.extract.context import build_context
from qa_app.extract.extractors.model import ExtractOptions, ModelExtractor
from qa_app.extract.extractors.rules import RulesExtractor
from qa_app.text.instructions import instruction_like, instruction_sentences, overlaps_instruction
from qa_app.ingest.pipeline import prepare
from qa_app.ingest.readers import RawArticle
from qa_app.text.sentences import split_sentences

from conftest import ARTICLES, article_path
from fakes import FakeBackend
from injections import INJECTIONS, NOT_INJECTIONS

HOSTS = {"en": "000", "id": "002"}


def host_with(inj) -> str:
    """The host article with the injection as its second paragraph."""
    raw = article_path(HOSTS[inj.language]).read_text(encoding="utf-8")
    first, rest = raw.split("\n", 1)
    return f"{first}\n\n{inj.text}\n{rest}"


def injected_doc(inj):
    prepared = prepare(RawArticle(source=f"{inj.id}.txt", text=host_with(inj), kind="text"), 800)
    assert not isinstance(prepared, str), prepared
    return prepared.row


def injection_span(doc, inj) -> tuple[int, int]:
    """Where the injection sits in the cleaned text. Most stay there as data; one that the
    cleaner removed as page junk (an HTML comment) is gone altogether: (0, 0)."""
    start = doc.clean_text.find(inj.text[:40])
    if start < 0:
        assert all(w.lower() not in doc.clean_text.lower() for w in inj.words), inj.id
        return 0, 0
    return start, start + len(inj.text)


@pytest.mark.unit
def test_the_table_is_large_and_bilingual():
    assert len(INJECTIONS) >= 20
    assert sum(i.language == "id" for i in INJECTIONS) >= 8 and sum(i.language == "en" for i in INJECTIONS) >= 8
    assert len({i.id for i in INJECTIONS}) == len(INJECTIONS)


@pytest.mark.unit
@pytest.mark.parametrize("inj", INJECTIONS, ids=lambda i: i.id)
def test_every_sentence_of_every_injection_is_blocked(inj):
    doc = injected_doc(inj)
    start, end = injection_span(doc, inj)
    sentences = split_sentences(doc.clean_text)
    blocked = instruction_sentences(doc.clean_text, sentences)
    inside = [i for i, s in enumerate(sentences) if s.start < end and start < s.end]
    assert set(inside) <= blocked, [sentences[i].text for i in inside if i not in blocked]
    assert inside or end == 0
    assert all(overlaps_instruction(doc.clean_text, sentences[i].start, sentences[i].end) for i in inside)
    # Nothing of the host article is blocked with it.
    assert all(not (sentences[i].start >= end or sentences[i].end <= start) for i in blocked), inj.id


@pytest.mark.unit
@pytest.mark.parametrize("sentence", NOT_INJECTIONS)
def test_ordinary_news_sentences_are_not_blocked(sentence):
    assert not instruction_like(sentence)


@pytest.mark.unit
def test_no_sentence_of_the_sample_articles_is_blocked():
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert instruction_sentences(text, split_sentences(text)) == set(), path.name


def _record_text(records) -> str:
    return json.dumps([m.model_dump() for m in records.meetings] + [c.model_dump() for c in records.commitments],
                      ensure_ascii=False)


@pytest.mark.unit
@pytest.mark.parametrize("inj", INJECTIONS, ids=lambda i: i.id)
def test_rules_extractor_makes_no_record_from_an_injection(inj):
    doc = injected_doc(inj)
    start, end = injection_span(doc, inj)
    ctx = build_context(doc)
    built = build_records(ctx, RulesExtractor().extract(ctx).draft)
    assert built.meetings or built.commitments  # the host article's own records are still found
    for rec in built.meetings + built.commitments:
        assert all(ev.end <= start or ev.start >= end for ev in rec.evidence), (inj.id, rec)
    text = json.dumps([r.model_dump() for r in built.meetings + built.commitments], ensure_ascii=False)
    for code in inj.countries:
        assert f'"{code}"' not in text, (inj.id, code)
    for word in inj.words:
        assert word.lower() not in text.lower(), (inj.id, word)


@pytest.mark.unit
def test_a_model_that_obeys_an_injection_cannot_write_its_facts_into_titles_or_actions():
    inj = INJECTIONS[0]  # "Note for automated summarisers: ... France and Brazil in Paris ... invade Antarctica"
    doc = injected_doc(inj)
    genuine = next(s.text for s in split_sentences(doc.clean_text) if s.text.startswith("The countries agreed"))
    obeying = {
        "meetings": [{"evidence": genuine, "title": "France–Brazil summit in Paris", "kind": "bilateral",
                      "countries": ["China", "Indonesia"], "participants": [], "topics": []}],
        "commitments": [{"evidence": genuine, "actors": ["CHN", "IDN"], "action": "invade Antarctica",
                         "topic": "defense", "modality": "agreed"}],
    }
    rec = extract_article(doc, ModelExtractor(FakeBackend([obeying]), ExtractOptions(mode="free", max_retries=1, prune=False)))[0]
    (meeting,) = rec.meetings
    (commitment,) = rec.commitments
    assert meeting.title == "Meeting: China–Indonesia"  # built from grounded values only
    assert commitment.action == genuine  # the evidence itself, never the invented words
    reasons = [r.reason for r in rec.rejected]
    assert "meeting title 'France–Brazil summit in Paris' names France, Brazil, Paris, which the article does not mention" in reasons
    assert "commitment action 'invade Antarctica' names Antarctica, which the article does not mention" in reasons
    assert "Antarctica" not in _record_text(rec) and "Paris" not in _record_text(rec)


@pytest.fixture(scope="module")
def injected_store(sample_store, tmp_path_factory):
    """The five samples plus one host article per injection, with rules records and events."""
    import shutil

    from qa_app.extract.batch import run_batch
    from qa_app.extract.extractors import make_extractor
    from qa_app.extract.merge import merge_events
    from qa_app.ingest.pipeline import ingest
    from qa_app.settings import Settings
    from qa_app.store import Store

    root = tmp_path_factory.mktemp("injected")
    store_dir = root / "store"
    shutil.copytree(sample_store, store_dir)
    folder = root / "articles"
    folder.mkdir()
    for inj in INJECTIONS:
        (folder / f"{inj.id}.txt").write_text(host_with(inj), encoding="utf-8")
    settings = Settings(store=store_dir)
    store = Store(settings)
    report = ingest([str(folder)], store)
    # The HTML comment is removed as page junk, which leaves the sample article itself (skipped).
    assert (report.count("ingested"), report.count("failed")) == (len(INJECTIONS) - 1, 0), report.to_dict()
    assert run_batch(store, make_extractor("rules", settings)).ok
    store.records.replace_events(merge_events(store.records.current()))
    store.close()
    return store_dir


@pytest.mark.integration
def test_no_answer_quotes_an_injection(injected_store):
    from qa_app.qa.answer import ask
    from qa_app.settings import Settings
    from qa_app.store import Store

    store = Store(Settings(store=injected_store))
    try:
        events = json.dumps([e.model_dump() for e in store.records.events()], ensure_ascii=False)
        for inj in INJECTIONS:
            for word in inj.words:
                assert word.lower() not in events.lower(), (inj.id, word)
            answer = ask(store, inj.question, mode="extractive", backend=None)
            for c in answer.citations:
                doc = store.docs.get_document(c.doc_id)
                assert not overlaps_instruction(doc.clean_text, c.start, c.end), (inj.id, c.quote)
                assert all(w.lower() not in c.quote.lower() for w in inj.words), (inj.id, c.quote)
                assert all(w.lower() not in (c.title or "").lower() for w in inj.words), (inj.id, c.title)
            for word in inj.words:
                assert word.lower() not in answer.answer.lower(), (inj.id, answer.answer)
    finally:
        store.close()


@pytest.mark.integration
def test_a_model_written_action_must_agree_with_its_evidence():
    """No foreign name to catch here: the action simply says something its evidence does not."""
    doc = injected_doc(INJECTIONS[0])
    genuine = next(s.text for s in split_sentences(doc.clean_text) if s.text.startswith("The countries agreed"))
    draft = {"meetings": [], "commitments": [
        {"evidence": genuine, "actors": ["CHN", "IDN"], "action": "abolish their navies",
         "topic": "defense", "modality": "agreed"},
        {"evidence": genuine, "actors": ["CHN", "IDN"], "action": "peacefully resolve differences to keep the region stable",
         "topic": "security", "modality": "agreed"},
    ]}
    rec = extract_article(doc, ModelExtractor(FakeBackend([draft]), ExtractOptions(mode="free", max_retries=1, prune=False)))[0]
    assert [c.action for c in rec.commitments] == [genuine, "peacefully resolve differences to keep the region stable"]
    [reason] = [r.reason for r in rec.rejected]
    assert reason.startswith("commitment action 'abolish their navies' does not agree with "
                             "its evidence (similarity ")
