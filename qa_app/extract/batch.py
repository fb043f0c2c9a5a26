"""Batch extraction: cached, resumable, shardable, with bounded concurrency.

Each finished article is committed to the store at once, so a batch killed halfway
resumes without redoing what it finished: the cache key (document, backend, model,
prompt version, schema version, mode) finds it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone

from qa_app.backends.base import Backend
from qa_app.errors import BackendError, ConfigError, ExtractionError
from qa_app.extract.article import ExtractOptions, extract_article
from qa_app.schemas.records import SCHEMA_VERSION, ArticleRecords, Provenance
from qa_app.store import Store
from qa_app.store.records import cache_key

log = logging.getLogger(__name__)


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
        doc_id=doc.id, source=doc.source, title=doc.title, language=doc.language, published=doc.published,
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
) -> BatchReport:
    report = BatchReport()
    ids = [d for d in (doc_ids if doc_ids is not None else store.docs.document_ids()) if in_shard(d, shard)]
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
        except ExtractionError as exc:
            from qa_app.backends.instructor_base import raw_output_of

            return doc, key, _failed(doc, backend, options, str(exc)), raw_output_of(exc)
        return doc, key, records, raw

    workers = max(1, concurrency if backend.capabilities.concurrent else 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        try:
            for doc, key, records, raw in pool.map(work, todo):
                store.records.save(key, records, raw)
                outcome = Outcome(doc.id, doc.source, "done" if records.status == "ok" else "failed", records.error or "")
                _record(report, on_item, outcome, records)
        except BackendError:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return report


def _record(report: BatchReport, on_item, outcome: Outcome, records: ArticleRecords) -> None:
    report.outcomes.append(outcome)
    report.articles.append(records)
    if on_item:
        on_item(outcome)
