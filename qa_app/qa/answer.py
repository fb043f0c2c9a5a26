"""Cited answers: extractive (no model) or generative (checked claim by claim).

Every citation's quote is the exact source text at its offsets. A generated claim keeps a
citation only when the cited sentence supports it; a sentence left with no support is
dropped; when nothing is supported the answer abstains and shows what came closest.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from qa_app.qa.retrieve import Passage, retrieve
from qa_app.store import Store

# A sentence can answer when it is very similar to the question (USE multilingual
# cosine), or when it covers at least half of what the question asks about beyond the
# countries it names (bilingual concepts) and its fused score is high enough.
ANSWER_MIN_COSINE = 0.50
MIN_COVERAGE = 0.5
MIN_SCORE = 0.40
MAX_SENTENCES = 3
RELATIVE_CUTOFF = 0.85  # further sentences must score at least this share of the best
SUPPORT_MIN_COSINE = 0.45

MESSAGES = {
    "en": {"not_found": "Not found in the ingested articles.", "closest": "Closest passages", "lead": "From the ingested articles:",
           "extractive": "Extractive answer: quoted sentences, no text generated."},
    "id": {"not_found": "Tidak ditemukan dalam artikel yang telah dimasukkan.", "closest": "Kutipan terdekat",
           "lead": "Menurut artikel yang telah dimasukkan:",
           "extractive": "Jawaban ekstraktif: kalimat dikutip apa adanya, tanpa teks buatan model."},
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

    def to_dict(self) -> dict:
        return asdict(self)


def question_language(store: Store, question: str) -> str:
    from qa_app.ingest.metadata import detect_language, detect_query_language

    lang = detect_query_language(question, store.lexical.vocab_by_language()) or detect_language(question)
    return lang if lang in MESSAGES else "en"


def _citation(store: Store, n: int, p: Passage) -> Citation:
    doc = store.docs.get_document(p.doc_id)
    quote = doc.clean_text[p.start:p.end]  # always the source text at the offsets
    return Citation(n, p.doc_id, doc.title, doc.source, doc.published, doc.language, p.start, p.end, quote, p.records)


def answerable(p: Passage) -> bool:
    return p.cosine >= ANSWER_MIN_COSINE or (p.coverage >= MIN_COVERAGE and p.score >= MIN_SCORE)


def _select(passages: list[Passage]) -> list[Passage]:
    best = passages[0]
    chosen = [best]
    for p in passages[1:]:
        if len(chosen) >= MAX_SENTENCES:
            break
        if p.score >= RELATIVE_CUTOFF * best.score and answerable(p) and p.text != best.text:
            chosen.append(p)
    return chosen


def _abstain(store: Store, question: str, mode: str, lang: str, passages: list[Passage], notes: list[str]) -> Answer:
    closest = [_citation(store, i, p) for i, p in enumerate(passages[:3], start=1)]
    return Answer(question, MESSAGES[lang]["not_found"], True, mode, lang, [], closest, notes)


def ask(store: Store, question: str, mode: str = "extractive", backend=None) -> Answer:
    question = question.strip()
    lang = question_language(store, question) if question else "en"
    notes: list[str] = []
    if mode == "generative" and (backend is None or not backend.capabilities.writes_answers):
        name = backend.info.model if backend is not None else "no model"
        notes.append(f"{name} cannot write answers; answered extractively instead.")
        mode = "extractive"
    passages = retrieve(store, question) if question else []
    supported = [p for p in passages if answerable(p)]
    if not supported:
        return _abstain(store, question, mode, lang, passages, notes)
    passages = supported + [p for p in passages if not answerable(p)]
    if mode == "generative":
        from qa_app.qa.generative import generate

        return generate(store, question, lang, passages, backend, notes)
    chosen = _select(passages)
    citations = [_citation(store, i, p) for i, p in enumerate(chosen, start=1)]
    lines = [MESSAGES[lang]["lead"]] + [f"“{c.quote}” [{c.n}]" for c in citations]
    notes.append(MESSAGES[lang]["extractive"])
    return Answer(question, "\n".join(lines), False, "extractive", lang, citations, [], notes)



def split_claims(text: str) -> list[str]:
    from qa_app.ingest.sentences import split_sentences

    return [s.text for s in split_sentences(text)]
