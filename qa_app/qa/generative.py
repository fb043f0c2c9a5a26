"""Generative answers: the backend writes prose with [n] markers; each claim is checked."""

from __future__ import annotations

import re

import numpy as np

from qa_app.prompt_templates import load_prompt
from qa_app.qa.citations import SUPPORT_MIN_COSINE, Answer, abstain, citation, split_claims
from qa_app.qa.retrieve import Passage

SOURCES = 6
SUPPORT_MIN_COVERAGE = 0.5
_MARKER = re.compile(r"\s*\[(\d+)\]")
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)*\b")
_NUMBER = re.compile(r"\b\d[\d.,/]*\b")

PROMPT = "answer_v1"
LANGUAGE_NAMES = {"en": "English", "id": "Indonesian"}


def _facts_supported(claim: str, source: str) -> bool:
    """Names and numbers in the claim must appear in the source (country names compared as ISO3)."""
    from qa_app.nlp.countries import country_code, find_countries

    src_low = source.lower()
    src_countries = {m.value for m in find_countries(source)}
    for m in find_countries(claim):
        if m.value not in src_countries:
            return False
    claim_countries = {m.text for m in find_countries(claim)}
    for name in _NAME.findall(claim):
        if name in claim_countries or country_code(name) in src_countries:
            continue
        words = [w for w in name.split() if len(w) > 3]
        if words and not any(w.lower() in src_low for w in words) and name.split()[0] != claim.split()[0]:
            return False
    return all(num in source for num in _NUMBER.findall(claim))


def _supports(store, claim: str, source: str) -> bool:
    """The source supports the claim: its names and numbers are there, and the two say the
    same thing (embedding similarity, or most of the claim's concepts across languages)."""
    from qa_app.qa.concepts import concepts

    if not _facts_supported(claim, source):
        return False
    claim_concepts = concepts(claim)
    if claim_concepts and len(claim_concepts & concepts(source)) / len(claim_concepts) >= SUPPORT_MIN_COVERAGE:
        return True
    vec = store.embed_texts([claim, source])
    cos = float(vec[0] @ vec[1] / max(np.linalg.norm(vec[0]) * np.linalg.norm(vec[1]), 1e-9))
    return cos >= SUPPORT_MIN_COSINE


def generate(store, question: str, lang: str, passages: list[Passage], backend, notes: list[str],
             facts: str | None = None) -> Answer:
    """The model's answer from `passages` (only those that passed the answerability decision);
    `facts`, when given, is an answer composed from records that the model may reword."""
    sources = passages[:SOURCES]
    prompt = load_prompt(PROMPT)
    listing = "\n".join(f"[{i}] {p.text}" for i, p in enumerate(sources, start=1))
    hint = "\n\n" + prompt.part("facts", facts=facts) if facts else ""
    messages = prompt.messages(language_name=LANGUAGE_NAMES.get(lang, "English"), sources=listing, facts=hint,
                               question=question)
    text, _usage = backend.complete(messages, max_tokens=400)
    kept_sentences: list[str] = []
    used: dict[int, int] = {}  # source index -> citation number
    dropped = 0
    for claim in split_claims(text):
        marks = [int(n) for n in _MARKER.findall(claim)]
        bare = _MARKER.sub("", claim).strip()
        good = [n for n in dict.fromkeys(marks) if 1 <= n <= len(sources) and _supports(store, bare, sources[n - 1].text)]
        if not marks and bare:
            # a sentence the model left without a marker is kept when one source supports it, cited to that source
            good = next(([n] for n in range(1, len(sources) + 1) if _supports(store, bare, sources[n - 1].text)), [])
        if not good:
            dropped += 1
            continue
        for n in good:
            used.setdefault(n, len(used) + 1)
        kept_sentences.append(bare + "".join(f" [{used[n]}]" for n in good))
    if dropped:
        notes.append(f"{dropped} unsupported sentence(s) dropped from the generated answer.")
    if not kept_sentences:
        return abstain(store, question, "generative", lang, passages, notes)
    citations = [citation(store, num, sources[n - 1]) for n, num in sorted(used.items(), key=lambda kv: kv[1])]
    return Answer(question, " ".join(kept_sentences), False, "generative", lang, citations, [], notes)
