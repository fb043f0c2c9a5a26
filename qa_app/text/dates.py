"""ISO dates of any precision ("2024", "2024-03", "2024-03-01") as intervals of ISO days.

Intervals are pairs of ISO strings: they compare as dates do.
"""

from __future__ import annotations

import calendar
from datetime import date


# how fine a date is: a day says more than its month, a month more than its year
PRECISION = {"day": 3, "month": 2, "year": 1}
# the length of an ISO value of each precision ("2024-03-01", "2024-03", "2024")
ISO_CHARS = {"day": 10, "month": 7, "year": 4}


def date_interval(value: str | None, end: str | None = None) -> tuple[str, str] | None:
    """First and last day of `value` (through `end`, when given); None without a value."""
    if not value:
        return None
    last = end or value
    lo = value + "-01-01"[len(value) - 4:] if len(value) < 10 else value
    if len(last) == 7:  # the last day of that month
        y, m = int(last[:4]), int(last[5:7])
        hi = f"{last}-{calendar.monthrange(y, m)[1]:02d}"
    else:
        hi = last + "-12-31"[len(last) - 4:] if len(last) < 10 else last
    return lo[:10], hi[:10]


def intervals_overlap(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Whether two intervals share a day; an unknown interval overlaps everything."""
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def days_between(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days
