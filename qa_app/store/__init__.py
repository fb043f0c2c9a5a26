"""The store: SQLite documents and chunks, a Chroma vector index and a BM25 index, in one folder."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from pathlib import Path

from qa_app.errors import EmbedderMismatchError, StoreError
from qa_app.store.docstore import DocStore


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embedder_identity(settings) -> str:
    """What a store records about the embedder that built it."""
    if settings.embedder.startswith("openai:"):
        return f"{settings.embedder}@{settings.embed_base_url or 'https://api.openai.com/v1'}"
    return settings.embedder


class Store:
    """Opened lazily: the Chroma client and the embedder load on first use."""

    def __init__(self, settings):
        self.settings = settings
        self.dir: Path = settings.store_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.docs = DocStore(self.dir / "qa_app.sqlite3")
        from qa_app.store.locks import ReadWriteLock

        self.rw = ReadWriteLock(self.dir / "rw.lock")
        #: Check on first read that SQLite and the indexes agree (False for a repair, which expects them not to).
        self.verify_on_open = True
        self._verified = False
        self._verifying = False
        self._vectors = None
        self._lexical = None
        self._embedder = None
        self._preload = None
        self._records = None
        self.identity = embedder_identity(settings)

    # --- parts ---
    @property
    def vectors(self):
        if self._vectors is None:
            from qa_app.store.vectors import VectorIndex

            self._vectors = VectorIndex(self.dir, self.settings.chroma_url, self._collection_name(), lock=self.rw,
                                        embedder=self.identity)
        self.ensure_verified()
        return self._vectors

    def ensure_verified(self) -> None:
        """verify() until it passes once (a long-lived UI keeps refusing a broken store), unless
        this Store is repairing the indexes."""
        if self.verify_on_open and not self._verified and not self._verifying:
            self.verify()

    def verify(self) -> None:
        """Raise StoreIntegrityError, naming the repair, when SQLite and the indexes disagree."""
        from qa_app.store.integrity import verify

        self._verifying = True
        try:
            if (self.docs.counts()["chunks"] or self.docs.get_meta("lexical_stale") == "1"
                    or self.settings.chroma_url or (self.dir / "chroma").exists()):
                verify(self)
        finally:
            self._verifying = False
        self._verified = True

    def writer_active(self) -> bool:
        """Whether some process holds the write lock now (an ingest or a reindex is running)."""
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.dir / "write.lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            return True
        lock.release()
        return False

    def _collection_name(self) -> str:
        """Embedded Chroma lives inside the store folder; on a server, which many stores may
        share, each store gets its own collection so one store's chunks never show up in
        (or get deleted by) another's."""
        from qa_app.store.vectors import COLLECTION

        if not self.settings.chroma_url:
            return COLLECTION
        import uuid

        return f"{COLLECTION}_{self.docs.meta_default('store_id', uuid.uuid4().hex[:16])}"

    @property
    def records(self):
        if self._records is None:
            from qa_app.store.records import RecordStore

            self._records = RecordStore(self.docs)
        return self._records

    @property
    def lexical(self):
        if self._lexical is None:
            from qa_app.store.lexical import LexicalIndex

            self._lexical = LexicalIndex(self.dir / "bm25", lock=self.rw)
        self.ensure_verified()
        return self._lexical

    @property
    def embedder(self):
        if self._preload is not None:
            self._preload.join()
            self._preload = None
        if self._embedder is None:
            self._embedder = self._make_embedder()
        return self._embedder

    def _make_embedder(self):
        self.check_embedder()
        from qa_app.embed import make_embedder

        return make_embedder(self.settings.embedder, self.settings)

    def preload_embedder(self) -> None:
        """Load the embedding model in a background thread while the indexes open: a cold `ask`
        then waits for the longer of the two, not for both. A failure is left to the first real
        use, which reports it."""
        import threading

        def load() -> None:
            try:
                embedder = self._make_embedder()
                embedder.warm_up()
                self._embedder = embedder
            except Exception:  # noqa: BLE001 - raised again, with its message, where the embedder is used
                pass

        if self._embedder is None and self._preload is None:
            self._preload = threading.Thread(target=load, name="embedder-preload", daemon=True)
            self._preload.start()

    def check_embedder(self) -> None:
        """Refuse to mix vectors from two embedders in one store."""
        built_with = self.docs.get_meta("embedder")
        # A claim on a store without documents binds nothing: the run that made it
        # failed before writing anything (e.g. an unreachable embeddings server).
        if built_with is None or self.docs.counts()["documents"] == 0:
            return
        if built_with != self.identity:
            raise EmbedderMismatchError(
                f"store {self.dir} was built with embedder {built_with!r}, not {self.identity!r}; "
                f"use --embedder {built_with.split('@')[0]} or a new --store"
            )

    def claim_embedder(self) -> None:
        self.check_embedder()
        if self.docs.get_meta("embedder") != self.identity:  # unclaimed, or claimed by a run that wrote nothing
            self.docs.set_meta("embedder", self.identity)

    # --- embeddings with a cache keyed by chunk-text hash ---
    def embed_texts(self, texts: list[str]) -> "np.ndarray":
        import numpy as np  # imported here: `qa-app records` never needs it
        hashes = [text_hash(t) for t in texts]
        cached = self.docs.cached_vectors(self.identity, list(set(hashes)))
        missing = sorted({h: t for h, t in zip(hashes, texts) if h not in cached}.items())
        if missing:
            fresh = self.embedder.embed([t for _, t in missing]).astype(np.float32)
            items = [(h, v.tobytes()) for (h, _), v in zip(missing, fresh)]
            self.docs.cache_vectors(self.identity, items)
            cached.update(items)
        return np.stack([np.frombuffer(cached[h], dtype=np.float32) for h in hashes]) if texts else np.zeros((0, 0), np.float32)

    def rebuild_lexical(self) -> None:
        ids, texts, langs = [], [], []
        for c, lang in self.docs.chunks_with_language():
            ids.append(c.id)
            texts.append(c.text)
            langs.append(lang)
        with self.rw.exclusive():
            self.lexical.build(ids, texts, langs)
            self.docs.set_meta("lexical_stale", "0")

    def mark_lexical_stale(self) -> None:
        """Until rebuild_lexical: the lexical index lags behind the chunks being written."""
        self.docs.set_meta("lexical_stale", "1")

    @contextmanager
    def write_lock(self, timeout: float = 600):
        """One writer at a time per store; a second ingest waits, then skips what is present."""
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.dir / "write.lock"))
        try:
            lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise StoreError(f"store {self.dir} is locked by another qa-app process; try again later") from exc
        try:
            yield
        finally:
            lock.release()

    def close(self) -> None:
        if self._preload is not None:
            self._preload.join()
            self._preload = None
        if self._embedder is not None:
            self._embedder.close()
        self.docs.close()
