"""The extractor interface: one article's context in, one immutable `Extraction` out.

An extractor keeps no per-call state, so one instance serves every thread of a batch; what a
call used (tokens, the raw model output) comes back in its result, never on the extractor.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from qa_app.backends.base import Backend, Usage
from qa_app.extract.context import ArticleContext
from qa_app.extract.drafts import Draft

#: The prompt version of an extractor that sends no prompt.
NO_PROMPT = "none"


@dataclass(frozen=True)
class Extraction:
    draft: Draft
    #: Titles and actions were written by a model, so grounding must check them too.
    model_written: bool
    usage: Usage = field(default_factory=Usage)
    raw: str = ""  # the model's raw output, "" when no model wrote the draft


@dataclass(frozen=True)
class ExtractorInfo:
    """What the records' provenance names."""

    name: str
    model: str
    prompt_version: str = NO_PROMPT


class Extractor(ABC):
    info: ExtractorInfo
    #: The model it asks, if any (question answering may reuse it).
    backend: Backend | None = None

    @property
    @abstractmethod
    def identity(self) -> str:
        """Part of the extraction cache key: what produced the drafts, with the content hash of
        the lexicons and code (rules) and the model's identity; the prompt is in `info`."""

    @property
    @abstractmethod
    def mode(self) -> str:
        """Part of the extraction cache key: how the model is asked to answer."""

    @property
    def concurrent(self) -> bool:
        """Safe to call from several threads at once."""
        return self.backend is None or self.backend.capabilities.concurrent

    @abstractmethod
    def extract(self, ctx: ArticleContext) -> Extraction:
        """The drafts of one article. Raises ExtractionError / BackendError from a model."""

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()
