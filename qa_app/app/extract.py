"""Use-case: ingest if asked, extract with a model spec, merge, save records and events.

Every finished article is saved at once (the batch's cache makes a rerun resume), and the
merged events are rebuilt from the store's current records: after a complete run, and also
after Ctrl-C or a stop, so that what was saved is what question answering sees.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from qa_app.app.progress import ArticleExtracted, ExtractionStarted, Listener, ignore
from qa_app.errors import BatchStoppedError, ConfigError, InterruptedRun

if TYPE_CHECKING:
    from qa_app.extract.batch import BatchReport, Outcome
    from qa_app.ingest.pipeline import IngestReport
    from qa_app.schemas.records import Event

OUTPUT_SUFFIXES = (".json", ".jsonl")


def open_extractor(spec: str | None, settings, request: "ExtractRequest | None" = None):
    """The extractor of spec `spec` (rules, a model, or rules then a model), set for `request`'s
    mode and pruning; a bad spec or model file fails here, before any work."""
    from qa_app.extract.extractors import ExtractOptions, make_extractor

    request = request or ExtractRequest()
    options = ExtractOptions(mode=request.mode, max_retries=settings.max_retries, prune=request.prune)
    return make_extractor(spec, settings, options)


@dataclass
class ExtractRequest:
    """What to extract and how. Invalid values raise ConfigError when the request is made."""

    mode: str = "constrained"  # constrained choices or free JSON (see extract/extractors/model.py)
    prune: bool = True  # send the model only sentences with candidates and cues
    force: bool = False  # ignore cached results
    shard: str | None = None  # "K/N": only slice K of N, stable by document id
    paths: list[str] = field(default_factory=list)  # ingest these first and extract only them
    stdin: bytes | None = None  # what "-" in `paths` reads
    doc_ids: list[str] | None = None  # extract only these; default: every ingested article
    out: Path | None = None  # .json or .jsonl file of the articles' records and their events
    shard_range: tuple[int, int] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        from qa_app.extract.batch import parse_shard
        from qa_app.extract.extractors import MODES

        if self.mode not in MODES:
            raise ConfigError(f"unknown --mode {self.mode!r}; valid: {', '.join(MODES)}")
        if self.out is not None and self.out.suffix.lower() not in OUTPUT_SUFFIXES:
            raise ConfigError(f"--out {self.out}: unknown extension {self.out.suffix or '(none)'}; use .json or .jsonl")
        self.shard_range = parse_shard(self.shard)


@dataclass
class ExtractResult:
    doc_ids: list[str]  # the articles asked for (before sharding); empty: nothing to extract
    batch: BatchReport
    events: list[Event] = field(default_factory=list)  # every merged event of the store
    written: list[Path] = field(default_factory=list)
    ingest: IngestReport | None = None  # when the request ingested paths first
    seconds: float = 0.0  # extraction alone, without ingest and merge

    @property
    def nothing_to_extract(self) -> bool:
        return not self.doc_ids

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.batch.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        ingest_ok = self.ingest is None or self.ingest.ok
        return ingest_ok and self.batch.ok and not self.nothing_to_extract


def extract(store, extractor, request: ExtractRequest, on_event: Listener = ignore) -> ExtractResult:
    """Run `request` on `store` with `extractor` (from `open_extractor`)."""
    from qa_app.extract.batch import BatchReport, in_shard

    ingested = _ingest_first(store, request, on_event) if request.paths else None
    if request.doc_ids is not None:
        ids = list(request.doc_ids)
    elif ingested is not None:
        from qa_app.app.ingest import document_ids

        ids = document_ids(ingested)
    else:
        ids = store.docs.document_ids()
    batch = BatchReport()
    if not ids:
        return ExtractResult(ids, batch, ingest=ingested)
    on_event(ExtractionStarted(extractor.info.model, sum(1 for d in ids if in_shard(d, request.shard_range))))
    started = time.perf_counter()
    _run_batch(store, extractor, request, ids, batch, on_event)
    seconds = time.perf_counter() - started
    events = merge_saved(store)
    return ExtractResult(ids, batch, events, _write(request.out, batch, events), ingested, seconds)


def _ingest_first(store, request: ExtractRequest, on_event: Listener):
    from qa_app.app.ingest import ingest

    return ingest(store, request.paths, stdin=request.stdin, on_event=on_event)


def _run_batch(store, extractor, request: ExtractRequest, ids: list[str], batch, on_event: Listener) -> None:
    """The batch, filling `batch` as articles finish; Ctrl-C and a stop keep what was saved."""
    from qa_app.extract.batch import run_batch, saved_summary

    settings = store.settings
    try:
        run_batch(store, extractor, doc_ids=ids, shard=request.shard_range, concurrency=settings.concurrency,
                  force=request.force, on_item=lambda outcome: on_event(ArticleExtracted(outcome)), report=batch,
                  max_unreachable=settings.max_unreachable)
    except KeyboardInterrupt:
        try:
            merge_saved(store, embed=False)  # Ctrl-C stops at once: no embedding model is loaded to merge
        except Exception:
            pass  # the interrupt landed inside a store write; the next run merges again
        raise InterruptedRun(f"interrupted: {saved_summary(store, batch)}; rerun the same command to resume "
                             "(finished articles come from the cache)") from None
    except BatchStoppedError:
        merge_saved(store)
        raise


def merge_saved(store, embed: bool = True) -> list[Event]:
    """Merge the store's current records into events and save them; without `embed`, the link by
    similar wording is left out (the next complete run merges with it)."""
    from qa_app.extract.merge import merge_events

    events = merge_events(store.records.current(), embed=store.embed_texts if embed else None)
    store.records.replace_events(events)
    return events


def _write(out: Path | None, batch, events: list[Event]) -> list[Path]:
    """The output file(s) of this run's articles and the events that involve them."""
    if out is None:
        return []
    from qa_app.extract.output import write_output

    articles = batch.articles
    mine = {a.doc_id for a in articles}
    return write_output(out, articles, [e for e in events if set(e.doc_ids) & mine])
