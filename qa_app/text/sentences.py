"""Sentence splitting with character offsets.

A small rule-based splitter: pysbd has no Indonesian rules and no exact offsets
on noisy text, and what we need is narrow: split after . ! ? (optionally followed
by closing quotes or brackets) when the next token starts a sentence, never after a
known abbreviation ("Dr.", "No. 1") or a single initial, and always at line breaks.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


# Photo captions describe a picture, often of an earlier moment: never the statement of a meeting,
# nor the sentence that says what an article tells of one.
# A photo caption: a "Photo:" or "[Image]" label, or a line that ends with its credit "(ANTARA/Dimas Prasetyo)",
# "(KABARNUSA/Dok. Kemhan)", "(Reuters Photo/...)", "(Foto: BPMI Setpres/...)"
_CAPTION_LINE = re.compile(r"^\W*(?:photo|foto|caption|keterangan foto|gambar|image|pic)\s*:"
                           # "[Image] ...", "[PHOTO] ...", "(Foto) ...": a scraped picture's label
                           r"|^\s*[\[(](?:photo|foto|image|picture|gambar|pic|video)[\])]"
                           r"|^.*\((?:[A-Z][\w.-]*(?: [A-Z][\w.-]*)?|Foto|Photo|Dok\.?)\s*/"
                           r"\s*[^()/\n]{2,60}\)\s*\.?\s*$"
                           # "... (Foto: BPMI Setpres/Muchlis Jr)", "(Photo: Ricardo Stuckert/PR)", "(Photo by AFP)"
                           r"|^.*\((?:foto|photo|picture|gambar)\s*(?::|by)\s*[^()\n]{2,60}\)\s*\.?\s*$",
                           re.IGNORECASE)
# "Menlu RI Retno Marsudi (kanan) berjabat tangan ...", "Xi Jinping (2nd R) and ...": a name with where its
# bearer stands in the picture
_STANDS_AT = re.compile(r"\w\s+\((?:(?:kedua|ketiga|keempat|paling|second|third|fourth|far|2nd|3rd|4th|from|dari)\s+)?"
                        r"(?:kiri|kanan|tengah|left|right|centre|center|front|back|depan|belakang|l|r)"
                        r"(?:\s+(?:to|ke)\s+(?:right|kanan))?\)", re.IGNORECASE)


class _Caption:
    """`CAPTION.match(text)`: the line is a photo caption (a label, a credit, or where someone stands)."""

    def match(self, text: str):
        return _CAPTION_LINE.match(text) or ("(" in text and _STANDS_AT.search(text)) or None


CAPTION = _Caption()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    raw = resources.files("qa_app.data").joinpath("abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


#: Hard bound on a sentence's length. Longer runs of text (a page with no sentence
#: punctuation, a table flattened to one line) are cut at the last word boundary before it,
#: so that chunks, embeddings and prompts stay bounded whatever the input.
MAX_SENTENCE_CHARS = 1000

# Candidate boundary: terminal punctuation, optional closers, then whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_INITIALS = re.compile(r"(?:[^\W\d_]\.){0,3}[^\W\d_]")
# "Marsdya TNI (Purn.) Donny": one abbreviated word in parentheses ends no sentence.
_ABBREVIATION_IN_PARENS = re.compile(r"\([^\W\d_]{1,8}\.\)$")
_LIST_NUMBER = re.compile(r"\s*\d{1,2}")
_TRAILING_PARENS = re.compile(r"\s*\([^()\n]{2,80}\)\s*")


def _is_abbreviation(text: str, dot_pos: int) -> bool:
    # Only the last few characters: abbreviations are short, and searching from the start of
    # the text on every candidate boundary is quadratic on long lines.
    m = _WORD_BEFORE.search(text, max(0, dot_pos - 40), dot_pos)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if _INITIALS.fullmatch(word):
        return True  # initials: "J. Smith", "J.D. Vance"
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
        if text[m.start()] == "." and _LIST_NUMBER.fullmatch(text, start, m.start()):
            continue  # "1. Nota kesepahaman ...": the number of a list item
        if _TRAILING_PARENS.fullmatch(text, stop, end) or _inside_parens(text, start, m.start(), stop, end):
            continue  # "... di Beijing. (ANTARA/Dok. Kemhan)": a credit closing the line belongs to it
        if _ABBREVIATION_IN_PARENS.search(text, max(start, m.start() - 12), stop):
            continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    return spans


def _inside_parens(text: str, start: int, pos: int, stop: int, end: int) -> bool:
    """The boundary at `pos` is inside a short parenthesis that closes later on the line ('(Dok.
    Kemhan)'), not with the boundary itself ('(see photo.)')."""
    opened = text.rfind("(", start, pos)
    if opened < 0 or text.find(")", opened, pos) >= 0:
        return False
    closed = text.find(")", pos, end)
    return closed >= stop and closed - pos <= 40


def _next_is_digit_after_no(text: str, dot: int, stop: int, end: int) -> bool:
    """'No. 1' style numbering is never a boundary."""
    before = text[max(0, dot - 3):dot].lower()
    return before.endswith("no") and bool(re.match(r"\s+\d", text[stop:end]))


def _bounded(text: str, a: int, b: int, limit: int) -> list[tuple[int, int]]:
    """[a, b) cut into pieces of at most `limit` characters, at word boundaries where there are any."""
    pieces = []
    while b - a > limit:
        cut = max(text.rfind(" ", a + 1, a + limit + 1), text.rfind("\t", a + 1, a + limit + 1))
        stop = cut if cut > a else a + limit  # one "word" longer than the limit is cut where it must be
        pieces.append((a, stop))
        a = stop
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        pieces.append((a, b))
    return pieces


def split_sentences(text: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[Sentence]:
    """Sentences of `text` with exact offsets: text[s.start:s.end] == s.text (stripped).
    No sentence is longer than `max_chars`."""
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        for a, b in _split_line(text, line.start(), line.end()):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            for x, y in _bounded(text, a, b, max_chars):
                while y > x and text[y - 1].isspace():
                    y -= 1
                if y > x:
                    out.append(Sentence(x, y, text[x:y]))
    return out


# Spans already known for a text (a stored document's), so that the helpers below that take
# only a text (dates, people) reuse them instead of splitting again. Batch extraction runs
# in threads: the memo is guarded by a lock.
_KNOWN: OrderedDict[str, tuple[Sentence, ...]] = OrderedDict()
_KNOWN_SIZE = 64
_KNOWN_LOCK = threading.Lock()


def remember_sentences(text: str, sentences: Sequence[Sentence]) -> tuple[Sentence, ...]:
    """Make `sentences` the answer of `sentences_of(text)` (the stored spans of a document)."""
    spans = tuple(sentences)
    with _KNOWN_LOCK:
        _KNOWN[text] = spans
        _KNOWN.move_to_end(text)
        while len(_KNOWN) > _KNOWN_SIZE:
            _KNOWN.popitem(last=False)
    return spans


def sentences_of(text: str) -> tuple[Sentence, ...]:
    """The sentences of `text`: the remembered spans, else split once and remembered."""
    with _KNOWN_LOCK:
        hit = _KNOWN.get(text)
        if hit is not None:
            _KNOWN.move_to_end(text)
            return hit
    return remember_sentences(text, split_sentences(text))
