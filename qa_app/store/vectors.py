"""The Chroma collection of chunk vectors: embedded PersistentClient, or a server by URL."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from qa_app.errors import ConfigError, StoreError

COLLECTION = "qa_app_chunks"
# Up to this many chunks the dense search is exact: the vectors are read from the collection once per
# process (again when its count changes) and scored here. Chroma's HNSW graph is approximate, and below
# its sync threshold (1000 vectors) it is rebuilt, with random links, each time a process opens the
# store, so the same question could retrieve different chunks from one run to the next.
EXACT_MAX = 20_000
_PAGE = 2_000  # vectors read per call: a server answers in bounded pages
# Reading every vector of Chroma's local files while another process writes them may fail with "Error
# finding id" (seen in `ask` runs beside an ingest; reading again at once fails the same way): the exact
# search then gives way to the approximate one.
_IN_FLUX = "Error finding id"


def _client(store_dir: Path, chroma_url: str | None):
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not chroma_url:
        return chromadb.PersistentClient(path=str(store_dir / "chroma"), settings=chroma_settings)
    url = urlparse(chroma_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ConfigError(f"invalid Chroma URL {chroma_url!r}; expected http://HOST:PORT")
    try:
        return chromadb.HttpClient(
            host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https", settings=chroma_settings,
        )
    except Exception as exc:  # chromadb raises ValueError/ConnectionError variants
        raise StoreError(f"cannot reach Chroma server at {chroma_url}: {exc}") from exc


EMBEDDER_KEY = "qa_app_embedder"  # collection metadata: the embedder its vectors come from


def _metadata(embedder: str | None) -> dict:
    # ef_search 200: recall@10 0.97-0.98 against exact search at 100k chunks, p50 ~3 ms
    # (eval/bench_ingest.py); Chroma's default of 100 gives 0.96.
    meta = {"hnsw:space": "cosine", "hnsw:search_ef": 200}
    if embedder:
        meta[EMBEDDER_KEY] = embedder
    return meta


def in_flux(exc: BaseException) -> bool:
    """Is this Chroma's error for files read while another process writes them?"""
    return type(exc).__name__ == "InternalError" and _IN_FLUX in str(exc)


class VectorIndex:
    def __init__(self, store_dir: Path, chroma_url: str | None, collection: str = COLLECTION, lock=None,
                 embedder: str | None = None):
        self.name = collection
        self.embedder = embedder
        self.lock = lock
        self._exact: _Matrix | None = None
        try:
            self._client_obj = _client(store_dir, chroma_url)
            self.collection = self._client_obj.get_or_create_collection(
                collection, metadata=_metadata(embedder), embedding_function=None)
        except (ConfigError, StoreError):
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged index folder raises anything
            if chroma_url:
                raise StoreError(f"cannot open the Chroma collection {collection} at {chroma_url}: {exc}") from exc
            from qa_app.errors import StoreIntegrityError

            raise StoreIntegrityError(
                f"the vector index in {store_dir / 'chroma'} cannot be opened ({type(exc).__name__}: {str(exc)[:160]}); "
                f"run `qa-app reindex --store {store_dir}` to rebuild it from the stored chunks") from exc

    def reset(self) -> None:
        """Drop every vector: the collection is deleted and created again, empty."""
        self._exact = None
        try:
            self._client_obj.delete_collection(self.name)
        except Exception:  # noqa: BLE001 - absent already
            pass
        self.collection = self._client_obj.get_or_create_collection(
            self.name, metadata=_metadata(self.embedder), embedding_function=None)

    def _retrying(self, call):
        """`call()`, once more on a freshly looked-up collection when another process
        (`qa-app reindex`) replaced the collection this one was holding."""
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - chromadb.errors.NotFoundError, without importing it early
            if type(exc).__name__ != "NotFoundError":
                raise
            self.collection = self._client_obj.get_or_create_collection(
                self.name, metadata=_metadata(self.embedder), embedding_function=None)
            return call()

    def embedder_identity(self) -> str | None:
        return (self.collection.metadata or {}).get(EMBEDDER_KEY)

    def get(self, ids: list[str], with_vectors: bool = False) -> dict[str, list[float] | None]:
        """{chunk id: vector (or None)} for the ids present in the index."""
        res = self._retrying(lambda: self.collection.get(ids=ids, include=["embeddings"] if with_vectors else []))
        vecs = res.get("embeddings") if with_vectors else None
        if vecs is None:
            return {cid: None for cid in res["ids"]}
        return {cid: list(v) for cid, v in zip(res["ids"], vecs)}

    def _reading(self):
        from contextlib import nullcontext

        return self.lock.shared() if self.lock is not None else nullcontext()

    def add(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        self._exact = None
        step = 4000  # below Chroma's max batch size
        for i in range(0, len(ids), step):
            self.collection.upsert(
                ids=ids[i:i + step], embeddings=vectors[i:i + step], metadatas=metadatas[i:i + step]
            )

    def delete_document(self, doc_id: str) -> None:
        self._exact = None
        self.collection.delete(where={"doc_id": doc_id})

    def query_with_meta(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float, dict]]:
        """(chunk id, cosine similarity, metadata), best first. Waits while a batch is written."""
        with self._reading():
            n = self.count()
            if n == 0:
                return []
            matrix = self._matrix(n) if where is None and n <= EXACT_MAX else None
            if matrix is not None:
                return matrix.nearest(vector, k)
            res = self._retrying(lambda: self.collection.query(
                query_embeddings=[vector], n_results=min(k, n), where=where, include=["distances", "metadatas"]))
        return [(cid, 1.0 - float(d), meta or {})
                for cid, d, meta in zip(res["ids"][0], res["distances"][0], res["metadatas"][0])]

    def _matrix(self, n: int) -> "_Matrix | None":
        """Every vector of the collection, read in pages (None when the collection changed while
        it was read: the approximate search answers that once)."""
        if self._exact is not None and self._exact.count == n:
            return self._exact
        ids: list[str] = []
        vectors: list = []
        metas: list[dict] = []
        for offset in range(0, n, _PAGE):
            try:
                page = self._retrying(lambda: self.collection.get(limit=_PAGE, offset=offset,
                                                                  include=["embeddings", "metadatas"]))
            except Exception as exc:  # noqa: BLE001 - chromadb.errors.InternalError
                if in_flux(exc):
                    return None  # vectors another process is still writing: the approximate search answers
                raise
            ids += page["ids"]
            vectors += list(page["embeddings"])
            metas += [m or {} for m in page["metadatas"]]
        if len(ids) != n or len(set(ids)) != n:
            return None
        self._exact = _Matrix(ids, np.asarray(vectors, dtype=np.float32), metas)
        return self._exact

    def count(self) -> int:
        return self._retrying(lambda: self.collection.count())


class _Matrix:
    """The collection's unit vectors in chunk-id order, for exact cosine search."""

    def __init__(self, ids: list[str], vectors: np.ndarray, metas: list[dict]):
        order = sorted(range(len(ids)), key=ids.__getitem__)
        self.count = len(ids)
        self.ids = [ids[i] for i in order]
        self.metas = [metas[i] for i in order]
        vectors = vectors[order]
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        self.unit = vectors / np.where(norms == 0, 1.0, norms)

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[str, float, dict]]:
        """(chunk id, cosine similarity, metadata) of the k nearest, best first; equal scores (to six
        places) in chunk-id order, so the result never depends on the run."""
        q = np.asarray(vector, dtype=np.float32)
        norm = float(np.linalg.norm(q))
        sims = self.unit @ (q / norm if norm else q)
        # rounded: a product's last bits depend on the row's place in the BLAS blocks
        top = np.argsort(-np.round(sims, 6), kind="stable")[:k]
        return [(self.ids[i], float(sims[i]), self.metas[i]) for i in top]
