"""Sentence-level citations: every citation is one sentence of the cleaned text, at its offsets."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from qa_app.text.language import word_family


class DocCache:
    """Values computed once per document, the most recently used kept. A document id is the hash
    of its cleaned text, so a value never goes stale; an empty one (no such document yet) is not kept."""

    def __init__(self, size: int = 256) -> None:
        self._values: OrderedDict[str, object] = OrderedDict()
        self._size = size

    def get(self, doc_id: str, compute):
        hit = self._values.get(doc_id)
        if hit is not None:
            self._values.move_to_end(doc_id)
            return hit
        value = compute()
        if value:
            self._values[doc_id] = value
            if len(self._values) > self._size:
                self._values.popitem(last=False)
        return value


_SENTENCES = DocCache()
_LANGUAGES = DocCache()


def doc_language(store, doc_id: str) -> str | None:
    """The article's language, Malay counting as Indonesian."""
    def read():
        doc = store.docs.get_document(doc_id)
        return doc.language if doc is not None else None
    return word_family(_LANGUAGES.get(doc_id, read))


@dataclass(frozen=True)
class SentenceSpan:
    doc_id: str
    start: int
    end: int
    text: str


def doc_sentences(store, doc_id: str) -> list:
    """The stored sentences of a document (read once per process and document)."""
    return _SENTENCES.get(doc_id, lambda: store.docs.sentences(doc_id))


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


def sentences_with(store, doc_id: str, needle: str, near: int = 0) -> list[SentenceSpan]:
    """The sentences of the document that hold `needle`, the closest to `near` first."""
    if not needle:
        return []
    low = needle.lower()
    hits = [s for s in doc_sentences(store, doc_id) if low in s.text.lower()]
    return [SentenceSpan(doc_id, s.start, s.end, s.text) for s in sorted(hits, key=lambda s: abs(s.start - near))]


# a sentence that opens on a word pointing back ("Keduanya memimpin ...", "They agreed ...", "MoU itu
# diteken ...") says its who or what in the sentence before it
POINTS_BACK = re.compile(
    r"^\W*(?:they|both|the (?:two|three|four)\b|he|she|it|keduanya|kedua-duanya|ketiganya|mereka|ia|dia|beliau|ils|elles"
    r"|(?:kedua|ketiga)(?:-(?:dua|tiga))?\s+(?:pemimpin|menteri|menlu|pihak|negara|kepala)"
    r"|the\s+(?:agreement|memorandum|mou|deal|document|treaty|pact|meeting|talks|visit|call)s?"
    r"|(?:mou|dokumen|perjanjian|kesepakatan|pertemuan|nota kesepahaman|memorandum|kunjungan|lawatan|"
    r"perjumpaan|mesyuarat)\s+(?:itu|tersebut|ini))\b", re.IGNORECASE)


def _opening(words: str) -> re.Pattern:
    """A sentence opening with one of `words` among its first five, or with a demonstrative ("In that
    call, ...", "These talks ...")."""
    return re.compile(rf"^\W*(?:(?:[\w'’-]+,?\s+){{0,4}}?(?:{words})\b"
                      r"|(?:(?:in|during|at|on|after|under|through|by)\s+)?(?:that|these|those|the same)\s)",
                      re.IGNORECASE)


# a sentence that goes on about what the one before it told: a demonstrative early on ("Dalam
# pertemuan tersebut, ...", "Target itu disepakati ...", "In that call, ...") or an "also" ("Kemhan juga
# menyepakati ...", "He also met ...", "Turut diteken ...") or the time just told ("In October that year, ...")
GOES_ON = _opening(r"itu|tersebut|juga|turut|pula|also|that\s+(?:year|month|week|day|evening|night)")
# one that names what the one before it told, by a demonstrative ("Dalam pertemuan itu, ...", "Kala itu
# keduanya ...") or a pronoun (POINTS_BACK): it tells of that very thing, while one that only adds
# ("Kemhan juga menyepakati ...") tells something of its own
REFERS_BACK = _opening(r"itu|tersebut")


def refers_back(text: str) -> bool:
    return bool(POINTS_BACK.match(text) or REFERS_BACK.match(text))


def sentence_index(sents, offset: int) -> int | None:
    """Which of an article's sentences holds the character at `offset`."""
    return next((i for i, s in enumerate(sents) if s.start <= offset < s.end), None)


def sentence_before(store, doc_id: str, start: int) -> SentenceSpan | None:
    """The sentence right before the one that starts at `start`."""
    sents = doc_sentences(store, doc_id)
    k = sentence_index(sents, start)
    if not k:
        return None
    s = sents[k - 1]
    return SentenceSpan(doc_id, s.start, s.end, s.text)


def points_back(text: str) -> bool:
    """Whether a sentence tells its who or what only through the sentence before it ("Ia diterima ...",
    "Dalam pertemuan itu, ...", "They also agreed ...")."""
    return bool(POINTS_BACK.match(text) or GOES_ON.match(text))
