"""A longest-match gazetteer over word tokens (qa_app.text.tokens.word_tokens).

A gazetteer key is the lower-cased token sequence of a name, with whitespace and
hyphens between tokens normalised to one space and apostrophes kept ("people's
republic of china", "asia pacific" for "Asia-Pacific"). Matching starts only at a
token with a capital first letter, so "china" the material never matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from qa_app.text.tokens import word_tokens

_SEPARATORS = {"-": " ", "–": " ", "'": "'", "’": "'", ".": "."}


def _sep_key(sep: str) -> str | None:
    """The normalised separator between two tokens of one name, or None if they cannot be."""
    if not sep:
        return ""
    if sep.isspace():
        return " " if "\n" not in sep and len(sep) <= 3 else None
    if sep in _SEPARATORS:
        return _SEPARATORS[sep]
    if sep.strip() in ("-", "–") and "\n" not in sep:
        return " "
    if sep in (". ", "."):
        return "."
    return None


def key_of(name: str) -> str:
    """Gazetteer key of a lexicon name."""
    toks = word_tokens(name)
    parts: list[str] = []
    for i, t in enumerate(toks):
        if i:
            sep = _sep_key(name[toks[i - 1].end:t.start])
            parts.append(sep if sep is not None else " ")
        parts.append(t.text.lower())
    return "".join(parts)


@dataclass
class Entry:
    payload: Any
    exact: str | None = None  # case-sensitive surface form (acronyms); None = any case
    lower_ok: bool = False  # may start at a lower-case token ("semenanjung Korea")


class Gazetteer:
    """Longest-match lookup of multi-token names in a text."""

    def __init__(self) -> None:
        self._entries: dict[str, list[Entry]] = {}
        self._lower_starts: set[str] = set()
        self._prefixes: set[str] = set()  # keys of every proper token prefix of an entry
        self.max_tokens = 1

    def add(self, name: str, payload: Any, case_sensitive: bool = False, lower_ok: bool = False) -> None:
        key = key_of(name)
        if not key:
            return
        entry = Entry(payload, _exact_form(name) if case_sensitive else None, lower_ok)
        self._entries.setdefault(key, []).append(entry)
        toks = word_tokens(name)
        for k in range(1, len(toks)):
            self._prefixes.add(key_of(name[:toks[k - 1].end]))
        if lower_ok:
            self._lower_starts.add(key.split(" ")[0])
        self.max_tokens = max(self.max_tokens, len(word_tokens(name)))

    def replace(self, name: str, payload: Any) -> None:
        """`add`, dropping what the name held before."""
        self._entries.pop(key_of(name), None)
        self.add(name, payload)

    def add_all(self, names: Iterable[str], payload: Any, case_sensitive: bool = False, lower_ok: bool = False) -> None:
        for name in names:
            self.add(name, payload, case_sensitive, lower_ok)

    def get(self, name: str) -> list[Any]:
        return [e.payload for e in self._entries.get(key_of(name), []) if e.exact is None or e.exact == _exact_form(name)]

    def scan(self, text: str, need_capital: bool = True) -> list[tuple[int, int, Any]]:
        """Non-overlapping longest matches: (start, end, payload)."""
        toks = word_tokens(text)
        out: list[tuple[int, int, Any]] = []
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            key = tok.text.lower()
            lower_start = need_capital and not tok.text[0].isupper()
            if lower_start and key not in self._lower_starts:
                i += 1
                continue
            best: tuple[int, Any] | None = None
            j = i
            while True:
                for entry in self._entries.get(key, ()):
                    if lower_start and not entry.lower_ok:
                        continue
                    if entry.exact is None or entry.exact == _exact_form(text[tok.start:toks[j].end]):
                        best = (j, entry.payload)
                        break
                j += 1
                if j >= n or j - i >= self.max_tokens or key not in self._prefixes:
                    break
                sep = _sep_key(text[toks[j - 1].end:toks[j].start])
                if sep is None:
                    break
                key = key + sep + toks[j].text.lower()
            if best is None:
                i += 1
                continue
            j, payload = best
            end = toks[j].end
            # Keep a trailing period of an acronym such as "U.S."
            if text[end:end + 1] == "." and isinstance(payload, dict) and payload.get("keep_dot") and end + 1 <= len(text):
                end += 1
            out.append((tok.start, end, payload))
            i = j + 1
        return out


def _exact_form(s: str) -> str:
    return re.sub(r"[\s.]+", "", s)
