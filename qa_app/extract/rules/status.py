"""Held, planned or referenced: from the words of the sentences and the dates against the
main meeting and the publication date.
"""

from __future__ import annotations

from qa_app.extract.rules.groups import Group
from qa_app.extract.rules.intervals import (
    PRECISION,
    mention_interval,
    precision_rank,
)
from qa_app.text.dates import date_interval, days_between

REFERENCED_AFTER_DAYS = 14  # a meeting this long before publication is a past one
# talks a day or two before the main meeting (side meetings on the eve of a summit, the first day of a
# visit) are news of the same event; in the gold of the samples, the dev corpus and the second set,
# 29 of 37 such meetings are held, and 11 of 17 three to five days before are referenced
HELD_WITHIN_DAYS = 2


def resolve_status(groups: list[Group], published: str | None) -> None:
    pub = date_interval(published) if published else None
    for g in groups:
        iv = mention_interval(g.date)
        if g.planned or (iv and pub and iv[0] > pub[1]):
            g.status, g.planned = "planned", True
    live = [g for g in groups if not g.planned]
    dated = [g for g in live if precision_rank(g.date) == PRECISION["day"]]
    main = max(dated, key=lambda g: mention_interval(g.date)[0]) if dated else (live[0] if live else None)
    ref = mention_interval(main.date) if main is not None else None
    for g in live:
        iv = mention_interval(g.date)
        if g.referenced and g is not main:
            g.status = "referenced"
        elif g is main or iv is None:
            g.status = "held"
        elif ref and iv[1] < ref[0] and days_between(iv[1], ref[0]) > HELD_WITHIN_DAYS:
            g.status = "referenced"
        elif ref and iv[0] > ref[1] and not pub:
            g.status, g.planned = "planned", True
        elif pub and days_between(iv[1], pub[0]) > REFERENCED_AFTER_DAYS:
            g.status = "referenced"
        else:
            g.status = "held"
