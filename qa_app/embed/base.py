"""The embedder interface."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np


class Embedder(ABC):
    #: Stable identity recorded in the store; a store refuses vectors from another.
    name: str
    dim: int

    @abstractmethod
    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, shape (len(texts), dim)."""

    def warm_up(self) -> None:
        """Load what the first `embed` would (model weights), without embedding anything."""

    def close(self) -> None:
        """Release threads or connections; the embedder may not be used afterwards."""
