"""Lexicon data files (qa_app/data/lex_*.json), loaded once."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed JSON of ``qa_app/data/lex_<name>.json``."""
    path = resources.files("qa_app.data").joinpath(f"lex_{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))
