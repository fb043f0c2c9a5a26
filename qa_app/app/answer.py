"""Use-case: a question in, an answer with citations out.

The answering mode is chosen once per caller: extractive (no model: answers composed from
the records, or quoted sentences) or generative (a model that writes answers, every claim
checked against its citations).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qa_app.errors import ConfigError

if TYPE_CHECKING:
    from qa_app.qa.answer import Answer, AskOptions

ANSWER_MODES = ("extractive", "generative")
#: Model specs that never write answers: no model is loaded to answer with them.
_NO_WRITER = (None, "rules", "smollm2")


@dataclass(frozen=True)
class Answerer:
    """How questions are answered: the mode and, in generative mode, the backend that writes."""

    mode: str
    backend: Any = None

    @classmethod
    def of_backend(cls, backend) -> "Answerer":
        """Generative when `backend` writes answers, extractive otherwise (it is kept either way)."""
        return cls("generative" if backend.capabilities.writes_answers else "extractive", backend)


def answerer_for(settings, mode: str | None = None) -> Answerer:
    """The answerer for the configured model; `mode` None: generative when the model can write answers."""
    if mode is not None and mode not in ANSWER_MODES:
        raise ConfigError(f"unknown --mode {mode!r}; valid: {', '.join(ANSWER_MODES)}")
    if mode == "extractive" or (mode is None and settings.model in _NO_WRITER):
        return Answerer("extractive")
    from qa_app.backends import make_backend
    from qa_app.extract.extractors import model_spec_of

    model = model_spec_of(settings.model)  # "rules+M" answers with M
    if model is None:
        return Answerer("extractive")
    backend = make_backend(model, settings)
    return Answerer.of_backend(backend) if mode is None else Answerer(mode, backend)


def checked_question(question: str) -> str:
    if not question.strip():
        raise ConfigError("the question is empty")
    return question


def answer(store, answerer: Answerer, question: str, options: AskOptions | None = None) -> Answer:
    """The answer to `question` from what `store` holds, each claim cited, or an abstention."""
    from qa_app.qa.answer import ask

    question = checked_question(question)
    store.preload_embedder()  # in parallel with opening the indexes, on a cold start
    return ask(store, question, mode=answerer.mode, backend=answerer.backend, options=options)
