"""The lexicon of person finding: titles, ranks, honorifics and well-known people from
lex_titles.json and lex_people.json, compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qa_app.nlp.lexicon import load
from qa_app.text.tokens import NAME_TOKEN as TOKEN


@dataclass
class PersonLexicon:
    titles: dict[str, list[tuple[str, ...]]]  # first word -> title word tuples, longest first
    modifiers: dict[str, list[tuple[str, ...]]]
    prefix_re: re.Pattern  # one or more ranks/honorifics at the start of a name
    post_nominal_re: re.Pattern
    non_name: frozenset[str]  # lower-cased words that are never part of a person's name
    rank_countries: dict[str, str]
    office_re: re.Pattern  # an office only one state has, ending just before a name: group "office"
    office_countries: dict[str, str]
    reporting_verbs: frozenset[str]
    common_words: dict[str, frozenset[str]]
    delegation_re: re.Pattern
    known: dict[str, tuple[str, str | None]]  # surface form -> (canonical, country); searched for in texts
    holders: dict[str, tuple[str, str]]  # office holders: name as written -> (canonical, country); never searched for
    connectors: frozenset[str]  # words that join the parts of an organisation in a title's tail
    counterparts: frozenset[str]  # "counterpart", "homologue": they find a person but name no role


def _phrase_index(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    idx: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        words = tuple(TOKEN.findall(p))
        idx.setdefault(words[0], []).append(words)
    for v in idx.values():
        v.sort(key=len, reverse=True)
    return idx


def alternation(items: list[str]) -> str:
    return "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def person_lexicon() -> PersonLexicon:
    t = load("titles")
    ranks, honor = t["ranks"], t["honorifics"]
    end = r"(?![\w])"
    prefix_re = re.compile(rf"(?:(?:{alternation(ranks + honor)})(?:(?<=\.)|{end})\s*)+")
    post = re.compile(rf"(?:,?\s*(?:{alternation(t['post_nominals'])}))+\s*$")
    non_name = {w.lower() for w in t["org_words"]}
    non_name.update(w.lower() for w in t.get("not_name_words", []))
    # An honorific that is also a part of names ("Hassan Sheikh Mohamud") may be a name word.
    particles = set(load("people").get("name_particles", []))
    for phrase in t["titles"] + t["modifiers"] + ranks + [h for h in honor if " " not in h and h not in particles]:
        non_name.update(w.lower() for w in TOKEN.findall(phrase) if w[0].isalpha())
    non_name.update(w.lower() for w in load("people")["calendar_words"])
    # "Jokowi Telepon Putin, Presiden Rusia ...": a headline's meeting verb joins no name
    cues = load("cues")
    for words in list(cues["meeting"].values()) + list(cues["rules"]["call"].values()):
        non_name.update(w.lower() for w in words if " " not in w)
    deleg = re.compile(rf"\b(?:{alternation(t['delegation_cues'])})\b", re.IGNORECASE)
    known: dict[str, tuple[str, str | None]] = {}
    for p in load("people")["people"]:
        for form in [p["name"], *p["aliases"]]:
            known[form] = (p["name"], p["country"])
    holders = {form: (p["name"], p["country"]) for p in load("people")["office_holders"]
               for form in [p["name"], *p["aliases"]]}
    return PersonLexicon(
        titles=_phrase_index(t["titles"] + t.get("lower_titles", [])),
        modifiers=_phrase_index(t["modifiers"]),
        prefix_re=prefix_re,
        post_nominal_re=post,
        non_name=frozenset(non_name),
        rank_countries=t["rank_countries"],
        office_re=re.compile(rf"(?<![\w-])(?P<office>{alternation(list(t['office_countries']))})\s+$"),
        office_countries={" ".join(k.split()): v for k, v in t["office_countries"].items()},
        reporting_verbs=frozenset(w.lower() for w in t["reporting_verbs"]),
        common_words={k: frozenset(v) for k, v in t["common_words"].items()},
        delegation_re=deleg,
        known=known,
        holders=holders,
        counterparts=frozenset(w.lower() for w in t.get("counterpart_titles", [])),
        connectors=frozenset(load("people")["name_connectors"]),
    )


@lru_cache(maxsize=1)
def known_re() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{alternation(list(person_lexicon().known))})(?![\w])")


def canonical_person(raw_name: str) -> tuple[str, str | None]:
    """(name, prefix): leading ranks/honorifics moved out, aliases mapped to the canonical name.

    >>> canonical_person("Brigjen TNI Oktaheroe Ramsi")
    ('Oktaheroe Ramsi', 'Brigjen TNI')
    """
    lex = person_lexicon()
    name = " ".join(raw_name.split())
    prefix = None
    m = lex.prefix_re.match(name)
    if m and m.end() < len(name):
        prefix = " ".join(m.group().split())
        name = name[m.end():]
    name = lex.post_nominal_re.sub("", name).strip(" ,")
    name = re.sub(r"['’]s$|(?<=s)['’]$", "", name)  # "Fumio Kishida's visit", "Winston Peters' talks"
    name = re.sub(r"(?<=\s)(Jr|Sr)\.?$", r"\1.", name)  # "Ferdinand Marcos Jr." is not his father
    if name in lex.known:
        name = lex.known[name][0]
    return name, prefix


_GENERATION = re.compile(r"(?:Jr|Sr|II|III|IV|V)\.?,?")


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Words inside a full name too common to stand for the person alone (bin, van, Muhammad)."""
    return frozenset(w.lower() for w in load("people").get("name_particles", []))


def name_words(name: str) -> list[str]:
    """The words of a full name without a generational suffix ("Lloyd J. Austin III", "Martin
    Luther King Jr."): its last word is then the surname."""
    words = name.split()
    while len(words) > 2 and _GENERATION.fullmatch(words[-1]):
        words = words[:-1]
    return words


# states whose names put the family name first ("Xi Jinping", "Yoon Suk Yeol", "Kim Jong Un"), and
# those where a person is called by the first name ("Prabowo Subianto", "Anwar Ibrahim")
_FIRST_NAME_USED = frozenset({"CHN", "TWN", "KOR", "PRK", "IDN", "MYS", "BRN"})


@lru_cache(maxsize=1)
def known_name_words() -> frozenset[str]:
    """Every capitalised word of the name of a well-known person or office holder, in any of its
    spellings ("Pezeshkian", "Masoud"): a word that is surely a name, whatever its shape."""
    lex = person_lexicon()
    # "... of Kelantan": what comes after "of" in a ruler's name is a place
    return frozenset(w for form in [*lex.known, *lex.holders] for w in form.split(" of ")[0].split()
                     if w[:1].isupper() and w.lower() not in lex.non_name)


@lru_cache(maxsize=1)
def surname_index() -> dict[str, tuple[str, str | None]]:
    """The family name of a well-known person or office holder -> (canonical, country), for the
    family names only one of them has: "Biden", "Albanese", "Xi"; not "Wang" or "Li", which
    several share. The family name is the last word of the canonical name, or the first for the
    states that write it first or call people by their first name. What a titled one-word
    mention ("Mr Biden", "President Biden") stands for when the article never gives the full name."""
    lex = person_lexicon()
    particles = name_particles()
    seen: dict[str, set[tuple[str, str | None]]] = {}
    for canonical, country in set(lex.known.values()) | set(lex.holders.values()):
        words = name_words(canonical)
        if len(words) < 2:
            continue
        w = words[0] if country in _FIRST_NAME_USED and words[0].lower() not in particles else words[-1]
        if len(w) >= 2 and w[0].isupper() and w[1:].islower() and w.lower() not in lex.non_name:
            seen.setdefault(w, set()).add((canonical, country))
    return {w: next(iter(owners)) for w, owners in seen.items() if len(owners) == 1}


@lru_cache(maxsize=1)
def _spokesperson_re() -> re.Pattern:
    words = load("titles")["spokesperson_titles"]
    return re.compile(rf"\b(?:{alternation(words)})\b", re.IGNORECASE)


def speaks_for_others(role: str | None) -> bool:
    """A spokesperson's title ('Juru Bicara Kementerian Luar Negeri China'): who announces or
    explains a meeting, not who attends it."""
    return bool(role) and bool(_spokesperson_re().search(role))
