"""dateparser fallbacks: for expressions our patterns do not cover and for languages with no
lexicon in lex_dates.json."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict
from typing import Any

from qa_app.nlp.date_resolve import DateValue, iso, safe_date
from qa_app.nlp.mentions import Mention, make

_PROBE_BASES = (dt.datetime(2001, 1, 10), dt.datetime(2013, 7, 20))


def _dateparser_data(words: str, language: str, base: dt.datetime):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False}
    langs = [language] if language == "en" else [language, "en"]
    try:
        parser = DateDataParser(languages=langs, settings=settings)
    except ValueError:  # a language dateparser does not know
        parser = DateDataParser(settings=settings)
    return parser.get_date_data(words)


def dateparser_resolve(words: str, language: str, pub: dt.date | None, context_year: int | None) -> DateValue:
    """dateparser with two fixed bases: a result that moves with the base is relative."""
    probes = [_dateparser_data(words, language, base) for base in _PROBE_BASES]
    first, second = probes[0].date_obj, probes[1].date_obj
    if first is None:
        return DateValue(None, None, None, words, "unresolved")
    precision = probes[0].period if probes[0].period in ("day", "month", "year") else "day"
    if first == second:
        return DateValue(iso(first.date(), precision), None, precision, words, "absolute")
    if pub:
        data = _dateparser_data(words, language, dt.datetime.combine(pub, dt.time()))
        if data.date_obj is None:
            return DateValue(None, None, None, words, "unresolved")
        return DateValue(iso(data.date_obj.date(), precision), None, precision, words, "relative_to_published")
    same_day = (first.month, first.day) == (second.month, second.day)
    if context_year and same_day and first.year != second.year:
        d = safe_date(context_year, first.month, first.day)
        if d:
            return DateValue(iso(d, precision), None, precision, words, "year_from_context")
    return DateValue(None, None, None, words, "unresolved")


def search_fallback(text: str, language: str, pub: dt.date | None, found: list[Mention]) -> list[Mention]:
    """dateparser.search.search_dates for what our patterns missed (languages without a lexicon)."""
    from dateparser.search import search_dates

    from qa_app.nlp.dates import resolve_date

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"}
    if pub:
        settings["RELATIVE_BASE"] = dt.datetime.combine(pub, dt.time())
    langs = [language] if language == "en" else [language, "en"]
    try:
        results = search_dates(text, languages=langs, settings=settings) or []
    except Exception:  # unsupported language code
        return []
    out: list[Mention] = []
    pos = 0
    for phrase, _ in results:
        start = text.find(phrase, pos)
        if start < 0:
            continue
        pos = start + len(phrase)
        end = start + len(phrase)
        if any(m.start < end and start < m.end for m in found + out):
            continue
        if not re.search(r"\d{4}|[^\W\d_]{4,}\s+\d|\d\s+[^\W\d_]{3,}", phrase):
            continue  # lone numbers and short words ("2+2", "Sun", "may") are not dates
        dv = resolve_date(phrase, language, pub)
        out.append(make("date", text, start, end, dv.value, {**asdict(dv), "pattern": "dateparser_search"}))
    return out

