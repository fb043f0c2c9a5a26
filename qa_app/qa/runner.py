"""Choose the answering mode and backend for `qa-app ask` and the UI."""

from __future__ import annotations

from qa_app.errors import ConfigError

ANSWER_MODES = ("extractive", "generative")


def answer_backend(settings, mode: str | None):
    """(mode, backend or None). Extractive needs no model; generative needs one that writes answers."""
    if mode is not None and mode not in ANSWER_MODES:
        raise ConfigError(f"unknown --mode {mode!r}; valid: {', '.join(ANSWER_MODES)}")
    if mode == "extractive" or (mode is None and settings.model in (None, "rules", "smollm2")):
        return "extractive", None
    from qa_app.backends import make_backend
    from qa_app.extract.extractors import model_spec_of

    model = model_spec_of(settings.model)
    backend = make_backend(model, settings) if model else None
    if mode is None:
        mode = "generative" if backend is not None and backend.capabilities.writes_answers else "extractive"
    return mode, backend


def run_ask(settings, question: str, mode: str | None):
    from qa_app.qa.answer import ask
    from qa_app.store import Store

    if not question.strip():
        raise ConfigError("the question is empty")
    mode, backend = answer_backend(settings, mode)
    store = Store(settings)
    return ask(store, question, mode=mode, backend=backend)
