"""Render an evaluation report (the dict of `run.run_eval`): rows of metrics with one
column per backend, as a rich table for the terminal and as Markdown, plus report.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Cell = Callable[[dict[str, Any]], str]
NA = "n/a"


def _get(d: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def _num(x: float | None) -> str:
    return NA if x is None else f"{x:.2f}"


def _prf(path: str, parts: str = "precision recall f1") -> Cell:
    def cell(b: dict[str, Any]) -> str:
        s = _get(b, path)
        if not s:
            return NA
        values = "/".join(_num(s[k]) for k in parts.split())
        return f"{values} (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
    return cell


def _merge(b: dict[str, Any]) -> str:
    s = _get(b, "metrics.merge")
    if s and not (s["tp"] or s["fp"] or s["fn"]):
        return "n/a (no two matched meetings to pair)"
    return _prf("metrics.merge", "precision recall")(b)


def _rate(path: str) -> Cell:
    def cell(b: dict[str, Any]) -> str:
        r = _get(b, path)
        return NA if not r else f"{_num(r['value'])} ({r['correct']}/{r['total']})"
    return cell


def _value(path: str, fmt: str = "{:.2f}") -> Cell:
    def cell(b: dict[str, Any]) -> str:
        v = _get(b, path)
        return NA if v is None else fmt.format(v)
    return cell


def _citations(b: dict[str, Any]) -> str:
    a = _get(b, "metrics.answers")
    if not a:
        return NA
    return (f"{_num(a['citation_precision'])}/{_num(a['citation_recall'])} "
            f"({a['citations_correct']}/{a['citations']} correct, {a['gold_evidence_cited']}/{a['gold_evidence']} cited)")


def _articles(b: dict[str, Any]) -> str:
    e = b.get("extraction")
    if not e:
        return "did not run" if b.get("error") else NA
    return f"{e['articles'] - e['failed']} ok, {e['failed']} failed"


def _extract_time(b: dict[str, Any]) -> str:
    t = _get(b, "extraction.timing")
    if not t:
        return NA
    per = t["seconds_per_article"]
    return f"{t['extract_seconds']:.1f} s" + ("" if per is None else f" ({per:.2f} s/article)")


def _tokens(b: dict[str, Any]) -> str:
    t = _get(b, "extraction.timing")
    return NA if not t else f"{t['tokens_in']} / {t['tokens_out']}"


def _qa_time(b: dict[str, Any]) -> str:
    t = _get(b, "qa.timing")
    if not t:
        return NA
    per = t["seconds_per_question"]
    return f"{t['qa_seconds']:.1f} s" + ("" if per is None else f" ({per:.2f} s/question)")


ROWS: list[tuple[str, Cell]] = [
    ("Model", lambda b: b.get("model") or NA),
    ("Answer mode", lambda b: b.get("answer_mode") or NA),
    ("Articles extracted", _articles),
    ("Records rejected by grounding", _value("extraction.rejected", "{}")),
    ("Meetings P/R/F1", _prf("metrics.meetings")),
    ("Participants P/R/F1", _prf("metrics.participants")),
    ("Commitments P/R/F1", _prf("metrics.commitments")),
    ("Meeting date (value+precision)", _rate("metrics.fields.date")),
    ("Meeting location (city)", _rate("metrics.fields.location")),
    ("Meeting mechanism", _rate("metrics.fields.mechanism")),
    ("Commitment topic", _rate("metrics.fields.topic")),
    ("Grounding rate (evidence == text[start:end])", _rate("metrics.grounding")),
    ("Cross-article merge pairwise P/R", _merge),
    ("Retrieval recall@5", _value("metrics.retrieval.recall_at.5")),
    ("Retrieval MRR", _value("metrics.retrieval.mrr")),
    ("Answers with all required facts", _rate("metrics.answers.facts_complete")),
    ("Required facts found", _rate("metrics.answers.facts")),
    ("Citation precision/recall", _citations),
    ("Abstained on unanswerable", _rate("metrics.answers.abstention")),
    ("False abstentions (answerable)", _rate("metrics.answers.false_abstention")),
    ("False abstentions: a gold sentence first of the closest passages", _rate("metrics.answers.refused_evidence_first")),
    ("False abstentions: a gold sentence among the closest passages", _rate("metrics.answers.refused_evidence_shown")),
    ("Held out: meetings P/R/F1", _prf("held_out.metrics.meetings")),
    ("Held out: commitments P/R/F1", _prf("held_out.metrics.commitments")),
    ("Held out: merge pairwise P/R", _prf("held_out.metrics.merge", "precision recall")),
    ("Held out: meeting date", _rate("held_out.metrics.fields.date")),
    ("Held out: commitment topic", _rate("held_out.metrics.fields.topic")),
    ("Extraction time", _extract_time),
    ("Tokens in / out (extraction)", _tokens),
    ("QA time", _qa_time),
]


def table_rows(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """(header, rows): the first column names the metric, then one column per backend."""
    backends = report["backends"]
    header = ["Metric", *backends]
    rows = []
    for label, cell in ROWS:
        rows.append([label, *(cell(b) for b in backends.values())])
    return header, rows


def _f1(b: dict[str, Any], key: str) -> float | None:
    return _get(b, f"metrics.{key}.f1")


def _tuning_note(report: dict[str, Any], scored: dict[str, Any]) -> list[str]:
    """Which figures are in-sample for the rules, and the held-out ones."""
    if "rules" not in scored:
        return []
    from qa_app.evaluation.tuning import is_tuned

    names = [q for q in report.get("articles") or []]
    tuned = sum(is_tuned(n) for n in names)
    held = scored["rules"].get("held_out")
    if names and tuned == 0:
        return ["None of these articles was used to develop the rules: every figure is held out."]
    if held:
        m = held["metrics"]
        return [f"The rules were developed against {tuned} of these articles; on the {len(held['articles'])} "
                f"held out: meetings F1 {_num(m['meetings']['f1'])}, commitments F1 {_num(m['commitments']['f1'])}, "
                f"merge P/R {_num(m['merge']['precision'])}/{_num(m['merge']['recall'])}."]
    return ["The rules and their lexicons were developed against these articles: their scores are in-sample and "
            "overstate what they do on new text."]


def summary_line(report: dict[str, Any]) -> str:
    """One plain sentence: sample size, who did best, what failed, and how far to trust it."""
    s = report["sample"]
    backends = report["backends"]
    parts = [f"{s['articles']} articles ({s['meetings']} gold meetings, {s['commitments']} commitments), "
             f"{s['questions']} questions ({s['unanswerable']} unanswerable)."]
    scored = {k: b for k, b in backends.items() if not b.get("error")}
    if scored:
        best = max(scored, key=lambda k: (_f1(scored[k], "meetings") or 0, _f1(scored[k], "commitments") or 0))
        parts.append(f"Best extraction: {best} (meetings F1 {_num(_f1(scored[best], 'meetings'))}, "
                     f"commitments F1 {_num(_f1(scored[best], 'commitments'))}).")
    for name, b in backends.items():
        if b.get("error"):
            parts.append(f"{name} did not run: {b['error']}.")
            continue
        e = b["extraction"]
        bits = [] if name == best else [f"meetings F1 {_num(_f1(b, 'meetings'))}",
                                        f"commitments F1 {_num(_f1(b, 'commitments'))}"]
        if e["failed"] or e["rejected"]:
            bits += [f"{e['failed']} of {e['articles']} articles failed", f"{e['rejected']} items rejected by grounding"]
        if bits:
            parts.append(f"{name}: {', '.join(bits)}.")
    parts += _tuning_note(report, scored)
    parts.append("A small hand-annotated sample: one item more or less moves a score by 0.05-0.25, so read the counts; "
                 "times depend on the machine and its load.")
    return " ".join(parts)


# --- output ---------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(report: dict[str, Any]) -> str:
    header, rows = table_rows(report)
    lines = [
        "# qa-app evaluation",
        "",
        f"Gold: `{report['gold']}`; store: {report['store']}; created {report['created_at']}.",
        "",
        "| " + " | ".join(_md_cell(h) for h in header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows),
        "",
        summary_line(report),
        "",
    ]
    lines += _md_details(report)
    return "\n".join(lines) + "\n"


def _md_details(report: dict[str, Any]) -> list[str]:
    lines = []
    for w in report.get("warnings") or []:
        lines.append(f"- warning: {w}")
    for name, b in report["backends"].items():
        lines += ["", f"## {name}", ""]
        if b.get("error"):
            lines.append(f"Did not run: {b['error']}")
            continue
        e = b["extraction"]
        lines.append(f"{e['meetings']} meetings, {e['commitments']} commitments, {e['events']} events after merging; "
                     f"{e['rejected']} items rejected by grounding {e['rejected_by_kind'] or ''}".rstrip())
        lines += [f"- failed: {f['source']}: {_md_cell(f['reason'])}" for f in e["failures"]]
        d = b.get("diagnostics")
        if d is not None:
            missed = ", ".join(f"{m['article'][:3]} {m['event']}" for m in d["meetings_missed"])
            lines.append(f"- gold meetings missed: {missed or 'none'}")
            lines.append(f"- predicted meetings matching no gold meeting: {len(d['meetings_spurious'])}; "
                         f"commitments: {len(d['commitments_spurious'])} (details in report.json)")
        from qa_app.evaluation.answers import markdown_lines

        lines += markdown_lines(b["qa"])
        lines += ["", "| question | abstained | facts | citations |", "|---|---|---|---|"]
        for q in b["qa"]["questions"]:
            cites = ", ".join(f"{c['article'][:3]}[{c['start']}:{c['end']}]" for c in q["citations"]) or "-"
            facts = f"{q['facts_found']}/{q['facts']}" if q["answerable"] else "(unanswerable)"
            lines.append(f"| {q['id']} | {'yes' if q['abstained'] else 'no'} | {facts} | {cites} |")
    return lines


def write_report(report: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "report.json", out_dir / "report.md"
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md_path.write_text(markdown(report), encoding="utf-8")
    return json_path, md_path
