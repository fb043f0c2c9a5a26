"""How the record index keys names and dates: accent- and case-free names, dates as periods."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from qa_app.errors import InputError

_BOUND = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def name_key(text: str) -> str:
    """Case- and accent-insensitive form of a name ('Tô Lâm' -> 'to lam')."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[\w+]+", plain.casefold()))


def name_tokens(name: str) -> list[str]:
    return [t for t in name_key(name).split() if len(t) > 1]


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def person_words(name: str) -> frozenset[str]:
    """The words of a person's name that tell who it is: no initials, no generational suffixes."""
    return frozenset(t for t in name_tokens(name) if t not in _SUFFIXES)


def one_person(a: str, b: str) -> bool:
    """Two names are one person when the words of one are all words of the other ('Abdel Fattah' and
    'Abdel Fattah El-Sisi'), as `person_groups` groups them."""
    x, y = person_words(a), person_words(b)
    return bool(x and y) and (x <= y or y <= x)


def person_groups(names) -> list[tuple[str, ...]]:
    """The names one person goes by, grouped: two names are one person when the words of one are
    all words of the other ('Lloyd Austin' and 'Lloyd J. Austin III', 'Tayyip Erdogan' and 'Recep
    Tayyip Erdoğan'), initials and generational suffixes aside. In the order first named."""
    groups: list[tuple[list[str], set[str]]] = []
    for name in dict.fromkeys(names):
        toks = set(person_words(name))
        if not toks:
            continue
        for members, words in groups:
            if toks <= words or words <= toks:
                members.append(name)
                words |= toks
                break
        else:
            groups.append(([name], set(toks)))
    return [tuple(members) for members, _w in groups]


def period(value: str | None) -> tuple[date, date] | None:
    """'2025' -> the whole year, '2023-10' -> the month, '2024-02-26' -> the day; None if unparseable."""
    m = _BOUND.match((value or "").strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = date(y, int(mo), int(d))
            return day, day
        if mo:
            return date(y, int(mo), 1), date(y, int(mo), calendar.monthrange(y, int(mo))[1])
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def parse_bound(value: str | None, label: str) -> tuple[date, date] | None:
    """A date bound typed by the user; '' -> None; anything unparseable -> InputError."""
    if not (value or "").strip():
        return None
    found = period(value)
    if found is None:
        raise InputError(f"{label}: {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return found
