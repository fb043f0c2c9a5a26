"""Merge the same real-world meeting reported by several articles into one event.

Two meetings from different articles are the same event when all of these hold:
1. the same status (a planned meeting is not the held one) and the same set of countries;
2. compatible dates: equal at the coarser of the two precisions, or one of them unresolved;
3. compatible mechanisms: if both name one, the names match (one contains the other after
   normalisation) and, if both give a round number, the rounds are equal;
4. some positive sign beyond the countries: a matching mechanism, a shared participant,
   the same city, or both dates resolved and equal at day precision.
Meetings from the same article are never merged: the extractor already told them apart
(different meetings on the same day or visit stay apart). Clusters are built by
union-find, and each field of the event comes from its most precise source.
"""

from __future__ import annotations

import hashlib
import re
from itertools import combinations

from qa_app.schemas.records import ArticleRecords, DateInfo, Event, Location, Meeting, Participant

_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}


def _norm_mech(m: str | None) -> str:
    return re.sub(r"[^a-z0-9+]+", " ", (m or "").lower()).strip()


def _dates_compatible(a: DateInfo, b: DateInfo) -> bool:
    if not a.value or not b.value:
        return True
    n = min(len(a.value), len(b.value))
    return a.value[:n] == b.value[:n]


def _mechanisms_compatible(a: Meeting, b: Meeting) -> tuple[bool, bool]:
    """(compatible, positively matching)."""
    ma, mb = _norm_mech(a.mechanism), _norm_mech(b.mechanism)
    if a.round and b.round and a.round != b.round:
        return False, False
    if ma and mb:
        same = ma in mb or mb in ma
        return same, same
    return True, False


def same_event(a: Meeting, b: Meeting) -> bool:
    if a.evidence[0].doc_id == b.evidence[0].doc_id:
        return False
    if a.status != b.status or not a.countries or set(a.countries) != set(b.countries):
        return False
    if not _dates_compatible(a.date, b.date):
        return False
    compatible, mech_match = _mechanisms_compatible(a, b)
    if not compatible:
        return False
    shared_person = bool({p.name for p in a.participants} & {p.name for p in b.participants})
    same_city = bool(a.location.city) and a.location.city == b.location.city
    same_day = a.date.precision == b.date.precision == "day" and a.date.value == b.date.value
    return mech_match or shared_person or same_city or same_day


def _best_date(ms: list[Meeting]) -> DateInfo:
    return max((m.date for m in ms), key=lambda d: (_PRECISION_RANK[d.precision], d.value is not None))


def _best_location(ms: list[Meeting]) -> Location:
    return max((m.location for m in ms), key=lambda loc: (loc.city is not None, loc.region is not None, loc.country is not None))


def _participants(ms: list[Meeting]) -> list[Participant]:
    by_name: dict[str, Participant] = {}
    for m in ms:
        for p in m.participants:
            if p.name not in by_name:
                by_name[p.name] = p.model_copy(deep=True)
            else:
                kept = by_name[p.name]
                kept.role = kept.role or p.role
                kept.country = kept.country or p.country
                kept.evidence.extend(p.evidence)
    return list(by_name.values())


def _event(ms: list[Meeting]) -> Event:
    ms = sorted(ms, key=lambda m: (-_PRECISION_RANK[m.date.precision], m.id))
    best = ms[0]
    mech = max((m for m in ms if m.mechanism), key=lambda m: len(m.mechanism), default=None)
    ids = sorted(m.id for m in ms)
    return Event(
        id="e-" + hashlib.sha256("|".join(ids).encode()).hexdigest()[:12],
        title=best.title, kind=best.kind, status=best.status, date=_best_date(ms), location=_best_location(ms),
        countries=sorted({c for m in ms for c in m.countries}), participants=_participants(ms),
        mechanism=mech.mechanism if mech else None, round=next((m.round for m in ms if m.round), None),
        topics=list(dict.fromkeys(t for m in ms for t in m.topics)), meeting_ids=ids,
        doc_ids=list(dict.fromkeys(m.evidence[0].doc_id for m in ms)),
        evidence=[e for m in ms for e in m.evidence],
    )


def merge_events(articles: list[ArticleRecords]) -> list[Event]:
    meetings = [m for a in articles if a.status == "ok" for m in a.meetings]
    parent = list(range(len(meetings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(meetings)), 2):
        if same_event(meetings[i], meetings[j]):
            parent[find(i)] = find(j)
    clusters: dict[int, list[Meeting]] = {}
    for i, m in enumerate(meetings):
        clusters.setdefault(find(i), []).append(m)
    events = [_event(ms) for ms in clusters.values()]
    return sorted(events, key=lambda e: (e.date.value or "9999", e.id))
