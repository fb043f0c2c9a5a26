"""Meetings as they are assembled from anchors: when an anchor joins a meeting (nothing
conflicts, something links) and when an undated retelling folds into a dated one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qa_app.extract.rules.anchors import Anchor
from qa_app.extract.rules.document import Sent
from qa_app.extract.rules.intervals import (
    PRECISION,
    mech_family,
    mention_interval,
    precision_rank,
)
from qa_app.text.dates import days_between, intervals_overlap

ANCHOR_GAP = 3  # sentences this far apart or closer may describe one meeting


@dataclass
class Group:
    """A meeting of the article as it is being assembled."""

    first: Anchor
    evidence: list[str]
    positions: list[int]
    countries: set[str]
    people: dict  # canonical name -> mention
    mech: object = None
    date: object = None
    place: object = None
    planned: bool = False
    referenced: bool = False
    both: bool = False
    summit: bool = False
    visit: bool = False
    call: bool = False
    strong: bool = False
    both_count: int | None = None
    topics: list[str] = field(default_factory=list)
    status: str = "held"
    members: set[str] = field(default_factory=set)  # states the article lists as the forum's members

    @classmethod
    def of(cls, a: Anchor) -> "Group":
        g = cls(a, [a.sid], [a.pos], set(), {})
        g.absorb(a)
        return g

    @property
    def last(self) -> int:
        return self.positions[-1]

    @property
    def bare(self) -> bool:
        return self.mech is None and not self.people and self.date is None

    def absorb(self, a: Anchor) -> None:
        if a.sid not in self.evidence:
            self.evidence.append(a.sid)
            self.positions.append(a.pos)
        self.countries |= a.countries
        for p in a.people:
            self.people.setdefault(p.value, p)
        if self.mech is None or (a.mech is not None and a.mech.extra.get("round") and not self.mech.extra.get("round")):
            self.mech = a.mech or self.mech
        if a.date is not None and (self.date is None or precision_rank(a.date) > precision_rank(self.date)
                                   or _spans_the_day(a.date, self.date)):
            self.date = a.date
        self.place = self.place or a.place
        for flag in ("planned", "referenced", "both", "summit", "visit", "call", "strong"):
            setattr(self, flag, getattr(self, flag) or getattr(a, flag))
        self.both_count = self.both_count or a.both_count
        self.topics += [t for t in a.topics if t not in self.topics]

    def fold(self, other: "Group") -> None:
        """Take in another group told of the same meeting: its sentences and its people."""
        for sid, pos in zip(other.evidence, other.positions):
            if sid not in self.evidence:
                self.evidence.append(sid)
                self.positions.append(pos)
        for name, p in other.people.items():
            self.people.setdefault(name, p)

    def attach(self, s: Sent, people: list, countries: set[str]) -> None:
        if s.sid not in self.evidence:
            self.evidence.append(s.sid)
            self.positions.append(s.pos)
        for p in people:
            self.people.setdefault(p.value, p)
        self.countries |= countries | {p.extra["country"] for p in people if p.extra.get("country")}


def fold_undated(groups: list[Group]) -> list[Group]:
    """An undated meeting of exactly the same states as a dated one (and as planned) is the
    same meeting told again ("The four ministers met for 80 minutes"): one record, not two.
    A visitor's undated call on another of the hosts ("The envoy then called on the president")
    is a session of the visit the article leads with."""
    out = []
    for g in groups:
        if g.date is None and g.mech is None:
            same = [o for o in groups if o is not g and o.date is not None and o.countries == g.countries
                    and o.planned == g.planned and not o.referenced
                    and not (g.planned and o.people and g.people and not set(o.people) & set(g.people))]
            # two meetings still to come with no one in common are two ("Austin will sit down with his
            # counterpart once ..."; "Xi is due to join the summit on Thursday")
            told = [o for o in same if not _other_delegation(o.people.values(), g.people.values())]
            trip = [o for o in same if set(o.people) & set(g.people)]
            if told:
                target = min(told, key=lambda o: min(abs(p - q) for p in o.positions for q in g.positions))
            elif trip:
                target = min(trip, key=lambda o: o.positions[0])
            else:
                out.append(g)
                continue
            target.fold(g)
            target.place = target.place or g.place
            continue
        out.append(g)
    return out


def fold_same_day(groups: list[Group]) -> list[Group]:
    """Two held meetings of exactly the same states on the same day, at no different place, of the
    same mechanism (or none), are one meeting told twice ("Modi and MBZ met on Tuesday ..." / "The
    two leaders first met one-on-one and then led their delegations in wider talks") or one visit's
    sessions ("He also met National Assembly Chairman ..." the same day): one record. Not talks
    told as separate or on the sidelines of something else."""
    out: list[Group] = []
    for g in groups:
        day = g.date is not None and precision_rank(g.date) == PRECISION["day"]
        same = [o for o in out if day and o.date is not None and o.date.value == g.date.value
                and o.countries == g.countries and not o.planned and not g.planned
                and not (g.first.separate or g.first.side)
                and (o.place is None or g.place is None or o.place.value == g.place.value)
                and ((o.mech is None) == (g.mech is None))
                and (o.mech is None or mech_family(o.mech) == mech_family(g.mech))] if day else []
        if same:
            same[0].fold(g)
            same[0].place = same[0].place or g.place
            continue
        out.append(g)
    return out


def _spans_the_day(span, day) -> bool:
    """"The two-day summit, which opened on Thursday" told of the summit dated Friday: the days it ran (not
    "the visit runs from 24 to 26 January", whose talks keep their own day)."""
    if not span.extra.get("opening") or day.extra.get("end") or precision_rank(span) != precision_rank(day):
        return False
    (a, b), (c, d) = mention_interval(span), mention_interval(day)
    return a <= c and d <= b


ARRIVAL_DAYS = 3  # a visit whose talks are reported this many days after the arrival


def fold_arrivals(groups: list[Group]) -> list[Group]:
    """'Li arrived in Malaysia on Tuesday evening for a three-day official visit' opens the visit
    whose talks the article reports a day later: one meeting, dated by its talks."""
    out = []
    for g in groups:
        # "had arrived on Tuesday and held separate talks with ...": talks of their own, not the visit's opening
        opens = g.first.arrival and not g.first.separate
        start = mention_interval(g.date)[0] if opens and precision_rank(g.date) == PRECISION["day"] else None
        same = [] if start is None else [
            o for o in groups if o is not g and not o.first.arrival and not o.planned and g.countries <= o.countries
            and precision_rank(o.date) == PRECISION["day"]
            and 0 <= days_between(start, mention_interval(o.date)[0]) <= ARRIVAL_DAYS]
        if not same:
            out.append(g)
            continue
        min(same, key=lambda o: mention_interval(o.date)[0]).fold(g)
    return out


def can_join(g: Group, a: Anchor) -> bool:
    if g.planned != a.planned:
        return False
    if (a.same_day or a.another) and a.strong and a.countries - g.countries:
        return False  # "Modi also met Pezeshkian on the same day": another meeting, with someone else
    if (a.another or a.side or a.separate) and (a.strong or _of_two_people(a)) and len(a.countries) == 2 \
            and len(g.countries) > 2 and a.countries < g.countries:
        # "On the sidelines, Biden also met Erdogan", "Jokowi kemudian menerima Presiden Ghana ...": a bilateral
        # beside the summit, not the summit
        return False
    if g.first.separate and len(g.countries) == 2 and g.countries < a.countries:
        return False  # "Cavusoglu held separate meetings with Lavrov and with Kuleba": not the three's meeting
    if _two_leaders_alone(a) and (len(g.countries) > 2 and a.countries < g.countries or (g.both_count or 0) > 2):
        return False  # "Modi met Biden at his residence in Greenville": two of the summit's leaders, on their own
    if _two_leaders_alone(g.first) and (len(a.countries) > 2 and g.first.countries < a.countries
                                        or (a.both_count or 0) > 2):
        return False  # and the summit told after it ("The four leaders closed their talks ...") is not theirs
    if not intervals_overlap(mention_interval(g.date), mention_interval(a.date)):
        return False
    if g.mech is not None and a.mech is not None:
        if mech_family(g.mech) != mech_family(a.mech):
            return False
        rg, ra = g.mech.extra.get("round"), a.mech.extra.get("round")
        if rg and ra and rg != ra:
            return False
    if g.place is not None and a.place is not None and g.place.value != a.place.value:
        return False
    if _other_delegation(g.people.values(), a.people):
        return False  # Parly meeting Jokowi and Parly meeting Prabowo the same day: two meetings
    if len(g.countries) >= 2 and a.countries - g.countries and not g.countries <= a.countries:
        return False  # Modi meeting Xi, then Modi meeting Pezeshkian: a new counterpart, a new meeting
    return not (g.countries and a.countries and not g.countries & a.countries)


def _of_two_people(a: Anchor) -> bool:
    """The anchor names a person of each of its two states."""
    return len(a.countries) == 2 and {p.extra.get("country") for p in a.people} >= a.countries


def _two_leaders_alone(a: Anchor) -> bool:
    """A meeting verb with two people of two states and no mechanism: the two of them on their own."""
    return a.strong and a.mech is None and len(a.countries) == 2 \
        and {p.extra.get("country") for p in a.people} >= a.countries


def _other_delegation(people_a, people_b) -> bool:
    """Both name people of one state, and none of them in common."""
    def by_country(people):
        out: dict[str, set[str]] = {}
        for p in people:
            if p.extra.get("country") and p.value:
                out.setdefault(p.extra["country"], set()).add(p.value)
        return out
    a, b = by_country(people_a), by_country(people_b)
    return any(not (a[c] & b[c]) for c in a.keys() & b.keys())


def linked(g: Group, a: Anchor, near: bool) -> bool:
    if g.mech is not None and a.mech is not None:
        return True
    if set(g.people) & {p.value for p in a.people}:
        return True
    if near and (a.pronoun or g.bare or a.bare):
        return True
    if a.both and a.pos - g.last == 1 and a.date is None and not a.people and a.countries and a.countries <= g.countries:
        return True  # "... menerima Menlu India di Jakarta. Keduanya memimpin sidang kelima Komisi Bersama."
    if a.bare and a.countries and a.countries <= g.countries:
        return True
    if (a.signing or g.first.signing) and not a.another and len(a.countries) >= 2 and a.countries == g.countries:
        return True  # "Japan and the Philippines signed the pact in Manila on Monday" / "... were in Manila for the 2+2"
    if near and not a.countries and not a.people and a.date is not None and g.date is not None \
            and not (a.another and a.strong):
        # "Sidang pleno digelar Selasa": a session on a day of the meeting just told (can_join: overlapping);
        # not "Military officers from both countries also met ... earlier this month"
        return True
    if near and a.date is None and len(a.countries) >= 2 and a.countries == g.countries and (
            (not a.strong and (a.mech is None or g.mech is None))
            or (not g.people and g.mech is None and len({p.extra.get("country") for p in a.people} - {None}) >= 2)):
        # "Japan's Kamikawa hosted Blinken, Wong and Jaishankar", "Austin hosted Marles and Shapps for the
        # second AUKUS meeting": the same parties right after, undated, naming the meeting's people
        return True
    if a.pos - g.last == 1 and a.date is None and not g.people and len(g.countries) >= 2 and g.countries <= a.countries \
            and a.people and not (a.another or a.separate):
        return True  # "The foreign ministers of A and B held talks on Monday. A's X and B's Y met for two hours ...": who
    if a.pos - g.last == 1 and len(a.countries) >= 2 and a.countries == g.countries and _inside_coarser(a.date, g.date) \
            and not (a.another or a.separate):
        return True  # "... visited Canberra last week. At Parliament House on Tuesday, he met ...": the day of it
    return (g.date is not None and a.date is not None and g.date.value == a.date.value
            and g.mech is None and a.mech is None and not g.people and not a.people)


def _inside_coarser(day, coarse) -> bool:
    """A date more precise than `coarse` and within it (a day of the week or month told just before)."""
    if day is None or coarse is None or precision_rank(day) <= precision_rank(coarse):
        return False
    inner, outer = mention_interval(day), mention_interval(coarse)
    return bool(inner and outer and outer[0] <= inner[0] and inner[1] <= outer[1])


def nearest_group(groups: list[Group], g: Group, ok) -> Group | None:
    cands = [o for o in groups if ok(o)]
    # of two as near, one told just before ("... held an informal summit at Mahabalipuram. They met
    # again a month later") rather than one that goes on after
    return min(cands, key=lambda o: (min(abs(p - q) for p in o.positions for q in g.positions),
                                     not any(p < g.positions[0] for p in o.positions), o.positions[0]),
               default=None)
