"""Raw date hits: every date pattern tried at every anchor word, checked, overlaps resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from qa_app.nlp.date_lexicon import Lang


@dataclass
class Hit:
    kind: str
    start: int
    end: int
    g: dict[str, str | None]
    priority: int
    extra: dict[str, Any] = field(default_factory=dict)


def _capitalised(s: str | None) -> bool:
    return s is None or s[:1].isupper()


def _valid(hit: Hit, text: str, lang: Lang) -> bool:
    g = hit.g
    for k in ("m", "m1", "m2", "wd", "w", "w1", "w2"):
        if lang.capitalised and g.get(k) and not g[k][:1].isdigit() and not _capitalised(g[k]):
            return False  # "may", "march", "sun" as ordinary words (the "03" of "2024-03-07" is no word)
    for k in ("w", "w1", "w2", "wd"):
        word = (g.get(k) or "").lower()
        if word in lang.ambiguous_weekdays:
            after = re.match(r"\s+(\w+)", text[hit.end:hit.end + 20])
            if (g.get("post") or "").lower() in lang.ambiguous_weekdays[word] or (
                    after and after.group(1).lower() in lang.ambiguous_weekdays[word]):
                return False  # "minggu lalu" = last week
    if hit.kind in ("year", "year_range"):
        after = re.match(r"\s*(%|[^\W\d_]+)", text[hit.end:hit.end + 20])
        if after and after.group(1).lower() in lang.not_year_after:
            return False
    if hit.kind == "relative":
        before = re.search(r"([^\W\d_]+)\s+$", text[max(0, hit.start - 20):hit.start])
        if before and before.group(1).lower() in lang.relative_blockers:
            return False  # "puluhan tahun ini" = these decades
    if hit.kind == "month":
        before = re.search(r"([^\W\d_]+)[\s-]*$", text[max(0, hit.start - 20):hit.start])
        if not g.get("noun") and not (before and before.group(1).lower() in lang.month_preps):
            return False
    return True


def raw_hits(text: str, lang: Lang) -> list[Hit]:
    """Every pattern tried at every anchor (a digit or a date word), then overlaps resolved."""
    hits: list[Hit] = []
    from qa_app.text.tokens import word_tokens as tokenize

    tokens = tokenize(text)
    positions = [t.start for t in tokens if t.text[0].isdigit() or t.text.lower() in lang.anchors]
    # "a week ago": a count too short to be an anchor of its own counts before a unit word
    positions += [t.start for t, u in zip(tokens, tokens[1:])
                  if t.text.lower() in lang.number_words and t.text.lower() not in lang.anchors
                  and u.text.lower() in lang.units]
    for priority, (kind, rx) in enumerate(lang.patterns):
        for pos in positions:
            m = rx.match(text, pos)
            if m and m.end() > m.start():
                h = Hit(kind, m.start(), m.end(), m.groupdict(), priority)
                if _valid(h, text, lang):
                    hits.append(h)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.priority))
    out: list[Hit] = []
    last_end = -1
    for h in hits:
        if h.start >= last_end:
            out.append(h)
            last_end = h.end
    return out

