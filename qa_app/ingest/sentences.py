"""Sentence splitting with character offsets.

A small rule-based splitter: pysbd has no Indonesian rules and no exact offsets
on noisy text, and what we need is narrow: split after . ! ? (optionally followed
by closing quotes or brackets) when the next token starts a sentence, never after a
known abbreviation ("Dr.", "No. 1") or a single initial, and always at line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    raw = resources.files("qa_app.data").joinpath("abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


# Candidate boundary: terminal punctuation, optional closers, then whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, dot_pos: int) -> bool:
    m = _WORD_BEFORE.search(text, 0, dot_pos)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    return word in _abbreviations()


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.end()
        nxt = _NEXT_STARTS_SENTENCE.match(text, stop, end)
        if not nxt:
            continue
        if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, m.start()):
            continue
        if text[m.start()] == "." and _next_is_digit_after_no(text, m.start(), stop, end):
            continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    return spans


def _next_is_digit_after_no(text: str, dot: int, stop: int, end: int) -> bool:
    """'No. 1' style numbering is never a boundary."""
    before = text[max(0, dot - 3):dot].lower()
    return before.endswith("no") and bool(re.match(r"\s+\d", text[stop:end]))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with exact offsets: text[s.start:s.end] == s.text (stripped)."""
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        for a, b in _split_line(text, line.start(), line.end()):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(Sentence(a, b, text[a:b]))
    return out
