"""Use-case: read files, folders, JSONL or stdin bytes into the store, one result per item."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from qa_app.app.progress import IngestFinished, ItemIngested, Listener, ignore

if TYPE_CHECKING:
    from qa_app.ingest.pipeline import IngestReport


def ingest(store, paths: Iterable[str], *, force: bool = False, stdin: bytes | None = None,
           on_event: Listener = ignore) -> IngestReport:
    """Ingest `paths` ("-" reads `stdin`). Sends ItemIngested per item, then IngestFinished."""
    from qa_app.ingest.pipeline import ingest as run_pipeline

    report = run_pipeline(paths, store, force=force, stdin=stdin, on_item=lambda item: on_event(ItemIngested(item)))
    on_event(IngestFinished(report))
    return report


def document_ids(report: IngestReport) -> list[str]:
    """The documents the items name (ingested, or skipped as already present), once each, in order."""
    return list(dict.fromkeys(i.doc_id for i in report.items if i.doc_id))
