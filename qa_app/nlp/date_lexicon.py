"""Date words and patterns per language: month and weekday names from dateparser's locale
data plus ``lex_dates.json``, and the regexes built from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from qa_app.nlp.lexicon import load

# dateparser's locale keys, in calendar order (the index gives the month or the weekday).
MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass
class Lang:
    months: dict[str, int]  # lower-case name/abbreviation -> month
    full_months: frozenset[str]
    weekdays: dict[str, int]  # lower-case name -> 0 (Monday) .. 6
    patterns: list[tuple[str, re.Pattern]]
    anchors: frozenset[str]  # lower-case words a date pattern can start with (besides digits)
    relative: dict[str, tuple[int, str]]  # phrase -> (signed amount, unit)
    date_order: str
    month_preps: frozenset[str]
    ambiguous_weekdays: dict[str, frozenset[str]]
    not_year_after: frozenset[str]
    relative_blockers: frozenset[str]
    covered: bool  # a lexicon exists for this language
    capitalised: bool  # month/weekday names need a capital letter
    number_words: dict[str, int]  # "three", "tiga" -> 3
    units: dict[str, str]  # "weeks", "pekan" -> "week"
    modifiers: dict[str, str]  # a word before or after a weekday -> "past" | "next" | "this"
    last_before: re.Pattern  # "last" right before a month puts it in the past ...
    last_after: re.Pattern  # ... and so does "lalu" right after it


def alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=2)
def _event_patterns(told: bool) -> dict[str, re.Pattern]:
    lex = load("dates")
    tables = {kind: set(words) | (set(lex["dated_event_evidence"].get(kind, ())) if told else set())
              for kind, words in lex["dated_events"].items()}
    # a phrase's words may be joined by any run of spaces ("enter  into force")
    return {kind: re.compile(r"(?<!\w)(?:" + alt(words).replace(r"\ ", r"\s+") + r")(?!\w)", re.IGNORECASE)
            for kind, words in tables.items()}


def dated_events(text: str, told: bool = False) -> frozenset[str]:
    """The kinds of event (`dated_events` of lex_dates.json: start, entry into force, arrival, ratification)
    that `text` names. A when-question about one asks that event's own date, which the day of the meeting or
    signing it was told at does not answer. `told`: read a sentence, where more words tell such an event
    ("will receive the first jets") than make a question ask its date."""
    return frozenset(kind for kind, rx in _event_patterns(told).items() if rx.search(text))


def _locale_info(language: str) -> dict[str, Any]:
    from dateparser.languages.loader import default_loader

    try:
        return default_loader.get_locale(language).info
    except Exception:  # unknown language code
        return {}


def _relative_phrases(info: dict[str, Any]) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for key, phrases in (info.get("relative-type") or {}).items():
        m = re.fullmatch(r"(in )?(\d+) (day|week|month|year)( ago)?", key)
        if not m or not m.group(4):
            continue  # only "N ago" phrases: "in 1 year" / "1 year" ("setahun") read as durations in news
        amount = int(m.group(2)) * (-1 if m.group(4) else 1)
        for p in phrases:
            if re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", p) and len(p) > 3:
                out[p.lower()] = (amount, m.group(3))
    return out


_RELATED_LANGS = {"ms": ("id",), "id": ("ms",)}  # Malay and Indonesian share most date words


@lru_cache(maxsize=16)
def lang_table(language: str) -> Lang:
    lex = load("dates")
    covered = language in lex["nouns"]
    infos = [_locale_info(language)] + ([_locale_info("en")] if language != "en" else [])
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    full: set[str] = set()
    relative: dict[str, tuple[int, str]] = {}
    for info in infos:
        for i, key in enumerate(MONTH_KEYS):
            names = [n for n in info.get(key, []) if n.replace(".", "").isalpha() and len(n) >= 3]
            for n in names:
                months.setdefault(n.lower(), i + 1)
            if names:
                full.add(max(names, key=len).lower())
        for i, key in enumerate(WEEKDAY_KEYS):
            for n in info.get(key, []):
                if n.replace("'", "").isalpha() and len(n) >= 4:
                    weekdays.setdefault(n.lower(), i)
        for p, v in _relative_phrases(info).items():
            relative.setdefault(p, v)
    for lang in {language, "en", *_RELATED_LANGS.get(language, ())}:
        for phrase, (amount, unit) in lex["extra_relative"].get(lang, {}).items():
            relative.setdefault(phrase, (amount, unit))
    for lang in {language, "en"}:
        for key, names in lex["extra_months"].get(lang, {}).items():
            for n in names:
                months.setdefault(n.lower(), MONTH_KEYS.index(key) + 1)
                if len(n) >= 4:
                    full.add(n.lower())
        for key, names in lex["extra_weekdays"].get(lang, {}).items():
            for n in names:
                weekdays.setdefault(n.lower(), WEEKDAY_KEYS.index(key))
    full.discard("may") if language != "en" else None
    nouns = {k: [] for k in ("day", "month", "year")}
    ranges = set()
    for lang in {language, "en"} | ({"id"} if language == "ms" else set()):  # Malay shares Indonesian's words
        for k, v in lex["nouns"].get(lang, {}).items():
            nouns[k].extend(v)
        ranges.update(lex["range_words"].get(lang, []))
    order = (infos[0].get("date_order") or "DMY") if infos and infos[0] else "DMY"
    patterns = _build_patterns(months, full, weekdays, nouns, ranges, relative, lex)
    starts = set(months) | set(weekdays) | {w for v in nouns.values() for w in v} | \
        {p.split()[0] for p in relative} | set(lex["weekday_before"]) | set(lex["day_prefixes"]) | \
        {w for w in lex["number_words"] if len(w) > 2}
    anchors = frozenset(re.split(r"[^\w]", w.lower())[0] for w in starts)
    return Lang(months, frozenset(full), weekdays, patterns, anchors, relative, order, frozenset(lex["month_preps"]),
                 {k.lower(): frozenset(v) for k, v in lex["ambiguous_weekdays"].items()},
                 frozenset(lex["not_year_after"]), frozenset(lex["relative_blockers_before"]), covered,
                 language in lex["capitalised_names"], lex["number_words"], lex["units"],
                {**lex["weekday_before"], **lex["weekday_after"]},
                re.compile(rf"\b(?:{alt(lex['last_before'])})\s+$", re.IGNORECASE),
                re.compile(rf"^\s+(?:{alt(lex['last_after'])})\b", re.IGNORECASE))


def _build_patterns(months, full, weekdays, nouns, ranges, relative, lex) -> list[tuple[str, re.Pattern]]:
    M = rf"(?:{alt(months)})\.?"
    MF = rf"(?:{alt(full)})"
    W = rf"(?:{alt(weekdays)})"
    D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    Y = r"(?:1[89]\d\d|20\d\d|21\d\d)(?!\d)"
    R = rf"\s*(?:{alt(ranges)})\s*"
    dn = alt(nouns["day"]) or "(?!x)x"
    mn = alt(nouns["month"]) or "(?!x)x"
    yn = alt(nouns["year"]) or "(?!x)x"
    N = alt(lex["number_words"])
    U = alt(lex["units"])
    T = alt(lex["day_prefixes"])
    AGO = alt(lex["ago_words"])
    PRE, POST = alt(lex["weekday_before"]), alt(lex["weekday_after"])
    YR = alt(lex["year_range_words"])
    B = r"(?<![\w/+.-])"  # start boundary
    # a month or a year may be joined to the part of it meant: "mid-April", "early-2025"
    BP = r"(?:(?<=\bmid-)|(?<=\bearly-)|(?<=\blate-)|(?<![\w/+.-]))"
    wd = rf"(?:(?P<wd>{W})\s*,?\s+)?"
    spec = [
        ("dm_dm_range", rf"{B}(?P<d1>{D})\s+(?P<m1>{M})(?:\s+(?P<y1>{Y}))?{R}(?P<d2>{D})\s+(?P<m2>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("md_md_range", rf"{B}(?P<m1>{M})\s+(?P<d1>{D})(?:,?\s+(?P<y1>{Y}))?{R}(?P<m2>{M})\s+(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("dm_range", rf"{B}{wd}(?P<d1>{D}){R}(?P<d2>{D})\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("md_range", rf"{B}(?P<m>{M})\s+(?P<d1>{D}){R}(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("dmy", rf"{B}{wd}(?:(?:{T})\s+)?(?P<d>{D})\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("mdy", rf"{B}{wd}(?P<m>{M})\s+(?P<d>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("wd_numeric", rf"(?P<wd>{W})\s*\(\s*(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})(?:[/.-](?P<y>\d{{2}}|\d{{4}}))?\s*\)"),
        ("numeric", rf"{B}{wd}(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})[/.-](?P<y>(?:19|20)\d\d)(?![\d/])"),
        ("iso", rf"{B}(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
        ("month_year", rf"{BP}(?:(?P<noun>{mn})\s+)?(?P<m>{M})\s+(?:(?:{yn})\s+)?(?P<y>{Y})"),
        ("relative_n", rf"{B}(?P<n>\d{{1,3}}|{N})\s+(?P<unit>{U})\s+(?:yang\s+)?(?P<dir>{AGO})\b"),
        ("relative", rf"{B}(?P<rel>{alt(relative)})\b" if relative else r"(?!x)x"),
        ("wd_pair", rf"{B}(?:(?P<noun>{dn})\s+)?(?P<w1>{W}){R}(?P<w2>{W})\b"),
        ("weekday", rf"{B}(?:(?P<pre>{PRE})\s+)?(?:(?P<noun>{dn})\s+)?(?P<w>{W})\b(?:\s+(?P<post>{POST})\b)?"),
        ("year_range", rf"{B}(?:(?P<noun>{yn})\s+)?(?P<y1>{Y})\s*(?:{YR})\s*(?P<y2>{Y})(?![\w+/%])"),
        ("year", rf"{BP}(?:(?P<noun>{yn})\s+)?(?P<y>{Y})(?![\w+/%]|[.,]\d|-\d)"),
        ("month", rf"{BP}(?:(?P<noun>{mn})\s+)?(?P<m>{MF})\b(?!\s*\d)"),
    ]
    return [(name, re.compile(p, re.IGNORECASE)) for name, p in spec]

