"""Merge the same real-world meeting reported by several articles into one event.

Two meetings from *different* articles may be the same event only if nothing contradicts it:
1. status: both planned, or both not planned (a held meeting and a later article's passing
   reference to it are one event; an announcement is not the meeting it announces, unless both
   give the same day and share a person or the city);
2. countries: the same set; for a summit of the same forum that each report tells by its members
   (three states or more) or as a trip to come, one set may contain the other (articles list
   members differently), and when both are dated and no two cities differ, they need only share
   a state;
3. dates: their intervals overlap at the coarser precision ("2024-02-26".."2024-02-27" and
   "2024-02-27"; "2024-08" and "2024-08-13"), or at least one is unresolved;
4. kinds: a summit only with a summit, a call only with a call (a summit and a bilateral
   meeting on its sidelines, on the same day in the same city, stay apart);
5. mechanisms: when both name one, the normalised names contain one another, and when both
   give a round number the rounds are equal (the 13th and the 17th China-Russia Strategic
   Security Consultation stay apart);
6. participants: for every country for which both name people, they share at least one
   (Sun Weidong meeting Lavrov and Sun Weidong meeting Rudenko on the same day and visit
   stay apart).
And something must positively link them beyond the countries: a matching mechanism, a
shared participant, or the same day (both day-precise) in the same city; weakest of all, the
same day and exactly the same states, or (given the store's embedder) sentences that state
the meeting in the same words in any language. Countries may differ by one passing state
when at least two agree.

Meetings from the same article are never merged: the extractor already told them apart.
Pairs are joined strongest link first, and a cluster only grows when the newcomer is
compatible with every member (complete link), so an undated report cannot bridge two
different dated rounds. Each field of the event comes from its most precise source: the
day-precise date over a month or an unresolved weekday, a named city over none, the held
status over a reference, the longest mechanism name, the first stated round.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import combinations

from qa_app.schemas.records import ArticleRecords, DateInfo, Event, Location, Meeting, Participant
from qa_app.text.dates import date_interval, intervals_overlap

_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}
_STATUS_RANK = {"held": 2, "referenced": 1, "planned": 0}
_EXCLUSIVE_KINDS = ("summit", "call")


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold().replace("’", "'")
    return re.sub(r"[^\w+']+", " ", s).strip()


def _doc(m: Meeting) -> str:
    return m.evidence[0].doc_id


# --- pairwise tests -----------------------------------------------------------------------------


def dates_compatible(a: DateInfo, b: DateInfo) -> bool:
    return intervals_overlap(date_interval(a.value, a.end), date_interval(b.value, b.end))


def _same_day(a: DateInfo, b: DateInfo) -> bool:
    both = a.value is not None and b.value is not None
    return both and a.precision == b.precision == "day" and dates_compatible(a, b)


def _countries_compatible(a: Meeting, b: Meeting, mech_match: bool) -> bool:
    sa, sb = set(a.countries), set(b.countries)
    if not sa or not sb:
        return False
    if sa == sb:
        return True
    # A forum's summit as each report names its members (three states or more) or tells a trip to it
    # (planned): one set may contain the other, and when both are dated and the cities agree, they need
    # only share a state ("Lula will attend the ASEAN summit in Kuala Lumpur", "Ramaphosa goes on to
    # the ASEAN summit"). Two states "held" at a forum's summit are rather a meeting on its sidelines.
    if mech_match and a.kind == b.kind == "summit" and all(len(m.countries) >= 3 or m.status == "planned"
                                                           for m in (a, b)):
        if sa <= sb or sb <= sa:
            return True
        cities_differ = bool(a.location.city) and bool(b.location.city) and not _same_city(a, b)
        if sa & sb and a.date.value and b.date.value and not cities_differ:
            return True
    # One report names a state more (a passing mention taken for a party): at least two states
    # agree, only one differs, and the reports share a person or the day and the city.
    close = participants(a, b)[1] > 0 or (_same_day(a.date, b.date) and _same_city(a, b))
    return close and len(sa & sb) >= 2 and len(sa ^ sb) == 1


def _same_city(a: Meeting, b: Meeting) -> bool:
    return bool(a.location.city) and _norm(a.location.city) == _norm(b.location.city)


def _same_place(a: Meeting, b: Meeting) -> bool:
    """The same city, or the same region when neither names a city ("in Bali")."""
    if _same_city(a, b):
        return True
    return (not a.location.city and not b.location.city and bool(a.location.region)
            and _norm(a.location.region) == _norm(b.location.region))


def _kinds_compatible(a: Meeting, b: Meeting) -> bool:
    def kind(m: Meeting) -> str:
        # two leaders' "summit" is their bilateral meeting; only a forum's summit stands apart
        return "bilateral" if m.kind == "summit" and not m.mechanism and len(m.countries) == 2 else m.kind
    return all((kind(a) == k) == (kind(b) == k) for k in _EXCLUSIVE_KINDS)


def mechanisms(a: Meeting, b: Meeting) -> tuple[bool, bool]:
    """(compatible, positively matching)."""
    if a.round and b.round and a.round != b.round:
        return False, False
    ma, mb = _norm(a.mechanism), _norm(b.mechanism)
    if ma and mb:
        same = ma in mb or mb in ma
        # a series named in each report's own language ("Annual Consultation", "Konsultasi Tahunan")
        # cannot be compared by its words; only two names of the known list can conflict
        return same or not (_listed(a.mechanism) and _listed(b.mechanism)), same
    return True, False


@lru_cache(maxsize=4096)
def _listed(name: str) -> bool:
    """A mechanism of the known list (not a series recognised only by its capitalised name)."""
    from qa_app.nlp.cues import find_mechanisms

    return any(not m.extra.get("named") for m in find_mechanisms(name))


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_key(name: str) -> frozenset[str]:
    """The words of a person's name without initials and suffixes ("Lloyd J. Austin III" ->
    {lloyd, austin}); word order is free (Kamikawa Yoko = Yoko Kamikawa)."""
    words = _norm(name.replace(".", " ")).split()
    return frozenset(w for w in words if len(w) > 1 and w not in _NAME_SUFFIXES)


def same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    """One report's name is the other's, or a fuller form of it ("Lloyd Austin", "Lloyd James
    Austin"); a single shared word (a family name) is not enough."""
    return bool(a) and bool(b) and (a <= b or b <= a) and len(a & b) >= min(2, len(a), len(b))


def _people_by_country(m: Meeting) -> dict[str, list[frozenset[str]]]:
    out: dict[str, list[frozenset[str]]] = {}
    for p in m.participants:
        if p.country:
            out.setdefault(p.country, []).append(name_key(p.name))
    return out


def _overlap(xs: list[frozenset[str]], ys: list[frozenset[str]]) -> int:
    return sum(any(same_person(x, y) for y in ys) for x in xs)


def participants(a: Meeting, b: Meeting) -> tuple[bool, int]:
    """(compatible, number of shared people): named delegations of one country must overlap,
    unless two or more people are in both reports (then a delegation that looks apart lacks the
    country of some of its people in one report)."""
    keys_b = list({name_key(p.name) for p in b.participants})
    shared = _overlap(list({name_key(p.name) for p in a.participants}), keys_b)
    pa, pb = _people_by_country(a), _people_by_country(b)
    if shared < 2 and any(not _overlap(pa[c], pb[c]) for c in pa.keys() & pb.keys()):
        return False, 0
    return True, shared


def _announced_and_held(a: Meeting, b: Meeting) -> bool:
    """An announcement of a meeting and the report that it took place (or a later mention of it):
    the same day, and the same person or city; or a dated announcement ("will visit Australia next
    year", "in Labuan Bajo in May") whose date holds the other's, told of the same person or city
    (or of the same forum within a month). An announcement with no date ("agreed to meet again")
    is no particular meeting."""
    if _same_day(a.date, b.date) and (participants(a, b)[1] > 0 or _same_city(a, b)):
        return True
    planned = a if a.status == "planned" else b
    other = b if planned is a else a
    if planned.date.value is None or other.date.value is None or not dates_compatible(a.date, b.date):
        return False
    if participants(a, b)[1] > 0 or _same_city(a, b):
        return True
    # a forum's name alone, within a month: a year holds the forum's other meetings (its leaders'
    # summit and its ministers' meeting)
    return mechanisms(a, b)[1] and _PRECISION_RANK[planned.date.precision] >= _PRECISION_RANK["month"]


def compatible(a: Meeting, b: Meeting) -> bool:
    """Nothing in the two meetings contradicts their being one event (rules 1-6)."""
    if _doc(a) == _doc(b):
        return False
    if (a.status == "planned") != (b.status == "planned") and not _announced_and_held(a, b):
        return False
    mech_ok, mech_match = mechanisms(a, b)
    return (mech_ok and _countries_compatible(a, b, mech_match) and dates_compatible(a.date, b.date)
            and _kinds_compatible(a, b) and participants(a, b)[0])


def link_strength(a: Meeting, b: Meeting) -> int:
    """How strongly the two are linked beyond the countries; 0 = not at all."""
    _, mech_match = mechanisms(a, b)
    _, shared = participants(a, b)
    same_city = _same_city(a, b)
    same_day = _same_day(a.date, b.date)
    strength = 2 * mech_match + 2 * (mech_match and bool(a.round) and a.round == b.round) + 2 * min(shared, 2)
    if same_day and same_city:
        strength += 2
    if strength:
        strength += same_day + same_city
    elif set(a.countries) == set(b.countries) and (
            "planned" not in (a.status, b.status) or _announced_and_held(a, b)) and (
            same_day or (a.date.value and b.date.value and _same_place(a, b))):
        # the same states on the same day, or in the same month and place: the weakest links, and
        # never across a different delegation (rule 6)
        strength = 1
    return strength


def same_event(a: Meeting, b: Meeting) -> bool:
    return compatible(a, b) and link_strength(a, b) > 0


# --- events -------------------------------------------------------------------------------------


def _best_date(ms: list[Meeting]) -> DateInfo:
    return max((m.date for m in ms),
               key=lambda d: (_PRECISION_RANK[d.precision], d.value is not None, d.end is not None))


def _best_location(ms: list[Meeting]) -> Location:
    return max((m.location for m in ms),
               key=lambda loc: (loc.city is not None, loc.region is not None, loc.country is not None))


def _participants(ms: list[Meeting]) -> list[Participant]:
    by_name: dict[frozenset[str], Participant] = {}
    for m in ms:
        for p in m.participants:
            key = name_key(p.name)
            key = next((k for k in by_name if same_person(k, key)), key)
            if key not in by_name:
                by_name[key] = p.model_copy(deep=True)
            else:
                kept = by_name[key]
                if len(name_key(p.name)) > len(key):  # keep the fuller form of the name
                    kept.name = p.name
                kept.role = kept.role or p.role
                kept.country = kept.country or p.country
                kept.evidence.extend(p.evidence)
    return list(by_name.values())


def _event(ms: list[Meeting]) -> Event:
    ms = sorted(ms, key=lambda m: (-_PRECISION_RANK[m.date.precision], -len(m.participants), m.id))
    best = ms[0]
    mech = max((m for m in ms if m.mechanism), key=lambda m: len(m.mechanism), default=None)
    kind = next((m.kind for m in ms if m.kind != "other"), best.kind)
    ids = sorted(m.id for m in ms)
    return Event(
        id="e-" + hashlib.sha256("|".join(ids).encode()).hexdigest()[:12],
        title=best.title, kind=kind, status=max((m.status for m in ms), key=_STATUS_RANK.__getitem__),
        date=_best_date(ms), location=_best_location(ms),
        countries=sorted({c for m in ms for c in m.countries}), participants=_participants(ms),
        mechanism=mech.mechanism if mech else None, round=next((m.round for m in ms if m.round), None),
        topics=list(dict.fromkeys(t for m in ms for t in m.topics)), meeting_ids=ids,
        doc_ids=list(dict.fromkeys(_doc(m) for m in ms)),
        evidence=[e for m in ms for e in m.evidence],
    )


SAME_WORDING = 0.55  # cosine of the two meetings' stating sentences (multilingual embeddings)


def _similarity(meetings: list[Meeting], embed) -> Callable[[int, int], float]:
    """Cosine similarity of two meetings' first evidence sentences, across languages; 0 without `embed`."""
    if embed is None or len(meetings) < 2:
        return lambda i, j: 0.0
    import numpy as np

    vectors = np.asarray(embed([m.evidence[0].quote for m in meetings]), dtype=np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return lambda i, j: float(vectors[i] @ vectors[j])


def cluster_meetings(meetings: list[Meeting], embed=None) -> list[list[Meeting]]:
    """Groups of meetings that are one event (complete link over `compatible`, strongest links first).

    `embed` (texts -> vectors) adds the weakest link: two meetings of exactly the same states,
    nothing against them, stated in sentences that say the same thing in any language."""
    sim = _similarity(meetings, embed)

    def strength(i: int, j: int) -> int:
        a, b = meetings[i], meetings[j]
        s = link_strength(a, b)
        if not s and set(a.countries) == set(b.countries) and sim(i, j) >= SAME_WORDING:
            s = 1
        return s

    links = sorted(
        ((s, i, j) for i, j in combinations(range(len(meetings)), 2)
         if compatible(meetings[i], meetings[j]) and (s := strength(i, j)) > 0),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    cluster = list(range(len(meetings)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(meetings))}
    for _, i, j in links:
        ci, cj = cluster[i], cluster[j]
        if ci == cj:
            continue
        if all(compatible(meetings[x], meetings[y]) for x in members[ci] for y in members[cj]):
            for x in members[cj]:
                cluster[x] = ci
            members[ci] += members.pop(cj)
    return [[meetings[i] for i in sorted(idx)] for idx in members.values()]


def merge_events(articles: list[ArticleRecords], embed=None) -> list[Event]:
    """Events of the articles' meetings; `embed` (the store's embedder) lets two reports that
    state the meeting in the same words, in any language, link."""
    meetings = [m for a in articles if a.status == "ok" for m in a.meetings]
    events = [_event(ms) for ms in cluster_meetings(meetings, embed)]
    return sorted(events, key=lambda e: (e.date.value or "9999", e.id))
