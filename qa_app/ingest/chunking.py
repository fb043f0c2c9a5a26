"""Sentence-aware chunks with character offsets into the cleaned text."""

from __future__ import annotations

from dataclasses import dataclass

from qa_app.text.sentences import Sentence, split_sentences


@dataclass(frozen=True)
class Chunk:
    id: str
    idx: int
    start: int
    end: int
    text: str


def chunk_id(doc_id: str, start: int, end: int) -> str:
    """Stable: the same document and span always give the same id."""
    return f"{doc_id}:{start}-{end}"


def chunk_text(doc_id: str, text: str, target_chars: int = 800, sentences: list[Sentence] | None = None) -> list[Chunk]:
    """Group whole sentences into chunks of about `target_chars`; never split a sentence.

    Every chunk is at most max(target_chars, MAX_SENTENCE_CHARS) long: sentences themselves
    are bounded (text without sentence breaks is cut at word boundaries)."""
    sentences = sentences if sentences is not None else split_sentences(text)
    groups: list[list[Sentence]] = []
    for s in sentences:
        if groups and (s.end - groups[-1][0].start) <= target_chars:
            groups[-1].append(s)
        else:
            groups.append([s])
    chunks = []
    for idx, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        chunks.append(Chunk(chunk_id(doc_id, start, end), idx, start, end, text[start:end]))
    return chunks
