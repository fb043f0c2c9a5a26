"""Tokens of person finding, and the per-text context: where the countries are, which
words can be part of a name."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from qa_app.nlp.mentions import Mention
from qa_app.nlp.people_lexicon import TOKEN, known_name_words, person_lexicon


class Tok(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


def word_tokens(text: str, start: int, end: int) -> list[Tok]:
    return [Tok(*m.span(), m.group()) for m in TOKEN.finditer(text, start, end)]


@lru_cache(maxsize=32)
def _text_tokens(text: str) -> tuple[list[Tok], list[int]]:
    toks = word_tokens(text, 0, len(text))
    return toks, [t.start for t in toks]


def sentence_tokens(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of text[start:end], cut from the tokens of the whole text."""
    import bisect

    toks, starts = _text_tokens(text)
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end, lo=i)
    if j > i and toks[j - 1].end > end:
        j -= 1
    return toks[i:j]


def match_phrase(toks: list[Tok], i: int, index: dict[str, list[tuple[str, ...]]]) -> int:
    """Number of tokens of the longest phrase of `index` at toks[i] (0 if none)."""
    if i >= len(toks):
        return 0
    word = toks[i].text
    cands = index.get(word) or (index.get(word.capitalize()) if word.isupper() and len(word) > 2 else None)
    for phrase in cands or ():
        n = len(phrase)
        if i + n <= len(toks) and all(_same(toks[i + k].text, phrase[k]) for k in range(n)):
            return n
    return 0


def _same(tok: str, word: str) -> bool:
    return tok == word or (tok.isupper() and len(tok) > 2 and tok == word.upper())


# The Arabic article joined to a family name by a hyphen, in the usual romanisations.
_ARTICLE_JOINED = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|ud|ul)-[A-Z][a-z]\w*")


_DERIVED_NOUN = re.compile(r"(?:Ke|Per|Pe[mn]?g?|Pen)(?![a-z]*(?:sh|z|v|x|q))[a-z]+an")


class TextContext:
    """Per-text helpers: which offsets are countries."""

    def __init__(self, text: str, language: str) -> None:
        from qa_app.nlp.countries import find_countries

        self.text = text
        self.language = language
        self.countries = [m for m in find_countries(text) if m.extra.get("via") != "capital"]
        self._country_at = {}
        for m in self.countries:
            for pos in range(m.start, m.end):
                self._country_at[pos] = m

    def country_at(self, tok: Tok) -> Mention | None:
        return self._country_at.get(tok.start)

    def name_like(self, tok: Tok) -> bool:
        t = tok.text
        if _ARTICLE_JOINED.fullmatch(t):
            return True  # "Abdel Fattah al-Sisi": an Arabic article written onto the name
        if not t[0].isupper() or not any(c.islower() for c in t):
            return False  # lower-case words and acronyms (CPC, BRICS)
        if t.lower() in person_lexicon().non_name or self.country_at(tok):
            return False
        from qa_app.nlp.geonames import capitals

        if t in capitals():
            return False
        if t in known_name_words():
            return True  # "Pezeshkian" has the shape of an Indonesian derived noun, and is a name
        # Indonesian derived nouns (Keamanan, Pertahanan, Pembangunan) are not names; letters and
        # pairs Indonesian words do not have ("sh", "z", "v") make a name of that shape
        return not _DERIVED_NOUN.fullmatch(t)


def text_sentences(text: str):
    from qa_app.text.sentences import sentences_of as sentences

    return sentences(text)

