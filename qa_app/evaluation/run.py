"""The `qa-app eval` harness: ingest the gold articles once, then extract, merge and answer
the gold questions with every backend (through the use-cases of `qa_app.app`), and score
each run with `metrics` (the questions' part is in `questions.py`).

The store is a fresh temporary folder unless one is given, so a run is reproducible and
never touches the user's store. Each backend's records are made the current records of
the gold articles in turn (an article a backend fails on has no current record), so
retrieval and answers of one backend never see another's records.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from qa_app.errors import ConfigError, InputError, QaAppError
from qa_app.evaluation import metrics as M
from qa_app.evaluation.gold import ArticleText, GoldSet, GoldSpans, check_evidence, doc_map, load_gold, locate_evidence, read_articles

log = logging.getLogger(__name__)

REPORT_VERSION = 1
BASELINE = "rules"


@dataclass
class EvalOptions:
    gold_dir: Path = Path("eval/gold")
    articles_dir: Path | None = None  # default: <gold dir>/../articles
    out_dir: Path | None = None  # default: <gold dir>/../out
    store_dir: Path | None = None  # default: a temporary store, deleted afterwards
    models: list[str] = field(default_factory=list)
    extract_mode: str = "constrained"

    def resolved(self) -> "EvalOptions":
        gold = Path(self.gold_dir).expanduser()
        return EvalOptions(
            gold_dir=gold,
            articles_dir=Path(self.articles_dir).expanduser() if self.articles_dir else gold.parent / "articles",
            out_dir=Path(self.out_dir).expanduser() if self.out_dir else gold.parent / "out",
            store_dir=Path(self.store_dir).expanduser() if self.store_dir else None,
            models=list(self.models), extract_mode=self.extract_mode,
        )


def backend_specs(models: list[str]) -> list[str]:
    """The rules baseline first, then each requested spec once; every spec is validated up front."""
    from qa_app.extract.extractors import parse_spec

    specs = [BASELINE]
    for m in models:
        parse_spec(m)  # ConfigError listing the valid specs
        if m.strip() and m.strip() not in specs:
            specs.append(m.strip())
    return specs


@dataclass
class GoldInputs:
    gold: GoldSet
    texts: dict[str, ArticleText]  # by article file name
    spans: GoldSpans
    paths: list[Path]  # the article files the gold names


def load_inputs(gold_dir: Path, articles_dir: Path) -> GoldInputs:
    if not gold_dir.is_dir():
        raise InputError(f"gold folder {gold_dir} not found; run from the repository root or give --gold")
    try:
        gold = load_gold(gold_dir)
    except ValueError as exc:
        raise InputError(f"invalid gold annotations in {gold_dir}: {exc}") from exc
    if not gold.articles:
        raise InputError(f"no gold article files (*.json) in {gold_dir}")
    paths = [articles_dir / name for name in gold.articles]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise InputError(f"article files named by the gold are missing: {', '.join(missing)} (give --articles)")
    texts = {name: t for name, t in read_articles(articles_dir).items() if name in gold.articles}
    problems = check_evidence(gold, texts)
    spans, not_found = locate_evidence(gold, texts)
    problems += [p for p in not_found if p not in problems]
    if problems:
        raise InputError(f"{len(problems)} problem(s) in the gold evidence, first: {problems[0]}")
    return GoldInputs(gold, texts, spans, paths)


# --- ingest ---------------------------------------------------------------------------


@dataclass
class IngestResult:
    doc_ids: list[str]  # in gold order
    names: dict[str, str]  # every key (file name, stem, document id) -> article file name
    texts: dict[str, str]  # cleaned text by document id, as stored
    seconds: float
    summary: dict[str, Any]
    warnings: list[str]


def check_store_is_dedicated(store, inputs: GoldInputs) -> None:
    """The eval resets current records and merged events: refuse a store that holds other articles."""
    gold_ids = {t.doc_id for t in inputs.texts.values()}
    others = [d for d in store.docs.document_ids() if d not in gold_ids]
    if others:
        raise ConfigError(f"--store {store.dir} holds {len(others)} article(s) that are not gold articles; "
                          "give an empty folder or one used only for evaluation")


def ingest_gold(store, inputs: GoldInputs) -> IngestResult:
    from qa_app.app.ingest import ingest

    check_store_is_dedicated(store, inputs)
    started = time.perf_counter()
    report = ingest(store, [str(p) for p in inputs.paths])
    seconds = time.perf_counter() - started
    failed = [f"{i.source}: {i.reason}" for i in report.items if i.status == "failed" or not i.doc_id]
    if failed:
        raise InputError(f"could not ingest a gold article: {failed[0]}")
    names = doc_map(inputs.texts.values())
    doc_ids, texts, warnings = [], {}, []
    for item in report.items:
        name = Path(item.source).name
        names[item.doc_id] = name
        doc_ids.append(item.doc_id)
        texts[item.doc_id] = store.docs.get_document(item.doc_id).clean_text
        if texts[item.doc_id] != inputs.texts[name].cleaned:
            warnings.append(f"{name}: the stored cleaned text differs from the gold's cleaning; spans may not line up")
    summary = {"documents": len(doc_ids), "ingested": report.count("ingested"), "skipped": report.count("skipped"),
               "chunks": report.chunks, "seconds": round(seconds, 3)}
    return IngestResult(list(dict.fromkeys(doc_ids)), names, texts, seconds, summary, warnings)


def reset_current(store, doc_ids: list[str]) -> None:
    """Forget which records are current for these documents, and every merged event.

    Each backend is scored on its own records only; the extraction cache is kept.
    """
    store.records.forget_current(doc_ids)
    store.records.replace_events([])


# --- one backend ----------------------------------------------------------------------


def _extract(store, extractor, ing: IngestResult, extract_mode: str, advance: Callable):
    """The extract use-case on the gold articles (records and merged events saved as current)."""
    from qa_app.app.extract import ExtractRequest, extract
    from qa_app.app.progress import ArticleExtracted

    return extract(store, extractor, ExtractRequest(mode=extract_mode, doc_ids=ing.doc_ids),
                   on_event=lambda event: advance() if isinstance(event, ArticleExtracted) else None)


def extraction_metrics(articles: list[dict], events: list[dict], inputs: GoldInputs,
                       ing: IngestResult) -> tuple[dict[str, Any], dict[str, Any]]:
    """(metrics, diagnostics) of one backend's ArticleRecords and Event dicts."""
    gold = inputs.gold.articles
    meetings, commitments = M.records_by_doc(articles)
    m_match = M.match_meetings(meetings, gold, ing.names)
    c_match = M.match_commitments(commitments, gold, inputs.spans, ing.names)
    fields = {k: v.as_dict() for k, v in M.meeting_field_accuracy(m_match).items()}
    fields["topic"] = M.commitment_topic_accuracy(c_match).as_dict()
    evidence = M.iter_evidence([r for recs in (*meetings.values(), *commitments.values()) for r in recs])
    metrics = {
        "meetings": m_match.score.as_dict(),
        "participants": M.participants_prf(meetings, gold, ing.names).as_dict(),
        "commitments": c_match.score.as_dict(),
        "fields": fields,
        "grounding": M.grounding_rate(evidence, ing.texts).as_dict(),
        "merge": M.merge_prf(m_match, events).as_dict(),
    }
    return metrics, diagnostics(meetings, commitments, m_match, c_match, inputs, ing)


def held_out_metrics(articles: list[dict], events: list[dict], inputs: GoldInputs,
                     ing: IngestResult) -> dict[str, Any] | None:
    """Extraction metrics over the gold articles the rules were not developed against, when the
    gold holds both kinds (None otherwise: then every figure is one or the other)."""
    from qa_app.evaluation.tuning import held_out

    names = held_out(list(inputs.gold.articles))
    if not names or len(names) == len(inputs.gold.articles):
        return None
    keep = set(names)
    sub = GoldInputs(GoldSet({n: a for n, a in inputs.gold.articles.items() if n in keep}, []),
                     {n: t for n, t in inputs.texts.items() if n in keep}, inputs.spans, inputs.paths)
    mine = [a for a in articles if ing.names.get(a["doc_id"]) in keep]
    metrics, _ = extraction_metrics(mine, events, sub, ing)
    return {"articles": sorted(names), "metrics": metrics}


def diagnostics(meetings, commitments, m_match, c_match, inputs: GoldInputs, ing: IngestResult) -> dict[str, Any]:
    """What the scores count: gold items missed and predictions that matched nothing."""
    def unmatched_preds(preds, match) -> list[tuple[str, dict]]:
        used = {(p.article, p.pred_index) for p in match.pairs}
        return [(name, r) for name, recs in M.group_by_article(preds, ing.names).items() if name in inputs.gold.articles
                for i, r in enumerate(recs) if (name, i) not in used]

    def missed(attr: str, match) -> list[tuple[str, Any]]:
        used = {(p.article, p.gold_index) for p in match.pairs}
        return [(name, g) for name, art in inputs.gold.articles.items() for j, g in enumerate(getattr(art, attr))
                if (name, j) not in used]

    return {
        "meetings_missed": [{"article": n, "event": g.event, "status": g.status, "countries": g.countries,
                             "date": g.date.value} for n, g in missed("meetings", m_match)],
        "meetings_spurious": [{"article": n, "title": r.get("title"), "status": r.get("status"),
                               "countries": r.get("countries"), "date": (r.get("date") or {}).get("value")}
                              for n, r in unmatched_preds(meetings, m_match)],
        "commitments_missed": [{"article": n, "actors": g.actors, "action": g.action} for n, g in missed("commitments", c_match)],
        "commitments_spurious": [{"article": n, "actors": r.get("actors"), "action": r.get("action"),
                                  "quote": ((r.get("evidence") or [{}])[0]).get("quote")}
                                 for n, r in unmatched_preds(commitments, c_match)],
    }


def _extraction_summary(result) -> dict[str, Any]:
    batch, events, seconds = result.batch, result.events, result.seconds
    arts = batch.articles
    rejected = [r for a in arts for r in a.rejected]
    n = len(arts)
    return {
        "articles": n, "done": batch.count("done"), "cached": batch.count("cached"), "failed": batch.count("failed"),
        "failures": [{"source": Path(o.source).name, "reason": o.reason} for o in batch.outcomes if o.status == "failed"],
        "meetings": sum(len(a.meetings) for a in arts if a.status == "ok"),
        "commitments": sum(len(a.commitments) for a in arts if a.status == "ok"),
        "events": len(events),
        "rejected": len(rejected),
        "rejected_by_kind": dict(sorted(Counter(r.kind for r in rejected).items())),
        "timing": {
            "extract_seconds": round(seconds, 3),
            "seconds_per_article": round(seconds / n, 3) if n else None,
            "model_seconds": round(sum(a.provenance.seconds for a in arts), 3),
            "tokens_in": sum(a.provenance.tokens_in for a in arts),
            "tokens_out": sum(a.provenance.tokens_out for a in arts),
        },
    }


@dataclass
class RunContext:
    store: Any
    settings: Any
    inputs: GoldInputs
    ing: IngestResult
    extract_mode: str = "constrained"
    progress: Callable[[str, int], Any] | None = None  # (label, total) -> context manager with .advance()

    def bar(self, label: str, total: int):
        return (self.progress or _NoProgress)(label, total)


class _NoProgress:
    def __init__(self, *_args):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def advance(self, *_args) -> None:
        pass


def evaluate_backend(spec: str, ctx: RunContext) -> dict[str, Any]:
    """Extract, merge and answer with one backend: its part of the report."""
    from qa_app.app.answer import Answerer
    from qa_app.app.extract import ExtractRequest, open_extractor
    from qa_app.evaluation.questions import answer_questions

    result: dict[str, Any] = {"spec": spec, "error": None}
    reset_current(ctx.store, ctx.ing.doc_ids)
    extractor = None
    try:
        extractor = open_extractor(spec, ctx.settings, ExtractRequest(mode=ctx.extract_mode))
        answerer = Answerer.of_backend(extractor.backend) if extractor.backend is not None else Answerer("extractive")
        result.update(backend=extractor.info.name, model=extractor.info.model, answer_mode=answerer.mode)
        with ctx.bar(f"Extracting with {spec}", len(ctx.ing.doc_ids)) as bar:
            extracted = _extract(ctx.store, extractor, ctx.ing, ctx.extract_mode, bar.advance)
        result["extraction"] = _extraction_summary(extracted)
        dumped = [a.model_dump() for a in extracted.batch.articles]
        event_dicts = [e.model_dump() for e in extracted.events]
        result["metrics"], result["diagnostics"] = extraction_metrics(dumped, event_dicts, ctx.inputs, ctx.ing)
        result["held_out"] = held_out_metrics(dumped, event_dicts, ctx.inputs, ctx.ing)
        with ctx.bar(f"Answering with {spec}", len(ctx.inputs.gold.questions)) as bar:
            qa = answer_questions(ctx.store, answerer, ctx.inputs, ctx.ing, bar.advance)
        result["metrics"]["retrieval"] = qa.pop("retrieval")
        result["metrics"]["answers"] = qa.pop("answers")
        result["qa"] = qa
    except QaAppError as exc:
        log.debug("backend %s failed", spec, exc_info=True)
        result["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        if extractor is not None:
            extractor.close()
    return result


# --- the whole run --------------------------------------------------------------------


def run_eval(options: EvalOptions, progress: Callable[[str, int], Any] | None = None) -> dict[str, Any]:
    """Run every backend over the gold and return the report (a JSON-ready dict)."""
    from qa_app.settings import load_settings

    opts = options.resolved()
    specs = backend_specs(opts.models)
    inputs = load_inputs(opts.gold_dir, opts.articles_dir)
    with _store_dir(opts.store_dir) as store_dir:
        settings = load_settings(store=store_dir)
        from qa_app.store import Store

        store = Store(settings)
        try:
            ing = ingest_gold(store, inputs)
            ctx = RunContext(store, settings, inputs, ing, opts.extract_mode, progress)
            backends = {spec: evaluate_backend(spec, ctx) for spec in specs}
        finally:
            store.close()
    return _report(opts, inputs, ing, backends)


@contextmanager
def _store_dir(given: Path | None) -> Iterator[Path]:
    """The given store folder, or a temporary one removed on exit."""
    if given is not None:
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="qa-app-eval-", ignore_cleanup_errors=True) as tmp:
        yield Path(tmp)


def _report(opts: EvalOptions, inputs: GoldInputs, ing: IngestResult, backends: dict[str, Any]) -> dict[str, Any]:
    questions = inputs.gold.questions
    return {
        "version": REPORT_VERSION,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "gold": str(opts.gold_dir),
        "articles_dir": str(opts.articles_dir),
        "store": str(opts.store_dir) if opts.store_dir else "temporary",
        "extract_mode": opts.extract_mode,
        "articles": sorted(inputs.gold.articles),
        "sample": {
            "articles": len(inputs.gold.articles),
            "meetings": sum(len(a.meetings) for a in inputs.gold.articles.values()),
            "commitments": sum(len(a.commitments) for a in inputs.gold.articles.values()),
            "questions": len(questions),
            "unanswerable": sum(not q.answerable for q in questions),
        },
        "ingest": ing.summary,
        "warnings": ing.warnings,
        "backends": backends,
    }
