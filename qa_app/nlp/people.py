"""People with their titles, ranks and countries.

Three patterns find a person, all anchored on a title from lex_titles.json:

* title first: "Presiden Rusia Vladimir Putin", "Japanese Prime Minister Fumio Kishida",
  "Sekretaris Dewan Keamanan Federasi Rusia Nikolai Patrushev";
* title, comma, name: "Wakil Menteri Luar Negeri, Sun Weidong",
  "Sekdirjen Strategi Pertahanan, Brigjen TNI Oktaheroe Ramsi";
* name, comma, title (apposition): "Yang Jiechi, Anggota Biro Politik ...".

Well-known people from lex_people.json are found without a title. Mention.text is
the name alone (rank and title excluded); value is the canonical name; extra holds
role, rank, country (with country_via) and the span of the whole phrase.

Modules: `people_lexicon` (titles, ranks, known people), `people_tokens` (tokens and the
per-text context), `people_patterns` (the three patterns), `short_names` (later references).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from qa_app.nlp.lexicon import load
from qa_app.nlp.mentions import Mention, dedupe, make
from qa_app.nlp.people_lexicon import canonical_person, known_re, person_lexicon
from qa_app.nlp.people_patterns import PersonHit, rank_country, scan_sentence
from qa_app.nlp.people_tokens import TextContext, text_sentences
from qa_app.nlp.short_names import name_parts

__all__ = ["canonical_person", "find_people"]


def _known_hits(ctx: TextContext) -> list[PersonHit]:
    out = []
    for m in known_re().finditer(ctx.text):
        out.append(PersonHit(m.start(), m.end(), None, None, None, None, None, m.start(), m.end(), "lexicon"))
    return out


def office_country(text: str, name_start: int) -> str | None:
    """The state of an office only it has, written right before the name ("External Affairs
    Minister S. Jaishankar" is Indian, "Secretary of State Marco Rubio" American)."""
    lex = person_lexicon()
    m = lex.office_re.search(text, max(0, name_start - 60), name_start)
    return lex.office_countries.get(" ".join(m.group("office").split())) if m else None


def _to_mention(ctx: TextContext, h: PersonHit) -> Mention:
    raw = ctx.text[h.name_start:h.name_end]
    name, prefix = canonical_person(raw)
    rank = h.rank or prefix
    country, via = h.country, h.country_via
    lex = person_lexicon()
    known = lex.known.get(name) or lex.holders.get(name)
    if not country and known and known[1]:
        country, via = known[1], "lexicon"  # the state the text does not give, from who held which office
    if not country and rank_country(rank):
        country, via = rank_country(rank), "rank"
    if not country and (office := office_country(ctx.text, h.name_start)):
        country, via = office, "office"
    counterpart = bool(h.role and h.role.lower() in person_lexicon().counterparts)
    extra = {"role": None if counterpart else h.role, "counterpart": counterpart, "rank": rank,
             "country": country, "country_via": via,
             "phrase_start": h.phrase_start, "phrase_end": h.phrase_end, "pattern": h.pattern,
             "short": len(name.split()) == 1}
    return make("person", ctx.text, h.name_start, h.name_end, name, **extra)


def find_people(text: str, language: str = "en") -> list[Mention]:
    """People named with a title (or well-known people), with role, rank and country.

    Single-word names that are the first or last word of a full name found in the
    same text are left to :func:`link_short_names`.
    """
    ctx = TextContext(text, language)
    hits: list[PersonHit] = []
    for s in text_sentences(text):
        hits.extend(scan_sentence(ctx, s.start, s.end))
    taken = {(h.name_start, h.name_end) for h in hits}
    hits.extend(h for h in _known_hits(ctx) if not any(a < h.name_end and h.name_start < b for a, b in taken))
    found = dedupe([_to_mention(ctx, h) for h in hits])
    found = dedupe(found + _coordinated_names(text, found))
    mentions = _counterpart_roles(_accompanied(text, _coordinated_countries(text, found)))
    parts = name_parts([m for m in mentions if not m.extra["short"]])
    mentions = _shorter_forms([m for m in mentions if not (m.extra["short"] and m.value in parts)])
    mentions = _known_by_surname(text, mentions, parts)
    return sorted(mentions + _initialisms(text, mentions), key=lambda m: m.start)


_INITIALISM = re.compile(r"(?<![\w-])[A-Z]{3,4}(?![\w-])")


def _initialisms(text: str, mentions: list[Mention]) -> list[Mention]:
    """"MBS juga menerima ...", "SBY", "AMLO": capitals that spell the first letters of the leading words
    of the full name of one person the article names ("Mohammed bin Salman", "Susilo Bambang Yudhoyono")
    stand for that person."""
    people: dict[str, dict[str, Mention]] = {}  # initials -> the people whose names begin with them
    for m in mentions:
        words = m.value.split() if m.value and not m.extra.get("short") else []
        for n in range(3, min(4, len(words)) + 1):
            people.setdefault("".join(w[0] for w in words[:n]).upper(), {}).setdefault(m.value, m)
    taken = [(m.extra.get("phrase_start", m.start), m.extra.get("phrase_end", m.end)) for m in mentions]
    out = []
    for hit in _INITIALISM.finditer(text):
        key, (a, b) = hit.group(), hit.span()
        owners = people.get(key, {})
        if len(owners) != 1 or any(x < b and a < y for x, y in taken):
            continue
        p = next(iter(owners.values()))
        out.append(make("person", text, a, b, p.value, role=p.extra.get("role"), counterpart=False, rank=None,
                        country=p.extra.get("country"), country_via=p.extra.get("country_via"), phrase_start=a,
                        phrase_end=b, pattern="initialism", short=False, linked_to=p.value))
    return out


# "Mr Biden", "Pak Prabowo": an honorific before one capitalised word
_HONORIFIC_SURNAME = re.compile(r"(?<![\w])(?P<honorific>Mr|Mrs|Ms|Madam|Pak|Bu)\.?\s+"
                                r"(?P<name>[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)(?![\w'’-]|\s+[A-Z])")


def _known_by_surname(text: str, mentions: list[Mention], parts: dict[str, str]) -> list[Mention]:
    """A titled one-word name the article never gives in full ("President Biden", "Mr Biden and
    Mr Xi met ...") is the one well-known person or office holder with that surname, of that
    person's state, when the article names that state. A word that is part of a full name in the
    text is left to the short-name linking; a word several known people share names no one."""
    from qa_app.nlp.countries import find_countries
    from qa_app.nlp.people_lexicon import surname_index

    index = surname_index()
    named: set[str] | None = None

    def lookup(word: str) -> tuple[str, str | None] | None:
        nonlocal named
        known = index.get(word) if word not in parts else None
        if known is None:
            return None
        if named is None:
            named = {c.value for c in find_countries(text)}
        return known if known[1] in named else None  # "Menteri ... Tiong King Sing" is no Singaporean

    out = []
    for m in mentions:
        known = lookup(m.value) if m.extra["short"] else None
        if known is not None:
            m = replace(m, value=known[0], extra={**m.extra, "short": False, "linked_to": known[0],
                                                  "country": m.extra.get("country") or known[1],
                                                  "country_via": m.extra.get("country_via") or "lexicon"})
        out.append(m)
    taken = [(m.extra.get("phrase_start", m.start), m.extra.get("phrase_end", m.end)) for m in out]
    for h in _HONORIFIC_SURNAME.finditer(text):
        a, b = h.span("name")
        if any(x < b and a < y for x, y in taken) or (known := lookup(h.group("name"))) is None:
            continue
        out.append(make("person", text, a, b, known[0], role=None, counterpart=False, rank=h.group("honorific"),
                        country=known[1], country_via="lexicon", phrase_start=h.start(), phrase_end=b,
                        pattern="honorific", short=False, linked_to=known[0]))
    return sorted(out, key=lambda m: m.start)


def _shorter_forms(mentions: list[Mention]) -> list[Mention]:
    """"Lula da Silva" after "Luiz Inácio Lula da Silva": the last words of one fuller name are that person."""
    import dataclasses

    names = {m.value for m in mentions if m.value}
    out = []
    for m in mentions:
        longer = {n for n in names if m.value and len(m.value.split()) >= 2 and n.endswith(" " + m.value)}
        if len(longer) == 1:
            full = longer.pop()
            extra = dict(m.extra, linked_to=full)
            if not extra.get("country"):
                extra["country"] = next((x.extra.get("country") for x in mentions if x.value == full), None)
            m = dataclasses.replace(m, value=full, extra=extra)
        out.append(m)
    return out


# "Sergei Lavrov and Dmytro Kuleba met": a full name of two or three capitalised words
_NAME = r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)? ){1,2}[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"  # on one line
_AFTER_PERSON = re.compile(rf" (?:and|dan|et) ({_NAME})(?![\w'’-]| [A-Z(])")
_BEFORE_PERSON = re.compile(rf"(?<![\w'’-])(?<![A-Z][a-z] )({_NAME}) (?:and|dan|et) $")


def _coordinated_names(text: str, found: list[Mention]) -> list[Mention]:
    """A name with no title joined by "and" to a person already found ("Sergei Lavrov and Dmytro
    Kuleba met", "Dmytro Kuleba dan Sergei Lavrov"): a person too, when none of its words is a
    title, a state, a place or another word no name holds. Its state is a known office holder's,
    else it comes from elsewhere."""
    from qa_app.nlp.countries import find_countries
    from qa_app.nlp.places import find_places

    lex = person_lexicon()
    out = []
    for m in found:
        if m.extra.get("short"):
            continue
        spans = []
        if (after := _AFTER_PERSON.match(text, m.end)) is not None:
            spans.append(after.span(1))
        if (before := _BEFORE_PERSON.search(text, max(0, m.start - 60), m.start)) is not None:
            spans.append(before.span(1))
        for a, b in spans:
            words = text[a:b].split()
            if any(w.lower() in lex.non_name or w in lex.titles or w[:-1] in lex.titles  # "Presidents"
                   or w.lower() in lex.common_words.get("en", ())
                   for w in words) or find_countries(text[a:b]) or find_places(text[a:b]):
                continue
            name, _ = canonical_person(text[a:b])
            known = lex.known.get(name) or lex.holders.get(name)  # a known office holder's state
            country = known[1] if known else None
            out.append(make("person", text, a, b, name, role=None, counterpart=False, rank=None, country=country,
                            country_via="lexicon" if country else None, phrase_start=a, phrase_end=b,
                            pattern="coordinated", short=False))
    return out


@lru_cache(maxsize=1)
def _coordination() -> re.Pattern:
    words = "|".join(re.escape(w) for w in load("people")["coordination_words"])
    return re.compile(rf"^\s*(?:,\s*)?(?:{words})\s*$", re.IGNORECASE)


def _coordinated_countries(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Japanese Foreign Minister Yoko Kamikawa and Defence Minister Minoru Kihara": the second
    title shares the state named before the first."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        prev = out[-1] if out else None
        start = m.extra.get("phrase_start", m.start)
        if (prev is not None and not m.extra.get("country") and prev.extra.get("country")
                and prev.extra.get("country_via") == "role" and m.extra.get("role")
                and prev.end <= start and _coordination().match(text[prev.end:start])):
            m = make("person", text, m.start, m.end, m.value,
                     {**m.extra, "country": prev.extra["country"], "country_via": "coordination"})
        out.append(m)
    return out


@lru_cache(maxsize=1)
def _company_cues() -> re.Pattern:
    from qa_app.nlp.people_lexicon import alternation

    return re.compile(rf"\b(?:{alternation(load('titles')['company_cues'])})\b", re.IGNORECASE)


_LEAD_GAP = re.compile(r"[\s,]*(?:(?:was|were|is|who|also|yang|juga|turut|qui|était|est|notamment|également|aussi)\s+)*",
                       re.IGNORECASE)
# the word before the cue: the accompanied person's name, or part of it ("PM Anwar", "M. Macron")
_WORD_BEFORE = re.compile(rf"([^\W\d_][\w’'-]*)({_LEAD_GAP.pattern})$", re.IGNORECASE)
# between two listed people: a separator, and words of an office the title did not take ("Home Minister")
_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:and|dan|serta|as well as|et|ainsi que)\s+)?(?:(?:du|de la|des|de l['’])\s*)?"
                       r"(?:[A-Z][\w-]*\s+){0,3}")


def _accompanied(text: str, mentions: list[Mention]) -> list[Mention]:
    """"PM Anwar didampingi Menlu Mohamad Hasan, ... serta Ketua Menteri Sabah Hajiji Noor",
    "Prabowo, accompanied by Defence Minister X and ...": the people listed after the cue come
    with the person before it, and share that person's state unless their own title names one."""
    ms = sorted(mentions, key=lambda m: m.start)
    for cue in _company_cues().finditer(text):
        word = _WORD_BEFORE.search(text, max(0, cue.start() - 160), cue.start())
        if word is None:
            continue
        before = [m for m in ms if m.end <= word.end(1)]
        if "," in word.group(2) and len(before) > 1 \
                and not re.search(r"[.!?]\s|\n", text[before[-2].end:before[-1].start]):
            continue  # "X spoke with Y, accompanied by Z": Z may be with X as well as with Y
        lead = before[-1] if before and before[-1].end == word.end(1) else None
        country = lead.extra.get("country") if lead else None
        # "PM Anwar", "M. Macron": the state of Anwar Ibrahim, of Emmanuel Macron, named elsewhere
        country = country or next((m.extra["country"] for m in ms if m.extra.get("country")
                                   and word.group(1) in m.value.split()), None)
        if not country:
            continue
        prev_end = cue.end()
        for k, m in enumerate(ms):
            start = m.extra.get("phrase_start", m.start)
            if start < prev_end:
                continue
            gap = text[prev_end:start]
            if not (_LIST_GAP.fullmatch(gap) or (prev_end == cue.end() and not gap.strip())):
                break
            if not m.extra.get("country"):
                ms[k] = make("person", text, m.start, m.end, m.value,
                             {**m.extra, "country": country, "country_via": "company"})
            prev_end = m.end
    return ms


def _counterpart_roles(mentions: list[Mention]) -> list[Mention]:
    """"Foreign Minister Sugiono ... his Australian counterpart Penny Wong": a counterpart holds the
    office of the titled person named before."""
    out: list[Mention] = []
    last_role = None
    for m in sorted(mentions, key=lambda m: m.start):
        if m.extra.get("counterpart") and last_role:
            m = replace(m, extra={**m.extra, "role": last_role})
        elif m.extra.get("role"):
            last_role = m.extra["role"]
        out.append(m)
    return out
