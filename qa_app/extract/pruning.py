"""Prompt pruning: only sentences that carry a candidate and a meeting or commitment cue
go to the model, with their neighbours for context."""

from __future__ import annotations

from qa_app.extract.context import ArticleContext

NEIGHBOURS = 1


def _has_candidate(ctx: ArticleContext, start: int, end: int) -> bool:
    c = ctx.candidates
    return any(start <= m.start < end for group in (c.countries, c.people, c.mechanisms) for m in group)


def select_sentences(ctx: ArticleContext, ids: list[str]) -> list[str]:
    from qa_app.nlp.cues import find_cues

    order = list(ctx.sentences)
    keep: set[int] = set()
    for i, sid in enumerate(order):
        if sid not in ids:
            continue
        s = ctx.sentences[sid]
        cues = find_cues(s.text, ctx.language)
        if (cues.get("meeting") or cues.get("commitment")) and _has_candidate(ctx, s.start, s.end):
            keep.update(range(max(0, i - NEIGHBOURS), min(len(order), i + NEIGHBOURS + 1)))
    chosen = [order[i] for i in sorted(keep) if order[i] in ids]
    return chosen or ids
