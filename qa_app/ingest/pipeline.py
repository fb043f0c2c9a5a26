"""Ingest: read -> clean -> metadata -> chunk -> embed -> index, with a report of every item."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from qa_app.ingest.chunking import Chunk, chunk_text
from qa_app.ingest.clean import clean_text
from qa_app.ingest.metadata import build_meta
from qa_app.ingest.readers import RawArticle, ReadFailure, ReadSkip, read_inputs, unexpected_reason
from qa_app.errors import QaAppError
from qa_app.store import Store
from qa_app.store.docstore import ChunkRow, DocumentRow, dumps
from qa_app.text.instructions import blocked_spans, overlaps, overlaps_instruction
from qa_app.text.sentences import Sentence, split_sentences

log = logging.getLogger(__name__)

BATCH_DOCS = 64  # documents embedded and written together
#: A title longer than this is cut at a word boundary. A page with no line breaks has its
#: whole text as its first line, and every chunk's index metadata repeats the title: an
#: unbounded title made memory grow with the square of the article's length.
MAX_TITLE_CHARS = 300


def _safe_title(title: str | None, text: str, sentences: list[Sentence]) -> str | None:
    """The title, bounded; a title that reads like an instruction to a model (an injection
    on the first line of a page) is replaced by the first sentence that does not."""
    if title and overlaps_instruction(title, 0, len(title)):
        blocked = blocked_spans(text, sentences)
        title = next((s.text[:120] for s in sentences if not overlaps(blocked, s.start, s.end)), None)
    return bounded_title(title)


def bounded_title(title: str | None) -> str | None:
    if title is None or len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title.rfind(" ", 0, MAX_TITLE_CHARS)
    return title[:cut if cut > MAX_TITLE_CHARS // 2 else MAX_TITLE_CHARS].rstrip() + "…"


def document_id(cleaned_text: str) -> str:
    return hashlib.sha256(cleaned_text.encode("utf-8")).hexdigest()[:16]


@dataclass
class ItemOutcome:
    source: str
    status: str  # "ingested" | "skipped" | "failed"
    reason: str = ""
    doc_id: str | None = None
    article_id: str | None = None  # the source's own id for the article (JSONL "id")


@dataclass
class IngestReport:
    items: list[ItemOutcome] = field(default_factory=list)
    chunks: int = 0

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0

    def to_dict(self) -> dict:
        return {
            "ingested": self.count("ingested"), "skipped": self.count("skipped"),
            "failed": self.count("failed"), "chunks": self.chunks,
            "items": [asdict(i) for i in self.items],
        }


@dataclass
class Prepared:
    row: DocumentRow
    chunks: list[Chunk]
    notes: list[str]


def prepare(article: RawArticle, chunk_chars: int) -> Prepared | str:
    """The document row and chunks for one article, or the reason it cannot be used."""
    cleaned = clean_text(article.text)
    if len(cleaned.text.split()) < 3:
        return "no article text left after removing page junk"
    meta = build_meta(cleaned, article.text, article.title, article.published, "given")
    sentences = split_sentences(cleaned.text)  # the only split: the store keeps these spans
    title = _safe_title(meta.title.value, cleaned.text, sentences)
    doc_id = document_id(cleaned.text)
    row = DocumentRow(
        id=doc_id, source=article.source,
        url=article.url,
        title=title, title_provenance=meta.title.provenance if title == meta.title.value else "detected",
        language=meta.language.value, language_provenance=meta.language.provenance,
        published=meta.published.value, published_provenance=meta.published.provenance,
        raw_text=article.text, clean_text=cleaned.text, offset_map=cleaned.offsets.to_json(),
        dropped=dumps([asdict(d) for d in cleaned.dropped]), article_id=article.given_id, sentences=sentences,
    )
    return Prepared(row, chunk_text(doc_id, cleaned.text, chunk_chars, sentences), article.notes)


def _write_batch(store: Store, batch: list[Prepared], force: bool) -> int:
    texts = [c.text for p in batch for c in p.chunks]
    vectors = store.embed_texts(texts)  # before the lock: readers wait only for the writes
    ids, metas = [], []
    for p in batch:
        for c in p.chunks:
            ids.append(c.id)
            metas.append({"doc_id": p.row.id, "idx": c.idx, "start": c.start, "end": c.end,
                          "language": p.row.language or "", "title": p.row.title or ""})
    index = store.vectors
    store.mark_lexical_stale()
    with store.rw.exclusive():  # readers see the store before or after this batch, never half of it
        if force:
            for p in batch:
                index.delete_document(p.row.id)
        index.add(ids, vectors, metas)
        for p in batch:  # SQLite last: a document counts as present only once it is indexed
            store.docs.put_document(p.row, [ChunkRow(c.id, p.row.id, c.idx, c.start, c.end, c.text) for c in p.chunks])
    return len(texts)


def ingest(
    paths: Iterable[str],
    store: Store,
    force: bool = False,
    stdin: bytes | None = None,
    on_item: Callable[[ItemOutcome], None] | None = None,
) -> IngestReport:
    report = IngestReport()

    def record(outcome: ItemOutcome) -> None:
        report.items.append(outcome)
        if on_item:
            on_item(outcome)

    with store.write_lock():
        store.claim_embedder()
        # Connect now (an unreachable server fails before any reading or embedding) and check
        # that the indexes agree with SQLite: adding to a store whose index was lost would
        # leave it broken and say "skipped" for everything.
        _ = store.vectors
        store.ensure_verified()
        try:
            _ingest_items(paths, store, force, stdin, report, record)
        finally:  # also on Ctrl-C: what was written stays searchable by words too
            if store.docs.get_meta("lexical_stale") == "1":
                store.rebuild_lexical()
    return report


def _ingest_items(paths, store: Store, force: bool, stdin: bytes | None, report: IngestReport, record) -> None:
    batch: list[Prepared] = []
    batch_ids: set[str] = set()
    settings = store.settings
    for item in read_inputs(paths, settings.max_file_bytes, stdin=stdin, max_line_bytes=settings.max_line_bytes):
        if isinstance(item, (ReadFailure, ReadSkip)):
            record(ItemOutcome(item.source, "failed" if isinstance(item, ReadFailure) else "skipped", item.reason))
            continue
        prepared = _prepare_isolated(item, settings.chunk_chars)
        if isinstance(prepared, str):
            record(ItemOutcome(item.source, "failed", prepared))
            continue
        doc_id = prepared.row.id
        if doc_id in batch_ids or (not force and store.docs.has_document(doc_id)):
            record(ItemOutcome(item.source, "skipped", "already ingested (same cleaned text)", doc_id))
            continue
        batch.append(prepared)
        batch_ids.add(doc_id)
        if len(batch) >= BATCH_DOCS:
            _flush(store, batch, force, report, record)
            batch, batch_ids = [], set()
    if batch:
        _flush(store, batch, force, report, record)


def _prepare_isolated(article: RawArticle, chunk_chars: int) -> Prepared | str:
    """prepare() under the item's own error boundary: an unexpected error fails this article only."""
    try:
        return prepare(article, chunk_chars)
    except Exception as exc:  # noqa: BLE001 - the boundary of one input item
        log.debug("preparing %s failed", article.source, exc_info=True)
        return unexpected_reason(exc)


def _flush(store: Store, batch: list[Prepared], force: bool, report: IngestReport, record) -> None:
    """Write a batch; when that fails, write its articles one by one so that one bad article
    fails alone. Errors of the store itself (QaAppError: locked, unreachable server) stop the run."""
    try:
        report.chunks += _write_batch(store, batch, force)
    except QaAppError:
        raise
    except Exception as exc:  # noqa: BLE001
        log.debug("writing a batch of %d failed", len(batch), exc_info=True)
        if len(batch) == 1:
            record(ItemOutcome(batch[0].row.source, "failed", unexpected_reason(exc), batch[0].row.id))
        else:
            for p in batch:
                _flush_one(store, p, force, report, record)
        return
    for p in batch:
        record(ItemOutcome(p.row.source, "ingested", "; ".join(p.notes), p.row.id, p.row.article_id))


def _flush_one(store: Store, p: Prepared, force: bool, report: IngestReport, record) -> None:
    try:
        report.chunks += _write_batch(store, [p], force)
    except QaAppError:
        raise
    except Exception as exc:  # noqa: BLE001 - the boundary of one input item
        log.debug("writing %s failed", p.row.source, exc_info=True)
        record(ItemOutcome(p.row.source, "failed", unexpected_reason(exc), p.row.id))
        return
    record(ItemOutcome(p.row.source, "ingested", "; ".join(p.notes), p.row.id, p.row.article_id))
