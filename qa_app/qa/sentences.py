"""Sentence-level citations: every citation is one sentence of the cleaned text, at its offsets."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

_CACHE: OrderedDict[tuple[str, int], list] = OrderedDict()
_CACHE_SIZE = 256


@dataclass(frozen=True)
class SentenceSpan:
    doc_id: str
    start: int
    end: int
    text: str


def doc_sentences(store, doc_id: str) -> list:
    """The sentences of a document (split once per process and document)."""
    from qa_app.ingest.sentences import split_sentences

    doc = store.docs.get_document(doc_id)
    if doc is None:
        return []
    key = (doc_id, len(doc.clean_text))
    hit = _CACHE.get(key)
    if hit is None:
        hit = split_sentences(doc.clean_text)
        _CACHE[key] = hit
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return hit


def sentences_of(store, doc_id: str, start: int, end: int) -> list[SentenceSpan]:
    """The sentences that overlap [start, end) (one for a name or a clause, several for a long span)."""
    out = [SentenceSpan(doc_id, s.start, s.end, s.text) for s in doc_sentences(store, doc_id)
           if s.start < max(end, start + 1) and start < s.end]
    return out


def sentence_at(store, doc_id: str, start: int, end: int, prefer: str | None = None) -> SentenceSpan | None:
    """The one sentence to cite for [start, end): the sentence holding `prefer` (e.g. the date
    words) when one does, else the first sentence of the span."""
    found = sentences_of(store, doc_id, start, end)
    if not found:
        return None
    if prefer:
        low = prefer.lower()
        for s in found:
            if low in s.text.lower():
                return s
    return found[0]


def sentence_with(store, doc_id: str, needle: str, near: int = 0) -> SentenceSpan | None:
    """The sentence of the document that holds `needle`, the closest to `near`."""
    if not needle:
        return None
    low = needle.lower()
    hits = [s for s in doc_sentences(store, doc_id) if low in s.text.lower()]
    if not hits:
        return None
    best = min(hits, key=lambda s: abs(s.start - near))
    return SentenceSpan(doc_id, best.start, best.end, best.text)
