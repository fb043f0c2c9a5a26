"""The model backend interface: one ABC, one module per implementation. Backends are models
only; what is asked of them (extraction, answers) is decided by their callers."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel


@dataclass
class Usage:
    tokens_in: int = 0
    tokens_out: int = 0
    seconds: float = 0.0
    calls: int = 0

    def add(self, other: "Usage") -> None:
        self.tokens_in += other.tokens_in
        self.tokens_out += other.tokens_out
        self.seconds += other.seconds
        self.calls += other.calls


@dataclass
class StructuredResult:
    value: BaseModel
    usage: Usage
    raw: str = ""


@dataclass
class Capabilities:
    #: Decoding is constrained to the JSON schema (llama.cpp grammar, OpenAI structured outputs).
    constrained: bool = False
    #: Good enough to write answers in prose; the small bundled GGUF is not.
    writes_answers: bool = False
    #: Safe to call from several threads at once.
    concurrent: bool = False


@dataclass
class BackendInfo:
    name: str
    model: str
    detail: dict[str, Any] = field(default_factory=dict)


class Backend(ABC):
    info: BackendInfo
    capabilities: Capabilities

    @abstractmethod
    def structured(self, messages: list[dict], response_model: type[BaseModel], max_retries: int = 2,
                   max_tokens: int = 1024) -> StructuredResult:
        """A validated instance of `response_model`, or BackendError/ExtractionError."""

    @abstractmethod
    def complete(self, messages: list[dict], max_tokens: int = 512) -> tuple[str, Usage]:
        """Free text completion (answers)."""

    @property
    def identity(self) -> str:
        """Part of the extraction cache key."""
        return f"{self.info.name}:{self.info.model}"

    def close(self) -> None:  # noqa: B027 - optional hook
        pass


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        return False
