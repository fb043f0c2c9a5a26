"""Embeddings from an OpenAI-compatible /v1/embeddings endpoint."""

from __future__ import annotations

import os

import numpy as np

from qa_app.embed.base import Embedder
from qa_app.errors import BackendError


class OpenAIEmbedder(Embedder):
    def __init__(self, model: str, base_url: str | None, api_key: str | None, batch_size: int = 64):
        from openai import OpenAI

        self.model = model
        self.name = f"openai:{model}@{base_url or 'api.openai.com'}"
        self.batch_size = batch_size
        self._client = OpenAI(base_url=base_url, api_key=api_key or "not-needed", max_retries=3, timeout=60)
        self.dim = 0

    @classmethod
    def from_spec(cls, arg: str, settings) -> "OpenAIEmbedder":
        return cls(arg, settings.embed_base_url, os.environ.get(settings.embed_api_key_env))

    def embed(self, texts: list[str]) -> np.ndarray:
        import openai

        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            try:
                resp = self._client.embeddings.create(model=self.model, input=texts[i:i + self.batch_size])
            except openai.APIConnectionError as exc:
                raise BackendError(f"embeddings server unreachable at {self._client.base_url}: {exc}") from exc
            except openai.APIStatusError as exc:
                raise BackendError(f"embeddings request failed ({exc.status_code}): {exc.message}") from exc
            out.extend(d.embedding for d in resp.data)
        vecs = np.asarray(out, dtype=np.float32)
        if len(texts) and vecs.ndim == 2:
            self.dim = vecs.shape[1]
            vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        return vecs
