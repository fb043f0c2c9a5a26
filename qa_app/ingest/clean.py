"""Strip page junk from article text while keeping an exact offset map to the raw text.

The cleaned text is a concatenation of verbatim slices of the raw text joined by
"\n". `OffsetMap` maps any offset of the cleaned text back to the raw text, so a span
found in the cleaned text can be shown in the page it came from.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from qa_app.ingest.published import date_only_line


@dataclass
class OffsetMap:
    """Segments (clean_start, raw_start, length); each is a verbatim copy."""

    segments: list[tuple[int, int, int]] = field(default_factory=list)

    def to_raw(self, offset: int) -> int:
        if not self.segments:
            return offset
        starts = [s[0] for s in self.segments]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        clean_start, raw_start, length = self.segments[i]
        return raw_start + min(offset - clean_start, length)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.to_raw(start), self.to_raw(max(start, end - 1)) + (1 if end > start else 0)

    def to_json(self) -> str:
        return json.dumps(self.segments)

    @classmethod
    def from_json(cls, raw: str) -> "OffsetMap":
        return cls([tuple(s) for s in json.loads(raw)])


@dataclass
class DroppedLine:
    raw_start: int
    raw_end: int
    text: str
    reason: str


@dataclass
class CleanResult:
    text: str
    offsets: OffsetMap
    dropped: list[DroppedLine]
    header_lines: list[str]  # lines before the body (title, dateline), kept in the text


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, list[str]]:
    return json.loads(resources.files("qa_app.data").joinpath("boilerplate.json").read_text(encoding="utf-8"))


_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]\s*$")
_HASHTAGS = re.compile(r"^(#\w+[\s,]*)+$")
_DATELINE = re.compile(
    r"^(?:(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s*)?"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s+\d{1,2}[:.]\d{2})?(?:\s*(?:wib|wita|wit|utc|gmt))?$",
    re.IGNORECASE,
)


def is_dateline(line: str) -> bool:
    return bool(_DATELINE.match(line.strip()))


def _words(line: str) -> int:
    return len(line.split())


def _is_body(line: str) -> bool:
    """A body paragraph: several words and ends like a sentence."""
    return _words(line) >= 8 and bool(_SENTENCE_END.search(line))


_MENU_SEP = re.compile(r"\s*[|»>›]\s*|\s{2,}|\s+/\s+")
_COMMENT_MARKER = re.compile(r"^(?:\d+\s+)?(?P<word>[^\W\d_]+(?: [^\W\d_]+)?)\s*(?:\(\d+\))?$")
_COMMENT_LINE = re.compile(r"^[\w.@-]{2,30}(?: [\w.@-]{1,20})?:\s+\S")


def _is_chrome(line: str, low: str, lex) -> bool:
    """Site chrome: a menu of short items, a search box, a share bar, a cookie notice."""
    if _SENTENCE_END.search(line) and _words(line) >= 8:
        return False
    items = [i for i in _MENU_SEP.split(line.strip()) if i]
    if len(items) >= 4 and all(len(i.split()) <= 3 for i in items):
        return True  # "Home | World | Asia | Business", "Beranda  Nasional  Dunia", "Home / News / Asia / Politics"
    return _words(line) <= 14 and any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", low) for p in lex["chrome_phrases"])


def is_comment_marker(line: str) -> bool:
    m = _COMMENT_MARKER.match(line.strip())
    return bool(m) and m.group("word").lower() in _lexicon()["comment_markers"]


def _junk_reason(line: str, in_body: bool, in_section: bool) -> str | None:
    low = line.strip().lower().rstrip(" :")
    lex = _lexicon()
    if low in lex["exact_lines"]:
        return "boilerplate"
    if any(low.startswith(p) for p in lex["line_prefixes"]):
        return "boilerplate"
    if any(low.startswith(p.rstrip(":").rstrip()) and ":" in line[:30] for p in lex["byline_prefixes"]):
        return "byline"
    if _HASHTAGS.match(line.strip()):
        return "hashtags"
    if _is_chrome(line, low, lex):
        return "page-chrome"
    if low in lex["section_markers"]:
        return "related-headlines"
    if in_section and not _is_body(line):
        return "related-headlines"
    if in_body and not _SENTENCE_END.search(line) and _words(line) <= 25:
        # A title-like line between body paragraphs: an unrelated headline.
        return "stray-headline"
    return None


def clean_text(raw: str) -> CleanResult:
    """Drop junk lines; keep every body sentence verbatim."""
    kept: list[tuple[int, int]] = []
    joins: set[int] = set()  # kept lines whose sentence goes on in the next line
    dropped: list[DroppedLine] = []
    header: list[str] = []
    in_body = in_section = in_comments = False
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", raw)]
    for idx, (a, b) in enumerate(lines):
        line = raw[a:b]
        # Trim surrounding whitespace but stay on raw offsets.
        a += len(line) - len(line.lstrip())
        b -= len(line) - len(line.rstrip())
        line = raw[a:b]
        if not line:
            continue
        nxt = _next_line(raw, lines, idx)
        broken = in_body and not in_comments and _continues(line, nxt)
        reason = None if broken else _junk_reason(line, in_body, in_section)
        if reason == "related-headlines":
            in_section = True
        if reason is None and not in_body and (is_dateline(line) or date_only_line(line)):
            reason = "dateline"  # also the page's publication line: metadata, not article text
        if is_comment_marker(line):
            in_comments, reason = True, "comments"
        elif in_comments and _COMMENT_LINE.match(line):
            reason = "comments"  # "budi_s: ...": a reader's comment, never article text
        if reason:
            dropped.append(DroppedLine(a, b, line, reason))
            continue
        if not in_body and not _is_body(line):
            header.append(line)
        if _is_body(line):
            in_body = True
        # A line that starts with stray punctuation ("supply\n.The") loses it.
        while a < b and raw[a] in ".,;" :
            a += 1
        while a < b and raw[a].isspace():
            a += 1
        if a >= b:
            continue
        kept.append((a, b))
        if broken:
            joins.add(len(kept) - 1)
    return _assemble(raw, kept, dropped, header, joins)


def _next_line(raw: str, lines: list[tuple[int, int]], idx: int) -> str:
    for a, b in lines[idx + 1:]:
        if raw[a:b].strip():
            return raw[a:b].strip()
    return ""


_WORD = re.compile(r"[^\W\d_]+")


def _continues(line: str, nxt: str) -> bool:
    """A sentence broken across two lines ("... Menteri Narendra" / "Modi menyebut ..."): the first
    part reads as running text (mostly lower-case words, unlike a headline), has no sentence end,
    and the next line finishes the sentence, starting in lower case or going on with a name."""
    if not nxt or _SENTENCE_END.search(line) or not _SENTENCE_END.search(nxt) or _words(line) < 4:
        return False
    words = _WORD.findall(line)[1:]
    lower = sum(w[0].islower() for w in words)
    if not lower or len(words) - lower > 0.8 * len(words):
        return False  # a headline capitalises (nearly) every word
    first = _WORD.match(nxt)
    if first is None:
        return False
    if nxt[0].islower():
        return True
    if not words[-1][0].isupper():
        return False
    return _name_across(line, nxt)


def _name_across(line: str, nxt: str) -> bool:
    """The line ends inside a person's name that the next line finishes ("Jenderal Phan Van" /
    "Giang, ..."): read together, one name spans the break."""
    from qa_app.nlp.people import find_people

    joined = f"{line} {nxt}"
    cut = len(line)
    for language in ("en", "id"):
        if any(m.start < cut < m.end for m in find_people(joined, language)):
            return True
    return False


def _assemble(raw: str, kept: list[tuple[int, int]], dropped: list[DroppedLine], header: list[str],
              joins: set[int] = frozenset()) -> CleanResult:
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    pos = 0
    for i, (a, b) in enumerate(kept):
        if i:
            parts.append(" " if i - 1 in joins else "\n")  # one sentence, one line
            pos += 1
        segment = raw[a:b]
        segments.append((pos, a, b - a))
        parts.append(segment)
        pos += b - a
    return CleanResult("".join(parts), OffsetMap(segments), dropped, header)
