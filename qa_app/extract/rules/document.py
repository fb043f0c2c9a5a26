"""The article as the rules read it: tokens once, sentences with their cue hits and
candidates (countries, people, places, dates, mechanisms), datelines and the headline.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from qa_app.extract.rules.lexicon import TOKEN, token_table

QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")  # a direct quotation

_DATELINE = re.compile(r"[^\n–—]{0,60}?(?:\([^)\n]{1,40}\))?\s*[–—-]\s")
_CAPS_DATELINE = re.compile(r"(?:,[^\n:]{1,40})?:\s")


@dataclass
class Sent:
    sid: str
    pos: int
    start: int
    end: int
    text: str
    hits: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)  # class -> [(tok i, tok j, label)]
    countries: list = field(default_factory=list)
    people: list = field(default_factory=list)
    places: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    mechs: list = field(default_factory=list)
    dateline_end: int = -1  # char offset where the dateline ends, -1 when none
    asides: list | None = None  # relative clauses about a person alone, found once (anchors.relative_asides)
    memo: dict = field(default_factory=dict)  # results of `per_sentence` readings, by function name

    def get(self, cls: str) -> list[tuple[int, int, str]]:
        return self.hits.get(cls, [])


def per_sentence(fn):
    """A reading of one sentence that depends on nothing but the article and the sentence, worked out
    once: the rules ask for a sentence's topic start or first meeting word many times."""
    name = fn.__qualname__

    @functools.wraps(fn)
    def once(doc, s):
        try:
            return s.memo[name]
        except KeyError:
            value = s.memo[name] = fn(doc, s)
            return value
    return once


class Doc:
    """Tokens, per-sentence hits and candidates of one article."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        text = ctx.text
        spans = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        self.tstart = [a for a, _ in spans]
        self.tend = [b for _, b in spans]
        self.low = [text[a:b].lower() for a, b in spans]
        self.sents = [Sent(sid, pos, s.start, s.end, s.text) for pos, (sid, s) in enumerate(ctx.sentences.items())]
        self._starts = [s.start for s in self.sents]
        for cls, i, j, label in token_table(ctx.language).scan(self.low):
            s = self.sentence_at(self.tstart[i])
            if s is not None and self.tend[j - 1] <= s.end:
                s.hits.setdefault(cls, []).append((i, j, label))
        c = ctx.candidates
        for attr, ms in (("countries", c.countries), ("people", c.people), ("places", c.places),
                         ("dates", c.dates), ("mechs", c.mechanisms)):
            for m in ms:
                s = self.sentence_at(m.start)
                if s is not None and m.end <= s.end:
                    getattr(s, attr).append(m)
        for s in self.sents:
            s.dateline_end = self._dateline_end(s)
        self.full_people = c.people_by_name()
        # States the text names outside instruction-like sentences: the only ones build_records keeps.
        self.mentioned = {m.value for s in self.sents if s.sid not in ctx.blocked for m in s.countries if m.value}

    def sentence_at(self, offset: int) -> Sent | None:
        k = bisect.bisect_right(self._starts, offset) - 1
        return self.sents[k] if k >= 0 and offset < self.sents[k].end else None

    def tok(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.tstart, offset)

    def char(self, tok_i: int) -> int:
        return self.tstart[tok_i] if tok_i < len(self.tstart) else len(self.ctx.text)

    def _dateline_end(self, s: Sent) -> int:
        """'Jakarta – ...', 'BEIJING - ...', 'Fuzhou, China (Xinhua) – ...': a place opens the sentence."""
        first = next((p for p in s.places if p.start == s.start and p.extra.get("type") == "city"), None)
        if first is None:
            return -1
        m = _DATELINE.match(self.ctx.text, first.end, s.end)
        if m is None and first.text.isupper():
            m = _CAPS_DATELINE.match(self.ctx.text, first.end, s.end)  # "TOKYO: India and Japan ..."
        return m.end() if m else -1


_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)]*\s*$")


def is_header_line(doc: Doc, s: Sent) -> bool:
    """A line of the page's header above the body: the headline or a standfirst under it ("PM also
    meets Dubai ruler ...; heads to Doha next"), short lines with no full stop, none before it
    ending a sentence."""
    if s.pos > 8 or _ENDS_SENTENCE.search(s.text):
        return False
    return not any(_ENDS_SENTENCE.search(o.text) for o in doc.sents[:s.pos])


def is_headline(doc: Doc, s: Sent) -> bool:
    """The article's title line, kept at the top of the text (under the site's name and menus)."""
    title = (doc.ctx.doc.title or "").strip()
    return bool(title) and s.pos <= 8 and s.text.strip() == title and not s.text.rstrip().endswith(".")
