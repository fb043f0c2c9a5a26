"""The `rules` spec as a backend: the model-free extractor of `qa_app.extract.rules`, behind the
backend interface so that the registry, the batch runner and the evaluation treat it like
any model. It takes no prompt and writes no answers."""

from __future__ import annotations

from qa_app.backends.base import Backend, BackendInfo, Capabilities, StructuredResult, Usage
from qa_app.errors import ConfigError
from qa_app.extract.rules import RuleDraft, draft, rules_identity

__all__ = ["RulesBackend", "rules_identity"]


class RulesBackend(Backend):
    def __init__(self):
        self.info = BackendInfo("rules", rules_identity())
        self.capabilities = Capabilities(constrained=True, writes_answers=False, model_free=True, concurrent=True)

    def structured(self, messages, response_model, max_retries=2, max_tokens=1024) -> StructuredResult:
        raise ConfigError("the rules backend extracts from candidates directly; it takes no prompt")

    def complete(self, messages, max_tokens=512) -> tuple[str, Usage]:
        raise ConfigError("the rules backend cannot write answers; use --mode extractive")

    def draft(self, ctx) -> RuleDraft:
        return draft(ctx)
