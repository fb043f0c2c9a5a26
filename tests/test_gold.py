"""Gold annotations: they validate, every evidence quote is verbatim, junk is not a meeting."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from qa_app.evaluation.gold import (
    GoldArticle,
    GoldQuestion,
    check_evidence,
    comes_from_junk,
    doc_map,
    load_gold,
    locate_evidence,
    read_articles,
)
from qa_app.evaluation.metrics import match_commitments, match_meetings, participants_prf
from qa_app.ingest.clean import clean_text
from qa_app.ingest.pipeline import document_id

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "eval" / "gold"
ARTICLES_DIR = ROOT / "eval" / "articles"
A000, A001, A002, A003, A004 = sorted(p.name for p in ARTICLES_DIR.glob("*.txt"))


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD_DIR)


@pytest.fixture(scope="module")
def articles():
    return read_articles(ARTICLES_DIR)


def meeting(gold, article, event):
    return next(m for m in gold.articles[article].meetings if m.event == event)


# --- files and evidence --------------------------------------------------------------


def test_every_article_has_a_valid_gold_file(gold, articles):
    assert set(gold.articles) == set(articles)
    files = [p for p in GOLD_DIR.glob("*.json") if p.name != "questions.json"]
    assert {p.stem for p in files} == {Path(a).stem for a in articles}
    for path in files:
        GoldArticle.model_validate_json(path.read_text(encoding="utf-8"))
        assert (ARTICLES_DIR / f"{path.stem}.txt").exists()


def test_every_evidence_quote_is_verbatim(gold, articles):
    assert check_evidence(gold, articles) == []


def test_evidence_spans_in_cleaned_text(gold, articles):
    spans, problems = locate_evidence(gold, articles)
    assert problems == []
    for name, quotes in spans.items():
        cleaned = articles[name].cleaned
        for quote, found in quotes.items():
            assert found and all(cleaned[s:e] == quote for s, e in found)
    n_quotes = sum(len(m.evidence) for _, _, m in gold.meetings())
    assert n_quotes >= 10


def _copy_gold(tmp_path: Path) -> Path:
    dst = tmp_path / "gold"
    shutil.copytree(GOLD_DIR, dst)
    return dst


def test_a_quote_not_in_the_article_fails(tmp_path, articles):
    dst = _copy_gold(tmp_path)
    path = dst / f"{Path(A001).stem}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meetings"][0]["evidence"][0] = data["meetings"][0]["evidence"][0].replace("13 Agustus", "14 Agustus")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    problems = check_evidence(load_gold(dst), articles)
    assert len(problems) >= 1 and any("not found verbatim" in p and A001 in p for p in problems)
    _, located = locate_evidence(load_gold(dst), articles)
    assert any(A001 in p for p in located)


def test_a_quote_from_a_junk_line_fails(tmp_path, articles):
    dst = _copy_gold(tmp_path)
    path = dst / f"{Path(A000).stem}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meetings"].append({**data["meetings"][0], "event": "chl-kor-antarctic-6", "countries": ["CHL", "KOR"],
                             "title": "Chile-Korea dialogue",
                             "evidence": ["Chile and Korea hold VI Meeting of Bilateral Dialogue on Antarctic Affairs"]})
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    problems = check_evidence(load_gold(dst), articles)
    assert any("drops as junk" in p for p in problems)
    assert any("not-meeting line" in p for p in problems)


def test_a_question_quote_not_in_the_article_fails(tmp_path, articles):
    dst = _copy_gold(tmp_path)
    path = dst / "questions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["questions"][0]["evidence"][0]["quote"] = "Sun Weidong met nobody."
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert any("question q01" in p for p in check_evidence(load_gold(dst), articles))


def test_invalid_values_are_rejected():
    base = {"event": "e", "title": "t", "kind": "bilateral", "status": "held", "countries": ["CHN"], "evidence": ["x"]}
    GoldArticle.model_validate({"article": "a.txt", "language": "en", "meetings": [base]})
    bad = [
        {**base, "kind": "dinner"},
        {**base, "status": "rumoured"},
        {**base, "countries": ["China"]},
        {**base, "topics": ["sports"]},
        {**base, "evidence": []},
        {**base, "date": {"value": "2024-08", "precision": "day"}},
        {**base, "date": {"value": "2024", "precision": None}},
        {**base, "date": {"value": None, "precision": None, "resolution": "absolute"}},
        {**base, "unknown_field": 1},
    ]
    for meeting_ in bad:
        with pytest.raises(ValidationError):
            GoldArticle.model_validate({"article": "a.txt", "language": "en", "meetings": [meeting_]})
    with pytest.raises(ValidationError):
        GoldQuestion.model_validate({"id": "x", "question": "?", "language": "fr", "answerable": False, "answer": ""})
    with pytest.raises(ValidationError):  # answerable without facts or evidence
        GoldQuestion.model_validate({"id": "x", "question": "?", "language": "en", "answerable": True, "answer": "a"})


def test_doc_map(articles):
    dm = doc_map(articles.values())
    for name, art in articles.items():
        assert dm[name] == dm[Path(name).stem] == name
        assert dm[document_id(clean_text(art.raw).text)] == name


# --- junk ----------------------------------------------------------------------------


def test_junk_lines_are_not_meetings(gold, articles):
    assert "Chile and Korea hold VI Meeting of Bilateral Dialogue on Antarctic Affairs" in gold.articles[A000].not_meetings
    assert any(line.startswith("Zayn Malik") for line in gold.articles[A004].not_meetings)
    for name, art in gold.articles.items():
        cleaned = articles[name].cleaned
        for junk in art.not_meetings:
            assert junk in articles[name].raw.splitlines()
            assert junk not in cleaned  # the cleaner drops it
        texts = [m.title for m in art.meetings] + [q for m in art.meetings for q in m.evidence]
        texts += [q for c in art.commitments for q in c.evidence]
        assert not [t for t in texts if comes_from_junk(t, art.not_meetings)]
    everything = [m.title + " " + " ".join(m.evidence) for _, _, m in gold.meetings()]
    for word in ("Chile", "Antarctic", "Zayn", "Taylor Swift", "Cannes"):
        assert not [t for t in everything if word in t]


# --- the facts that matter -----------------------------------------------------------

SOM = "chn-idn-som-2plus2-2024-08-13"


def test_som_2plus2_in_001(gold):
    m = meeting(gold, A001, SOM)
    assert (m.status, m.kind, m.mechanism, m.round) == ("held", "bilateral", "2+2", 1)
    assert (m.date.value, m.date.precision, m.date.text) == ("2024-08-13", "day", "Selasa, 13 Agustus 2024")
    assert set(m.countries) == {"IDN", "CHN"}
    people = {p.name: p for p in m.participants}
    assert set(people) == {"Abdul Kadir Jailani", "Oktaheroe Ramsi", "Sun Weidong", "Zhang Baoqun"}
    assert people["Oktaheroe Ramsi"].country == "IDN" and "Brigjen TNI" in people["Oktaheroe Ramsi"].role
    assert people["Zhang Baoqun"].country == "CHN" and "Mayjen" in people["Zhang Baoqun"].role
    assert people["Sun Weidong"].country == "CHN"


def test_same_event_in_000_without_a_date(gold):
    m = meeting(gold, A000, SOM)
    assert m.date.value is None and m.date.text == "on Tuesday" and m.date.resolution == "unresolved"
    assert m.location.city == "Jakarta" and set(m.countries) == {"IDN", "CHN"}
    events = {}
    for name, _, mt in gold.meetings():
        events.setdefault(mt.event, set()).add(name)
    assert events[SOM] == {A000, A001}
    assert all(len(v) == 1 for k, v in events.items() if k != SOM)


def test_resolved_dates(gold):
    expected = {
        (A001, "chn-idn-2plus2-ministerial-2025"): ("planned", "2025", "year", None),
        (A001, "idn-chn-widodo-beijing-2023-10"): ("referenced", "2023-10", "month", None),
        (A002, "chn-rus-strategic-security-consultation-17"): ("held", "2022-09-19", "day", None),
        (A002, "chn-rus-xi-putin-samarkand-2022-09-15"): ("referenced", "2022-09-15", "day", None),
        (A004, "chn-rus-sun-weidong-moscow-2024-02"): ("held", "2024-02-26", "day", "2024-02-27"),
        (A004, "brics-summit-kazan-2024"): ("planned", "2024-10", "month", None),
        (A003, "idn-jpn-widodo-kishida"): ("held", None, None, None),
    }
    for (name, event), (status, value, precision, end) in expected.items():
        m = meeting(gold, name, event)
        assert (m.status, m.date.value, m.date.precision, m.date.end) == (status, value, precision, end), event


def test_day_dates_fall_on_the_weekday_the_article_names(gold):
    weekday = {"Senin": 0, "Selasa": 1, "Rabu": 2, "Tuesday": 1, "Monday": 0}
    days = [(m.event, m.date.value, [d for w, d in weekday.items() if w in m.date.text])
            for _, _, m in gold.meetings() if m.date.precision == "day"]
    checked = [(event, value, named[0]) for event, value, named in days if named]
    assert {event for event, _, _ in checked} == {SOM, "chn-rus-strategic-security-consultation-17",
                                                  "chn-rus-sun-weidong-moscow-2024-02"}
    for event, value, day in checked:
        assert dt.date.fromisoformat(value).weekday() == day, event


def test_every_meeting_kind_and_status_is_covered(gold):
    statuses = {m.status for _, _, m in gold.meetings()}
    assert statuses == {"held", "planned", "referenced"}
    assert sum(len(a.commitments) for a in gold.articles.values()) >= 15


# --- questions -----------------------------------------------------------------------


def test_questions(gold):
    qs = gold.questions
    assert len(qs) >= 15
    assert len({q.id for q in qs}) == len(qs)
    unanswerable = [q for q in qs if not q.answerable]
    assert len(unanswerable) >= 3 and all(not q.must_contain and not q.evidence for q in unanswerable)
    assert len([q for q in qs if q.language == "id"]) >= 2
    assert any(len(q.articles()) >= 2 for q in qs)
    assert all(q.answer for q in qs)
    assert {e.article for q in qs for e in q.evidence} <= set(gold.articles)


def test_required_questions(gold):
    by_text = {q.question: q for q in gold.questions}
    china = by_text["Who represented China at the SOM 2+2?"]
    assert china.must_contain == ["Sun Weidong", "Zhang Baoqun"] and china.articles() == {A001}
    sun = by_text["Which meetings did Sun Weidong attend?"]
    assert sun.articles() == {A001, A004}
    assert "What is the population of Japan?" in by_text and not by_text["What is the population of Japan?"].answerable


def test_reference_answers_contain_their_facts(gold):
    from qa_app.evaluation.answer_metrics import fact_satisfied

    for q in gold.questions:
        assert all(fact_satisfied(q.answer, f) for f in q.must_contain), q.id


# --- the gold scores perfectly against itself -----------------------------------------


def _as_predictions(gold, articles, spans):
    """Gold turned into prediction dicts shaped like Meeting/Commitment.model_dump(), keyed by doc id."""
    from qa_app.schemas.records import Commitment, DateInfo, Evidence, Location, Meeting, Participant

    meetings, commitments = {}, {}
    for name, art in gold.articles.items():
        doc = articles[name].doc_id

        def ev(quotes):
            return [Evidence(doc_id=doc, start=s, end=e, quote=q) for q in quotes for s, e in spans[name][q][:1]]

        meetings[doc] = [Meeting(
            id=f"{doc}-m{i}", title=m.title, kind=m.kind, status=m.status,
            date=DateInfo(value=m.date.value, precision=m.date.precision, text=m.date.text, end=m.date.end),
            location=Location(city=m.location.city, region=m.location.region, country=m.location.country),
            countries=m.countries, participants=[Participant(name=p.name, role=p.role, country=p.country) for p in m.participants],
            mechanism=m.mechanism, round=m.round, topics=m.topics, evidence=ev(m.evidence),
        ).model_dump() for i, m in enumerate(art.meetings)]
        commitments[doc] = [Commitment(
            id=f"{doc}-c{i}", actors=c.actors, action=c.action, topic=c.topic, modality=c.modality, evidence=ev(c.evidence),
        ).model_dump() for i, c in enumerate(art.commitments)]
    return meetings, commitments


def test_gold_against_itself_scores_one(gold, articles):
    from qa_app.evaluation.metrics import commitment_topic_accuracy, grounding_rate, iter_evidence, meeting_field_accuracy, merge_prf

    spans, _ = locate_evidence(gold, articles)
    meetings, commitments = _as_predictions(gold, articles, spans)
    dm = doc_map(articles.values())
    mm = match_meetings(meetings, gold.articles, dm)
    assert mm.score.f1 == 1.0
    assert all(r.value == 1.0 for r in meeting_field_accuracy(mm).values())
    assert participants_prf(meetings, gold.articles, dm).f1 == 1.0
    cm = match_commitments(commitments, gold.articles, spans, dm)
    assert cm.score.f1 == 1.0 and commitment_topic_accuracy(cm).value == 1.0
    texts = {a.doc_id: a.cleaned for a in articles.values()}
    all_records = [r for v in (*meetings.values(), *commitments.values()) for r in v]
    assert grounding_rate(iter_evidence(all_records), texts).value == 1.0
    som_ids = [p.pred["id"] for p in mm.pairs if p.gold.event == SOM]
    assert merge_prf(mm, [{"id": "e", "meeting_ids": som_ids}]).f1 == 1.0
    assert merge_prf(mm, []).recall == 0.0


def test_readme_python_example_runs(monkeypatch):
    import re

    text = (ROOT / "eval" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    monkeypatch.chdir(ROOT)
    for block in blocks:
        namespace: dict = {}
        exec(compile(block, "eval/README.md", "exec"), namespace)
        assert namespace["problems"] == []


def test_readme_json_examples_validate():
    import re

    from qa_app.evaluation.gold import GoldQuestions

    text = (ROOT / "eval" / "README.md").read_text(encoding="utf-8")
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", text, re.S)]
    assert len(blocks) == 2
    GoldArticle.model_validate(blocks[0])
    GoldQuestions.model_validate(blocks[1])


@pytest.mark.unit
def test_the_second_evaluation_set_is_valid_and_its_quotes_are_verbatim():
    gold = load_gold(ROOT / "eval" / "fresh" / "gold")
    articles = read_articles(ROOT / "eval" / "fresh" / "articles")
    assert set(gold.articles) == set(articles) and len(articles) == 104
    assert check_evidence(gold, articles) == []
    assert locate_evidence(gold, articles)[1] == []
    assert len(gold.questions) >= 550
