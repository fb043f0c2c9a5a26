"""One token table for every word class of the rules: cue words, markers and topics from
`lex_cues.json`, scanned in one pass over an article's tokens.
"""

from __future__ import annotations

from functools import lru_cache

from qa_app.text.tokens import PHRASE_TOKEN as TOKEN


# Word lists used for a language besides its own and English: Malay reads with the Indonesian ones
# (language detection often says "ms" for short Indonesian texts).
_RELATED = {"ms": ("id",), "id": ("ms",)}


class Table:
    """Phrases (token tuples) by their first token; one pass over the tokens finds them all."""

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}

    def add(self, phrase: str, cls: str, label: str = "") -> None:
        toks = tuple(t.lower() for t in TOKEN.findall(phrase))
        if toks:
            self.by_first.setdefault(toks[0], []).append((toks, cls, label))

    def scan(self, low: list[str]) -> list[tuple[str, int, int, str]]:
        """(class, first token, end token, label): per class the longest match, no overlaps."""
        out, free = [], {}
        for i, w in enumerate(low):
            cands = self.by_first.get(w)
            if not cands:
                continue
            best: dict[str, tuple[int, str]] = {}
            for toks, cls, label in cands:
                n = len(toks)
                if free.get(cls, 0) > i or (n > 1 and tuple(low[i:i + n]) != toks):
                    continue
                if cls not in best or n > best[cls][0]:
                    best[cls] = (n, label)
            for cls, (n, label) in best.items():
                out.append((cls, i, i + n, label))
                free[cls] = i + n
        return out


@lru_cache(maxsize=8)
def token_table(language: str) -> Table:
    from qa_app.nlp.lexicon import load

    lex = load("cues")
    langs = list(dict.fromkeys([language, *_RELATED.get(language, ()), "en"]))
    rules = lex["rules"]
    weak = {w.lower() for lang in langs for w in rules["meeting_weak"].get(lang, [])}
    t = Table()
    for lang in langs:
        for w in lex["meeting"].get(lang, []):
            t.add(w, "meet", "weak" if w.lower() in weak else "strong")
        for w in lex["status_planned"].get(lang, []):
            t.add(w, "planned")
        for key, words in rules.items():
            if key not in ("_doc", "meeting_weak", "stopwords") and isinstance(words, dict):
                for w in words.get(lang, []):
                    t.add(w, key)
    for modality, words in lex["commitment"].items():
        for w in words:
            t.add(w, "commit", modality)
    for topic, words in lex["topics"].items():
        for w in words:
            t.add(w, "topic", topic)
    return t
