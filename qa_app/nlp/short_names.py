"""Later references to people already found with their full name: "Kishida", "Xi", or an
untitled repeat of the full name."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from qa_app.nlp.mentions import Mention, make
from qa_app.nlp.people_lexicon import PersonLexicon, alternation, name_particles, name_words, person_lexicon
from qa_app.nlp.people_patterns import title_at
from qa_app.nlp.people_tokens import TextContext, Tok, text_sentences, word_tokens


def name_parts(full: list[Mention]) -> dict[str, str]:
    """First/last word of each full name -> full name (ambiguous words dropped); a middle word
    too when it is a name of its own ("Mohamed Khaled Nordin" -> "Khaled"), not a particle."""
    out: dict[str, str | None] = {}
    particles = name_particles()
    for m in full:
        words = name_words(m.value)  # "Lloyd J. Austin III": the surname before a generational suffix
        middle = {w for w in words[1:-1] if len(w) >= 4 and w[0].isupper() and w.lower() not in particles}
        for w in {words[0], words[-1]} | middle:
            if len(w) < 2:
                continue
            out[w] = m.value if out.get(w, m.value) == m.value else None
    return {k: v for k, v in out.items() if v}


def link_short_names(mentions: list[Mention], text: str, language: str = "en") -> list[Mention]:
    """Mentions for later references to people already found with their full name.

    Short references ("Jailani", "Kishida", "Yang", "Xi") get value = the canonical
    full name and extra short=True; untitled repeats of the full name ("Menurut Abdul
    Kadir Jailani") get extra repeat=True. extra carries the full mention's country,
    the title right before the reference if any, and linked_to = the full name.
    """
    full = [m for m in mentions if m.kind == "person" and not m.extra.get("short")]
    parts = name_parts(full)
    if not parts:
        return []
    by_name = {m.value: m for m in full}
    surface = {m.text: m.value for m in full} | {v: v for v in by_name}
    forms = {**parts, **surface}
    spans = [(m.start, m.end) for m in mentions if m.kind == "person"]
    ctx = TextContext(text, language)
    lex = person_lexicon()
    common = lex.common_words.get(language, frozenset())
    pattern = _forms_re(tuple(sorted(forms)))
    sentence_starts = {s.start for s in text_sentences(text)}
    out: list[Mention] = []
    for m in pattern.finditer(text):
        a, b = m.start(), m.end()
        word = m.group()
        if any(x < b and a < y for x, y in spans):
            continue
        repeat = word in surface
        if not repeat:
            if _name_neighbour(ctx, text, a, b):
                continue  # "Kadir Jailani" inside another name, "Sun Yat-sen"
            if word.lower() in common and (a in sentence_starts or _after_quote(text, a)):
                nxt = re.match(r"(\s*,)|\s+([^\W\d_]+)", text[b:b + 30])
                if not (nxt and (nxt.group(1) or _verbish(nxt.group(2), lex))):
                    continue  # Indonesian "Yang ..." opening a sentence
        full_m = by_name[forms[word]]
        out.append(make("person", text, a, b, full_m.value, role=_title_before(text, a), rank=None,
                        country=full_m.extra.get("country"), country_via=full_m.extra.get("country_via"),
                        short=not repeat, repeat=repeat, linked_to=full_m.value, phrase_start=a,
                        phrase_end=b, pattern="repeat" if repeat else "short"))
    return out


@lru_cache(maxsize=256)
def _forms_re(forms: tuple[str, ...]) -> re.Pattern:
    # "Albanese's official visit": a possessive ending still names the person
    return re.compile(rf"(?<![\w'’-])(?:{alternation(list(forms))})(?!\w|['’](?![sS]\b)|-\w)")


def _name_neighbour(ctx: TextContext, text: str, a: int, b: int) -> bool:
    prev_word = re.search(r"([^\W\d_][\w'’]*) $", text[max(0, a - 30):a])
    next_word = re.match(r" ([^\W\d_][\w'’]*)", text[b:b + 30])
    return any(w and w.group(1)[0].isupper() and ctx.name_like(Tok(0, 0, w.group(1))) for w in (prev_word, next_word))


def _after_quote(text: str, a: int) -> bool:
    return bool(re.search(r"[\"“(]\s*$", text[max(0, a - 3):a]))


def _verbish(word: str | None, lex: PersonLexicon) -> bool:
    if not word:
        return False
    w = word.lower()
    return w in lex.reporting_verbs or bool(re.match(r"(?:me|ber|di)[a-z]{3,}", w))


def _title_before(text: str, pos: int) -> str | None:
    toks = word_tokens(text, max(0, pos - 80), pos)
    for i in range(len(toks)):
        n = title_at(toks, i)
        if n and i + n == len(toks):
            return text[toks[i].start:toks[-1].end]
    return None


# what may follow a bare office: not a name, a state or an organisation (a capitalised word), nor "of"
_AFTER_OFFICE = re.compile(r"(?!\s+(?:of|for|dari|untuk|de|du|des)\b)(?:\s+(?:[a-z][\w'’-]*|\d)|[,.;:!?)\"”]|$)")


def link_office_references(mentions: list[Mention], text: str, language: str = "en") -> list[Mention]:
    """Later references to a person by the office alone: "Perdana Menteri dijangka mengadakan
    pertemuan ...", "the Prime Minister will then fly on": the person named before with that
    office (of several, the one the article names most)."""
    full = sorted((m for m in mentions if m.kind == "person" and not m.extra.get("short") and m.extra.get("role")),
                  key=lambda m: m.start)
    if not full:
        return []
    spans = [(m.extra.get("phrase_start", m.start), m.extra.get("phrase_end", m.end)) for m in mentions]
    roles = {m.extra["role"].strip() for m in full if len(m.extra["role"].split()) <= 4}
    if not roles:
        return []
    lead = r"(?<![\w'’-])(?:(?:the|The)\s+)?" if language == "en" else r"(?<![\w'’-])"
    pattern = re.compile(lead + rf"({alternation(sorted(roles))})(?![\w'’-])", re.IGNORECASE)
    named = Counter(m.value for m in mentions if m.kind == "person")
    out: list[Mention] = []
    for m in pattern.finditer(text):
        a, b = m.span(1)
        word = m.group(1)
        if any(x < b and a < y for x, y in spans) or not _AFTER_OFFICE.match(text, b):
            continue
        if m.start() == a and re.search(r"(?-i:[A-Z])[\w'’.-]*\s+$", text[max(0, a - 30):a]):
            continue  # "Wakil Perdana Menteri", "Deputy Prime Minister": part of another office ("The premier" is not)
        # written as the office is written (capitalised), or in lower case after "the" in English
        if word != word.lower() and not word[0].isupper():
            continue
        if word == word.lower() and not (language == "en" and m.start() < a):
            continue
        holders = {p.value: p for p in full if p.end <= a and p.extra["role"].lower() == word.lower()}
        if not holders:
            continue
        # of several, the one the article names most ("Perdana Menteri" in a Malaysian report of a
        # visit where the host's prime minister is named once); a tie is left alone
        ranked = sorted(holders, key=lambda v: -named[v])
        if len(ranked) > 1 and named[ranked[0]] == named[ranked[1]]:
            continue
        holder = holders[ranked[0]]
        out.append(make("person", text, a, b, holder.value, role=holder.extra["role"], rank=None,
                        country=holder.extra.get("country"), country_via=holder.extra.get("country_via"),
                        short=True, repeat=False, linked_to=holder.value, phrase_start=a, phrase_end=b,
                        pattern="office"))
    return out
