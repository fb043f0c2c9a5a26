"""The `qa-app extract` command: optional ingest, batch extraction, merge, output."""

from __future__ import annotations

import sys
from pathlib import Path

from qa_app.errors import BatchStoppedError, ConfigError, InterruptedRun


def run_extract_command(settings, paths: list[str], out: Path | None, mode: str, shard: str | None, force: bool,
                        prune: bool) -> bool:
    from qa_app.extract.extractors import MODES, ExtractOptions, make_extractor
    from qa_app.extract.batch import BatchReport, parse_shard, run_batch, saved_summary
    from qa_app.extract.output import write_output
    from qa_app.store import Store
    from qa_app.ui_terminal import ItemProgress, console, print_extract_report

    if mode not in MODES:
        raise ConfigError(f"unknown --mode {mode!r}; valid: {', '.join(MODES)}")
    if out is not None and out.suffix.lower() not in (".json", ".jsonl"):
        raise ConfigError(f"--out {out}: unknown extension {out.suffix or '(none)'}; use .json or .jsonl")
    shard_spec = parse_shard(shard)
    options = ExtractOptions(mode=mode, max_retries=settings.max_retries, prune=prune)
    extractor = make_extractor(settings.model, settings, options)  # a bad spec or model file fails before any work
    store = Store(settings)
    ok = True
    doc_ids = None
    if paths:
        from qa_app.ingest.pipeline import ingest
        from qa_app.ui_terminal import print_ingest_report

        stdin = sys.stdin.buffer.read() if "-" in paths else None
        report = ingest(paths, store, stdin=stdin)
        print_ingest_report(report, store.dir)
        ok = report.ok
        doc_ids = list(dict.fromkeys(i.doc_id for i in report.items if i.doc_id))
    ids = doc_ids if doc_ids is not None else store.docs.document_ids()
    if not ids:
        console.print("Nothing to extract: no article is ingested in this store.")
        return False
    batch = BatchReport()
    try:
        with ItemProgress(f"Extracting with {extractor.info.model}", total=len(ids)) as progress:
            run_batch(store, extractor, doc_ids=ids, shard=shard_spec, concurrency=settings.concurrency,
                      force=force, on_item=_announcing(progress), report=batch, max_unreachable=settings.max_unreachable)
    except KeyboardInterrupt:
        _merge_saved(store)
        raise InterruptedRun(f"interrupted: {saved_summary(store, batch)}; rerun the same command to resume "
                             "(finished articles come from the cache)") from None
    except BatchStoppedError:
        _merge_saved(store)
        raise
    events = _merge_saved(store)
    articles = batch.articles
    written = write_output(out, articles, [e for e in events if set(e.doc_ids) & {a.doc_id for a in articles}]) if out else []
    print_extract_report(batch, events, written, show_failures=False)  # printed as they failed
    return ok and batch.ok


def _merge_saved(store):
    """Merge the current records of the store into events (also after a stop or Ctrl-C, so
    that what was saved is what question answering sees)."""
    from qa_app.extract.merge import merge_events

    events = merge_events(store.records.current(), embed=store.embed_texts)
    store.records.replace_events(events)
    return events


def _announcing(progress):
    """Advance the progress bar and print each failed article as soon as it fails."""
    from rich.markup import escape

    from qa_app.ui_terminal import console

    def on_item(outcome) -> None:
        progress.advance()
        if outcome.status == "failed":
            console.print(f"[red]failed[/red]  {escape(outcome.source)}: {escape(outcome.reason)}")

    return on_item
