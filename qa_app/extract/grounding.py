"""Grounding: every evidence quote must be found in the cleaned text; its span is stored.

Quotes are aligned exactly first, then fuzzily with rapidfuzz. A fuzzy alignment is
kept when its score is at least FUZZY_THRESHOLD (0-100, rapidfuzz's normalised
Indel similarity of the quote against the best-matching window of the text); the
stored quote is then the text at the aligned offsets, never the model's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_app.ingest.sentences import Sentence

FUZZY_THRESHOLD = 90.0
MIN_QUOTE_CHARS = 12

# Sentences that address a model rather than report news. They are data like the rest
# of the article, but they are never accepted as evidence for a record.
_INSTRUCTION_LIKE = re.compile(
    r"\b(ignore|disregard|forget)\s+(all\s+|any\s+)?(the\s+)?(previous|prior|above|earlier)\s+(instructions?|prompts?|rules?)"
    r"|\b(system\s+prompt|you\s+are\s+(now\s+)?(an?\s+)?(ai|assistant|language\s+model|chatbot))\b"
    r"|\b(output|return|respond\s+with|print)\s+(a|an|the)?\s*(json|meeting|record|commitment)s?\b"
    r"|\babaikan\s+(semua\s+)?(instruksi|perintah)\b",
    re.IGNORECASE,
)


def instruction_like(sentence: str) -> bool:
    return bool(_INSTRUCTION_LIKE.search(sentence))


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    alignment: str  # "exact" | "fuzzy"
    score: float


def _normalise_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def align_quote(quote: str, text: str) -> Span | None:
    """The span of `quote` in `text`, or None when it is not there."""
    quote = quote.strip().strip("\"'“”")
    if len(quote) < MIN_QUOTE_CHARS:
        return None
    pos = text.find(quote)
    if pos >= 0:
        return Span(pos, pos + len(quote), "exact", 100.0)
    from rapidfuzz import fuzz

    res = fuzz.partial_ratio_alignment(_normalise_ws(quote), text, score_cutoff=FUZZY_THRESHOLD)
    if res is None:
        return None
    start, end = res.dest_start, res.dest_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, "fuzzy", round(res.score, 2)) if end > start else None


def sentence_spans(ids: list[str], sentences: dict[str, Sentence]) -> list[Span] | None:
    """Spans for sentence ids chosen under constrained decoding; None if any id is unknown."""
    spans = []
    for sid in dict.fromkeys(ids):
        s = sentences.get(sid)
        if s is None:
            return None
        spans.append(Span(s.start, s.end, "exact", 100.0))
    return spans


def merge_adjacent(spans: list[Span], text: str) -> list[Span]:
    """Adjacent sentence spans (only whitespace between) become one evidence span."""
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: s.start):
        if out and text[out[-1].end:sp.start].strip() == "" and out[-1].alignment == sp.alignment == "exact":
            out[-1] = Span(out[-1].start, sp.end, "exact", 100.0)
        else:
            out.append(sp)
    return out
