"""Which gold articles the rules were developed against, so that the evaluation can report the
rest as held out (figures on articles no rule was tuned on)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def tuned_prefixes() -> frozenset[str]:
    data = json.loads(resources.files("qa_app.data").joinpath("rules_tuning.json").read_text(encoding="utf-8"))
    return frozenset(data["tuned"])


def is_tuned(article: str) -> bool:
    """True when the rules were written or tuned against this article file."""
    return article.split("_", 1)[0] in tuned_prefixes()


def held_out(articles: list[str]) -> list[str]:
    return [a for a in articles if not is_tuned(a)]
