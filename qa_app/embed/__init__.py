"""Pluggable embedders, chosen by a spec string through a lazy registry."""

from __future__ import annotations

import importlib

from qa_app.errors import ConfigError
from qa_app.embed.base import Embedder

# spec prefix -> "module:Class"; modules are imported only when chosen.
REGISTRY = {
    "use-multilingual": "qa_app.embed.use_multilingual:UseMultilingualEmbedder",
    "openai": "qa_app.embed.openai_compatible:OpenAIEmbedder",
}


def make_embedder(spec: str, settings) -> Embedder:
    """'use-multilingual' or 'openai:MODEL' (with QA_APP_EMBED_BASE_URL for other servers)."""
    prefix, _, arg = spec.partition(":")
    target = REGISTRY.get(prefix)
    if target is None or (prefix == "openai" and not arg):
        raise ConfigError(f"unknown embedder {spec!r}; valid: 'use-multilingual', 'openai:MODEL'")
    module, cls = target.split(":")
    return getattr(importlib.import_module(module), cls).from_spec(arg, settings)


__all__ = ["Embedder", "make_embedder", "REGISTRY"]
