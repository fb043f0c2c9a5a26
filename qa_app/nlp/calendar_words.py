"""Bare calendar dates in words ("Tue 29 Jul 2025", "Khamis 20 Jun 2024"), as page metadata
writes them."""

from __future__ import annotations

import re

from qa_app.nlp.date_lexicon import Lang, lang_table
from qa_app.nlp.date_resolve import safe_date

_CALENDAR_LANGUAGES = ("en", "id", "ms", "fr")


def parse_calendar_words(text: str) -> str | None:
    """ISO day of a bare calendar date in words: "10 February 2022", "Tue 29 Jul 2025",
    "July 8 2024", "Khamis 20 Jun 2024". Every word must be a day, a month, a year or a
    weekday; anything else means the text is not just a date."""
    words = [w.strip(".").lower() for w in re.split(r"[\s,]+", text) if w.strip(".")]
    for code in _CALENDAR_LANGUAGES:
        lang = lang_table(code)
        day = month = year = None
        ok = True
        for w in words:
            if w.isdigit() and len(w) == 4 and year is None:
                year = int(w)
            elif w.isdigit() and len(w) <= 2 and day is None:
                day = int(w)
            elif w in lang.months and month is None:
                month = lang.months[w]
            elif not _weekday_in(lang, w):
                ok = False
                break
        if ok and day and month and year:
            found = safe_date(year, month, day)
            return found.isoformat() if found else None
    return None


def _weekday_in(lang: Lang, word: str) -> bool:
    """A weekday name or its three-letter abbreviation ("tue", "jum'at", "khamis")."""
    w = word.lower().strip(".,")
    if w in lang.weekdays or w.replace("'", "").replace("’", "") in {k.replace("'", "") for k in lang.weekdays}:
        return True
    return len(w) == 3 and any(k.startswith(w) for k in lang.weekdays)


def is_weekday_word(word: str) -> bool:
    return any(_weekday_in(lang_table(code), word) for code in _CALENDAR_LANGUAGES)

