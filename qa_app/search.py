"""Hybrid chunk search: dense (Chroma) and lexical (BM25) results fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from qa_app.text.language import detect_query_language, word_family
from qa_app.store import Store

RRF_K = 60  # the usual reciprocal-rank-fusion constant


@dataclass
class Hit:
    doc_id: str
    chunk_id: str
    title: str | None
    source: str
    language: str | None
    published: str | None
    start: int
    end: int
    text: str
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def rrf_fuse(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank + 1)
    return scores


def language_aware_fuse(dense: list[str], lexical: list[str], cross_lingual: set[str], k: int = RRF_K) -> dict[str, float]:
    """RRF of dense and lexical ranks, where BM25 cannot see a chunk (another language
    than the query's) its dense rank counts twice instead of an absent lexical rank,
    so an Indonesian chunk can win an English query on meaning alone."""
    scores = rrf_fuse([dense, [c for c in lexical if c not in cross_lingual]], k)
    for rank, cid in enumerate(dense):
        if cid in cross_lingual:
            scores[cid] += 1.0 / (k + rank + 1)
    return scores


def unseen_by_bm25(dense_hits: list[tuple[str, float, dict]], query_lang: str | None) -> set[str]:
    """The dense hits whose words BM25 cannot match with the query's: chunks in another language
    than the query's (Malay and Indonesian count as one)."""
    return {cid for cid, _, meta in dense_hits if query_lang and meta.get("language")
            and word_family(meta["language"]) != word_family(query_lang)}


def search(store: Store, query: str, k: int = 5, pool: int | None = None) -> list[Hit]:
    """Top-k chunks for `query`. Each retriever contributes its top `pool` results."""
    query = query.strip()
    if not query or store.docs.counts()["chunks"] == 0:
        return []
    store.check_embedder()  # before the embedding cache is consulted: a query vector must match the store's
    pool = pool or max(4 * k, 20)
    vectors = store.vectors  # before the embedder loads, so an unreachable Chroma server fails fast
    qvec = store.embed_texts([query])[0]
    dense_hits = vectors.query_with_meta(qvec, pool)
    dense = [cid for cid, _, _ in dense_hits]
    lexical = [cid for cid, _ in store.lexical.query(query, pool)]
    query_lang = detect_query_language(query, store.lexical.vocab_by_language())
    fused = language_aware_fuse(dense, lexical, unseen_by_bm25(dense_hits, query_lang))
    top = sorted(fused, key=lambda c: -fused[c])[:k]
    rows = store.docs.chunks_by_ids(top)
    hits = []
    for cid in top:
        row = rows.get(cid)
        if row is None:  # indexed in Chroma but not (yet) committed in SQLite
            continue
        doc = store.docs.get_document(row.doc_id)
        hits.append(Hit(
            doc_id=row.doc_id, chunk_id=cid, title=doc.title, source=doc.source, language=doc.language,
            published=doc.published, start=row.start, end=row.end, text=row.text, score=round(fused[cid], 6),
            dense_rank=dense.index(cid) + 1 if cid in dense else None,
            lexical_rank=lexical.index(cid) + 1 if cid in lexical else None,
        ))
    return hits
