"""Everything extraction knows about one article before the model sees it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa_app.store.docstore import DocumentRow
from qa_app.text.instructions import instruction_sentences
from qa_app.text.sentences import Sentence, remember_sentences, sentences_of


@dataclass
class ArticleContext:
    doc: DocumentRow
    text: str
    sentences: dict[str, Sentence]  # "S1" -> sentence, in order
    blocked: set[str]  # ids of instruction-like sentences (never evidence)
    candidates: object  # qa_app.nlp.candidates.Candidates
    context_year: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.doc.language or "en"

    def in_blocked(self, start: int, end: int) -> bool:
        return any(self.sentences[sid].start < end and start < self.sentences[sid].end for sid in self.blocked)


def _context_year(doc: DocumentRow, candidates) -> int | None:
    if doc.published:
        return int(doc.published[:4])
    years = [int(m.value[:4]) for m in getattr(candidates, "dates", []) if m.value and re.match(r"\d{4}", m.value)]
    return max(set(years), key=years.count) if years else None


def build_context(doc: DocumentRow) -> ArticleContext:
    from qa_app.nlp.candidates import find_candidates

    text = doc.clean_text
    # The stored spans; a document not read from a store (a test's, a tool's) is split here.
    ordered = remember_sentences(text, doc.sentences) if doc.sentences is not None else sentences_of(text)
    sentences = {f"S{i}": s for i, s in enumerate(ordered, start=1)}
    blocked = {f"S{i + 1}" for i in instruction_sentences(text, ordered)}
    candidates = find_candidates(text, doc.language or "en", doc.published)
    ctx = ArticleContext(doc, text, sentences, blocked, candidates)
    ctx.context_year = _context_year(doc, candidates)
    if blocked:
        ctx.notes.append(f"{len(blocked)} instruction-like sentence(s) treated as data and excluded from evidence")
    return ctx
