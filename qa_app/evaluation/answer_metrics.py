"""Retrieval and answer metrics: gold sentences found among the retrieved ones, required facts
in the answers, citations on gold sentences, abstention on unanswerable questions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from qa_app.evaluation.gold import Fact, GoldQuestion, GoldSpans
from qa_app.evaluation.scores import Rate, Record, canon_article, norm, ratio, spans_overlap


class Span(NamedTuple):
    doc: str
    start: int
    end: int


def span_hits(a: Span, b: Span) -> bool:
    return a.doc == b.doc and spans_overlap((a.start, a.end), (b.start, b.end))


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
    if doc is None or canon_article(doc, doc_map) != article:
        return False
    got, want = norm(cit.get("quote")), norm(quote)
    if got and want and (want in got or got in want):
        return True
    if cit.get("start") is None or cit.get("end") is None:
        return False
    cspan = (int(cit["start"]), int(cit["end"]))
    return any(spans_overlap(cspan, s) for s in spans.get(article, {}).get(quote, []))


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
    # of the false abstentions: those whose first closest passage, or any of them, is a gold sentence
    refused_evidence_first: Rate
    refused_evidence_shown: Rate

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
    """Score answers: `answers[qid] = {"text": str, "abstained": bool, "citations": [...],
    "closest": [...]}` (`closest`: the passages an abstention offers, as citations).

    A citation is a dict with `doc_id` (or `article`), `quote` and optionally `start`/`end`
    in the cleaned text. A citation is correct when it is in an article of the question's
    gold evidence and its quote contains, or lies within, a gold evidence quote (whitespace
    and case-insensitive), or its span overlaps the gold sentence's span. A missing answer
    counts as an abstention. An abstention on an answerable question finds no facts.
    Citation precision/recall follow the 0/0 rules of `prf`. On a false abstention, the closest
    passages are scored like citations: is the first, or any, on a gold sentence.
    """
    spans = spans or {}
    complete = facts_found = facts_total = 0
    n_cit = good_cit = n_gold = gold_cited = 0
    unans_abst = unans = ans_abst = ans = 0
    shown_first = shown_any = 0
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
        if abstained:
            hits = [any(_citation_hits(c, art, qt, spans, doc_map) for art, qt in gold_items)
                    for c in a.get("closest") or []]
            shown_first += bool(hits[:1] and hits[0])
            shown_any += any(hits)
        found = 0 if abstained else sum(fact_satisfied(a.get("text") or "", f) for f in q.must_contain)
        facts_found += found
        facts_total += len(q.must_contain)
        complete += found == len(q.must_contain)
    return AnswerScores(
        facts_complete=Rate(complete, ans),
        facts=Rate(facts_found, facts_total),
        citation_precision=ratio(good_cit, n_cit, n_gold == 0),
        citation_recall=ratio(gold_cited, n_gold, n_cit == 0),
        citations=n_cit,
        citations_correct=good_cit,
        gold_evidence=n_gold,
        gold_evidence_cited=gold_cited,
        abstention=Rate(unans_abst, unans),
        false_abstention=Rate(ans_abst, ans),
        refused_evidence_first=Rate(shown_first, ans_abst),
        refused_evidence_shown=Rate(shown_any, ans_abst),
    )
