"""Dense search over the embedded Chroma collection: exact, and the same in every process."""

from __future__ import annotations

import numpy as np
import pytest

from qa_app.store.vectors import VectorIndex

DIM = 48


def _index(folder) -> VectorIndex:
    return VectorIndex(folder, None, collection="test_chunks")


def _filled(folder, n: int, seed: int = 7) -> tuple[VectorIndex, list[str], np.ndarray]:
    rng = np.random.default_rng(seed)
    # clustered vectors, in the range of sizes where Chroma rebuilds its HNSW graph on every open
    centres = rng.normal(size=(12, DIM))
    vectors = (centres[rng.integers(len(centres), size=n)] + 0.35 * rng.normal(size=(n, DIM))).astype(np.float32)
    ids = [f"doc{i // 7}:{i}" for i in range(n)]
    index = _index(folder)
    index.add(ids, vectors, [{"doc_id": i.split(":")[0], "language": "en"} for i in ids])
    return index, ids, vectors


def _brute_force(ids: list[str], vectors: np.ndarray, query: np.ndarray, k: int) -> list[str]:
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = unit @ (query / np.linalg.norm(query))
    return [ids[i] for i in np.argsort(-np.round(sims, 6), kind="stable")[:k]]


@pytest.mark.integration
def test_dense_search_returns_the_exact_nearest_chunks(tmp_path):
    index, ids, vectors = _filled(tmp_path, 640)
    rng = np.random.default_rng(3)
    for _ in range(40):
        query = rng.normal(size=DIM).astype(np.float32)  # far from every cluster, where a graph search strays
        hits = index.query_with_meta(query, 32)
        assert [cid for cid, _s, _m in hits] == _brute_force(ids, vectors, query, 32)
        assert all(hits[i][1] >= hits[i + 1][1] for i in range(len(hits) - 1))
        assert hits[0][2]["doc_id"] == hits[0][0].split(":")[0]


@pytest.mark.integration
def test_dense_search_reads_the_vectors_in_pages(tmp_path, monkeypatch):
    import qa_app.store.vectors as vectors

    monkeypatch.setattr(vectors, "_PAGE", 64)  # 300 vectors: five pages, the last one short
    index, ids, stored = _filled(tmp_path, 300)
    query = np.random.default_rng(5).normal(size=DIM).astype(np.float32)
    assert [cid for cid, _s, _m in index.query_with_meta(query, 25)] == _brute_force(ids, stored, query, 25)
    assert index._exact is not None and index._exact.count == 300


@pytest.mark.integration
def test_dense_search_is_the_same_after_the_store_is_opened_again(tmp_path):
    first, _ids, _vectors = _filled(tmp_path, 300)
    queries = np.random.default_rng(11).normal(size=(20, DIM)).astype(np.float32)
    before = [[cid for cid, _s, _m in first.query_with_meta(q, 20)] for q in queries]
    again = _index(tmp_path)
    assert [[cid for cid, _s, _m in again.query_with_meta(q, 20)] for q in queries] == before


@pytest.mark.integration
def test_dense_search_sees_vectors_another_process_added(tmp_path):
    reader, _ids, _vectors = _filled(tmp_path, 150)
    probe = np.zeros(DIM, dtype=np.float32)
    probe[0] = 1.0
    reader.query_with_meta(probe, 5)  # the reader now holds the collection's vectors
    writer = _index(tmp_path)  # as `qa-app ingest` would, from its own process
    writer.add(["new:0"], probe[None, :] * 3.0, [{"doc_id": "new", "language": "en"}])
    cid, similarity, meta = reader.query_with_meta(probe, 5)[0]
    assert (cid, meta["doc_id"]) == ("new:0", "new")
    assert similarity == pytest.approx(1.0)


@pytest.mark.integration
def test_equal_scores_come_in_chunk_id_order(tmp_path):
    index = _index(tmp_path)
    same = np.ones((3, DIM), dtype=np.float32)
    index.add(["c:2", "a:0", "b:1"], same, [{"doc_id": d} for d in "cab"])
    assert [cid for cid, _s, _m in index.query_with_meta(np.ones(DIM, dtype=np.float32), 3)] == ["a:0", "b:1", "c:2"]


class InternalError(Exception):
    """Named as chromadb names the error it raises when its files are read mid-write."""


@pytest.mark.unit
def test_the_exact_search_gives_way_when_chromas_files_are_read_mid_write():
    from types import SimpleNamespace

    from qa_app.store import vectors as V

    def index_raising(message):
        def get(**_kw):
            raise InternalError(message)
        index = object.__new__(V.VectorIndex)
        index._exact, index.collection = None, SimpleNamespace(get=get)
        return index

    # the approximate search answers instead of the exact one
    assert index_raising("Error executing plan: Internal error: Error finding id")._matrix(3) is None
    with pytest.raises(InternalError):  # any other internal error is no write in progress
        index_raising("Error executing plan: something else")._matrix(3)
