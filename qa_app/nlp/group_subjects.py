"""Group subjects: the words that name a meeting's states together ("the two presidents",
"ketiga menlu", "les deux ministres", "both sides", "keduanya"), from lex_cues.json."""

from __future__ import annotations

from functools import lru_cache

from qa_app.nlp.lexicon import load


@lru_cache(maxsize=16)
def generated(language: str) -> tuple[str, ...]:
    """Each template of `group_subjects` with each count word and role of the language."""
    spec = load("cues")["group_subjects"].get(language)
    if not spec:
        return ()
    out: list[str] = []
    for template in spec["templates"]:
        counts = spec["counts"] if "{n}" in template else [""]
        out += [template.format(n=n, role=role) for n in counts for role in spec["roles"]]
    return tuple(out)


def group_subjects(language: str) -> tuple[str, ...]:
    """The generated phrases and those listed one by one (`rules.both_sides`: "keduanya", "they")."""
    return generated(language) + tuple(load("cues")["rules"]["both_sides"].get(language, []))


@lru_cache(maxsize=1)
def count_words() -> dict[str, int]:
    """The number a group subject's count word says ("three" -> 3, "ketiga" -> 3)."""
    return dict(load("cues")["group_subjects"]["counts"])
