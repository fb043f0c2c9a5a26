"""`qa-app reindex`: rebuild the vector and lexical indexes from the chunks stored in SQLite
and the embedding cache, without reading any source file. Repairs a lost or damaged
`chroma/` or `bm25/` folder, or indexes that disagree with SQLite."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass

from qa_app.errors import StoreIntegrityError
from qa_app.store import Store, text_hash

log = logging.getLogger(__name__)

BATCH = 2000  # chunks embedded (or taken from the cache) and added together


@dataclass
class ReindexReport:
    documents: int = 0
    chunks: int = 0
    from_cache: int = 0
    embedded: int = 0

    def summary(self, store: Store) -> str:
        return (f"reindexed {self.chunks} chunks of {self.documents} documents in {store.dir}: "
                f"{self.from_cache} vectors from the embedding cache, {self.embedded} embedded again; "
                "lexical index rebuilt")


def _open_vectors(store: Store):
    """The vector index, recreated empty; an embedded index folder that cannot be opened is replaced."""
    try:
        index = store.vectors
    except StoreIntegrityError:
        if store.settings.chroma_url:
            raise
        log.warning("the vector index in %s cannot be opened; replacing it", store.dir / "chroma")
        _forget_chroma_clients()
        shutil.rmtree(store.dir / "chroma", ignore_errors=True)
        index = store.vectors
    index.reset()
    return index


def _forget_chroma_clients() -> None:
    try:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    except Exception:  # noqa: BLE001 - only a cache
        log.debug("could not clear chromadb's client cache", exc_info=True)


def reindex(store: Store) -> ReindexReport:
    store.verify_on_open = False  # the indexes are expected to be wrong: that is why we are here
    report = ReindexReport(documents=store.docs.counts()["documents"])
    with store.write_lock():
        store.check_embedder()
        with store.rw.exclusive():  # readers wait for the whole rebuild, never see half an index
            index = _open_vectors(store)
            batch: list = []
            for row in store.docs.chunks_for_index():
                batch.append(row)
                if len(batch) >= BATCH:
                    _add(store, index, batch, report)
                    batch = []
            if batch:
                _add(store, index, batch, report)
            store.rebuild_lexical()
    store.verify_on_open = True
    store.verify()  # the rebuilt indexes agree with SQLite
    return report


def _add(store: Store, index, rows: list, report: ReindexReport) -> None:
    texts = [c.text for c, _, _ in rows]
    cached = store.docs.cached_vectors(store.identity, list({text_hash(t) for t in texts}))
    report.from_cache += sum(1 for t in texts if text_hash(t) in cached)
    report.embedded += sum(1 for t in texts if text_hash(t) not in cached)
    vectors = store.embed_texts(texts)
    metas = [{"doc_id": c.doc_id, "idx": c.idx, "start": c.start, "end": c.end, "language": lang, "title": title}
             for c, lang, title in rows]
    index.add([c.id for c, _, _ in rows], vectors, metas)
    report.chunks += len(rows)
