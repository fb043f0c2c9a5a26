"""What an answer is: its text, its citations (one sentence each, quoted at its offsets), and
the messages it shows in the question's language. Shared by the extractive, record-based and
generative answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from qa_app.text.sentences import split_sentences

if TYPE_CHECKING:
    from qa_app.store import Store

#: A claim of a generated answer is supported by the sentence it cites at this cosine or above.
SUPPORT_MIN_COSINE = 0.45

MESSAGES = {
    "en": {"not_found": "Not found in the ingested articles.", "closest": "Closest passages", "lead": "From the ingested articles:",
           "own_words": "In the articles' own words:",
           "extractive": "Extractive answer: quoted sentences, no text generated.",
           "records": "Answer composed from the extracted records; each fact cites its sentence."},
    "id": {"not_found": "Tidak ditemukan dalam artikel yang telah dimasukkan.", "closest": "Kutipan terdekat",
           "lead": "Menurut artikel yang telah dimasukkan:",
           "own_words": "Sebagaimana tertulis dalam artikel:",
           "extractive": "Jawaban ekstraktif: kalimat dikutip apa adanya, tanpa teks buatan model.",
           "records": "Jawaban disusun dari rekaman yang diekstraksi; setiap fakta mengutip kalimatnya."},
}


@dataclass
class Citation:
    n: int
    doc_id: str
    title: str | None
    source: str
    published: str | None
    language: str | None
    start: int
    end: int
    quote: str
    records: list[str] = field(default_factory=list)
    raw_start: int | None = None  # the span in the text as it was read (before cleaning), for
    raw_end: int | None = None    # finding the quote in the source file


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    mode: str
    language: str
    citations: list[Citation] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = "none"  # records | sentences | generated | none (abstained)
    records: list[str] = field(default_factory=list)  # ids of the records a record-based answer comes from
    support: float = 0.0  # the support score behind the decision to answer
    reason: str = ""  # why it answered or abstained

    def to_dict(self) -> dict:
        return asdict(self)


def citation(store: Store, n: int, p) -> Citation:
    """Citation number `n` of a passage (a retrieved sentence): its document's details and the
    source text at its offsets."""
    from qa_app.ingest.clean import OffsetMap

    doc = store.docs.get_document(p.doc_id)
    quote = doc.clean_text[p.start:p.end]  # always the source text at the offsets
    raw = OffsetMap.from_json(doc.offset_map).span_to_raw(p.start, p.end) if doc.offset_map else (None, None)
    return Citation(n, p.doc_id, doc.title, doc.source, doc.published, doc.language, p.start, p.end, quote, p.records,
                    *raw)


def abstain(store: Store, question: str, mode: str, lang: str, passages: list, notes: list[str],
            support: float = 0.0, reason: str = "") -> Answer:
    """No answer: the not-found message and the closest passages."""
    closest = [citation(store, i, p) for i, p in enumerate(passages[:3], start=1)]
    return Answer(question, MESSAGES[lang]["not_found"], True, mode, lang, [], closest, notes, "none", [], support,
                  reason or "nothing supports an answer")


def split_claims(text: str) -> list[str]:
    """The sentences of a model's answer, each checked on its own."""
    return [s.text for s in split_sentences(text)]
