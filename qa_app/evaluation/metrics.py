"""Evaluation metrics: pure functions (no I/O) over predictions and gold annotations.

Predictions are plain dicts shaped like `Meeting.model_dump()` / `Commitment.model_dump()`
of `qa_app.schemas.records` (evidence items carry `doc_id`, `start`, `end`, `quote`),
grouped by article: `{article key: [record dict, ...]}`. The article key may be the file
name, its stem or the document id (sha256 of the cleaned text, first 16 hex digits);
`doc_map` (built by `qa_app.evaluation.gold.doc_map`) turns any of them into the gold
article's file name. Gold is a mapping of file name to `GoldArticle`. Only articles that
have gold are scored; predictions for other articles are ignored.

Conventions for empty cases (documented once here, used everywhere):
- `prf`: precision = tp / (tp + fp) and recall = tp / (tp + fn); when a denominator is 0
  the value is 1.0 if the other side is empty too (nothing predicted and nothing to find),
  else 0.0. So empty prediction + empty gold = 1.0 for P, R and F1; empty prediction +
  non-empty gold = 0.0; non-empty prediction + empty gold = 0.0. F1 is 0.0 when P + R = 0.
- `Rate` (accuracies and shares): `value` is correct / total, and None when total is 0
  (nothing to measure). Always read a rate with its `total`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from qa_app.evaluation.gold import Fact, GoldArticle, GoldCommitment, GoldMeeting, GoldQuestion, GoldSpans

Record = Mapping[str, Any]
Predictions = Mapping[str, Sequence[Record]]


# --- basic scores --------------------------------------------------------------------


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def _ratio(num: int, den: int, other_side_empty: bool) -> float:
    if den:
        return num / den
    return 1.0 if other_side_empty else 0.0


def prf(tp: int, fp: int, fn: int) -> PRF:
    """Precision, recall and F1 from counts, with the 0/0 rules of the module docstring."""
    if min(tp, fp, fn) < 0:
        raise ValueError("counts must not be negative")
    p = _ratio(tp, tp + fp, fn == 0)
    r = _ratio(tp, tp + fn, fp == 0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f1, tp, fp, fn)


@dataclass(frozen=True)
class Rate:
    correct: int
    total: int

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {"correct": self.correct, "total": self.total, "value": self.value}


def norm(text: str | None) -> str:
    """Case-, width- and whitespace-insensitive form of a string ('' for None)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return " ".join(text.split())


def _canon(key: str, doc_map: Mapping[str, str] | None) -> str:
    return doc_map.get(key, key) if doc_map else key


def group_by_article(predicted: Predictions, doc_map: Mapping[str, str] | None = None) -> dict[str, list[Record]]:
    """Predictions re-keyed by gold article name (keys mapping to one article are merged)."""
    out: dict[str, list[Record]] = {}
    for key, items in predicted.items():
        out.setdefault(_canon(key, doc_map), []).extend(items)
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


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _gold_item_spans(article: str, quotes: Iterable[str], spans: GoldSpans) -> list[tuple[int, int]]:
    found = spans.get(article, {})
    return [s for q in quotes for s in found.get(q, [])]


def _pred_spans(article: str, rec: Record, doc_map) -> list[tuple[int, int]]:
    out = []
    for ev in rec.get("evidence") or []:
        doc = ev.get("doc_id")
        if doc is not None and _canon(doc, doc_map) != article:
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
        if not any(_overlap(p, s) for p in pspans for s in gspans):
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


# --- retrieval -----------------------------------------------------------------------


class Span(NamedTuple):
    doc: str
    start: int
    end: int


def span_hits(a: Span, b: Span) -> bool:
    return a.doc == b.doc and _overlap((a.start, a.end), (b.start, b.end))


GoldItem = Span | Sequence[Span]  # one gold sentence: a span, or all spans of a repeated quote


def _as_span(item: Any) -> Span:
    return item if isinstance(item, Span) else Span(*item)


def _alternatives(item: GoldItem) -> list[Span]:
    """A gold sentence's spans: a single (doc, start, end) or a list of them."""
    if isinstance(item, tuple) and len(item) == 3 and isinstance(item[0], str):
        return [_as_span(item)]
    return [_as_span(s) for s in item]


@dataclass(frozen=True)
class RetrievalScores:
    recall_at: dict[int, float]
    mrr: float
    queries: int


def retrieval_scores(
    cases: Iterable[tuple[Sequence[GoldItem], Sequence[Span]]], ks: Sequence[int] = (1, 3, 5, 10)
) -> RetrievalScores:
    """Recall@k and MRR of gold evidence sentences, macro-averaged over queries.

    Each case is (gold sentences, ranked retrieved spans); docs must use one naming
    (canonicalise with doc_map first). A retrieved span hits a gold sentence when it
    overlaps it in the same doc. recall@k = share of the query's gold sentences hit in the
    top k; MRR = 1/rank of the first retrieved span that hits any gold sentence (0 if none).
    Queries with no gold evidence are skipped; with no queries, every score is 1.0
    (vacuous) and `queries` is 0.
    """
    recalls: dict[int, list[float]] = {k: [] for k in ks}
    rr: list[float] = []
    for gold_items, ranked in cases:
        items = [_alternatives(g) for g in gold_items]
        ranked = [_as_span(r) for r in ranked]
        if not items:
            continue
        for k in ks:
            top = ranked[:k]
            recalls[k].append(sum(any(span_hits(r, g) for r in top for g in alts) for alts in items) / len(items))
        first = next((i for i, r in enumerate(ranked, 1) if any(span_hits(r, g) for alts in items for g in alts)), None)
        rr.append(1 / first if first else 0.0)
    n = len(rr)
    return RetrievalScores({k: (sum(v) / n if n else 1.0) for k, v in recalls.items()}, sum(rr) / n if n else 1.0, n)


def question_gold_spans(question: GoldQuestion, spans: GoldSpans) -> list[list[Span]]:
    """The question's gold sentences as retrieval gold items (docs are article file names)."""
    return [[Span(e.article, s, t) for s, t in spans.get(e.article, {}).get(e.quote, [])] for e in question.evidence]


# --- answers -------------------------------------------------------------------------


def fact_satisfied(answer: str, fact: Fact) -> bool:
    """A must_contain item: any alternative appears in the answer, case-insensitively."""
    alts = [fact] if isinstance(fact, str) else fact
    text = norm(answer)
    return any(norm(a) in text for a in alts if norm(a))


def _citation_hits(cit: Record, article: str, quote: str, spans: GoldSpans, doc_map) -> bool:
    doc = cit.get("article") or cit.get("doc_id")
    if doc is None or _canon(doc, doc_map) != article:
        return False
    got, want = norm(cit.get("quote")), norm(quote)
    if got and want and (want in got or got in want):
        return True
    if cit.get("start") is None or cit.get("end") is None:
        return False
    cspan = (int(cit["start"]), int(cit["end"]))
    return any(_overlap(cspan, s) for s in spans.get(article, {}).get(quote, []))


@dataclass(frozen=True)
class AnswerScores:
    facts_complete: Rate  # answerable questions whose answer has every must_contain fact
    facts: Rate  # must_contain facts found, over all answerable questions
    citation_precision: float
    citation_recall: float
    citations: int
    citations_correct: int
    gold_evidence: int
    gold_evidence_cited: int
    abstention: Rate  # unanswerable questions the system abstained on
    false_abstention: Rate  # answerable questions the system abstained on

    def as_dict(self) -> dict[str, Any]:
        out = {}
        for k, v in self.__dict__.items():
            out[k] = v.as_dict() if isinstance(v, Rate) else v
        return out


def answer_scores(
    questions: Sequence[GoldQuestion],
    answers: Mapping[str, Record],
    spans: GoldSpans | None = None,
    doc_map: Mapping[str, str] | None = None,
) -> AnswerScores:
    """Score answers: `answers[qid] = {"text": str, "abstained": bool, "citations": [...]}`.

    A citation is a dict with `doc_id` (or `article`), `quote` and optionally `start`/`end`
    in the cleaned text. A citation is correct when it is in an article of the question's
    gold evidence and its quote contains, or lies within, a gold evidence quote (whitespace
    and case-insensitive), or its span overlaps the gold sentence's span. A missing answer
    counts as an abstention. An abstention on an answerable question finds no facts.
    Citation precision/recall follow the 0/0 rules of `prf`.
    """
    spans = spans or {}
    complete = facts_found = facts_total = 0
    n_cit = good_cit = n_gold = gold_cited = 0
    unans_abst = unans = ans_abst = ans = 0
    for q in questions:
        a = answers.get(q.id) or {}
        abstained = bool(a.get("abstained", not a))
        cits = list(a.get("citations") or [])
        gold_items = [(e.article, e.quote) for e in q.evidence]
        n_cit += len(cits)
        good_cit += sum(any(_citation_hits(c, art, qt, spans, doc_map) for art, qt in gold_items) for c in cits)
        n_gold += len(gold_items)
        gold_cited += sum(any(_citation_hits(c, art, qt, spans, doc_map) for c in cits) for art, qt in gold_items)
        if not q.answerable:
            unans += 1
            unans_abst += abstained
            continue
        ans += 1
        ans_abst += abstained
        found = 0 if abstained else sum(fact_satisfied(a.get("text") or "", f) for f in q.must_contain)
        facts_found += found
        facts_total += len(q.must_contain)
        complete += found == len(q.must_contain)
    return AnswerScores(
        facts_complete=Rate(complete, ans),
        facts=Rate(facts_found, facts_total),
        citation_precision=_ratio(good_cit, n_cit, n_gold == 0),
        citation_recall=_ratio(gold_cited, n_gold, n_cit == 0),
        citations=n_cit,
        citations_correct=good_cit,
        gold_evidence=n_gold,
        gold_evidence_cited=gold_cited,
        abstention=Rate(unans_abst, unans),
        false_abstention=Rate(ans_abst, ans),
    )
