"""The gold questions of `qa-app eval`: retrieval ranks and cited answers with one answerer,
scored with `metrics` and broken down by `answers`."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from qa_app.evaluation import metrics as M

if TYPE_CHECKING:
    from qa_app.evaluation.run import GoldInputs, IngestResult

RETRIEVAL_KS = (1, 3, 5, 10)


def _citation(c) -> dict[str, Any]:
    return {"doc_id": c.doc_id, "start": c.start, "end": c.end, "quote": c.quote}


def answer_questions(store, answerer, inputs: GoldInputs, ing: IngestResult, progress: Callable) -> dict[str, Any]:
    """Retrieval ranks and cited answers for every gold question, with their scores and timings."""
    from qa_app.app.answer import answer as run_answer
    from qa_app.qa.retrieve import retrieve

    mode = answerer.mode
    cases, answers, details = [], {}, []
    retrieval_seconds = answer_seconds = 0.0
    for q in inputs.gold.questions:
        t0 = time.perf_counter()
        ranked = [M.Span(ing.names.get(p.doc_id, p.doc_id), p.start, p.end) for p in retrieve(store, q.question)]
        t1 = time.perf_counter()
        answer = run_answer(store, answerer, q.question)
        t2 = time.perf_counter()
        retrieval_seconds += t1 - t0
        answer_seconds += t2 - t1
        cases.append((M.question_gold_spans(q, inputs.spans), ranked))
        answers[q.id] = {"text": answer.answer, "abstained": answer.abstained,
                         "citations": [_citation(c) for c in answer.citations],
                         "closest": [_citation(c) for c in answer.closest]}
        details.append(_question_detail(q, answer, ing))
        progress()
    scores = M.answer_scores(inputs.gold.questions, answers, inputs.spans, ing.names)
    retrieval = M.retrieval_scores(cases, RETRIEVAL_KS)
    n = len(inputs.gold.questions)
    extra = answer_breakdown(store, answerer, inputs, ing, answers, details)
    return {
        **extra,
        "mode": mode,
        "retrieval": {"recall_at": {str(k): v for k, v in retrieval.recall_at.items()}, "mrr": retrieval.mrr,
                      "queries": retrieval.queries},
        "answers": scores.as_dict(),
        "timing": {"qa_seconds": round(answer_seconds, 3), "seconds_per_question": round(answer_seconds / n, 3) if n else None,
                   "retrieval_seconds": round(retrieval_seconds, 3)},
        "questions": details,
    }


def answer_breakdown(store, answerer, inputs: GoldInputs, ing: IngestResult, answers, details) -> dict[str, Any]:
    """Per question group scores, the answerability curve (extractive mode only) and the
    same- vs cross-language split (`evaluation/answers.py`)."""
    from qa_app.app.answer import answer as run_answer
    from qa_app.evaluation import answers as A
    from qa_app.qa.answer import AskOptions

    qs = inputs.gold.questions
    out = {"groups": A.group_scores(qs, answers, inputs.spans, ing.names),
           "languages": A.language_split(qs, details, A.article_languages(inputs.texts)),
           "sources": A.sources(details)}
    if answerer.mode == "extractive":
        out["calibration"] = A.calibration_curve(
            store, qs, lambda text, t: run_answer(store, answerer, text, options=AskOptions(min_support=t)))
    return out


def _place(c, ing: IngestResult) -> dict[str, Any]:
    return {"article": ing.names.get(c.doc_id, c.doc_id), "start": c.start, "end": c.end}


def _question_detail(q, answer, ing: IngestResult) -> dict[str, Any]:
    facts = [M.fact_satisfied(answer.answer, f) for f in q.must_contain] if not answer.abstained else [False] * len(q.must_contain)
    return {
        "id": q.id, "answerable": q.answerable, "abstained": answer.abstained, "mode": answer.mode,
        "facts_found": sum(facts), "facts": len(facts),
        "citations": [_place(c, ing) for c in answer.citations],
        "closest": [_place(c, ing) for c in answer.closest],
        "answer": answer.answer, "source": answer.source, "support": answer.support, "reason": answer.reason,
    }
