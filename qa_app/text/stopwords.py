"""Stopwords per language (qa_app/data/stopwords.json), and the clause stopwords of the rules.

Two lists on purpose: the index drops function words only, so that topic words such as
"negara" or "continue" stay searchable; the rules, comparing two commitment clauses, also drop
that filler but keep "not", "will" and "has", which tell one commitment from another. The
rules' list is part of their lexicon (lex_cues.json, rules.stopwords), whose content identifies
the rules' results.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


def _data(name: str) -> dict:
    return json.loads(resources.files("qa_app.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _by_language() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in _data("stopwords.json").items() if not lang.startswith("_")}


def stopwords(language: str) -> frozenset[str]:
    """The function words of one language (empty for a language without a list)."""
    return _by_language().get(language, frozenset())


@lru_cache(maxsize=1)
def index_stopwords() -> frozenset[str]:
    """The function words of every listed language: an index mixes languages."""
    return frozenset().union(*_by_language().values())


@lru_cache(maxsize=1)
def clause_stopwords() -> frozenset[str]:
    """Words the rules ignore when they compare two commitment clauses, every language together."""
    words = _data("lex_cues.json")["rules"]["stopwords"]
    return frozenset(w for ws in words.values() for w in ws)
