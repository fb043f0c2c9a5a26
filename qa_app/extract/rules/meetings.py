"""Meetings, sentence by sentence (instruction-like sentences excluded).

- An *anaphoric phrase* ("dialog tersebut", "the meeting", "after the talks") points back at
  a meeting already found; the sentence is attached to that meeting (as evidence, with its
  named delegates, and the date and place it lacks), unless it dates itself apart from it:
  then it is another meeting of the same parties ("was last held in 2017").
- An *anchor* is a sentence with a strong meeting cue (talks, bertemu, KTT, dialog, retreat)
  or a weak one (held, menggelar) plus a mechanism or delegates of two states. Its
  countries are the states named outside topic phrases, "amid ..." and "on the sidelines
  of ...", outside a place apposition and the dateline, plus the countries of the people it
  names, plus the host when one side travels. Captions, domestic bodies' meetings and the
  headline (read last, joining the meeting it names) never start a meeting of their own.
- Anchors join a meeting when nothing conflicts (planned vs not, dates, mechanism family
  and round, city, another delegation of one state) and something links them.
- Countries still missing: a group subject ("both sides", "the three leaders") or the same
  forum takes the parties of the meeting told nearby; a meeting naming one main state takes
  the article's other; a delegation sentence's member list gives a forum meeting its states.
  Meetings left with fewer than two states are dropped.
- A meeting without a date takes the one of the sentence next to it, or of the meeting told
  before it when it happened "the same day"; an undated retelling folds into the dated one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa_app.extract.rules.anchors import (
    SINCE,
    Anchor,
    anaphora_spans,
    dates_the_saying,
    day_possessive,
    find_anchor,
    founding_only,
    in_since_phrase,
    names_a_trip,
    party_countries,
    pick_date,
    pick_place,
    same_day_told,
    sentence_participants,
    separate_meetings,
    several_counterparts,
    topic_start,
)
from qa_app.extract.rules.clauses import clause_meetings, came_after, counted_from, has_clauses, headline_parts
from qa_app.extract.rules.document import Doc, Sent, is_headline
from qa_app.extract.rules.drafts import RuleMeeting, RuleParticipant
from qa_app.extract.rules.groups import (
    ANCHOR_GAP,
    Group,
    can_join,
    fold_arrivals,
    fold_same_day,
    fold_undated,
    linked,
    nearest_group,
)
from qa_app.extract.rules.intervals import (
    PRECISION,
    ends_before,
    mech_family,
    mention_interval,
    precision_rank,
    starts_after,
)
from qa_app.extract.rules.lexicon import TOKEN
from qa_app.extract.rules.parties import observe_final, prune_parties
from qa_app.extract.rules.status import resolve_status
from qa_app.nlp.cues import VENUE_AFTER
from qa_app.text.dates import intervals_overlap
from qa_app.text.sentences import CAPTION

MAX_EVIDENCE = 4
_HOME = {"id": "IDN", "ms": "MYS"}  # the state whose officials a report in this language leaves unnamed
# "four bilateral meetings", "empat pertemuan bilateral", "separate bilateral talks"
_BILATERALS = re.compile(r"\b(?:two|three|four|five|six|several|separate|dua|tiga|empat|lima|enam|beberapa|"
                         r"sejumlah)\s+(?:separate\s+)?(?:bilateral\s+(?:meetings|talks)|pertemuan bilateral|"
                         r"bilateral)\b", re.IGNORECASE)
# "Marcos will join them at the White House": someone new joins the people of the meeting just told
_JOINS_THEM = re.compile(r"\b(?:join|joins|joined|joining)\s+(?:them|him|her|the two(?: leaders)?)\b|"
                         r"\bbergabung\s+(?:dengan|bersama)\s+(?:mereka|keduanya)\b|\bmenyertai\s+(?:mereka|keduanya)\b",
                         re.IGNORECASE)
# "the strategic dialogue", "the annual summit": a forum's short name, at least one word before its noun
_THE_FORUM = re.compile(r"\b(?:the|this|that)\s+(?P<name>(?:[\w-]+\s+){1,3}?(?:dialogue|summit|consultations?|"
                        r"forum|talks|meeting|conference|commission|council))\b", re.IGNORECASE)
# "The first such meeting was held in Tokyo in April 2022": a meeting of the kind just told, of its states
_SUCH_MEETING = re.compile(r"\bsuch\s+(?:a\s+)?(?:meeting|meetings|talks|summit|dialogue|consultations?|session|visit)\b|"
                           r"\b(?:pertemuan|dialog|kunjungan|pembicaraan|mesyuarat|lawatan)\s+(?:serupa|semacam itu|seperti itu)\b",
                           re.IGNORECASE)
# "the two leaders", "both ministers", "kedua pemimpin", "kedua-dua menteri": people named before
_THE_TWO = re.compile(r"\b(?:the two|both|kedua|kedua-dua)\s+(?P<who>leaders|presidents|prime ministers|ministers|"
                      r"pemimpin|presiden|menteri|pemimpin negara|kepala negara)\b", re.IGNORECASE)
_LEADER_WORDS = {"leaders", "presidents", "prime ministers", "pemimpin", "presiden", "pemimpin negara", "kepala negara"}
_LEADER_ROLE = re.compile(r"President|Prime Minister|Premier|Chancellor|King|Emperor|Sultan|Emir|Presiden|Perdana Menteri|"
                          r"Kanselir|Raja|General Secretary|Party chief", re.IGNORECASE)
_MINISTER_ROLE = re.compile(r"Minister|Secretary|Menteri|Menlu|Menhan", re.IGNORECASE)
_LIST_JOIN = re.compile(r",[^,]+(?:,|\band\b|\bdan\b|\bserta\b)", re.IGNORECASE)  # "A, B and C"


class MeetingFinder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.groups: list[Group] = []
        self.planned_anchor_pos: set[int] = set()

    def run(self, sents: list[Sent]) -> tuple[list[Group], set[int]]:
        # The body states the meetings; a headline sums them up, so it is read last and joins the
        # meeting it names rather than gluing together the body's meetings.
        heads = [s for s in sents if is_headline(self.doc, s)]
        for s in [s for s in sents if s not in heads]:
            self._sentence(s)
        for s in heads:  # "Quad launches minerals push; Jaishankar calls on Hegseth": each part its own
            for part in headline_parts(self.doc, s):
                self._sentence(part, headline=True)
        pair = _main_pair(self.doc, sents)
        self._fill_countries(pair, sents)
        self._counterpart_states()
        self._the_two_named_before()
        for g in self.groups:  # only states the text names or hosts, and the people's states
            g.countries = (g.countries & (self.doc.mentioned | _host(g))) | {
                p.extra["country"] for p in g.people.values() if p.extra.get("country")}
        prune_parties(self.doc, self.groups, pair)
        # an invitation names no meeting until it is given a time ("invited Xi to visit soon")
        groups = [g for g in self.groups if len(g.countries) >= 2 and not (g.first.invited and g.date is None)]
        self._date_from_neighbours(groups)
        groups = fold_same_day(fold_arrivals(fold_undated(groups)))
        settings = self._sideline_summits(groups)
        groups += settings
        resolve_status(groups, self.doc.ctx.doc.published)
        # "last met on the sidelines of the G20 summit in Bali": a past summit told only as where is no record
        groups = [g for g in groups if not any(g is x for x in settings) or g.status != "referenced"]
        self._dateline_place(groups)
        observe_final(groups)
        return sorted(groups, key=lambda g: g.positions[0]), self.planned_anchor_pos

    # one sentence: a new anchor, or an attachment to a meeting already found
    def _sentence(self, s: Sent, headline: bool = False) -> None:
        ana = anaphora_spans(self.doc, s) if self.groups else []
        if founding_only(self.doc, s, ana):
            return  # "The dialogue, launched in 2023, ...": about the mechanism, not a meeting
        if self.groups and not headline and self._lists_attendance(s):
            self._attach(s, ana)  # "Hadir antara lain Menlu Filipina X, Menlu Singapura Y, ...": who came
            return
        anchor = None if CAPTION.match(s.text) else find_anchor(self.doc, s, ana, host=not headline)
        if anchor is not None and not headline and self._bilaterals_listed(s, anchor):
            return
        if anchor is not None and headline and several_counterparts(self.doc, s) \
                and (parts := separate_meetings(self.doc, s, anchor, "meet")):
            # "Jaishankar holds talks with Qin, Lavrov": each talk the body tells, not one of the three
            for part in parts:
                target = self._headline_target(part)
                if target is not None:
                    target.absorb(part)
                elif not self._told_in_body(part):
                    self.groups.append(Group.of(part))
            return
        cue_class = "separate" if s.get("separate") else "call" if s.get("call") else None
        if (anchor is not None and cue_class is None and not headline and not has_clauses(s)
                and several_counterparts(self.doc, s)):
            cue_class = "meet"
        if anchor is not None and cue_class:
            parts = separate_meetings(self.doc, s, anchor, cue_class)
            if parts:
                for part in parts:
                    if part.planned:
                        self.planned_anchor_pos.add(s.pos)  # "would hold bilateral talks with X and Y": no commitment
                    # one of them may be a meeting already told ("Ishiba will visit Malaysia and Indonesia
                    # on 9-12 January" before "Ishiba is to meet Prabowo at Bogor on Saturday")
                    target = self._merge_target(part) if part.planned else None
                    if target is not None and target.planned:
                        trip = target.date
                        target.absorb(part)
                        if trip is not None and trip.extra.get("end") and part.date is not None \
                                and not part.date.extra.get("end"):
                            target.date = part.date  # the day of the talks within the days of the trip
                    else:
                        self.groups.append(Group.of(part))
                return
        if anchor is not None and not headline and (summit := self._sidelines_of_that(s, anchor)) is not None:
            # "On the sidelines of that summit, Manalo and Kamikawa agreed to hold this year's 2+2 in Manila":
            # a meeting of its own, when and where the summit pointed at was; the rest tells of another
            anchor.date, anchor.place = summit.date, summit.place
            self.groups.append(Group.of(anchor))
            self.groups[-1].attach(self._sent_of(summit), [], set())  # the sentence that says when
            return
        if not headline and self.groups and (earlier := (anchor is not None and counted_from(self.doc, s))
                                             or came_after(self.doc, s)):
            # "Sunday's meeting follows the 13th trilateral meeting, which the three ministers held in Hawaii in
            # May": the earlier meeting, of the states of the one just told (the one of the day it names, if
            # any) unless it names its own
            if len(earlier.countries) < 2:
                told = [g for g in self.groups if anchor is not None and anchor.date is not None and g.date is not None
                        and g.date.value == anchor.date.value] or self.groups
                earlier.countries |= max(told, key=lambda g: g.last).countries
            earlier.referenced = True  # told as before the one just told
            target = self._merge_target(earlier)
            if target is None or target.date is None:  # not an undated meeting, which may be the one that follows
                self.groups.append(Group.of(earlier))
            else:
                target.absorb(earlier)
            return
        if anchor is not None and not headline:
            parts = clause_meetings(self.doc, s, anchor)
            if parts:
                for part in parts:
                    if part.planned:
                        self.planned_anchor_pos.add(s.pos)
                    target = self._merge_target(part)
                    if target is None:
                        self.groups.append(Group.of(part))
                    else:
                        target.absorb(part)
                return
        if anchor is not None and not headline and self._after_the_meeting(s, ana, anchor):
            self.groups.append(Group.of(anchor))
            return
        if anchor is not None and not headline and self.groups and (
                _JOINS_THEM.search(s.text) or len(anchor.countries) < 2 and _SUCH_MEETING.search(s.text)):
            anchor.countries |= max(self.groups, key=lambda g: g.last).countries  # the states just told
        if anchor is not None and not headline and len(anchor.countries) < 2 and anchor.mech is None:
            self._forum_told_before(s, anchor)
        if anchor is not None:
            if anchor.planned:
                self.planned_anchor_pos.add(s.pos)
            target = self._headline_target(anchor) if headline else self._merge_target(
                anchor, self._opens_with(s, ana) or self._only_points_back(s, ana))
            if target is None and headline and self._told_in_body(anchor):
                return  # a headline sums up a meeting the body tells; its short words do not make another
            if target is None:
                self.groups.append(Group.of(anchor))
            else:
                target.absorb(anchor)
            return
        if (ana or s.get("participation")) and not CAPTION.match(s.text):
            self._attach(s, ana)
        elif anchor is None and not headline and not CAPTION.match(s.text):
            self._delegates_listed(s)

    def _forum_told_before(self, s: Sent, a: Anchor) -> None:
        """"... will co-chair the fourth round of the Pakistan-China Strategic Dialogue. The previous
        round of the strategic dialogue was held in Chengdu in July 2021.": a forum called by the short
        name of one told before, with its qualifier, is that forum, of the same states."""
        for m in _THE_FORUM.finditer(s.text):
            name = " ".join(m.group("name").lower().split())
            told = [g for g in self.groups if g.mech is not None and len(g.countries) >= 2
                    and " ".join(str(g.mech.value).lower().split()).endswith(name)]
            if told:
                g = max(told, key=lambda g: g.last)
                a.countries |= g.countries
                a.mech = g.mech
                return

    def _delegates_listed(self, s: Sent) -> None:
        """"Around the table were China's Qin Gang, Russia's Sergei Lavrov, Pakistan's Bilawal ...": right
        after a meeting of three or more states, people of three or more states, one of them already
        there, listed in a sentence with no meeting of its own, are who took part."""
        states = {c for p in s.people if (c := p.extra.get("country"))}
        if len(states) < 3:
            return
        near = max(self.groups, key=lambda g: g.last, default=None)
        if near is None or len(near.countries) < 3 or s.pos - near.last > 2 or not near.countries & states:
            return
        near.attach(s, [p for p in s.people if p.extra.get("country")], states)

    def _told_in_body(self, a: Anchor) -> bool:
        """A meeting of the body shares one of the headline's states or people."""
        names = {p.value for p in a.people}
        return any(g.countries & a.countries or names & set(g.people) for g in self.groups)

    def _counterpart_states(self) -> None:
        """'Jaishankar called on President Muizzu': in a meeting of two states where everyone whose
        state is known is from one of them, a person of no stated state is from the other; and is so
        in the other meetings of the article ('Muizzu paid a state visit to Beijing')."""
        inferred: dict[str, str] = {}
        home = _HOME.get(self.doc.ctx.language)
        for g in self.groups:
            if len(g.countries) != 2:
                continue
            if home in g.countries:
                # an Indonesian report names its own officials without their state ("Menhan Sjafrie")
                # and foreign ones with it ("Duta Besar RRT Wang Lutong")
                for name, p in g.people.items():
                    if not p.extra.get("country") and p.extra.get("role") \
                            and not self._coordinated_with_known(name, g):
                        inferred.setdefault(name, home)
                continue
            known = {p.extra.get("country") for p in g.people.values()} - {None}
            if len(known) == 1 and known < g.countries:
                other = next(iter(g.countries - known))
                for name, p in g.people.items():
                    if not p.extra.get("country") and not self._coordinated_with_known(name, g):
                        inferred.setdefault(name, other)
        for g in self.groups:
            for name, p in g.people.items():
                if not p.extra.get("country") and name in inferred:
                    p.extra["country"] = inferred[name]
                    p.extra["country_via"] = "counterpart"

    def _the_two_named_before(self) -> None:
        """'Kishida visited Manila in November, and the two leaders agreed there ...', 'the two leaders had
        last spoken by phone in July 2022': "the two leaders" / "kedua pemimpin" are the leaders of these
        states told just before; a state of the meeting with no one named takes them."""
        by_sid = {s.sid: s for s in self.doc.sents}
        for k, g in enumerate(self.groups):
            texts = [by_sid[sid].text for sid in g.evidence if sid in by_sid]
            m = next((m for t in texts if (m := _THE_TWO.search(t))), None)
            if m is None or len(g.countries) != 2:
                continue
            want = _LEADER_ROLE if m.group("who").lower() in _LEADER_WORDS else _MINISTER_ROLE
            named = {p.extra.get("country") for p in g.people.values()}
            earlier = [o for o in self.groups[:k] if o.countries == g.countries and o.people] or \
                      [o for o in self.groups if o is not g and o.countries == g.countries and o.people]
            if not earlier:
                continue
            source = min(earlier, key=lambda o: min(abs(p - q) for p in o.positions for q in g.positions))
            for name, p in source.people.items():
                role = p.extra.get("role") or self.doc.full_people.get(name, p).extra.get("role") or ""
                if p.extra.get("country") in g.countries - named and want.search(role):
                    g.people.setdefault(name, p)

    def _coordinated_with_known(self, name: str, g: Group) -> bool:
        """'Blinken and Defense Secretary Lloyd Austin held talks with their Japanese counterparts':
        joined by 'and' to someone of a known state, the person is on that side; one who meets a
        counterpart is not the counterpart's side. Either way, no inference."""
        last = re.escape(name.split()[-1])
        knowns = [re.escape(n.split()[-1]) for n, q in g.people.items() if q.extra.get("country")]
        if not knowns:
            return False
        # "Austin would sit down with his Chinese counterpart": the other side is the counterpart
        across = re.compile(rf"\b{last}\b[^.;]{{0,80}}\b(?:counterparts?|homologues?|mitra\w*|rakan sejawat\w*)\b",
                            re.IGNORECASE)
        joined = re.compile(rf"\b(?:{'|'.join(knowns)}|he|she|ia|dia|il|elle)\s*,?\s*"
                            rf"(?:and|dan|serta|et|as well as)\s+(?:[A-Z][\w.’'-]*\s+){{0,5}}{last}\b")
        by_sid = {s.sid: s for s in self.doc.sents}
        return any(joined.search(by_sid[sid].text) or across.search(by_sid[sid].text)
                   for sid in g.evidence if sid in by_sid)

    def _bilaterals_listed(self, s: Sent, a: Anchor) -> bool:
        """'Jokowi held four bilateral meetings on Tuesday. They were with the prime ministers of
        Vietnam, Timor-Leste, Malaysia and Laos', or the same in one sentence: a bilateral meeting
        of the host with each state listed, on the host's day and in its place."""
        text = self.doc.ctx.text
        told = next((g for g in sorted(self.groups, key=lambda g: -g.last)
                     if s.pos - g.last <= 1 and len(g.countries) == 1 and _BILATERALS.search(self._text_of(g))),
                    None)
        if told is not None:
            host, date, place = set(told.countries), told.date, told.place
        elif _BILATERALS.search(s.text):
            cue = min(self.doc.char(i) for i, _, _ in s.get("meet")) if s.get("meet") else s.end
            host = {p.extra["country"] for p in a.people if p.extra.get("country") and p.end <= cue}
            host |= {m.value for m in s.countries if m.value and m.end <= cue}
            date, place = a.date, a.place
        else:
            return False
        others = sorted(a.countries - host)
        if len(host) != 1 or len(others) < 2 or not _LIST_JOIN.search(text[s.start:s.end]):
            return False
        for c in others:
            people = [p for p in a.people if p.extra.get("country") in host | {c}]
            part = Anchor(s.pos, s.sid, host | {c}, people, mech=a.mech, date=date or a.date,
                          place=place or a.place, planned=a.planned, referenced=a.referenced, strong=True,
                          topics=a.topics)
            g = Group.of(part)
            if told is not None:
                g.attach(self._sent_of(told), [], set())  # the sentence that says when and where
            self.groups.append(g)
        if told is not None:
            self.groups.remove(told)
        return True

    def _text_of(self, g: Group) -> str:
        return " ".join(s.text for s in self.doc.sents if s.sid in g.evidence)

    def _sent_of(self, g: Group) -> Sent:
        return next(s for s in self.doc.sents if s.sid == g.evidence[0])

    def _lists_attendance(self, s: Sent) -> bool:
        """The sentence opens by saying who attended and lists them, naming no meeting of its own; or
        names the meeting told only as the subject of who attended ("..., KTT dihadiri Perdana Menteri
        Kamboja Hun Sen, Presiden Filipina ...", "The summit was attended by ...")."""
        part = s.get("participation")
        if not part or s.mechs or len(s.people) < 2:
            return False
        if part[0][0] - self.doc.tok(s.start) <= 1 and not s.get("meet"):
            return True
        nouns = {i for i, _, _ in s.get("meeting_nouns")}
        at = part[0][0]
        return not s.dates and all(i in nouns and 0 < at - i <= 3 for i, _, _ in s.get("meet"))

    def _name_the_pair(self) -> None:
        """'The two foreign ministers will meet again': a meeting of a counted group that names no
        state is of the states of the meeting told before with that many, as soon as it is read,
        so that a meeting told after it with a third state stays apart."""
        for g in self.groups:
            if g.both_count and not g.countries:
                before = [o for o in self.groups if o is not g and len(o.countries) == g.both_count
                          and o.positions[0] < g.positions[0]]
                if before:
                    g.countries |= max(before, key=lambda o: o.last).countries

    def _headline_target(self, a: Anchor) -> Group | None:
        """The body meeting a headline names: most shared states and people, the earliest on ties."""
        best, key = None, None
        for g in self.groups:
            if not can_join(g, a):
                continue
            shared = len(g.countries & a.countries) + 2 * len(set(g.people) & {p.value for p in a.people})
            if shared < 2 and not (g.mech is not None and a.mech is not None):
                continue
            same_mech = g.mech is not None and a.mech is not None and mech_family(g.mech) == mech_family(a.mech)
            k = (same_mech, shared, not g.referenced, -g.positions[0])
            if key is None or k > key:
                best, key = g, k
        return best

    def _merge_target(self, a: Anchor, points_back: bool = False) -> Group | None:
        self._name_the_pair()
        for g in sorted(self.groups, key=lambda g: -g.last):
            near = a.pos - g.last <= ANCHOR_GAP
            if can_join(g, a) and (linked(g, a, near) or (points_back and near)):
                return g
        return None

    def _sidelines_of_that(self, s: Sent, a: Anchor) -> Group | None:
        """The summit a sentence's "on the sidelines of that summit" / "di sela KTT tersebut" points back at:
        the last one told, of more states than the anchor's."""
        if len(a.countries) < 2 or not a.people or not _sidelines_point_back(s):
            return None
        summits = [g for g in self.groups if (g.summit or len(g.countries) > 2) and a.countries < g.countries]
        return max(summits, key=lambda g: g.last, default=None)

    def _after_the_meeting(self, s: Sent, ana: list[tuple[int, int]], a: Anchor) -> bool:
        """"After the Quad session on Tuesday, Jaishankar went to the Pentagon for talks with Hegseth",
        "Usai pertemuan itu, Retno menerima ...": a meeting word of its own after a phrase that points back
        at the meeting before is another meeting, with someone no meeting has yet."""
        first = self.doc.tok(max(s.start, s.dateline_end))
        if first not in {i for i, _, _ in s.get("temporal_anaphora")} or not any(first <= i <= first + 2 for i, _ in ana):
            return False
        if not a.strong or len(a.countries) < 2:
            return False
        known = {name for g in self.groups for name in g.people}
        return any(p.value not in known for p in a.people)

    def _opens_with(self, s: Sent, ana: list[tuple[int, int]]) -> bool:
        """The sentence opens by pointing back at a meeting ("Majlis itu disaksikan ...", "The talks
        were attended by ..."): it goes on about the meeting told before."""
        first = self.doc.tok(s.start)
        temporal = {i for i, _, _ in s.get("temporal_anaphora")}  # "Before the meeting, ...": another event
        return first not in temporal and any(i == first for i, _ in ana)

    def _only_points_back(self, s: Sent, ana: list[tuple[int, int]]) -> bool:
        """"Xi chaired the meeting at the Xi'an International Conference Center": every meeting word of the
        sentence is in a phrase pointing back at a meeting (or names a building), so the sentence goes on
        about the meeting told before; not "Before the summit, Xi received ...", which tells another."""
        doc = self.doc
        temporal = {i for i, _, _ in s.get("temporal_anaphora")}
        if not ana or any(i in temporal for i, _ in ana):
            return False
        return all(any(a <= i < b for a, b in ana) or VENUE_AFTER.match(doc.ctx.text, doc.tend[j - 1])
                   for cls in ("meet", "visit", "call") for i, j, _ in s.get(cls))

    def _attach(self, s: Sent, ana: list[tuple[int, int]]) -> None:
        doc = self.doc
        mechs = [m for m in s.mechs if any(doc.char(i) <= m.start < doc.char(j) for i, j in ana)]
        target = None
        if mechs:
            fam = mech_family(mechs[0])
            target = next((g for g in sorted(self.groups, key=lambda g: -g.last)
                           if g.mech is not None and mech_family(g.mech) == fam), None)
        if target is None and ana:
            # "Dalam pertemuan dengan Anwar Ibrahim, ...": the meeting of the person it names
            named = {p.value for p in s.people}
            holders = [g for g in self.groups if named & set(g.people)]
            if len(holders) == 1:
                target = holders[0]
        if target is None and ana:
            # "Tuesday's meeting was the fifth ...": the meeting held that day
            day = pick_date(s, [doc.char(i) for i, _ in ana], s.end) if day_possessive(doc, s) else None
            same_day = [g for g in self.groups if day is not None and g.date is not None and g.date.value == day.value]
            if same_day:
                # of two meetings that day, the one of a state the sentence names ("Washington's approach")
                named = {m.value for m in party_countries(doc, s) if m.value}
                target = max(same_day, key=lambda g: (len(g.countries & named), g.last))
        if target is None and self.groups:
            latest = sorted(self.groups, key=lambda g: -g.last)
            if not s.get("call"):  # "the meeting" points back past a phone call told in between
                latest = [g for g in latest if not g.call] or latest
            if s.get("past") and not s.get("planned"):  # told in the past tense: not a meeting still to come
                latest = [g for g in latest if not g.planned] or latest
            near = latest[0]
            # "Cavusoglu held separate meetings with Lavrov and with Kuleba. ... Kuleba told reporters":
            # of meetings told in one sentence, the one of the person named
            named = {p.value for p in s.people}
            near = next((g for g in latest if g.last == near.last and named & set(g.people)), near)
            if ana or s.pos - near.last <= ANCHOR_GAP:
                target = near
            elif s.get("entourage") and s.people:
                target = self._lead_meeting()  # "Delegasi Perdana Menteri turut dianggotai ...", told far below
        if target is None:
            return
        if self._another_occasion(s, target, ana):
            return
        if s.get("planned") and not target.planned:
            return  # "X will lead the negotiations": what is still to come adds no one to a meeting held
        if ana and not names_a_trip(s.text):
            # "The talks in Anchorage on Thursday and Friday ...": the when and where of that meeting (not
            # "... the last stop of a five-nation tour that began on Wednesday": the trip's)
            at = [doc.char(i) for i, _ in ana]
            date = pick_date(s, at, s.end)
            # "which ran from Tuesday to Thursday": the whole span (not "presiden terpilih periode 2024-2029",
            # a span coarser than the day already known)
            if target.date is None or (date is not None and date.extra.get("end") and intervals_overlap(
                    mention_interval(date), mention_interval(target.date))
                    and precision_rank(date) >= precision_rank(target.date)):
                target.date = date or target.date
            target.place = target.place or pick_place(doc, s, at, topic_start(doc, s))
        people = sentence_participants(doc, s, first_cue=s.end)
        countries = set()
        part = s.get("participation") or s.get("membership")  # "... the ten ASEAN members, namely A, B, C, ..."
        if part:
            cue = doc.char(part[0][0])
            countries = {m.value for m in party_countries(doc, s) if m.value and m.start < cue}
            listed = {m.value for m in party_countries(doc, s) if m.value and m.start > cue}
            if len(listed) >= 3:
                countries |= listed  # "delegations from every ASEAN member: Brunei, Cambodia, ..."
        target.attach(s, people, countries)

    def _lead_meeting(self) -> Group | None:
        """The meeting the article leads with: the first one held (not planned, not told as before) between
        two states or more."""
        held = [g for g in self.groups if not g.planned and not g.referenced and len(g.countries) >= 2]
        return min(held, key=lambda g: g.positions[0], default=None)

    def _same_parties(self) -> None:
        """'The three leaders last met in May', 'The Quad ministers last met in September 2023':
        a group subject or the same forum names the parties of the meeting told nearby, of which
        this one names only some."""
        for g in self.groups:
            def same_forum(o: Group) -> bool:
                return g.mech is not None and o.mech is not None and mech_family(o.mech) == mech_family(g.mech)
            n = g.both_count
            # "They met again a month later, in the Brazilian capital Brasilia": the state of the city is
            # where, and says nothing of who "they" are
            city = self._only_as_city(g) if g.both and not n else set()
            named = g.countries - city
            cands = [o for o in self.groups if o is not g and len(o.countries) > len(g.countries)
                     and named <= o.countries
                     and ((g.both and (len(o.countries) == n if n else len(g.countries) < 2)) or same_forum(o))]
            if cands:
                near = nearest_group(cands, g, lambda o: True)
                g.countries = (g.countries - (city - near.countries)) | near.countries

    def _bloc_as_subject(self, g: Group) -> bool:
        """"Foreign ministers of the Shanghai Cooperation Organisation met in Goa", "SCO ministers meet":
        a sentence of the meeting opens with its forum, before its first meeting word: all of the forum
        met."""
        doc, fam = self.doc, mech_family(g.mech)
        for s in self.doc.sents:
            if s.sid not in g.evidence or not s.get("meet"):
                continue
            cue = min(doc.char(i) for i, _, _ in s.get("meet"))
            start = max(s.start, s.dateline_end)
            if (line := _DATELINE_DASH.match(s.text)) is not None:
                start = max(start, s.start + line.end())  # "BENAULIM, India, May 5 (APN) - ..."
            for m in s.mechs:
                if mech_family(m) == fam and m.end <= cue and len(TOKEN.findall(doc.ctx.text, start, m.start)) <= 4 \
                        and not any(start <= p.start < cue for p in s.people):
                    return True
        return False

    def _same_day_as(self, s: Sent) -> set[str]:
        """"On the same day as the Moscow talks, ...": the states of the place that names which meeting's
        day it is."""
        doc = self.doc
        for _, j, _ in s.get("same_day"):
            m = _SAME_DAY_AS.match(doc.ctx.text, doc.tend[j - 1], s.end)
            if m:
                return {c.value for c in s.countries if m.start(1) <= c.start < m.end(1) and c.value} | {
                    c for p in s.places if m.start(1) <= p.start < m.end(1) and (c := p.extra.get("country"))}
        return set()

    def _only_as_city(self, g: Group) -> set[str]:
        """States the group's sentences name only by a city of theirs ("in Brasilia"), no one of theirs
        taking part."""
        named = [m for s in self.doc.sents if s.sid in g.evidence for m in party_countries(self.doc, s)]
        by_city = {m.value for m in named if m.extra.get("via") == "capital"}
        otherwise = {m.value for m in named if m.extra.get("via") != "capital"}
        return by_city - otherwise - {c for p in g.people.values() if (c := p.extra.get("country"))}

    def _another_occasion(self, s: Sent, target: Group, ana: list[tuple[int, int]]) -> bool:
        """'The consultation ... was last held in 2017': a sentence pointing back at a meeting but
        dated apart from it reports another meeting of the same parties (a new group). Not when it
        points back through "after" / "usai" / "before": its date is of what came after or before."""
        if not s.get("meet"):
            return False
        if target.date is None:
            return self._another_state_visited(s, target)
        temporal = {i for i, _, _ in s.get("temporal_anaphora")}
        if any(i in temporal for i, _ in ana):
            return False
        if any(i > 0 and self.doc.low[i - 1] in _ABOUT_THE_MEETING for i, _ in ana):
            return False  # "Rencana pertemuan itu diumumkan ... Jumat (18/4)": the day of the announcement
        a = find_anchor(self.doc, s, [], loose=True)
        if a is None or a.date is None or intervals_overlap(mention_interval(a.date), mention_interval(target.date)):
            return False
        if dates_the_saying(self.doc, s, a.date, [self.doc.char(i) for i, _ in ana]):
            return False
        if len(a.countries) < 2:  # "was last held in 2017": of the same parties, unless it names its own
            a.countries |= target.countries
        a.mech = a.mech or target.mech
        a.referenced = a.referenced or (mention_interval(a.date)[1] < mention_interval(target.date)[0])
        self.groups.append(Group.of(a))
        return True

    def _another_state_visited(self, s: Sent, target: Group) -> bool:
        """'The tour began right after Anwar ended an official visit to Qatar at the Emir's invitation',
        next to an undated meeting in Bishkek: a meeting whose states differ from the meeting before
        on both sides is another meeting (a new group), not more of that one."""
        a = find_anchor(self.doc, s, [], loose=True)
        if a is None or len(a.countries) < 2 or not a.people or a.mech is not None:
            return False
        if not (a.countries - target.countries and target.countries - a.countries):
            return False
        self.groups.append(Group.of(a))
        return True

    def _fill_countries(self, pair: list[str], sents: list[Sent]) -> None:
        for g in self.groups:  # "kedua negara akan bertemu", naming no state: the article's two
            if not g.countries and len(pair) == 2 and self._both_is_subject(g):
                g.countries = set(pair)
        self._same_parties()
        for g in self.groups:
            states = g.countries | {c for p in g.people.values() if (c := p.extra.get("country"))}
            if g.mech is not None and (g.summit or len(states) >= 3 or self._bloc_as_subject(g)):
                members = _members(self.doc, sents, mech_family(g.mech))
                if members:
                    g.countries |= members[0]
                    g.members |= members[0]
                    g.attach(members[1], [], set())
            self._agreement_parties(g)
            if g.both and len(pair) == 2 and not set(pair) <= g.countries and self._both_is_subject(g):
                # "delegasi kedua negara ... difasilitasi Irak dan Oman": the two are the article's pair,
                # the states named after them have another part in the meeting
                g.countries |= set(pair)
            if len(g.countries) >= 2:
                continue
            if g.both:
                near = nearest_group(self.groups, g, lambda o: o is not g and not o.planned and len(o.countries) >= 2)
                if near is not None:
                    g.countries |= near.countries
                    continue
            # a channel between two states is the article's pair's; a forum of many states is not
            if ((g.mech is not None and not g.mech.extra.get("forum")) or g.both) and len(pair) == 2 \
                    and g.countries <= set(pair):
                g.countries |= set(pair)
            elif g.strong and len(pair) == 2 and len(g.countries) == 1 and g.countries <= set(pair):
                # "It follows a working visit by Anwar to Jakarta last month": one state is named, the
                # other side is the article's other main state
                g.countries |= set(pair)

    def _sideline_summits(self, groups: list[Group]) -> list[Group]:
        """'Modi and Prabowo first met on the sidelines of the G20 summit in Rio', 'a state visit to
        Norway, while also attending the Nordic summit in Oslo': the summit is a meeting of its own
        (with the states the sentence names), apart from the talks or the visit beside it."""
        out = []
        by_pos = {s.pos: s for s in self.doc.sents}
        for g in groups:
            s = by_pos.get(g.first.pos)
            cue = (s.get("sidelines") or s.get("attending")) if s is not None else None
            if not cue or _sidelines_point_back(s):
                continue  # "on the sidelines of that summit": told before
            side_at = self.doc.char(cue[0][1])
            # a visit told before the summit it goes on to attend is two meetings, not a summit
            visit = any(self.doc.char(i) < side_at for i, _, _ in s.get("visit")) and not s.get("sidelines")
            if g.summit and not visit:
                continue
            summit_words = [i for i, _, _ in s.get("summit") if self.doc.char(i) >= side_at]
            forums = [m for m in s.mechs if m.start >= side_at and not m.extra.get("named")]
            if not summit_words or not forums:
                continue
            place = g.place
            if g.summit:
                g.summit = False
                g.mech = g.mech if g.mech is not None and g.mech.start < side_at else None
                g.place = g.place if g.place is not None and g.place.start < side_at else None
            summit = Group(g.first, [g.first.sid], [g.first.pos], set(g.countries), {}, mech=forums[0], date=g.date,
                           place=place, planned=g.planned, referenced=g.referenced, summit=True)
            out.append(summit)
        return out

    def _both_is_subject(self, g: Group) -> bool:
        """"Both"/"kedua negara" (a count of two, not "their") comes before any state the sentence names."""
        s = next((x for x in self.doc.sents if x.pos == g.first.pos), None)
        both = s.get("both_sides") if s is not None else []
        if not both or g.both_count != 2:
            return False
        at = self.doc.char(both[0][0])
        return all(m.start > at for m in party_countries(self.doc, s))

    def _agreement_parties(self, g: Group) -> bool:
        """'Kesepakatan itu dicapai dalam pertemuan ...', 'The deal was reached at talks ...': the
        meeting where the agreement told just before was reached has that agreement's parties."""
        if g.planned:
            return False  # "will meet to carry out this agreement": reached before, not there
        by_pos = {s.pos: s for s in self.doc.sents if s.sid not in self.doc.ctx.blocked}
        s, prev = by_pos.get(g.positions[0]), by_pos.get(g.positions[0] - 1)
        if s is None or prev is None or not prev.get("commit") or not _points_back_at_agreement(s) \
                or CAPTION.match(prev.text):
            return False  # a caption tells of a picture, not of the agreement
        codes = {m.value for m in party_countries(self.doc, prev) if m.value}
        if len(codes | g.countries) < 2:
            return False
        g.countries |= codes
        g.attach(prev, [], set())
        return True

    def _date_from_neighbours(self, groups: list[Group]) -> None:
        """A meeting stated without a date takes the day or month the sentence right before or
        after it gives ("... were in Manila for the second 2+2." / "They signed the pact on Monday."),
        unless that sentence belongs to another meeting."""
        used = {sid for g in groups for sid in g.evidence}
        by_pos = {s.pos: s for s in self.doc.sents if s.sid not in self.doc.ctx.blocked}
        published = self.doc.ctx.doc.published  # a meeting still to come is not dated by a past day
        for g in groups:
            if g.date is not None:
                continue
            first = by_pos.get(g.positions[0])
            if first is not None and same_day_told(self.doc, first):
                # "pada hari yang sama", "the same day" names a day: that of the meeting told last, in this
                # sentence or before it
                before = [o for o in groups if o is not g and o.date is not None and o.positions[0] <= g.positions[0]
                          and precision_rank(o.date) >= PRECISION["day"]]
                if named := self._same_day_as(first):  # of the meetings there, a past one's for a past meeting
                    before = [o for o in before if named & (o.countries | _host(o))] or before
                    before = [o for o in before if o.planned == g.planned] or before
                if before:
                    g.date = max(before, key=lambda o: max(p for p in o.positions if p <= g.positions[0])).date
                    continue
            if g.first.side or g.first.another:
                # "On the sidelines of the summit, Modi also held talks with ...": the day of the
                # occasion told before it, when it was held as this one was
                before = [o for o in groups if o is not g and o.date is not None and o.positions[0] < g.positions[0]
                          and o.planned == g.planned and not o.referenced
                          and precision_rank(o.date) >= PRECISION["day"]]
                if g.first.side:
                    before = [o for o in before if o.summit or len(o.countries) > 2] or before
                if before:
                    g.date = max(before, key=lambda o: o.positions[0]).date
                    continue
            for pos in (g.positions[0] + 1, g.positions[0] - 1, g.positions[0] - 2):
                s = by_pos.get(pos)
                if s is None or (s.sid in used and s.sid not in g.evidence) or CAPTION.match(s.text):
                    continue
                between = by_pos.get(pos + 1)
                if pos == g.positions[0] - 2 and (between is None or between.dates or not self._same_parties_as(g, s)):
                    continue  # two sentences back only across an undated one, and for the same states
                dates = [d for d in s.dates if d.value and precision_rank(d) >= PRECISION["month"]
                         and not SINCE.search(d.extra.get("phrase", "")) and not in_since_phrase(self.doc, s, d.start)
                         and not (g.planned and ends_before(d, published))
                         and not (not g.planned and starts_after(d, published))]  # nor a held one by a day to come
                if len(dates) == 1:
                    g.date = dates[0]
                    g.attach(s, [], set())
                    used.add(s.sid)
                    break

    def _same_parties_as(self, g: Group, s: Sent) -> bool:
        named = {m.value for m in party_countries(self.doc, s) if m.value}
        return len(named) >= 2 and named <= g.countries

    def _dateline_place(self, groups: list[Group]) -> None:
        """'TOKYO: India and Japan on Thursday agreed ...': the dateline's city is where the held
        meeting took place (the only one, or the one its sentence reports), when it is in one of
        the meeting's states."""
        line = next((s for s in self.doc.sents if s.dateline_end > 0), None)
        if line is None:
            return
        place = line.places[0]
        held = [g for g in groups if g.status == "held"]
        for g in held:
            if g.place is None and place.extra.get("country") in g.countries and (
                    len(held) == 1 or line.sid in g.evidence):
                g.place = place


# words before "the meeting" that make the sentence about its plan, announcement or content ("isi pembicaraan
# itu", "the results of the talks"), dated by when that was told, not another meeting
_ABOUT_THE_MEETING = frozenset({"rencana", "jadwal", "pengumuman", "plan", "plans", "schedule", "announcement",
                                "agenda", "persiapan", "preparations", "date", "isi", "hasil", "rincian", "ringkasan",
                                "results", "outcome", "outcomes", "details", "content", "contents", "readout"})


def _sidelines_point_back(s: Sent) -> bool:
    """'On the sidelines of that summit', 'di sela KTT tersebut': the occasion is one told before."""
    side = s.get("sidelines")
    if not side:
        return False
    j = side[0][1]
    pointed = {i for i, _, _ in s.get("anaphora_before") + s.get("anaphora_after")}  # not a bare "the"
    return any(j <= i <= j + 3 for i in pointed)


_DATELINE_DASH = re.compile(r"[^\n]{0,80}?\s[–—-]\s")

# "(the same day) as the Moscow talks", "(hari yang sama) dengan kunjungan ke Beijing"
_SAME_DAY_AS = re.compile(r"\s+(?:as|dengan|seperti)\s+([^,;]{3,60})", re.IGNORECASE)


def _host(g: Group) -> set[str]:
    """The state of the meeting's city ("talks in Tokyo": Japan, named or not)."""
    country = g.place.extra.get("country") if g.place is not None else None
    return {country} if country else set()


def _points_back_at_agreement(s: Sent) -> bool:
    """An agreement word with a pointer of its own: "kesepakatan itu", "this deal", "the agreement"."""
    after = {i for i, _, _ in s.get("anaphora_after")}
    before = {j for _, j, _ in s.get("anaphora_before")} | {j for _, j, _ in s.get("anaphora_the")}
    return any(j in after or i in before for i, j, _ in s.get("commit"))


def _members(doc: Doc, sents: list[Sent], family: str) -> tuple[set[str], Sent] | None:
    """The member states the article lists for a forum ('blok BRICS meliputi Tiongkok, Brasil, ...')."""
    for s in sents:
        if s.get("membership") and any(mech_family(m) == family for m in s.mechs):
            cue = doc.char(s.get("membership")[0][0])
            listed = list(dict.fromkeys(m.value for m in s.countries if m.value and m.start > cue))
            n = _member_count(doc, s)
            codes = set(listed[:n]) if n and len(listed) > n else {m.value for m in s.countries if m.value}
            # a list of members names three states or more: "talks that did not include all ASEAN members"
            # beside two states names none
            if len(codes) >= 3:
                return codes, s
    return None


_NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
                 "lapan": 8, "sembilan": 9, "sepuluh": 10, "kesepuluh": 10, "sebelas": 11}


def _member_count(doc: Doc, s: Sent) -> int | None:
    """How many members the list counts ("eight full members - China, India, ..."): the list ends there
    ("... and Iran and Belarus are joining" names no member)."""
    k = s.get("membership")[0][0]
    for w in doc.low[max(0, k - 3):k + 1]:
        if w.isdigit() and 2 < int(w) < 60:
            return int(w)
        if w in _NUMBER_WORDS:
            return _NUMBER_WORDS[w]
    return None


def _main_pair(doc: Doc, sents: list[Sent]) -> list[str]:
    """The two states the article is about: most mentioned, first mentioned on ties."""
    count: dict[str, list[int]] = {}
    for s in sents:
        for m in party_countries(doc, s):
            if m.value:
                count.setdefault(m.value, [0, m.start])[0] += 1
    ranked = sorted(count.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
    return [c for c, (n, _) in ranked[:2] if n >= 2] if len(ranked) >= 2 else []


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    return getattr(c, "common_name", None) or (c.name if c else code)


def _kind(g: Group) -> str:
    if g.summit:
        return "summit"
    if g.call:
        return "call"
    if g.visit:
        return "visit"
    return "multilateral" if len(g.countries) > 2 else "bilateral"


def to_rule_meeting(doc: Doc, g: Group) -> RuleMeeting:
    order = sorted(zip(g.positions, g.evidence))
    evidence = [g.first.sid] + [sid for _, sid in order if sid != g.first.sid]
    kind = _kind(g)
    head = {"summit": "Summit", "visit": "Visit", "call": "Call"}.get(kind, "Meeting")
    if g.mech is not None:
        name = g.mech.value or g.mech.text
        head = g.mech.text if name in g.mech.text else name  # "SOM 2+2" over "2+2"
        head += f" (round {g.mech.extra['round']})" if g.mech.extra.get("round") else ""
    countries = sorted(g.countries)
    named = [c for c in countries if c in doc.mentioned | _host(g)]  # build_records adds the participants' states
    people = [RuleParticipant(name, p.extra.get("role") or doc.full_people.get(name, p).extra.get("role"),
                              p.extra.get("country")) for name, p in g.people.items()]
    return RuleMeeting(
        evidence=evidence[:MAX_EVIDENCE], title=f"{head}: {'–'.join(country_name(c) for c in countries)}",
        kind=kind, status=g.status, date_text=g.date.text if g.date is not None else None,
        date_value=g.date.value if g.date is not None else None,
        location=g.place.text if g.place is not None else None, countries=named, participants=people,
        mechanism=g.mech.text if g.mech is not None else None,
        round=g.mech.extra.get("round") if g.mech is not None else None, topics=g.topics, position=g.positions[0],
    )

