"""Evaluation metrics: pure functions (no I/O) over predictions and gold annotations.

Predictions are plain dicts shaped like `Meeting.model_dump()` / `Commitment.model_dump()`
of `qa_app.schemas.records` (evidence items carry `doc_id`, `start`, `end`, `quote`),
grouped by article: `{article key: [record dict, ...]}`. The article key may be the file
name, its stem or the document id (sha256 of the cleaned text, first 16 hex digits);
`doc_map` (built by `qa_app.evaluation.gold.doc_map`) turns any of them into the gold
article's file name. Gold is a mapping of file name to `GoldArticle`. Only articles that
have gold are scored; predictions for other articles are ignored.

The basic scores (`PRF`, `Rate`) and their rules for empty cases are in `scores`; retrieval
and answer metrics in `answer_metrics`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qa_app.evaluation.answer_metrics import (  # noqa: F401 - the evaluation run reads them from here
    AnswerScores,
    RetrievalScores,
    Span,
    answer_scores,
    fact_satisfied,
    question_gold_spans,
    retrieval_scores,
    span_hits,
)
from qa_app.evaluation.gold import GoldArticle, GoldCommitment, GoldMeeting, GoldSpans
from qa_app.evaluation.scores import PRF, Predictions, Rate, Record, canon_article, norm, prf, spans_overlap


def group_by_article(predicted: Predictions, doc_map: Mapping[str, str] | None = None) -> dict[str, list[Record]]:
    """Predictions re-keyed by gold article name (keys mapping to one article are merged)."""
    out: dict[str, list[Record]] = {}
    for key, items in predicted.items():
        out.setdefault(canon_article(key, doc_map), []).extend(items)
    return out


def records_by_doc(articles: Iterable[Record]) -> tuple[dict[str, list[Record]], dict[str, list[Record]]]:
    """(meetings, commitments) keyed by doc_id from ArticleRecords dicts (e.g. a BatchOutput's `articles`)."""
    meetings: dict[str, list[Record]] = {}
    commitments: dict[str, list[Record]] = {}
    for art in articles:
        meetings.setdefault(art["doc_id"], []).extend(art.get("meetings") or [])
        commitments.setdefault(art["doc_id"], []).extend(art.get("commitments") or [])
    return meetings, commitments


# --- one-to-one greedy matching -----------------------------------------------------


@dataclass(frozen=True)
class Pair:
    article: str
    pred_index: int
    gold_index: int
    pred: Record = field(repr=False)
    gold: Any = field(repr=False)  # GoldMeeting or GoldCommitment


@dataclass(frozen=True)
class Match:
    pairs: list[Pair]
    score: PRF


def _greedy(article: str, preds: Sequence[Record], golds: Sequence[Any], priority) -> list[Pair]:
    """Assign pairs best priority first (ties: earlier prediction, then earlier gold).

    `priority(pred, gold)` returns None for "no match" or a sortable value, higher is better.
    """
    cands = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            pr = priority(p, g)
            if pr is not None:
                cands.append((pr, i, j))
    cands.sort(key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append(Pair(article, i, j, preds[i], golds[j]))
    return sorted(pairs, key=lambda p: p.pred_index)


def _match_all(predicted: Predictions, gold: Mapping[str, GoldArticle], doc_map, attr: str, priority) -> Match:
    by_article = group_by_article(predicted, doc_map)
    pairs: list[Pair] = []
    n_pred = n_gold = 0
    for name, art in gold.items():
        golds = getattr(art, attr)
        preds = by_article.get(name, [])
        n_pred += len(preds)
        n_gold += len(golds)
        pairs += _greedy(name, preds, golds, lambda p, g, _name=name: priority(_name, p, g))
    return Match(pairs, prf(len(pairs), n_pred - len(pairs), n_gold - len(pairs)))


# --- meetings ------------------------------------------------------------------------


def _date_value(rec: Record) -> str | None:
    date = rec.get("date") or {}
    return date.get("value")


def meeting_priority(pred: Record, gold: GoldMeeting) -> tuple[int] | None:
    """Same country set and, when the gold has a date, the same ISO date value.

    2 = matched on a dated gold, 1 = gold date is null (matches any predicted date).
    """
    if {c.upper() for c in pred.get("countries") or []} != set(gold.countries):
        return None
    if gold.date.value is None:
        return (1,)
    return (2,) if _date_value(pred) == gold.date.value else None


def match_meetings(predicted: Predictions, gold: Mapping[str, GoldArticle], doc_map: Mapping[str, str] | None = None) -> Match:
    """Meeting P/R/F1 with one-to-one greedy matching per article."""
    return _match_all(predicted, gold, doc_map, "meetings", lambda _a, p, g: meeting_priority(p, g))


def participants_prf(predicted: Predictions, gold: Mapping[str, GoldArticle], doc_map: Mapping[str, str] | None = None) -> PRF:
    """Participants by canonical name (case/whitespace-insensitive), per article, set-based."""
    by_article = group_by_article(predicted, doc_map)
    tp = fp = fn = 0
    for name, art in gold.items():
        want = {norm(p.name) for m in art.meetings for p in m.participants}
        got = {norm(p.get("name")) for m in by_article.get(name, []) for p in m.get("participants") or []}
        got.discard("")
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    return prf(tp, fp, fn)


# --- commitments ---------------------------------------------------------------------


def _inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _gold_item_spans(article: str, quotes: Iterable[str], spans: GoldSpans) -> list[tuple[int, int]]:
    found = spans.get(article, {})
    return [s for q in quotes for s in found.get(q, [])]


def _pred_spans(article: str, rec: Record, doc_map) -> list[tuple[int, int]]:
    out = []
    for ev in rec.get("evidence") or []:
        doc = ev.get("doc_id")
        if doc is not None and canon_article(doc, doc_map) != article:
            continue
        if ev.get("start") is not None and ev.get("end") is not None:
            out.append((int(ev["start"]), int(ev["end"])))
    return out


def match_commitments(
    predicted: Predictions,
    gold: Mapping[str, GoldArticle],
    spans: GoldSpans,
    doc_map: Mapping[str, str] | None = None,
) -> Match:
    """Commitment P/R/F1: actors intersect and a predicted evidence span overlaps a gold one.

    `spans` are the gold quotes' spans in the cleaned text (`gold.locate_evidence`).
    Priority: a predicted span inside a gold sentence beats a mere overlap, then the same
    actor set beats a partial one.
    """

    def priority(article: str, pred: Record, g: GoldCommitment) -> tuple[int, int] | None:
        actors = {a.upper() for a in pred.get("actors") or []}
        if not actors & set(g.actors):
            return None
        gspans = _gold_item_spans(article, g.evidence, spans)
        pspans = _pred_spans(article, pred, doc_map)
        if not any(spans_overlap(p, s) for p in pspans for s in gspans):
            return None
        inside = any(_inside(p, s) for p in pspans for s in gspans)
        return (int(inside), int(actors == set(g.actors)))

    return _match_all(predicted, gold, doc_map, "commitments", priority)


# --- field accuracy ------------------------------------------------------------------


def date_correct(pred: Record, gold: GoldMeeting) -> bool:
    date = pred.get("date") or {}
    return (date.get("value"), date.get("precision")) == (gold.date.value, gold.date.precision)


def location_correct(pred: Record, gold: GoldMeeting) -> bool:
    """City equal to the gold city or one of its aliases; a null gold city wants null (or an alias)."""
    city = norm((pred.get("location") or {}).get("city"))
    accepted = {norm(a) for a in gold.location.aliases}
    if gold.location.city is None:
        return city == "" or city in accepted
    return city in accepted | {norm(gold.location.city)}


def mechanism_correct(pred: Record, gold: GoldMeeting) -> bool:
    """Normalised strings where either contains the other (gold mechanism or an alias); both null is correct."""
    got = norm(pred.get("mechanism"))
    if gold.mechanism is None:
        return got == ""
    if not got:
        return False
    return any(got in w or w in got for w in (norm(x) for x in [gold.mechanism, *gold.mechanism_aliases]) if w)


def meeting_field_accuracy(match: Match) -> dict[str, Rate]:
    """Accuracy of date (value and precision), location (city) and mechanism over matched meetings."""
    checks = {"date": date_correct, "location": location_correct, "mechanism": mechanism_correct}
    n = len(match.pairs)
    return {k: Rate(sum(f(p.pred, p.gold) for p in match.pairs), n) for k, f in checks.items()}


def commitment_topic_accuracy(match: Match) -> Rate:
    return Rate(sum(p.pred.get("topic") == p.gold.topic for p in match.pairs), len(match.pairs))


# --- grounding -----------------------------------------------------------------------


def iter_evidence(records: Iterable[Record]) -> list[Record]:
    """Every evidence item of meeting/commitment dicts, including their participants' evidence."""
    out: list[Record] = []
    for rec in records:
        out.extend(rec.get("evidence") or [])
        for part in rec.get("participants") or []:
            out.extend(part.get("evidence") or [])
    return out


def grounding_rate(evidence: Iterable[Record], texts: Mapping[str, str]) -> Rate:
    """Share of evidence items whose quote == texts[doc_id][start:end] (texts: cleaned text by doc id)."""
    items = list(evidence)
    ok = 0
    for ev in items:
        text = texts.get(ev.get("doc_id"))
        start, end = ev.get("start"), ev.get("end")
        if text is not None and start is not None and end is not None and 0 <= start <= end:
            ok += text[start:end] == ev.get("quote")
    return Rate(ok, len(items))


# --- cross-article merge -------------------------------------------------------------


def merge_prf(match: Match, events: Iterable[Record]) -> PRF:
    """Pairwise P/R of same-event clusters over the matched meetings of all articles.

    `events` are Event dicts (`meeting_ids`). For every two matched meetings: predicted
    "same" when their predicted meetings share an event, gold "same" when their gold
    meetings share an `event` key. A matched meeting in no event is a cluster of its own.
    Meeting ids must be unique across articles.
    """
    cluster: dict[str, int] = {}
    for k, ev in enumerate(events):
        for mid in ev.get("meeting_ids") or []:
            cluster[mid] = k
    keys = []
    for n, p in enumerate(match.pairs):
        mid = p.pred.get("id")
        keys.append((cluster.get(mid, ("solo", n)) if mid is not None else ("solo", n), p.gold.event))
    tp = fp = fn = 0
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            same_pred = keys[i][0] == keys[j][0]
            same_gold = keys[i][1] == keys[j][1]
            tp += same_pred and same_gold
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    return prf(tp, fp, fn)
