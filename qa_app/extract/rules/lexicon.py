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


def _possessive_forms(word: str, lang: str) -> tuple[str, ...]:
    """A one-word Indonesian or Malay meeting noun and its form with "-nya" ("pertemuannya dengan Presiden
    Tokayev", "kunjungannya ke Jakarta")."""
    if lang in ("id", "ms") and " " not in word and word.isalpha() and word.islower():
        return word, word + "nya"
    return (word,)


@lru_cache(maxsize=8)
def token_table(language: str) -> Table:
    from qa_app.nlp.lexicon import load

    lex = load("cues")
    langs = list(dict.fromkeys([language, *_RELATED.get(language, ()), "en"]))
    rules = lex["rules"]
    weak = {w.lower() for lang in langs for w in rules["meeting_weak"].get(lang, [])}
    t = Table()
    for lang in langs:
        nouns = set(rules["meeting_nouns"].get(lang, []))
        for w in lex["meeting"].get(lang, []):
            for form in (_possessive_forms(w, lang) if w in nouns else (w,)):
                t.add(form, "meet", "weak" if w.lower() in weak else "strong")
        for w in lex["status_planned"].get(lang, []):
            t.add(w, "planned")
        for w in lex["status_past"].get(lang, []):
            t.add(w, "past")
        for key, words in rules.items():
            if key not in ("_doc", "meeting_weak", "stopwords") and isinstance(words, dict):
                for w in words.get(lang, []):
                    for form in (_possessive_forms(w, lang) if key == "meeting_nouns" else (w,)):
                        t.add(form, key)
    listed = {w.lower() for words in lex["commitment"].values() for w in words}
    for modality, words in lex["commitment"].items():
        for w in words:
            for form in english_forms(w):
                if form == w or form not in listed:  # "willing" stays a word of its own list
                    t.add(form, "commit", modality)
    for topic, words in lex["topics"].items():
        for w in words:
            t.add(w, "topic", topic)
    return t


_VOWELS = "aeiou"


def english_forms(word: str) -> list[str]:
    """A commitment verb with its English inflections ("plan" -> plans, planned, planning;
    "pledge" -> pledging), so that the lists hold base forms; other words are returned as they are."""
    w = word.lower()
    if " " in w or not w.isascii() or not w.isalpha() or len(w) < 4 or w.endswith(("ed", "ing", "s", "ment", "tion")):
        return [word]
    if w.endswith("ee"):
        stem_ing, stem_ed = w, w[:-1]  # agree -> agreeing, agreed
    elif w.endswith("e"):
        stem_ing, stem_ed = w[:-1], w[:-1]
    elif len(w) <= 6 and w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        stem_ing = stem_ed = w + w[-1]  # plan -> planning, commit -> committing
    else:
        stem_ing = stem_ed = w
    return [word, w + "s", stem_ed + "ed", stem_ing + "ing"]


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Every word of the titles of office ("president", "menteri", "ministre"), lower-cased."""
    from qa_app.nlp.lexicon import load

    t = load("titles")
    return frozenset(w.lower() for phrase in t["titles"] + t.get("lower_titles", []) + t["modifiers"]
                     for w in TOKEN.findall(phrase) if w[0].isalpha())
