"""The publication date written in a page's own lines.

Scraped pages put it near the top, in many shapes: "Thursday, 10 February 2022 16:42 WIB",
"Published: Tue, 29 Jul 2025 7:15 PM", "Selasa, 29 Juli 2025 | 13:40 WIB",
"07/01/2025 05:12 PM", "Publié le 26/05/2025 à 18h40", "Posted : 2023-08-19 10:32".
A line counts only when, once its label ("Published:", "Diterbitkan:"), weekday, clock
time, time zone and separators are taken away, nothing but a full date with a year is left;
so a sentence that merely contains a date is never taken for the publication line.
"""

from __future__ import annotations

import re
from datetime import date

HEAD_LINES = 15  # publication lines sit in the page head
MAX_LINE_CHARS = 90

# Labels that introduce a publication (not an update) time, in the languages we read.
_PUBLISHED_LABEL = re.compile(
    r"^(?:published|posted|first published|publication date|date|diterbitkan|dipublikasikan|"
    r"terbit|dimuat|tarikh|diterbitkan pada|publié le|publié|mis à jour le|diposting|dipos)\s*(?:on|pada|:)?\s*:?\s*",
    re.IGNORECASE)
_UPDATED_LABEL = re.compile(r"^(?:updated|last updated|diperbarui|dikemas kini)\b", re.IGNORECASE)
# a clock time, and the time zone written in capitals right after it ("11:47 AEDT", "09:10 AM EDT")
_CLOCK = re.compile(r"(?<![\d./-])\b\d{1,2}\s*[:.h]\s*\d{2}(?![./-]\d)(?:\s*[:.]\s*\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
                    r"(?:\s*(?-i:[A-Z]{2,5})(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?(?=\W|$)", re.IGNORECASE)
_ISO_TIME = re.compile(r"(?<=\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\b")
_PARTS = re.compile(r"\s[|·•]\s")  # "Published 06/10/2025 - 15:47 · Updated ..."
_ZONES = re.compile(
    r"\b(?:wib|wita|wit|utc|gmt|ist|pst|pdt|est|edt|cet|cest|jst|kst|sgt|myt|ict|aest|bst)\b(?:\s*[+-]\d{1,2})?",
    re.IGNORECASE)
_DAYPARTS = re.compile(r"\b(?:pagi|petang|malam|siang|sore|à|pukul|jam)\b|(?<=\s)at(?=\s)|@|\((?:GMT|UTC)[^)]{0,8}\)",
                       re.IGNORECASE)
# "... oleh Redaksi ARUSNEWS", "... by Jane Doe": a byline after the date
_BYLINE_TAIL = re.compile(r"\s+(?:oleh|by|par)\s+\S.*$", re.IGNORECASE)
# "Posted Mon 17 Jun 2024 at 9:42pm, updated Tue 18 Jun 2024 at 6:05am": the first, published, part
_UPDATED_TAIL = re.compile(r",?\s+(?:updated|diperbarui|last updated|mis à jour)\b.*$", re.IGNORECASE)
# "Kompas.com - 07/01/2025, 18:42 WIB": the site's name before the date
_SITE_PREFIX = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|id|my|co|news|info|tv)(?:\.[a-z]{2})?\s*[-–—|:]\s*",
                          re.IGNORECASE)
# "Published - July 02, 2025 09:55 am IST - WASHINGTON": the dateline city after the time
_PLACE_TAIL = re.compile(r"\s+[-–—|]\s+[A-Z][A-Z .'’-]{2,}$")
# "April 15th 2023", "1st March": the day's ordinal ending
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def published_in_lines(raw_text: str) -> str | None:
    """ISO date of the page's publication line, or None when the head has none.

    A "Published" line wins over an "Updated" one; otherwise the first date line counts.
    """
    updated = None
    for line in _head(raw_text):
        # "RABU, 12 JULI 2023 | 20:45 WIB | LAPORAN: ...", "Oleh: ... | Diperbarui 29/10/2019 08:17":
        # a date line whole, or one of its parts
        parts = [line] + (_PARTS.split(line) if _PARTS.search(line) else [])
        for part in parts:
            is_update = bool(_UPDATED_LABEL.match(part.strip()))
            found = date_only_line(_UPDATED_LABEL.sub("", part.strip()).lstrip(" :") if is_update else part)
            if found and is_update:
                updated = updated or found
            elif found:
                return found
    return updated


def _head(raw_text: str) -> list[str]:
    lines = [ln.strip() for ln in raw_text.splitlines()[:60] if ln.strip()]
    return [ln for ln in lines[:HEAD_LINES] if len(ln) <= MAX_LINE_CHARS]


# "July 4, 20246:52 PM GMT+5Updated 2 hours ago": a scraped line whose year, clock and update label
# lost the spaces between them
_GLUED_YEAR = re.compile(r"\b((?:19|20)\d{2})(?=\d{1,2}:\d{2}(?!\d))")
_GLUED_UPDATE = re.compile(r"(?<=[\w+)])(?=(?:Updated|Diperbarui|Dikemas kini)\b)")


def date_only_line(line: str) -> str | None:
    """ISO date when the line holds nothing but a full date (with label, weekday, time)."""
    line = _GLUED_UPDATE.sub(" ", _GLUED_YEAR.sub(r"\1 ", line))
    rest = _UPDATED_TAIL.sub("", _BYLINE_TAIL.sub("", line.strip())) if not _UPDATED_LABEL.match(line.strip()) \
        else line.strip()
    rest = _ISO_TIME.sub(" ", _PUBLISHED_LABEL.sub("", _SITE_PREFIX.sub("", _PLACE_TAIL.sub("", rest))))
    rest = _ORDINAL.sub(r"\1", rest)
    rest = _ZONES.sub(" ", _CLOCK.sub(" ", rest))
    rest = _DAYPARTS.sub(" ", rest)
    rest = re.sub(r"[|,–—·•]|\s-\s|\s+-$|\(\s*\)", " ", rest)
    rest = " ".join(rest.split()).strip(" .:-")
    if not rest or len(rest.split()) > 5 or not re.search(r"\b(19|20)\d{2}\b", rest):
        return None
    return _parse(rest)


def _parse(text: str) -> str | None:
    from qa_app.nlp.calendar_words import is_weekday_word, parse_calendar_words

    *before, last = text.split()
    if all(is_weekday_word(w) for w in before):  # "Thursday, 27/02/2025", "Jum'at, 01/03/2024"
        m = _ISO.match(last)
        if m:
            return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _NUMERIC.match(last)
        if m:  # news pages in our languages write the day first; "04/17/2024" can only be month first
            day_first = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return day_first or _safe(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    return parse_calendar_words(text)


def _safe(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None
