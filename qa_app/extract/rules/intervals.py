"""Date mentions as intervals, precisions and mechanism families: what meetings are compared by.
"""

from __future__ import annotations

from qa_app.text.dates import PRECISION, date_interval


def precision_rank(date_mention) -> int:
    return PRECISION.get(date_mention.extra.get("precision"), 0) if date_mention is not None else -1


def mech_family(mech) -> str:
    return mech.extra.get("family") or mech.value or mech.text


def mention_interval(m) -> tuple[str, str] | None:
    return date_interval(m.value, m.extra.get("end")) if m is not None else None


def ends_before(d, day: str | None) -> bool:
    """The date mention ends before `day` (an ISO date, e.g. the publication's)."""
    span = mention_interval(d)
    return bool(day and span and span[1] < day[:10])


def starts_after(d, day: str | None) -> bool:
    """The date mention starts after `day`."""
    span = mention_interval(d)
    return bool(day and span and span[0] > day[:10])
