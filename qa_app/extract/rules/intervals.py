"""Dates as intervals, precisions and mechanism families: what meetings are compared by.
"""

from __future__ import annotations

PRECISION = {"day": 3, "month": 2, "year": 1}


def precision_rank(date_mention) -> int:
    return PRECISION.get(date_mention.extra.get("precision"), 0) if date_mention is not None else -1


def mech_family(mech) -> str:
    return mech.extra.get("family") or mech.value or mech.text


def date_interval(value: str | None, end: str | None = None) -> tuple[str, str] | None:
    if not value:
        return None
    last = end or value
    lo = value + "-01-01"[len(value) - 4:] if len(value) < 10 else value
    if len(last) == 7:  # the last day of that month
        import calendar

        y, m = int(last[:4]), int(last[5:7])
        hi = f"{last}-{calendar.monthrange(y, m)[1]:02d}"
    else:
        hi = last + "-12-31"[len(last) - 4:] if len(last) < 10 else last
    return lo[:10], hi[:10]


def mention_interval(m) -> tuple[str, str] | None:
    return date_interval(m.value, m.extra.get("end")) if m is not None else None


def intervals_overlap(a, b) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def days_between(a: str, b: str) -> int:
    from datetime import date

    return (date.fromisoformat(b) - date.fromisoformat(a)).days
