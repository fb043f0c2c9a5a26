"""Evaluation metrics on small hand-made cases with exact expected numbers."""

from __future__ import annotations

import pytest

from qa_app.evaluation.gold import GoldArticle, GoldQuestion, find_all
from qa_app.evaluation.answer_metrics import Span, answer_scores, fact_satisfied, retrieval_scores
from qa_app.evaluation.metrics import (
    commitment_topic_accuracy,
    grounding_rate,
    iter_evidence,
    match_commitments,
    match_meetings,
    meeting_field_accuracy,
    merge_prf,
    participants_prf,
    records_by_doc,
)
from qa_app.evaluation.scores import prf
from qa_app.schemas.records import Commitment, DateInfo, Evidence, Location, Meeting, Participant

pytestmark = pytest.mark.unit


# --- helpers -------------------------------------------------------------------------


def gmeeting(event, countries, date=None, precision=None, city=None, mechanism=None, aliases=(), participants=()):
    return {
        "event": event, "title": event, "kind": "bilateral", "status": "held",
        "date": {"value": date, "precision": precision, "resolution": "absolute" if date else "unresolved"},
        "location": {"city": city, "aliases": list(aliases)}, "countries": countries,
        "participants": [{"name": n} for n in participants], "mechanism": mechanism, "evidence": ["x"],
    }


def garticle(name, meetings=(), commitments=()):
    return GoldArticle.model_validate({"article": name, "language": "en", "meetings": list(meetings), "commitments": list(commitments)})


def pmeeting(mid, countries, date=None, precision=None, city=None, mechanism=None, participants=(), doc="d1"):
    """A predicted meeting dict exactly as Meeting.model_dump() produces it."""
    return Meeting(
        id=mid, title=mid, countries=countries, date=DateInfo(value=date, precision=precision),
        location=Location(city=city), mechanism=mechanism,
        participants=[Participant(name=n) for n in participants],
        evidence=[Evidence(doc_id=doc, start=0, end=1, quote="x")],
    ).model_dump()


def pcommit(cid, actors, start, end, quote="q", topic="other", doc="a1"):
    return Commitment(id=cid, actors=actors, action="a", topic=topic,
                      evidence=[Evidence(doc_id=doc, start=start, end=end, quote=quote)]).model_dump()


# --- prf -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "expected"),
    [
        (0, 0, 0, (1.0, 1.0, 1.0)),  # empty prediction, empty gold
        (3, 0, 0, (1.0, 1.0, 1.0)),  # perfect
        (0, 0, 3, (0.0, 0.0, 0.0)),  # empty prediction, non-empty gold
        (0, 2, 0, (0.0, 0.0, 0.0)),  # predictions, empty gold
        (1, 1, 1, (0.5, 0.5, 0.5)),  # half right
        (2, 2, 0, (0.5, 1.0, 2 / 3)),
        (1, 0, 3, (1.0, 0.25, 0.4)),
    ],
)
def test_prf(tp, fp, fn, expected):
    s = prf(tp, fp, fn)
    assert (s.precision, s.recall, s.f1) == pytest.approx(expected)
    assert (s.tp, s.fp, s.fn) == (tp, fp, fn)


def test_prf_rejects_negative_counts():
    with pytest.raises(ValueError):
        prf(-1, 0, 0)


# --- meetings ------------------------------------------------------------------------

GOLD_M = {
    "a1": garticle("a1", [
        gmeeting("E1", ["CHN", "IDN"], participants=["Sun Weidong", "Zhang Baoqun"]),
        gmeeting("E2", ["CHN", "RUS"], "2022-09-19", "day"),
    ]),
}


def test_meetings_perfect():
    pred = {"a1": [pmeeting("m1", ["IDN", "CHN"], "2024-08-13", "day"), pmeeting("m2", ["CHN", "RUS"], "2022-09-19", "day")]}
    m = match_meetings(pred, GOLD_M)
    assert (m.score.precision, m.score.recall, m.score.f1) == (1.0, 1.0, 1.0)
    assert [(p.pred_index, p.gold_index) for p in m.pairs] == [(0, 0), (1, 1)]


def test_meetings_empty():
    m = match_meetings({}, GOLD_M)
    assert (m.score.precision, m.score.recall, m.score.f1) == (0.0, 0.0, 0.0)
    assert m.score.fn == 2
    empty = match_meetings({}, {"a1": garticle("a1")})
    assert (empty.score.precision, empty.score.recall, empty.score.f1) == (1.0, 1.0, 1.0)


def test_meetings_half_right():
    # a wrong date for the dated gold meeting: one tp, one fp, one fn
    pred = {"a1": [pmeeting("m1", ["CHN", "IDN"]), pmeeting("m2", ["CHN", "RUS"], "2022-09-20", "day")]}
    s = match_meetings(pred, GOLD_M).score
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)


def test_meetings_country_set_must_be_equal():
    pred = {"a1": [pmeeting("m1", ["CHN", "IDN", "RUS"]), pmeeting("m2", ["CHN"], "2022-09-19", "day")]}
    assert match_meetings(pred, GOLD_M).score.tp == 0


def test_meetings_one_to_one_and_dated_gold_first():
    gold = {"a1": garticle("a1", [gmeeting("E0", ["CHN", "RUS"]), gmeeting("E2", ["CHN", "RUS"], "2022-09-19", "day")])}
    # the dated prediction comes first; greedy prefers the dated gold, the undated gold then takes the second
    pred = {"a1": [pmeeting("m1", ["CHN", "RUS"], "2022-09-19", "day"), pmeeting("m2", ["CHN", "RUS"], "2022-09-19", "day"),
                   pmeeting("m3", ["CHN", "RUS"])]}
    m = match_meetings(pred, gold)
    assert [(p.pred_index, p.gold_index) for p in m.pairs] == [(0, 1), (1, 0)]
    assert (m.score.tp, m.score.fp, m.score.fn) == (2, 1, 0)


def test_meetings_keys_mapped_and_other_articles_ignored():
    pred = {"doc-1": [pmeeting("m1", ["CHN", "IDN"])], "unknown": [pmeeting("m9", ["USA"])]}
    s = match_meetings(pred, GOLD_M, {"doc-1": "a1"}).score
    assert (s.tp, s.fp, s.fn) == (1, 0, 1)
    assert (s.precision, s.recall) == (1.0, 0.5)


def test_participants():
    perfect = {"a1": [pmeeting("m1", ["CHN", "IDN"], participants=["Sun Weidong", "Zhang Baoqun"])]}
    assert participants_prf(perfect, GOLD_M).f1 == 1.0
    assert participants_prf({}, GOLD_M).f1 == 0.0
    half = {"a1": [pmeeting("m1", ["CHN", "IDN"], participants=["  sun   WEIDONG ", "Sergei Lavrov"]),
                   pmeeting("m2", ["CHN", "IDN"], participants=["Sun Weidong"])]}  # set-based: counted once
    s = participants_prf(half, GOLD_M)
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)


def test_meeting_field_accuracy():
    gold = {"a1": garticle("a1", [
        gmeeting("E1", ["CHN", "IDN"], "2024-08-13", "day", city="Jakarta", mechanism="2+2"),
        gmeeting("E2", ["CHN", "RUS"], "2024-02-26", "day", city="Moscow", aliases=["Moskow"]),
        gmeeting("E3", ["IDN", "JPN"]),
        gmeeting("E4", ["BRA", "RUS"], "2024-10", "month", mechanism="BRICS", aliases=[]),
    ])}
    pred = {"a1": [
        pmeeting("m1", ["CHN", "IDN"], "2024-08-13", "day", city="jakarta", mechanism="SOM 2+2"),  # all right
        pmeeting("m2", ["CHN", "RUS"], "2024-02-26", "month", city="Moskow", mechanism="SCO"),  # date precision wrong, mechanism spurious
        pmeeting("m3", ["IDN", "JPN"]),  # all null: right
        pmeeting("m4", ["BRA", "RUS"], "2024-10", "month", city="Kazan", mechanism=None),  # city not in gold; mechanism missing
    ]}
    match = match_meetings(pred, gold)
    assert match.score.tp == 4
    acc = meeting_field_accuracy(match)
    assert {k: (r.correct, r.total) for k, r in acc.items()} == {"date": (3, 4), "location": (3, 4), "mechanism": (2, 4)}
    assert acc["date"].value == 0.75
    assert meeting_field_accuracy(match_meetings({}, gold))["date"].value is None


# --- commitments ---------------------------------------------------------------------

TEXT = "China and Indonesia agreed to talk. Japan pledged money. Russia supports China."
S1, S2, S3 = "China and Indonesia agreed to talk.", "Japan pledged money.", "Russia supports China."
SPANS = {"a1": {q: find_all(TEXT, q) for q in (S1, S2, S3)}}
GOLD_C = {"a1": garticle("a1", commitments=[
    {"actors": ["CHN", "IDN"], "action": "talk", "topic": "diplomacy", "modality": "agreed", "evidence": [S1]},
    {"actors": ["JPN"], "action": "money", "topic": "economy", "modality": "pledged", "evidence": [S2]},
])}


def test_commitments_perfect():
    pred = {"a1": [pcommit("c1", ["IDN"], 0, 19, topic="diplomacy"), pcommit("c2", ["JPN"], *SPANS["a1"][S2][0], topic="trade")]}
    m = match_commitments(pred, GOLD_C, SPANS)
    assert (m.score.precision, m.score.recall, m.score.f1) == (1.0, 1.0, 1.0)
    topic = commitment_topic_accuracy(m)
    assert (topic.correct, topic.total, topic.value) == (1, 2, 0.5)


def test_commitments_empty():
    assert match_commitments({}, GOLD_C, SPANS).score.f1 == 0.0
    assert match_commitments({}, {"a1": garticle("a1")}, SPANS).score.f1 == 1.0


def test_commitments_half_right():
    s3 = SPANS["a1"][S3][0]
    pred = {"a1": [
        pcommit("c1", ["CHN"], 30, 40),  # overlaps S1 (and S2), actors overlap S1: match
        pcommit("c2", ["RUS"], *s3),  # no gold commitment in S3
    ]}
    s = match_commitments(pred, GOLD_C, SPANS).score
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)


def test_commitments_need_actor_overlap_and_same_doc():
    pred = {"a1": [pcommit("c1", ["RUS"], 0, 10), pcommit("c2", ["JPN"], *SPANS["a1"][S2][0], doc="other-doc")]}
    assert match_commitments(pred, GOLD_C, SPANS).score.tp == 0


# --- grounding -----------------------------------------------------------------------


def test_grounding_rate():
    texts = {"d1": "Hello world."}
    good = {"doc_id": "d1", "start": 0, "end": 5, "quote": "Hello"}
    bad = {"doc_id": "d1", "start": 0, "end": 5, "quote": "world"}
    unknown = {"doc_id": "d2", "start": 0, "end": 5, "quote": "Hello"}
    assert grounding_rate([good, good], texts).value == 1.0
    r = grounding_rate([good, bad], texts)
    assert (r.correct, r.total, r.value) == (1, 2, 0.5)
    assert grounding_rate([good, bad, unknown, good], texts).value == 0.5
    assert grounding_rate([], texts).value is None


def test_iter_evidence_collects_participant_evidence():
    m = pmeeting("m1", ["CHN"])
    m["participants"] = [{"name": "X", "evidence": [{"doc_id": "d1", "start": 1, "end": 2, "quote": "y"}]}]
    assert len(iter_evidence([m, pcommit("c", ["CHN"], 0, 1)])) == 3


def test_records_by_doc():
    arts = [{"doc_id": "d1", "meetings": [pmeeting("m1", ["CHN"])], "commitments": []}]
    meetings, commitments = records_by_doc(arts)
    assert list(meetings) == ["d1"] and len(meetings["d1"]) == 1 and commitments == {"d1": []}


# --- cross-article merge -------------------------------------------------------------


def _merge_match():
    gold = {
        "a1": garticle("a1", [gmeeting("SOM", ["CHN", "IDN"])]),
        "a2": garticle("a2", [gmeeting("SOM", ["CHN", "IDN"], "2024-08-13", "day"), gmeeting("OTHER", ["CHN", "RUS"])]),
    }
    pred = {"a1": [pmeeting("p1", ["CHN", "IDN"])],
            "a2": [pmeeting("p2", ["CHN", "IDN"], "2024-08-13", "day"), pmeeting("p3", ["CHN", "RUS"])]}
    return match_meetings(pred, gold)


def test_merge_perfect():
    s = merge_prf(_merge_match(), [{"id": "e1", "meeting_ids": ["p1", "p2"]}, {"id": "e2", "meeting_ids": ["p3"]}])
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_merge_nothing_merged():
    s = merge_prf(_merge_match(), [])
    assert (s.tp, s.fp, s.fn) == (0, 0, 1)
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


def test_merge_everything_merged():
    s = merge_prf(_merge_match(), [{"id": "e", "meeting_ids": ["p1", "p2", "p3"]}])
    assert (s.tp, s.fp, s.fn) == (1, 2, 0)
    assert (s.precision, s.recall, s.f1) == pytest.approx((1 / 3, 1.0, 0.5))


# --- retrieval -----------------------------------------------------------------------


def test_retrieval_scores():
    gold = [Span("d", 0, 10), Span("d", 20, 30)]
    ranked = [Span("d", 40, 50), Span("d", 5, 8), Span("e", 20, 30), Span("d", 25, 26)]
    s = retrieval_scores([(gold, ranked)], ks=(1, 2, 3, 4))
    assert s.recall_at == {1: 0.0, 2: 0.5, 3: 0.5, 4: 1.0}
    assert s.mrr == 0.5
    perfect = retrieval_scores([(gold, [("d", 0, 10), ("d", 20, 30)])], ks=(2,))
    assert (perfect.recall_at, perfect.mrr) == ({2: 1.0}, 1.0)
    both = retrieval_scores([(gold, ranked), (gold, [])], ks=(4,))
    assert (both.recall_at, both.mrr, both.queries) == ({4: 0.5}, 0.25, 2)


def test_retrieval_repeated_quote_and_no_gold():
    # one gold sentence that occurs twice: hitting either occurrence counts once
    item = [Span("d", 0, 10), Span("d", 100, 110)]
    s = retrieval_scores([([item], [Span("d", 105, 106)]), ([], [Span("d", 0, 1)])], ks=(1,))
    assert (s.recall_at, s.mrr, s.queries) == ({1: 1.0}, 1.0, 1)
    assert retrieval_scores([], ks=(1,)).queries == 0


# --- answers -------------------------------------------------------------------------

Q_ANS = GoldQuestion.model_validate({
    "id": "q1", "question": "Who represented China?", "language": "en", "answerable": True, "answer": "Sun Weidong",
    "must_contain": ["Sun Weidong", ["Tiongkok", "China"]],
    "evidence": [{"article": "a1", "quote": S1}, {"article": "a1", "quote": S3}],
})
Q_UNANS = GoldQuestion.model_validate({
    "id": "q2", "question": "Population of Japan?", "language": "en", "answerable": False, "answer": "",
    "must_contain": [], "evidence": [],
})
QS = [Q_ANS, Q_UNANS]


def cite(quote, doc="a1", **kw):
    return {"doc_id": doc, "quote": quote, **kw}


def test_fact_satisfied():
    assert fact_satisfied("SUN  weidong went", "Sun Weidong")
    assert fact_satisfied("Tiongkok diwakili", ["Tiongkok", "China"])
    assert not fact_satisfied("Indonesia", ["Tiongkok", "China"])


def test_answers_perfect():
    answers = {"q1": {"text": "Sun Weidong represented China.", "abstained": False, "citations": [cite(S1), cite(S3)]},
               "q2": {"text": "", "abstained": True, "citations": []}}
    s = answer_scores(QS, answers, SPANS)
    assert (s.facts_complete.value, s.facts.value) == (1.0, 1.0)
    assert (s.citation_precision, s.citation_recall) == (1.0, 1.0)
    assert (s.abstention.value, s.false_abstention.value) == (1.0, 0.0)


def test_answers_empty():
    s = answer_scores(QS, {}, SPANS)  # no answer = abstention
    assert (s.facts_complete.value, s.facts.value) == (0.0, 0.0)
    assert (s.citation_precision, s.citation_recall) == (0.0, 0.0)
    assert (s.abstention.value, s.false_abstention.value) == (1.0, 1.0)
    none = answer_scores([Q_UNANS], {}, SPANS)
    assert (none.citation_precision, none.citation_recall) == (1.0, 1.0)
    assert none.facts_complete.value is None


def test_answers_half_right():
    answers = {
        "q1": {"text": "It was Sun Weidong.", "abstained": False, "citations": [
            cite("China and Indonesia agreed"),  # part of S1: correct
            cite(S2),  # not gold evidence
        ]},
        "q2": {"text": "About 125 million.", "abstained": False, "citations": [cite(S2, start=36, end=56)]},
    }
    s = answer_scores(QS, answers, SPANS)
    assert (s.facts_complete.correct, s.facts_complete.total) == (0, 1)
    assert (s.facts.correct, s.facts.total, s.facts.value) == (1, 2, 0.5)
    assert (s.citations, s.citations_correct) == (3, 1)
    assert s.citation_precision == pytest.approx(1 / 3)
    assert (s.gold_evidence, s.gold_evidence_cited, s.citation_recall) == (2, 1, 0.5)
    assert (s.abstention.value, s.false_abstention.value) == (0.0, 0.0)


def test_citation_by_span_overlap_and_doc_map():
    start, end = SPANS["a1"][S3][0]
    answers = {"q1": {"text": "Sun Weidong, China", "citations": [
        cite("supports China. And more", doc="doc-a1", start=start + 7, end=end + 9),  # overlaps S3 by span
        cite(S1, doc="other"),  # right quote, wrong document
    ]}}
    s = answer_scores([Q_ANS], answers, SPANS, {"doc-a1": "a1"})
    assert (s.citations_correct, s.gold_evidence_cited) == (1, 1)
    assert s.false_abstention.value == 0.0


def test_a_false_abstention_is_scored_by_the_closest_passages_it_offers():
    shown_second = {"q1": {"text": "Not found.", "abstained": True, "citations": [],
                           "closest": [cite(S2), cite(S3), cite(S1, doc="other")]},
                    "q2": {"text": "Not found.", "abstained": True, "citations": [], "closest": [cite(S1)]}}
    s = answer_scores(QS, shown_second, SPANS)
    # only the answerable question counts; its gold sentence S3 is offered, but second
    assert (s.refused_evidence_first.correct, s.refused_evidence_first.total) == (0, 1)
    assert (s.refused_evidence_shown.correct, s.refused_evidence_shown.total) == (1, 1)
    assert s.citations == 0  # what an abstention offers is not cited
    shown_first = {"q1": {"abstained": True, "citations": [], "closest": [cite(S1)]}}
    assert answer_scores([Q_ANS], shown_first, SPANS).refused_evidence_first.value == 1.0
    answered = {"q1": {"text": "Sun Weidong, China", "abstained": False, "citations": [cite(S1)], "closest": []}}
    assert answer_scores([Q_ANS], answered, SPANS).refused_evidence_shown.total == 0
