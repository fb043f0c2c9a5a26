"""Hybrid search: cross-lingual retrieval on the samples, hit fields, fusion, and the `search` CLI."""

from __future__ import annotations

import json

import pytest

from qa_app.text.language import detect_query_language
from qa_app.search import language_aware_fuse, rrf_fuse, search, unseen_by_bm25
from qa_app.settings import Settings
from qa_app.store import Store

from conftest import run_cli

EN_QUERY = "joint military exercises Indonesia China"
HIT_KEYS = {"doc_id", "chunk_id", "title", "source", "start", "end", "text", "score"}


@pytest.fixture(scope="module")
def store(sample_store):
    st = Store(Settings(store=sample_store))
    yield st
    st.close()


def sources(hits) -> list[str]:
    return [h.source.rsplit("/", 1)[-1][:3] for h in hits]


# --- fusion (pure functions) ---

@pytest.mark.unit
def test_rrf_fuse():
    scores = rrf_fuse([["a", "b", "c"], ["b", "d"]], k=60)
    assert scores["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["a"] == pytest.approx(1 / 61)
    assert scores["d"] == pytest.approx(1 / 62)
    assert sorted(scores, key=lambda c: -scores[c])[0] == "b"


@pytest.mark.unit
def test_language_aware_fuse_counts_dense_twice_for_other_language():
    # "x" is in another language than the query: BM25 cannot see it, so its dense rank counts twice.
    scores = language_aware_fuse(dense=["x", "a"], lexical=["a", "x"], cross_lingual={"x"}, k=60)
    assert scores["x"] == pytest.approx(2 / 61)
    assert scores["a"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["x"] > scores["a"]


@pytest.mark.unit
def test_bm25_matches_malay_chunks_for_an_indonesian_query():
    # a Malay article naming the minister an Indonesian question asks about shares its words
    hits = [("ms:0-400", 0.3, {"language": "ms"}), ("id:0-300", 0.3, {"language": "id"}),
            ("en:0-500", 0.4, {"language": "en"}), ("x:0-100", 0.2, {})]
    assert unseen_by_bm25(hits, "id") == {"en:0-500"}
    assert unseen_by_bm25(hits, "ms") == {"en:0-500"}
    assert unseen_by_bm25(hits, "en") == {"ms:0-400", "id:0-300"}
    assert unseen_by_bm25(hits, None) == set()


@pytest.mark.unit
def test_detect_query_language_from_store_vocabulary():
    vocab = {"en": {"joint", "military", "exercises", "indonesia", "china"},
             "id": {"latihan", "militer", "bersama", "indonesia", "tiongkok"}}
    assert detect_query_language(EN_QUERY, vocab) == "en"
    assert detect_query_language("latihan militer bersama Indonesia Tiongkok", vocab) == "id"
    assert detect_query_language("anything", {"en": {"x"}}) == "en"
    # a store of Indonesian articles only: an English question is still English
    assert detect_query_language("Who did the minister meet in Beijing?", {"id": {"menteri"}}) == "en"
    assert detect_query_language("Siapa yang ditemui menteri di Beijing?", {"id": {"menteri"}}) == "id"
    assert detect_query_language("anything", {}) is None


# --- search over the five samples ---

@pytest.mark.integration
def test_english_query_finds_the_indonesian_article(store):
    hits = search(store, EN_QUERY, k=5)
    assert "001" in sources(hits[:3])
    hit = next(h for h in hits if h.source.endswith(".txt") and "001_" in h.source)
    assert hit.language == "id"
    assert "latihan militer bersama" in hit.text


@pytest.mark.integration
def test_indonesian_query(store):
    hits = search(store, "latihan militer bersama Indonesia dan Tiongkok", k=3)
    assert sources(hits)[0] == "001"


@pytest.mark.integration
def test_query_about_china_russia_consultation(store):
    hits = search(store, "China Russia strategic security consultation Patrushev", k=3)
    assert sources(hits)[0] == "002"


@pytest.mark.integration
def test_hits_are_consistent_with_the_store(store):
    hits = search(store, "energy cooperation Japan", k=4)
    assert len(hits) == 4
    assert sources(hits)[0] == "003"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.chunk_id for h in hits}) == 4
    for h in hits:
        doc = store.docs.get_document(h.doc_id)
        assert doc.clean_text[h.start:h.end] == h.text
        assert h.chunk_id == f"{h.doc_id}:{h.start}-{h.end}"
        assert (h.title, h.source, h.language, h.published) == (doc.title, doc.source, doc.language, doc.published)
        assert h.dense_rank is not None or h.lexical_rank is not None
        assert HIT_KEYS <= set(h.to_dict())


@pytest.mark.integration
def test_k_and_blank_query(store):
    assert len(search(store, EN_QUERY, k=1)) == 1
    assert len(search(store, EN_QUERY, k=50)) == store.docs.counts()["chunks"]
    assert search(store, "   ") == []


@pytest.mark.integration
def test_empty_store_returns_nothing(tmp_path):
    st = Store(Settings(store=tmp_path / "empty"))
    try:
        assert search(st, EN_QUERY) == []
    finally:
        st.close()


# --- the CLI ---

@pytest.mark.integration
def test_cli_search_json(sample_store):
    res = run_cli("search", EN_QUERY, "--store", str(sample_store), "--json", "-k", "3")
    assert res.returncode == 0, res.stderr.decode()
    hits = json.loads(res.stdout)
    assert isinstance(hits, list) and len(hits) == 3
    for h in hits:
        assert HIT_KEYS <= set(h)
        assert isinstance(h["start"], int) and isinstance(h["end"], int) and isinstance(h["score"], float)
        assert h["end"] - h["start"] == len(h["text"])
    assert any("001_" in h["source"] for h in hits)
    assert res.stderr == b""  # no log noise


@pytest.mark.integration
def test_cli_search_text_and_embedder_mismatch(sample_store):
    res = run_cli("search", "Sun Weidong Moskow", "--store", str(sample_store), "-k", "2")
    assert res.returncode == 0, res.stderr.decode()
    out = res.stdout.decode()
    assert out.startswith("1. ") and "\n2. " in out and "004_" in out

    res = run_cli("search", EN_QUERY, "--store", str(sample_store), "--embedder", "openai:text-embedding-3-small")
    assert res.returncode != 0
    err = res.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("qa-app: error: ")
    assert "'use-multilingual'" in err and "openai:text-embedding-3-small" in err
    assert "Traceback" not in err


@pytest.mark.integration
def test_cli_search_on_empty_store(tmp_path):
    res = run_cli("search", EN_QUERY, "--store", str(tmp_path / "empty"), "--json")
    assert res.returncode == 0 and json.loads(res.stdout) == []
