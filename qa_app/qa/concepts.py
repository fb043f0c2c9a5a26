"""Language-neutral concepts of a text, for comparing questions with sentences across languages:
countries become ISO3 codes and common words become bilingual concepts (qa_concepts.json)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from qa_app.text.tokens import index_terms


@lru_cache(maxsize=1)
def _stems() -> list[tuple[str, str]]:
    raw = json.loads(resources.files("qa_app.data").joinpath("qa_concepts.json").read_text(encoding="utf-8"))
    pairs = [(stem.lower(), concept) for concept, stems in raw.items() if not concept.startswith("_") for stem in stems]
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def _stem_index() -> tuple[dict[str, str], tuple[int, ...]]:
    """Each stem's concept (the first in `_stems()` order, as a linear scan would find it)
    and the stem lengths, longest first."""
    index: dict[str, str] = {}
    for stem, concept in _stems():
        index.setdefault(stem, concept)
    return index, tuple(sorted({len(stem) for stem in index}, reverse=True))


@lru_cache(maxsize=65536)
def _concept(token: str) -> str:
    """The concept of the longest stem that starts `token` (stems under 4 letters must
    equal it), else the token's word stem. A stem that starts the token is the token's prefix
    of that length, so one dict lookup per stem length replaces a scan of every stem."""
    index, lengths = _stem_index()
    for n in lengths:
        if n <= len(token):
            concept = index.get(token[:n])
            if concept is not None and (n >= 4 or n == len(token)):
                return "#" + concept
    return word_stem(token)


def word_concept(token: str) -> str:
    """The concept of one lower-cased word ("pandas" and "panda", "hotel" in either language)."""
    return _concept(token)


_ID_SUFFIXES = ("nya", "kan", "lah", "kah")
_ID_PREFIXES = ("meng", "meny", "mem", "men", "me", "di", "ber", "ter", "per")
_EN_SUFFIXES = ("ing", "ed", "es", "s")


def word_stem(token: str) -> str:
    """A light stem, the same for a word and its common inflections in English and Indonesian
    ('didampingi' and 'mendampingi' -> 'dampingi'; 'signed' and 'signs' -> 'sign'). Short words
    and numbers stay as they are."""
    if len(token) < 6 or not token.isalpha():
        return token
    for suf in _ID_SUFFIXES + _EN_SUFFIXES:
        if token.endswith(suf) and len(token) - len(suf) >= 5:
            token = token[: -len(suf)]
            break
    for pre in _ID_PREFIXES:
        if token.startswith(pre) and len(token) - len(pre) >= 5:
            return token[len(pre):]
    return token


QUESTION_WORDS = frozenset("many much did does do done take part kind sort berapa apakah adakah saja siapa apa kapan".split())


def content_concepts(question: str) -> set[str]:
    """What a question asks about beyond the countries it names."""
    return {c for c in concepts(question) if not (len(c) == 3 and c.isupper()) and c not in QUESTION_WORDS}


def concepts(text: str) -> set[str]:
    """The text's countries (ISO3) and concepts (a fresh set: the cached one is shared)."""
    return set(_concepts(text))


@lru_cache(maxsize=16384)
def _concepts(text: str) -> frozenset[str]:
    from qa_app.nlp.countries import find_countries

    found = find_countries(text)
    out = {m.value for m in found if m.value}
    masked = text
    for m in sorted(found, key=lambda m: -m.start):
        masked = masked[:m.start] + " " * (m.end - m.start) + masked[m.end:]
    months = _month_names()
    out |= {months.get(t) or _concept(t) for t in index_terms(masked) if not re.fullmatch(r"\d{1,2}", t)}
    return frozenset(out)


_NOT_MONTHS = frozenset({"may", "des", "mac", "dis", "ogo", "aoû", "mar"})  # also words: a modal, an article, ...


@lru_cache(maxsize=1)
def _month_names() -> dict[str, str]:
    """Month names and abbreviations of every language the date reader knows, each to its month's
    concept ('December', 'Dec', 'Desember', 'décembre' -> '#month12')."""
    from qa_app.nlp.date_lexicon import lang_table

    return {name: f"#month{n}" for language in ("en", "id", "ms", "fr")
            for name, n in lang_table(language).months.items() if name not in _NOT_MONTHS}
