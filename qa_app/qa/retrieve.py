"""Retrieval for question answering: dense + lexical chunks and structured records, fused
at the level of sentences, the unit that answers cite."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from qa_app.ingest.sentences import split_sentences
from qa_app.search import search
from qa_app.store import Store

CHUNKS = 8  # chunks taken from hybrid search
RECORD_BOOST = 0.12  # added to a sentence that is the evidence of a matching record
OVERLAP_WEIGHT = 0.30
RANK_WEIGHT = 0.05
ANSWER_TYPE_BOOST = 0.08  # a "who" question prefers sentences naming people, "when" dates, "where" places

_WHO = re.compile(r"^\s*(who|whom|siapa|siapakah)\b", re.IGNORECASE)
_WHEN = re.compile(r"^\s*(when|kapan|kapankah)\b|\b(what|which) (date|day|year|month)\b|\btanggal berapa\b", re.IGNORECASE)
_WHERE = re.compile(r"^\s*(where|di mana|dimana)\b", re.IGNORECASE)


@dataclass
class Passage:
    doc_id: str
    start: int
    end: int
    text: str
    score: float = 0.0
    cosine: float = 0.0
    overlap: float = 0.0
    coverage: float = 0.0  # share of the question's non-country concepts found in the sentence
    records: list[str] = field(default_factory=list)  # ids of matching records with this evidence
    chunk_rank: int | None = None

    @property
    def key(self) -> tuple[str, int, int]:
        return self.doc_id, self.start, self.end


@dataclass
class QuestionFacets:
    countries: set[str]
    people: set[str]
    mechanisms: set[str]
    years: set[str]

    def empty(self) -> bool:
        return not (self.countries or self.people or self.mechanisms or self.years)


def question_facets(question: str, known_people: set[str], known_mechanisms: set[str]) -> QuestionFacets:
    from qa_app.nlp.countries import find_countries

    low = question.lower()
    people = {p for p in known_people if any(len(tok) > 2 and re.search(rf"\b{re.escape(tok.lower())}\b", low)
                                            for tok in p.split()[-1:] + [p])}
    mechs = {m for m in known_mechanisms if m and m.lower() in low}
    return QuestionFacets({m.value for m in find_countries(question) if m.value}, people, mechs,
                          set(re.findall(r"\b(?:19|20)\d{2}\b", question)))


def _record_passages(store: Store, facets: QuestionFacets, events: list) -> list[Passage]:
    """Evidence of `events` (the store's merged events) and commitments that match what the question names."""
    if facets.empty():
        return []
    out: list[Passage] = []
    for ev in events:
        names = {p.name for p in ev.participants}
        hits = (len(facets.countries & set(ev.countries)) + 2 * len(facets.people & names)
                + 2 * sum(1 for m in facets.mechanisms if m.lower() in (ev.mechanism or "").lower())
                + sum(1 for y in facets.years if (ev.date.value or "").startswith(y)))
        need = 2 if facets.countries and not (facets.people or facets.mechanisms) else 1
        if hits >= need:
            out += [Passage(e.doc_id, e.start, e.end, e.quote, records=[ev.id]) for e in ev.evidence]
            for p in ev.participants:
                if p.name in facets.people:
                    out += [Passage(e.doc_id, e.start, e.end, e.quote, records=[ev.id]) for e in p.evidence]
    for art in store.records.current():
        for c in art.commitments:
            if facets.countries and facets.countries <= set(c.actors) and (len(facets.countries) > 1 or facets.years):
                out += [Passage(e.doc_id, e.start, e.end, e.quote, records=[c.id]) for e in c.evidence]
    return out


def _sentence_passages(store: Store, question: str) -> list[Passage]:
    out = []
    for rank, hit in enumerate(search(store, question, k=CHUNKS), start=1):
        for s in split_sentences(hit.text):
            out.append(Passage(hit.doc_id, hit.start + s.start, hit.start + s.end, s.text, chunk_rank=rank))
    return out


def _expand_person_evidence(store: Store, passages: list[Passage]) -> list[Passage]:
    """A participant's evidence is the name only; answer with the sentence that holds it."""
    out = []
    split: dict[str, list | None] = {}  # doc id -> its sentences (None: not in the store), split once
    for p in passages:
        if p.doc_id not in split:
            doc = store.docs.get_document(p.doc_id)
            split[p.doc_id] = None if doc is None else split_sentences(doc.clean_text)
        sentences = split[p.doc_id]
        if sentences is None:
            continue
        sentence = next((s for s in sentences if s.start <= p.start < s.end), None)
        if sentence and (p.end - p.start) < len(sentence.text):
            p = Passage(p.doc_id, sentence.start, sentence.end, sentence.text, records=p.records)
        out.append(p)
    return out


def retrieve(store: Store, question: str, limit: int = 12) -> list[Passage]:
    """Sentences that may answer `question`, best first, each with a fused score."""
    from qa_app.extract.grounding import instruction_like, overlaps_instruction

    events = store.records.events()  # parsed once: the cost grows with the number of records
    known_people = {p.name for ev in events for p in ev.participants}
    known_mechs = {ev.mechanism for ev in events if ev.mechanism}
    facets = question_facets(question, known_people, known_mechs)
    merged: dict[tuple, Passage] = {}
    sentence_passages = _sentence_passages(store, question)
    record_passages = _expand_person_evidence(store, _record_passages(store, facets, events))
    doc_texts: dict[str, str] = {}
    for p in sentence_passages + record_passages:
        if instruction_like(p.text) or len(p.text) < 15 or _in_instruction(store, p, doc_texts, overlaps_instruction):
            continue
        kept = merged.setdefault(p.key, p)
        if kept is not p:
            kept.records = sorted(set(kept.records) | set(p.records))
            kept.chunk_rank = kept.chunk_rank or p.chunk_rank
    passages = list(merged.values())
    if not passages:
        return []
    _score(store, question, passages)
    _answer_type_boost(question, passages, known_people)
    passages.sort(key=lambda p: -p.score)
    return passages[:limit]


def _in_instruction(store: Store, p: Passage, doc_texts: dict[str, str], overlaps) -> bool:
    """Whether the passage is (part of) an instruction-like paragraph of its article."""
    if p.doc_id not in doc_texts:
        doc = store.docs.get_document(p.doc_id)
        doc_texts[p.doc_id] = doc.clean_text if doc else ""
    return overlaps(doc_texts[p.doc_id], p.start, p.end)


def _answer_type_boost(question: str, passages: list[Passage], known_people: set[str]) -> None:
    """Sentences that hold the kind of thing the question asks for score a little higher."""
    if _WHO.search(question):
        from qa_app.nlp.people import find_people

        def wanted(text: str) -> bool:
            return any(name in text for name in known_people) or bool(find_people(text))
    elif _WHEN.search(question):
        from qa_app.nlp.dates import find_dates

        def wanted(text: str) -> bool:
            return bool(find_dates(text))
    elif _WHERE.search(question):
        from qa_app.nlp.places import find_places

        def wanted(text: str) -> bool:
            return bool(find_places(text))
    else:
        return
    for p in passages:
        if wanted(p.text):
            p.score += ANSWER_TYPE_BOOST


def _score(store: Store, question: str, passages: list[Passage]) -> None:
    vectors = store.embed_texts([question] + [p.text for p in passages])
    q, sv = vectors[0], vectors[1:]
    cos = sv @ q / np.maximum(np.linalg.norm(sv, axis=1) * np.linalg.norm(q), 1e-9)
    from qa_app.qa.concepts import concepts, content_concepts

    q_concepts = concepts(question)
    q_content = content_concepts(question)
    for p, c in zip(passages, cos):
        s_concepts = concepts(p.text)
        p.cosine = float(c)
        p.overlap = len(q_concepts & s_concepts) / len(q_concepts) if q_concepts else 0.0
        p.coverage = len(q_content & s_concepts) / len(q_content) if q_content else 1.0
        prior = 1.0 / p.chunk_rank if p.chunk_rank else 0.0
        p.score = p.cosine + OVERLAP_WEIGHT * p.overlap + RANK_WEIGHT * prior + (RECORD_BOOST if p.records else 0.0)
