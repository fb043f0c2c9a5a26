"""Batch extraction: cached, resumable, shardable, with bounded concurrency.

Each finished article is committed to the store at once, so a batch killed halfway
resumes without redoing what it finished: the cache key (document, extractor with the hash
of its lexicons or its model, hash of the prompt sent, schema version, mode) finds it.

Faults of one article (output that fails validation, a request that timed out or got a
server error) fail that article with the reason and the batch goes on; a failed article
keeps the records an earlier run stored for it. When the model server cannot be reached
for several articles in a row, the batch stops with a message saying what is saved and how
to resume. Wrong credentials or an unknown model stop it at once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

from qa_app.errors import BatchStoppedError, ConfigError, ExtractionError, ServerUnreachableError
from qa_app.extract.article import extract_article, failed_article
from qa_app.extract.extractors.base import Extractor
from qa_app.schemas.records import SCHEMA_VERSION, ArticleRecords
from qa_app.store import Store
from qa_app.store.docstore import DocumentRow
from qa_app.store.records import cache_key

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


@dataclass(frozen=True)
class _Finished:
    """One extracted (or failed) article, not yet saved."""

    doc: DocumentRow
    key: str
    records: ArticleRecords
    raw: str
    unreachable: bool  # it failed because the model server could not be reached


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


def article_cache_key(doc_id: str, extractor: Extractor) -> str:
    """The document, what extracts it (with the hash of its lexicons or model), the hash of the
    prompt it sends, the schema version and the mode."""
    return cache_key(doc_id, extractor.identity, extractor.info.prompt_version, SCHEMA_VERSION, extractor.mode)


def run_batch(
    store: Store,
    extractor: Extractor,
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
    todo = _reuse_cached(store, extractor, ids, force, report, on_item)
    pool = ThreadPoolExecutor(max_workers=max(1, concurrency if extractor.concurrent else 1))
    futures = [pool.submit(_extract, extractor, doc, key) for doc, key in todo]
    try:
        _save_in_order(store, futures, report, on_item, max_unreachable)
    except BaseException:
        # Ctrl-C, a stop, wrong credentials: queued articles are dropped; requests in flight
        # finish on their own and are not saved (the next run does them).
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return report


def _reuse_cached(store: Store, extractor: Extractor, ids: list[str], force: bool, report: BatchReport,
                  on_item) -> list[tuple[DocumentRow, str]]:
    """Record the documents the cache already holds; the (document, key) pairs still to extract."""
    todo = []
    for doc_id in ids:
        doc = store.docs.get_document(doc_id)
        key = article_cache_key(doc_id, extractor)
        hit = None if force else store.records.cached(key)
        if hit is not None:
            store.records.save(key, hit)  # make it the current record of the document
            _record(report, on_item, Outcome(doc_id, doc.source, "cached"), hit.served_from_cache())
        else:
            todo.append((doc, key))
    return todo


def _extract(extractor: Extractor, doc: DocumentRow, key: str) -> _Finished:
    try:
        records, raw = extract_article(doc, extractor)
    except ExtractionError as exc:  # includes ModelRequestError: timed out, server error, not JSON
        from qa_app.backends.instructor_base import raw_output_of

        return _Finished(doc, key, failed_article(doc, extractor, str(exc)), raw_output_of(exc), False)
    except ServerUnreachableError as exc:
        return _Finished(doc, key, failed_article(doc, extractor, str(exc)), "", True)
    return _Finished(doc, key, records, raw, False)


def _save_in_order(store: Store, futures: list[Future], report: BatchReport, on_item, max_unreachable: int) -> None:
    """Save articles in submission order as they finish; stop after `max_unreachable` in a row
    could not reach the model server."""
    saved = unreachable = 0  # futures[:saved] are saved
    try:
        for future in futures:
            finished = future.result()
            _save(store, report, on_item, finished)
            saved += 1
            unreachable = unreachable + 1 if finished.unreachable else 0
            if unreachable >= max_unreachable:
                raise BatchStoppedError(_stop_message(store, report, unreachable, finished.records.error or ""))
    except KeyboardInterrupt:
        # Ctrl-C: keep every article that has finished, in order (saving again is harmless), then stop.
        try:
            store.docs.roll_back_cut_write()  # workers never write, so an open write is the one cut short
            for later in futures[saved:]:
                if later.done() and not later.cancelled() and later.exception() is None:
                    if not report.outcomes or report.outcomes[-1].doc_id != later.result().doc.id:
                        _save(store, report, on_item, later.result())
        except Exception:
            pass  # the interrupt landed inside a store write: what was committed stays, a rerun does the rest
        raise


def _save(store: Store, report: BatchReport, on_item, finished: _Finished) -> None:
    records = finished.records
    status = "done" if records.status == "ok" else "failed"
    with _ctrl_c_after():
        store.records.save(finished.key, records, finished.raw)
        _record(report, on_item, Outcome(finished.doc.id, finished.doc.source, status, records.error or ""),
                records)


@contextmanager
def _ctrl_c_after() -> Iterator[None]:
    """Hold a Ctrl-C that arrives inside the block until the block is done, so an article is
    either saved and counted or not saved at all, never half-written. Only the main thread
    receives signals; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[object] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if held:
        raise KeyboardInterrupt


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
