"""Answer quality beyond the headline scores: the answerability curve (what a support threshold
trades between abstaining on unanswerable questions and refusing answerable ones), and the
split between same-language and cross-language questions.

Questions are grouped by the letters that start their ids (the development corpus has A01…
and B01…, one group per half of its articles), so a threshold set on one group can be checked
on the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from qa_app.evaluation import metrics as M

THRESHOLDS = (0.0, 0.25, 0.30, 0.33, 0.35, 0.40, 0.45, 0.50, 0.60, 0.70)


def group_of(question_id: str) -> str:
    m = re.match(r"[A-Za-z]+", question_id)
    return m.group(0).upper() if m and m.group(0) != question_id else "all"


def _outcome(q, answer) -> dict[str, Any]:
    complete = (not answer.abstained and all(M.fact_satisfied(answer.answer, f) for f in q.must_contain))
    return {"answerable": q.answerable, "abstained": answer.abstained, "complete": complete}


def _rates(outcomes: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    ans = [o for o in outcomes if o["answerable"]]
    unans = [o for o in outcomes if not o["answerable"]]
    return {
        "answerable": len(ans), "unanswerable": len(unans),
        "complete": sum(o["complete"] for o in ans),
        "false_abstentions": sum(o["abstained"] for o in ans),
        "abstained_unanswerable": sum(o["abstained"] for o in unans),
    }


def calibration_curve(store, questions, ask: Callable[[str, float], Any],
                      thresholds: Sequence[float] = THRESHOLDS) -> dict[str, list[dict[str, Any]]]:
    """For each question group, one row per threshold: answers with all facts, false
    abstentions and abstentions on unanswerable questions. `ask(question, min_support)`
    answers one question with that threshold."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for t in thresholds:
        by_group: dict[str, list[dict[str, Any]]] = {}
        for q in questions:
            by_group.setdefault(group_of(q.id), []).append(_outcome(q, ask(q.question, t)))
        for group, outcomes in by_group.items():
            rows.setdefault(group, []).append({"threshold": t, **_rates(outcomes)})
    return dict(sorted(rows.items()))


def article_languages(texts: Mapping[str, Any]) -> dict[str, str]:
    """Article file name -> language code, from the name's _en/_id/-en/-ms ending, else detected."""
    from qa_app.text.language import detect_language

    out = {}
    for name, art in texts.items():
        m = re.search(r"[_-](en|id|ms|fr)\.\w+$", name)
        out[name] = m.group(1) if m else (detect_language(art.cleaned) or "?")
    return out


def language_split(questions, details: Sequence[Mapping[str, Any]], languages: Mapping[str, str]) -> dict[str, Any]:
    """Answerable questions split by whether the question's language is that of its evidence
    articles (same), none of them (cross), or some (mixed)."""
    by_id = {d["id"]: d for d in details}
    out: dict[str, dict[str, int]] = {}
    for q in questions:
        if not q.answerable:
            continue
        langs = {languages.get(e.article, "?") for e in q.evidence}
        kind = "same" if langs == {q.language} else ("cross" if q.language not in langs else "mixed")
        key = f"{kind} ({q.language} question)"
        row = out.setdefault(key, {"questions": 0, "complete": 0, "abstained": 0})
        d = by_id.get(q.id, {})
        row["questions"] += 1
        row["complete"] += int(d.get("facts_found", 0) == d.get("facts", -1) and not d.get("abstained", True))
        row["abstained"] += int(bool(d.get("abstained", True)))
    return dict(sorted(out.items()))


def group_scores(questions, answers: Mapping[str, Mapping[str, Any]], spans, names) -> dict[str, Any]:
    """The answer scores of `metrics.answer_scores` per question group."""
    groups: dict[str, list] = {}
    for q in questions:
        groups.setdefault(group_of(q.id), []).append(q)
    return {g: M.answer_scores(qs, answers, spans, names).as_dict() for g, qs in sorted(groups.items())}


def sources(details: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many answers came from records, from quoted sentences, from a model, or abstained."""
    out: dict[str, int] = {}
    for d in details:
        out[d.get("source", "?")] = out.get(d.get("source", "?"), 0) + 1
    return dict(sorted(out.items()))


def markdown_lines(qa: Mapping[str, Any]) -> list[str]:
    """The breakdown of one backend's answers, as Markdown."""
    lines: list[str] = []
    if qa.get("sources"):
        lines += ["", "Answers by source: " + ", ".join(f"{k} {v}" for k, v in qa["sources"].items()) + "."]
    groups = qa.get("groups") or {}
    if len(groups) > 1:
        lines += ["", "| question group | all facts | false abstentions | abstained on unanswerable | "
                      "citation on gold sentence |", "|---|---|---|---|---|"]
        for g, s in groups.items():
            fc, fa, ab = s["facts_complete"], s["false_abstention"], s["abstention"]
            lines.append(f"| {g} | {fc['correct']}/{fc['total']} | {fa['correct']}/{fa['total']} | "
                         f"{ab['correct']}/{ab['total']} | {s['gold_evidence_cited']}/{s['gold_evidence']} |")
    for g, rows in (qa.get("calibration") or {}).items():
        lines += ["", f"Answerability curve, group {g} (support threshold for answers from sentences):", "",
                  "| threshold | all facts | false abstentions | abstained on unanswerable |", "|---|---|---|---|"]
        for r in rows:
            lines.append(f"| {r['threshold']:.2f} | {r['complete']}/{r['answerable']} | "
                         f"{r['false_abstentions']}/{r['answerable']} | "
                         f"{r['abstained_unanswerable']}/{r['unanswerable']} |")
    if qa.get("languages"):
        lines += ["", "| question vs evidence language | questions | all facts | abstained |", "|---|---|---|---|"]
        for k, r in qa["languages"].items():
            lines.append(f"| {k} | {r['questions']} | {r['complete']} | {r['abstained']} |")
    return lines
