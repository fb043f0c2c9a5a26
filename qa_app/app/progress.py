"""Typed progress events of the use-cases, for the CLI's progress bars and the UI's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from qa_app.extract.batch import Outcome
    from qa_app.ingest.pipeline import IngestReport, ItemOutcome


@dataclass(frozen=True)
class ItemIngested:
    """One input item was read: ingested, skipped or failed."""

    item: ItemOutcome


@dataclass(frozen=True)
class IngestFinished:
    """Every input item was read (sent before extraction starts when an extract ingests first)."""

    report: IngestReport


@dataclass(frozen=True)
class ExtractionStarted:
    model: str  # what the extractor calls its model, e.g. "rules" or "qwen2.5:7b"
    total: int  # articles to extract


@dataclass(frozen=True)
class ArticleExtracted:
    """One article is extracted (done), taken from the cache (cached) or failed, with the reason."""

    outcome: Outcome


ProgressEvent = Union[ItemIngested, IngestFinished, ExtractionStarted, ArticleExtracted]
Listener = Callable[[ProgressEvent], None]


def ignore(_event: ProgressEvent) -> None:
    """The listener of a caller that shows no progress."""
