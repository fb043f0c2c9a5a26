"""BM25 lexical index over chunks (bm25s), saved beside the Chroma store."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from qa_app.text.tokens import index_terms


def _bm25s():
    """Import bm25s, undoing its import-time `setLevel(DEBUG)` on its logger so that its
    debug lines ("Building index from tokens") show only under `qa-app -v`."""
    import bm25s

    bm25s_logger = logging.getLogger("bm25s")
    if bm25s_logger.level == logging.DEBUG:
        bm25s_logger.setLevel(logging.NOTSET)  # inherit the root level set by the CLI
    return bm25s


class LexicalIndex:
    """Rebuilt from the chunk table after each ingest; loaded lazily for search."""

    def __init__(self, folder: Path, lock=None):
        self.folder = folder
        self.lock = lock
        self._retriever = None
        self._ids: list[str] = []

    def build(self, ids: list[str], texts: list[str], languages: list[str]) -> None:
        bm25s = _bm25s()

        self.folder.mkdir(parents=True, exist_ok=True)
        retriever = bm25s.BM25()
        tokens = [index_terms(t) or ["∅"] for t in texts]
        if texts:
            retriever.index(tokens, show_progress=False)
            retriever.save(str(self.folder / "bm25"))
        vocab: dict[str, set[str]] = {}
        for toks, lang in zip(tokens, languages):
            vocab.setdefault(lang or "", set()).update(toks)
        (self.folder / "vocab_by_language.json").write_text(json.dumps({k: sorted(v) for k, v in vocab.items()}))
        (self.folder / "ids.json").write_text(json.dumps(ids))
        self._retriever, self._ids = (retriever if texts else None), ids
        self._vocab = vocab

    def vocab_by_language(self) -> dict[str, set[str]]:
        if getattr(self, "_vocab", None) is None:
            from contextlib import nullcontext

            path = self.folder / "vocab_by_language.json"
            with self.lock.shared() if self.lock is not None else nullcontext():
                self._vocab = {k: set(v) for k, v in json.loads(path.read_text()).items()} if path.exists() else {}
        return self._vocab

    def _load(self) -> bool:
        if self._retriever is not None:
            return True
        ids_file = self.folder / "ids.json"
        if not ids_file.exists() or not (self.folder / "bm25").exists():
            return False
        bm25s = _bm25s()
        from contextlib import nullcontext

        with self.lock.shared() if self.lock is not None else nullcontext():  # never half-way through a rebuild
            self._ids = json.loads(ids_file.read_text())
            self._retriever = bm25s.BM25.load(str(self.folder / "bm25"))
        return True

    def query(self, text: str, k: int) -> list[tuple[str, float]]:
        tokens = index_terms(text)
        if not tokens or not self._load() or not self._ids:
            return []
        # bm25s expects a vocabulary-mapped query; unknown words are dropped.
        vocab = self._retriever.vocab_dict
        known = [t for t in tokens if t in vocab]
        if not known:
            return []
        docs, scores = self._retriever.retrieve([known], k=min(k, len(self._ids)), show_progress=False)
        return [(self._ids[int(d)], float(s)) for d, s in zip(np.ravel(docs), np.ravel(scores)) if s > 0]
