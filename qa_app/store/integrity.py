"""Does the store agree with itself? SQLite holds the documents and chunks; the vector index
(Chroma) and the lexical index (BM25) must hold exactly those chunks, built with the
store's embedder. Checked when a store is first read, under the shared lock, so that a
check never sees the middle of a write. A mismatch names the command that repairs it."""

from __future__ import annotations

import hashlib
import json
import logging

from qa_app.errors import StoreIntegrityError

log = logging.getLogger(__name__)

SAMPLE = 16  # chunk ids looked up in the vector index on every check
STALE_LEXICAL = "lexical_stale"  # meta key: set while an ingest has not rebuilt the lexical index yet


def ids_digest(ids) -> str:
    h = hashlib.sha256()
    for cid in sorted(ids):
        h.update(cid.encode())
        h.update(b"\n")
    return h.hexdigest()


def repair_hint(store) -> str:
    where = f" --store {store.dir}"
    server = f" --chroma-url {store.settings.chroma_url}" if store.settings.chroma_url else ""
    return f"run `qa-app reindex{where}{server}` to rebuild the vector and lexical indexes from the stored chunks"


def problems(store) -> list[str]:
    """What disagrees, in words; empty when the store is consistent."""
    ids = store.docs.chunk_ids()
    found = _vector_problems(store, ids)
    found += _lexical_problems(store, ids)
    return found


def _vector_problems(store, ids: list[str]) -> list[str]:
    try:
        vectors = store.vectors
        count = vectors.count()
    except StoreIntegrityError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged index raises anything
        log.debug("vector index check failed", exc_info=True)
        return [f"the vector index cannot be read ({type(exc).__name__}: {str(exc)[:120]})"]
    if count != len(ids):
        return [f"the vector index holds {count} chunks but the store has {len(ids)}"]
    if not ids:
        return []
    step = max(1, len(ids) // SAMPLE)
    sample = sorted(ids)[::step][:SAMPLE]
    try:
        got = vectors.get(sample, with_vectors=True)
    except Exception as exc:  # noqa: BLE001
        return [f"the vector index cannot be read ({type(exc).__name__}: {str(exc)[:120]})"]
    missing = [cid for cid in sample if cid not in got]
    if missing:
        return [f"the vector index lacks chunks the store has (e.g. {missing[0]})"]
    built_with = vectors.embedder_identity()
    if built_with and built_with != store.identity:
        return [f"the vector index was built with embedder {built_with!r}, the store with {store.identity!r}"]
    dim = store.docs.cached_dimension(store.identity)
    some = next(iter(got.values()))
    if dim and some is not None and len(some) != dim:
        return [f"the vector index holds {len(some)}-dimension vectors but the store's embedder gives {dim}"]
    return []


def _lexical_problems(store, ids: list[str]) -> list[str]:
    if store.docs.get_meta(STALE_LEXICAL) == "1":
        if store.writer_active():
            return []  # an ingest is running; it rebuilds the lexical index when it ends
        return ["an ingest stopped before the lexical index was rebuilt"]
    folder = store.dir / "bm25"
    ids_file = folder / "ids.json"
    if not ids:
        return []
    if not ids_file.exists() or not (folder / "bm25").exists():
        return [f"the lexical index is missing ({folder})"]
    try:
        lexical_ids = json.loads(ids_file.read_text())
    except (OSError, ValueError) as exc:
        return [f"the lexical index cannot be read ({exc})"]
    if len(lexical_ids) != len(ids):
        return [f"the lexical index holds {len(lexical_ids)} chunks but the store has {len(ids)}"]
    if ids_digest(lexical_ids) != ids_digest(ids):
        return ["the lexical index holds other chunks than the store"]
    return []


def verify(store) -> None:
    """Raise StoreIntegrityError with the first problem and how to repair it."""
    with store.rw.shared():
        found = problems(store)
    if found:
        raise StoreIntegrityError(f"store {store.dir} is inconsistent: {found[0]}; {repair_hint(store)}")
