"""Batch extraction: cached, resumable, shardable, with bounded concurrency.

Each finished article is committed to the store at once, so a batch killed halfway
resumes without redoing what it finished: the cache key (document, backend, model,
prompt version, schema version, mode) finds it.

Faults of one article (output that fails validation, a request that timed out or got a
server error) fail that article with the reason and the batch goes on; a failed article
keeps the records an earlier run stored for it. When the model server cannot be reached
for several articles in a row, the batch stops with a message saying what is saved and how
to resume. Wrong credentials or an unknown model stop it at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone

from qa_app.backends.base import Backend
from qa_app.errors import BatchStoppedError, ConfigError, ExtractionError, ServerUnreachableError
from qa_app.extract.article import ExtractOptions, extract_article
from qa_app.schemas.records import SCHEMA_VERSION, ArticleRecords, Provenance
from qa_app.store import Store
from qa_app.store.records import cache_key

log = logging.getLogger(__name__)

#: Articles in a row whose model server could not be reached before a batch stops.
MAX_CONSECUTIVE_UNREACHABLE = 3


@dataclass
class Outcome:
    doc_id: str
    source: str
    status: str  # "done" | "cached" | "failed"
    reason: str = ""


@dataclass
class BatchReport:
    outcomes: list[Outcome] = field(default_factory=list)
    articles: list[ArticleRecords] = field(default_factory=list)
    total: int = 0  # articles in this batch (after sharding)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """'K/N' -> (K, N) with 1 <= K <= N."""
    if not value:
        return None
    try:
        k, n = (int(x) for x in value.split("/"))
    except ValueError:
        raise ConfigError(f"invalid --shard {value!r}; expected K/N, e.g. 1/4") from None
    if not (1 <= k <= n):
        raise ConfigError(f"invalid --shard {value!r}; K must be between 1 and N")
    return k, n


def in_shard(doc_id: str, shard: tuple[int, int] | None) -> bool:
    """Stable by document id: the same document always lands in the same shard."""
    return shard is None or int(doc_id[:12], 16) % shard[1] == shard[0] - 1


def _failed(doc, backend: Backend, options: ExtractOptions, reason: str) -> ArticleRecords:
    return ArticleRecords(
        doc_id=doc.id, article_id=doc.article_id, source=doc.source, title=doc.title, language=doc.language, published=doc.published,
        status="failed", error=reason,
        provenance=Provenance(backend=backend.info.name, model=backend.info.model, prompt_version=options.prompt_version,
                              schema_version=SCHEMA_VERSION,
                              extracted_at=datetime.now(timezone.utc).isoformat(timespec="seconds")),
    )


def run_batch(
    store: Store,
    backend: Backend,
    options: ExtractOptions,
    doc_ids: list[str] | None = None,
    shard: tuple[int, int] | None = None,
    concurrency: int = 1,
    force: bool = False,
    on_item: Callable[[Outcome], None] | None = None,
    report: BatchReport | None = None,
    max_unreachable: int = MAX_CONSECUTIVE_UNREACHABLE,
) -> BatchReport:
    """Extract every document (or `doc_ids`) in `shard`. `report`, when given, is filled as
    articles finish, so a caller still has it when Ctrl-C or a stop ends the batch."""
    report = report if report is not None else BatchReport()
    ids = [d for d in (doc_ids if doc_ids is not None else store.docs.document_ids()) if in_shard(d, shard)]
    report.total = len(ids)
    todo = []
    for doc_id in ids:
        doc = store.docs.get_document(doc_id)
        key = cache_key(doc_id, backend.identity, options.prompt_version, SCHEMA_VERSION, options.mode)
        hit = None if force else store.records.cached(key)
        if hit is not None:
            store.records.save(key, hit)  # make it the current record of the document
            _record(report, on_item, Outcome(doc_id, doc.source, "cached"), hit)
        else:
            todo.append((doc, key))

    def work(item):
        doc, key = item
        try:
            records, raw = extract_article(doc, backend, options)
        except ExtractionError as exc:  # includes ModelRequestError: timed out, server error, not JSON
            from qa_app.backends.instructor_base import raw_output_of

            return doc, key, _failed(doc, backend, options, str(exc)), raw_output_of(exc), False
        except ServerUnreachableError as exc:
            return doc, key, _failed(doc, backend, options, str(exc)), "", True
        return doc, key, records, raw, False

    workers = max(1, concurrency if backend.capabilities.concurrent else 1)
    pool = ThreadPoolExecutor(max_workers=workers)
    futures = [pool.submit(work, item) for item in todo]
    unreachable = 0

    def finish(result) -> bool:
        """Save one finished article; True when it could not reach the server."""
        doc, key, records, raw, cannot_reach = result
        store.records.save(key, records, raw)
        outcome = Outcome(doc.id, doc.source, "done" if records.status == "ok" else "failed", records.error or "")
        _record(report, on_item, outcome, records)
        return cannot_reach

    saved = 0  # futures[:saved] are saved
    try:
        try:
            for future in futures:
                result = future.result()
                cannot_reach = finish(result)
                saved += 1
                unreachable = unreachable + 1 if cannot_reach else 0
                if unreachable >= max_unreachable:
                    raise BatchStoppedError(_stop_message(store, report, unreachable, result[2].error or ""))
        except KeyboardInterrupt:
            # Ctrl-C: keep every article that has finished, in order (saving again is harmless), then stop.
            for later in futures[saved:]:
                if later.done() and not later.cancelled() and later.exception() is None:
                    if not report.outcomes or report.outcomes[-1].doc_id != later.result()[0].id:
                        finish(later.result())
            raise
    except BaseException:
        # Ctrl-C, a stop, wrong credentials: queued articles are dropped; requests in flight
        # finish on their own and are not saved (the next run does them).
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return report


def saved_summary(store: Store, report: BatchReport) -> str:
    """'N of M articles are extracted and saved in STORE'."""
    saved = report.count("done") + report.count("cached")
    return f"{saved} of {report.total} article(s) are extracted and saved in {store.dir}"


def _stop_message(store: Store, report: BatchReport, in_a_row: int, reason: str) -> str:
    return (f"stopped after {in_a_row} articles in a row could not reach the model server (last: {reason}); "
            f"{saved_summary(store, report)}; once the server answers, rerun the same command to resume "
            "(finished articles come from the cache)")


def _record(report: BatchReport, on_item, outcome: Outcome, records: ArticleRecords) -> None:
    report.outcomes.append(outcome)
    report.articles.append(records)
    if on_item:
        on_item(outcome)
