"""Several meetings told in one sentence: one per clause, or one per host city.

"X held talks with Japan's ministers in Tokyo on Sunday and are due in Manila on Tuesday for a
similar meeting with Philippine officials": the second clause has its own meeting word and its
own date or counterpart, and shares the first clause's subject. Each clause is read as a sentence
of its own (same id, so both meetings cite the whole sentence), and the subject's people and
states are carried into the clause that has none.
"X held talks with their counterparts in Tokyo and Seoul": cities of different states joined by
"and" host one meeting each, of the subject's states and the city's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa_app.extract.rules.anchors import Anchor, anaphora_spans, find_anchor, pick_date, pick_place, relative_asides
from qa_app.extract.rules.document import Doc, Sent

# What may stand between two host cities of one list ("Tokyo and Seoul", "Hanoi, Jakarta")
_PLACE_JOIN = re.compile(r"^\s*(?:,|,?\s*(?:and|dan|serta|et))\s*$", re.IGNORECASE)
# "and in", "dan kembali bertemu di": a clause that tells the same meeting word again, at a time and place
_OCCASION_HEAD = (r"(?:,\s*|\s+)(?:and|dan|serta)\s+"
                  r"(?:(?:again|kembali|also|juga)\s+(?:(?:met|bertemu|bertatap muka)\s+)?)?(?:in|at|di|pada|on)\s")
# Where a new clause about the same subject starts: a coordinator before a verb of travel or
# schedule or before the same parties meeting again (", and the two leaders spoke again by phone"),
# a semicolon, a named new subject with its own meeting verb, or ", then" / ", before" / ", sebelum" ...
_CLAUSE_START = re.compile(
    r"(?:,\s*|\s+)(?:and|dan|serta|et)\s+(?:(?:are|is|was|were|will be|then|later|kemudian|lalu|akan)\s+)*"
    r"(?=(?:due|set to|scheduled|expected|to travel|travel|went on|flew|heads?|headed|dijadwalkan|dijadual|"
    r"bertolak|berangkat|terbang|melanjutkan|doit|devrait|se rendra)\b)"
    r"|,\s*(?:and|dan|serta)\s+(?=(?:the two \w+|they|both \w+|keduanya|kedua \w+)\s+(?:\w+\s+){0,2}?"
    r"(?:spoke|talked|met|held|called|berbicara|bertemu|bertelepon)\b)"
    r"|;\s+"
    # "first met in Jakarta in September, and again days later on the sidelines of the G20 in New Delhi"
    r"|,\s*(?:and|dan|serta)\s+(?=(?:again|kembali)\b)"
    # "in April 2021 in Jakarta ... and in Rome in October 2021", "di Paris pada Januari 2020 dan kembali bertemu
    # di kota yang sama pada Oktober 2020": the same meeting word, another time and place
    rf"|{_OCCASION_HEAD}(?=\s*(?:the same city\b|kota yang sama\b|(?-i:[A-Z])))"
    # ", and French President Emmanuel Macron visited Beijing in April", ", and Secretary of State Antony Blinken
    # met Wang in Munich": a new subject, named, and its own meeting
    r"|,\s*(?:and|dan|serta|while|whereas|sementara)\s+(?=(?-i:[A-Z][\w'’.-]*)\s+(?:(?:(?-i:[A-Z][\w'’.-]*)|of|for|"
    r"the)\s+){0,6}(?:visited|met|held|hosted|"
    r"received|called|spoke|travelled|traveled|went to|mengunjungi|berkunjung|bertemu|menerima|menggelar)\b)"
    # ", and Putin's last trip to the North was in July 2000": a named subject's own visit, told apart
    r"|,\s*(?:and|dan|serta|while|whereas|sementara)\s+(?=(?-i:[A-Z][\w'’.-]*)['’]s\s+(?:(?:first|last|previous|"
    r"earlier|only|official|state)\s+){0,2}(?:trip|visit|meeting|talks|summit)\b)"
    # "Xi, who combined the summit with a state visit to Kazakhstan, flies on to Dushanbe ...": after an aside
    # about the traveller, the trip goes on to its next stop
    r"|,\s+(?=(?:(?:is|was|are|were)\s+(?:due|set|scheduled|expected)\s+to\s+|will\s+)?(?:fl(?:y|ies|ew)|"
    r"travel(?:s|led|ed)?|head(?:s|ed)?|go(?:es)?|went|continu(?:es|ed))(?:\s+on)?\s+to\b)"
    r"|,\s+(?=(?:then|before (?:heading|flying|travelling|traveling|going)|after which|sebelum (?:bertolak|terbang|"
    r"berangkat|melanjutkan)|lalu|kemudian|puis)\b)"
    # ", beberapa hari setelah menghadiri KTT BRICS", ", a day after attending ...": an earlier or later meeting
    r"|,\s+(?=(?:(?:a few days|days|a day|two days|beberapa hari|sehari|dua hari)\s+)?(?:after|before|setelah|sesudah|"
    r"sebelum|usai|seusai)\s+(?:attending|meeting|visiting|holding|menghadiri|bertemu|mengunjungi|berkunjung|"
    r"menggelar)\b)"
    # ", two days after the pair had discussed Sweden in a phone call on Sunday": the same two, an earlier contact
    r"|,\s*(?=(?:(?:a few|a|one|two|three|four|five|several|beberapa|dua|tiga)\s+(?:days?|weeks?|hari|pekan|minggu)\s+)"
    r"(?:after|before|setelah|sesudah|sebelum)\s+(?:the pair|the two(?:\s+\w+)?|they|both(?:\s+\w+)?|keduanya|"
    r"kedua\s+\w+)\s+(?:had\s+|sempat\s+)?(?:discussed|spoke|spoken|talked|met|held|bertemu|berbicara|bertelepon|"
    r"membahas)\b)",
    re.IGNORECASE,
)


# What dates an earlier meeting told after its head word: a few words, then "in/on/pada" and a year or a month
_DATED_BY = r"[,\s]+(?:[\w'’.-]+[,\s]+){0,8}?(?:in|on|pada|bulan)\s+"
_YEAR_OR_MONTH = (r"(?:(?:19|20)\d{2}|January|February|March|April|May|June|July|August|September|October|November|"
                  r"December|Januari|Februari|Maret|Mei|Juni|Juli|Agustus|Oktober|Desember)\b")
# "..., their second meeting in two months after the Russian leader's state visit to Beijing in May",
# "..., continuing talks the two held in Singapore in June": the earlier meeting it counts from, dated
# in its own words (after a clause of its own: a short one, "Sunday's meeting follows ...", names no
# parties for the earlier meeting to take)
_EARLIER_MEETING = re.compile(
    r"\s+(?=(?:after|since|following|follows?|followed|continues|continued|setelah|sejak|menyusul|melanjutkan)\s+"
    r"(?:the\s+|a\s+)?(?:[\w'’.-]+\s+){0,4}?"
    r"(?:visit|summit|talks|meeting|kunjungan|lawatan|pertemuan|pembicaraan|KTT)\b" + _DATED_BY + _YEAR_OR_MONTH + ")",
    re.IGNORECASE,
)
# "..., setelah Vidal melawat ke Oslo pada Juli tahun lalu", "the first since the two met in Bergen in March 2022":
# the earlier meeting told with a verb of its own and dated
_EARLIER_MET = re.compile(
    r"\s+(?=(?:after|since|following|setelah|sesudah|sejak|semenjak|menyusul)\s+(?:[\w'’.-]+\s+){0,4}?"
    r"(?:met|visited|travell?ed\s+to|flew\s+to|held\s+talks|bertemu|berkunjung|mengunjungi|melawat|bertandang)\b"
    + _DATED_BY + r"(?:(?:early|late|mid|awal|akhir|pertengahan)\s+)?" + _YEAR_OR_MONTH + ")",
    re.IGNORECASE,
)


_AGAIN = re.compile(r",?\s*(?:and|dan|serta)\s+(?:again|kembali)\b", re.IGNORECASE)
_AGAIN_LATER = re.compile(_AGAIN.pattern + r"\s+(?:(?:a few|a|two|three|several|beberapa|dua|tiga)\s+)?"
                          r"(?:days?|weeks?|hari|pekan|minggu)\s+(?:later|kemudian)\b", re.IGNORECASE)


_EARLIER_OR_LATER = re.compile(r",?\s*(?:(?:a few days|days|a day|two days|beberapa hari|sehari|dua hari)\s+)?"
                               r"(?:after|before|since|following|follows|followed|continues|continued|setelah|"
                               r"sesudah|sebelum|sejak|menyusul|melanjutkan|usai|seusai)\s",
                               re.IGNORECASE)


def _clause(doc: Doc, s: Sent, start: int, end: int) -> Sent:
    sub = Sent(s.sid, s.pos, start, end, doc.ctx.text[start:end])
    sub.hits = {cls: kept for cls, hits in s.hits.items()
                if (kept := [h for h in hits if start <= doc.char(h[0]) and doc.tend[h[1] - 1] <= end])}
    for attr in ("countries", "people", "places", "dates", "mechs"):
        setattr(sub, attr, [m for m in getattr(s, attr) if start <= m.start and m.end <= end])
    sub.dateline_end = s.dateline_end if start == s.start else -1
    return sub


_HEADLINE_SEPARATOR = re.compile(r"\s*[;|]\s*")


def headline_parts(doc: Doc, s: Sent) -> list[Sent]:
    """The parts of a headline set off by semicolons or bars, each telling a story of its own ("Quad
    launches minerals push; Jaishankar calls on Hegseth at Pentagon"); the whole when it has one."""
    cuts = [(s.start + m.start(), s.start + m.end()) for m in _HEADLINE_SEPARATOR.finditer(s.text)]
    if not cuts:
        return [s]
    bounds = zip([s.start] + [b for _, b in cuts], [a for a, _ in cuts] + [s.end])
    return [_clause(doc, s, a, b) for a, b in bounds if b > a]


# "Sunday's meeting", "The talks", "Pertemuan hari ini": a subject that is only the meeting just told
_THIS_MEETING = re.compile(
    r"\s*(?:(?:the|this|that|today['’]s|(?-i:[A-Z])\w+['’]s)\s+)?(?:\w+\s+)?(?:meeting|talks|visit|summit|trip|call|"
    r"dialogue|session)|\s*(?:pertemuan|kunjungan|lawatan|pembicaraan|KTT|dialog)\s+(?:ini|itu|tersebut|hari ini|"
    r"kali ini)", re.IGNORECASE)


# "The Beijing trip came less than a fortnight after ...", "Kunjungan ini dilakukan sepekan setelah ...":
# after a subject that is only the meeting just told, the clause tells what came before it
_CAME_AFTER = re.compile(
    r"\s+(?:came|comes|come|took place|was held|dilakukan|berlangsung|digelar|terjadi)\s+"
    r"(?:(?:just|only|less than|more than|barely|about|some|nearly|hanya|kurang dari|lebih dari|sekitar)\s+)*"
    r"(?:(?:(?:a|an|one|two|three|four|five|six|\d+|a few|several|satu|dua|tiga|empat|beberapa)\s+|se)"
    r"(?:days?|weeks?|months?|fortnight|hari|pekan|minggu|bulan)\s+)?"
    r"(?:after|following|setelah|sesudah|menyusul)\s+", re.IGNORECASE)


def counted_from(doc: Doc, s: Sent) -> Anchor | None:
    """"Sunday's meeting follows the 13th trilateral meeting, which the three ministers held in Hawaii
    in May": a sentence whose subject is only the meeting just told, counted from an earlier one dated in
    its own words, tells that earlier meeting (its states may be the ones just told)."""
    m = _EARLIER_MEETING.search(s.text)
    if m is None or not _THIS_MEETING.fullmatch(s.text, 0, m.start()):
        return None
    a = find_anchor(doc, _clause(doc, s, s.start + m.start(), s.end), [], loose=True)
    return a if a is not None and a.date is not None and a.date.value else None


def came_after(doc: Doc, s: Sent) -> Anchor | None:
    """"The trip came a week after Wong met Jaishankar in New Delhi": the clause after "after" tells an
    earlier meeting, with states of its own (the sentence's meeting words count from it, so the sentence
    as a whole may have none)."""
    m = _CAME_AFTER.search(s.text)
    if m is None or not _THIS_MEETING.fullmatch(s.text, 0, m.start()):
        return None
    a = find_anchor(doc, _clause(doc, s, s.start + m.end(), s.end), [])
    # told as what came before, so no meeting still to come ("came two days after X announced ... at the summit")
    return a if a is not None and len(a.countries) >= 2 and not a.planned else None


def has_clauses(s: Sent) -> bool:
    """The sentence tells of more than one subject or trip, clause by clause."""
    return bool(_split_points(s))


# "the first visit since February 2020, when he addressed parliament in Canberra and met Scott Morrison":
# an earlier meeting told in a when-clause, dated by the since-date just before it ("held in Singapore in
# October 2023, when Mr Anwar met ..." tells one meeting twice, and is not cut)
_WHEN = re.compile(r"\)?,\s*(?:when|ketika|saat|tatkala|semasa|sewaktu|lorsque|quand)\s+", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\b(?:since|sejak|semenjak|depuis)\s+(?:(?:early|late|mid|awal|akhir|pertengahan)\s+)?$",
                           re.IGNORECASE)


def _dated_when(s: Sent) -> list[int]:
    """Offsets (in the sentence) where a since-date that opens a when-clause starts."""
    cuts = []
    for m in _WHEN.finditer(s.text):
        at = s.start + m.start()
        d = next((d for d in s.dates if 0 <= at - d.end <= 1), None)
        if d is not None and _SINCE_BEFORE.search(s.text[:d.start - s.start]):
            cuts.append(d.start - s.start)
    return cuts


def _split_points(s: Sent) -> list[int]:
    cuts = [m.start() for m in _CLAUSE_START.finditer(s.text) if 20 < m.start() < len(s.text) - 20]
    cuts += [m.start() for m in _EARLIER_MEETING.finditer(s.text) if 20 < m.start() < len(s.text) - 20]
    cuts += [m.start() for m in _EARLIER_MET.finditer(s.text) if 20 < m.start() < len(s.text) - 20]
    cuts += [c for c in _dated_when(s) if 20 < c < len(s.text) - 20]
    return [s.start + c for c in sorted(set(cuts))]


def _cue(sub: Sent) -> list:
    """The clause's meeting words: met, talks, a call ('spoke by phone')."""
    return sorted(sub.get("meet") + sub.get("call"))


def _country(doc: Doc, p) -> str | None:
    return p.extra.get("country") or doc.full_people.get(p.value, p).extra.get("country")


def _subject(doc: Doc, sub: Sent, a: Anchor) -> tuple[list, set[str]]:
    """The people and states named before the clause's first meeting word."""
    cues = [doc.char(i) for i, _, _ in _cue(sub)]
    asides = relative_asides(doc, sub)  # "Rubio, who arrived from Israel on his first tour, met ...": not a side
    cue = min([c for c in cues if not any(x <= c < y for x, y in asides)] or cues)
    people = [p for p in a.people if p.end <= cue and not any(x <= p.start < y for x, y in asides)]
    states = {c for p in people if (c := _country(doc, p))}
    states |= {m.value for m in sub.countries
               if m.value and m.end <= cue and not any(x <= m.start < y for x, y in asides)}
    return people, states


def _longest_run(doc: Doc, mentions: list, state, opens=lambda m: True) -> list:
    """The longest run of mentions of different states joined by 'and' / ',' (at least two); a run
    starts only at a mention `opens` accepts."""
    best: list = []
    run: list = []
    for m in sorted(mentions, key=lambda m: m.start):
        if run and _PLACE_JOIN.match(doc.ctx.text[run[-1].end:m.start]):
            run.append(m)
        else:
            run = [m] if opens(m) else []
        if len({state(x) for x in run}) == len(run) > len(best):
            best = list(run)
    return best if len(best) >= 2 else []


def _host_cities(doc: Doc, sub: Sent) -> list:
    """Cities of different states joined by 'and' / ',' ('in Tokyo and Seoul')."""
    cities = [p for p in sub.places if p.extra.get("type") == "city" and p.extra.get("country")]
    return _longest_run(doc, cities, lambda p: p.extra["country"])


# "akan melawat ke Malaysia dan Indonesia", "a tour of Vietnam and Laos": the states a trip goes to
_TRIP_TO = re.compile(r"(?:\b(?:ke|to|visit|visits|visiting|visited|mengunjungi|melawat|tour of|trip to)\s+)$", re.IGNORECASE)


def _host_states(doc: Doc, sub: Sent) -> list:
    """The states a trip goes to, named in one run after 'to' / 'ke' ('to Malaysia and Indonesia')."""
    return _longest_run(doc, [m for m in sub.countries if m.value], lambda m: m.value,
                        lambda m: bool(_TRIP_TO.search(doc.ctx.text[max(sub.start, m.start - 20):m.start])))


def _per_state(doc: Doc, sub: Sent, a: Anchor) -> list[Anchor]:
    hosts = _host_states(doc, sub)
    if not hosts:
        return [a]
    people, states = _subject(doc, sub, a)
    states -= {m.value for m in hosts}
    if not states:
        return [a]
    return [replace(a, countries=states | {m.value}, people=list(people),
                    place=a.place if a.place is not None and a.place.extra.get("country") == m.value else None)
            for m in hosts]


def _per_city(doc: Doc, sub: Sent, a: Anchor, whole: Anchor) -> list[Anchor]:
    cities = _host_cities(doc, sub)
    if not cities:
        return _per_state(doc, sub, a)
    people, states = _subject(doc, sub, a)
    if not states:  # "Blinken arrived from Seoul; earlier he held talks ...": the sentence's subject
        cue = min(doc.char(i) for i, _, _ in sub.get("meet"))
        people = [p for p in whole.people if p.end <= cue]
        states = {c for p in people if (c := _country(doc, p))}
    if not states or any(c.extra["country"] in states for c in cities):
        return [a]
    return [replace(a, countries=states | {c.extra["country"]}, people=list(people), place=c) for c in cities]


# a clause of a time and a place only: "and in Rome in October 2021", "dan kembali di kota yang sama pada ..."
_OCCASION = re.compile(_OCCASION_HEAD, re.IGNORECASE)
_SAME_PLACE = re.compile(r"\b(?:the same city|kota yang sama|the same place|tempat yang sama)\b", re.IGNORECASE)


def _another_occasion(doc: Doc, sub: Sent, before: Anchor) -> Anchor | None:
    """The meeting of the clause before, again at the time (and place) this clause names."""
    date = pick_date(sub, [sub.start], sub.end)
    if date is None or not date.value or before.date is None or date.value == before.date.value:
        return None
    place = pick_place(doc, sub, [sub.start], sub.end)
    if place is None and _SAME_PLACE.search(sub.text):
        place = before.place
    return replace(before, countries=set(before.countries), people=list(before.people), date=date, place=place)


def _told_apart(out: list[Anchor]) -> bool:
    """"The two leaders first met in Vladivostok in 2019, and Putin's last trip to the North was in July
    2000": clauses that each date a meeting of their own, on days apart, and name one state or the two
    ("the two leaders", "keduanya") — the meeting finder gives them the parties told around them."""
    dates = [a.date for a in out]
    if any(d is None or not d.value for d in dates) or len({d.value for d in dates}) < len(dates):
        return False
    return all(a.countries or a.both or a.both_count == 2 for a in out)


def _pronoun_and(doc: Doc, sub: Sent) -> bool:
    """"...; she and Dahl last met in Jakarta": the clause opens with a subject pronoun (the subject of
    the clause before) joined by "and" to another."""
    first = next((i for i, _, _ in sub.get("pronoun_subjects")), None)
    return first is not None and not doc.ctx.text[sub.start:doc.char(first)].strip(";, ") \
        and first + 1 < len(doc.low) and doc.low[first + 1] in ("and", "dan")


def clause_meetings(doc: Doc, s: Sent, whole: Anchor, host: bool = True) -> list[Anchor]:
    """The sentence's meetings clause by clause and city by city, when it tells more than one; else []."""
    cuts = _split_points(s)
    bounds = list(zip([s.start] + cuts, cuts + [s.end]))
    anchors = []
    elliptic: set[int] = set()  # clauses that only tell another time and place of the meeting before them
    for a0, b0 in bounds:
        sub = _clause(doc, s, a0, b0) if cuts else s
        # ", beberapa hari setelah menghadiri KTT ...": "setelah" opens the clause, it points back at nothing
        # ", and again ... on the sidelines of the G20 summit": the summit is where they met again, not one told before
        ana = [] if _EARLIER_OR_LATER.match(sub.text) or _AGAIN.match(sub.text) else anaphora_spans(doc, sub)
        # a later clause of the same subject needs only a meeting word ("and then to travel to Riyadh")
        a = find_anchor(doc, sub, ana, host=host, loose=a0 > s.start) if cuts else whole
        if anchors and _OCCASION.match(sub.text) and (a is None or not _cue(sub) or not (a.countries or a.people)):
            a = _another_occasion(doc, sub, anchors[-1][1])
            if a is not None:
                anchors.append((sub, a))
                elliptic.add(id(a))
            continue
        if a is None or not _cue(sub):
            continue
        anchors.extend((sub, part) for part in _per_city(doc, sub, a, whole))
    if len(anchors) < 2:
        return []
    # the first clause's subject travels on to clauses that name none
    first_sub, first = anchors[0]
    subject, subject_states = _subject(doc, first_sub, first)
    out = [first]
    again: set[int] = set()  # parts told as a meeting again: another meeting even on the same day or month
    for sub, a in anchors[1:]:
        if id(a) in elliptic:
            out.append(a)  # its subject is the clause's before it
            continue
        paired = sub is not first_sub and subject_states and _pronoun_and(doc, sub)
        if sub is not first_sub and subject_states and (paired or not any(
                p.start < doc.char(_cue(sub)[0][0]) for p in sub.people)):
            a.people = subject + [p for p in a.people if p not in subject]
            a.countries |= subject_states
            host = a.place.extra.get("country") if a.side and a.place is not None else None
            if host and len(a.countries) > 2 and host not in {c for p in a.people if (c := _country(doc, p))}:
                # "...; his previous encounter with Yoon came on the margins of the ASEAN summit in Jakarta":
                # with both sides known, the summit's host is where they met, not one of them
                a.countries.discard(host)
        if paired and len(named := subject_states | {c for p in a.people if (c := _country(doc, p))}) >= 2:
            a.countries = named  # the two named are the parties; the host of where they met was a guess
        if a.date is None and _AGAIN_LATER.match(sub.text) and first.date is not None \
                and first.date.extra.get("precision") in ("month", "year"):
            a.date = first.date  # "in September, and again days later": within the month told
        # "Pekan lalu, Retno menyambangi Brunei ..., sebelum terbang ke Singapura ...": the sentence's time
        if a.date is None and not _OFFSET_OR_SINCE.match(sub.text) and (fronted := _fronted_date(s)) is not None:
            a.date = fronted
        if _AGAIN.match(sub.text):
            again.add(len(out))
        out.append(a)
    if any(len(a.countries) < 2 for a in out) and not _told_apart(out):
        return []
    distinct = {(frozenset(a.countries), a.date and a.date.value, k if k in again else None) for k, a in enumerate(out)}
    return out if len(distinct) == len(out) else []


# ", two days after ...", ", since ...": a clause at a distance from the sentence's time
_OFFSET_OR_SINCE = re.compile(r",?\s*(?:(?:a few|a|two|three|several|beberapa|dua|tiga)\s+(?:days?|weeks?|hari|pekan|minggu)|"
                              r"sehari|since|sejak|semenjak)\b", re.IGNORECASE)
_FRONTED = re.compile(r"\W*(?:on|in|at|last|earlier|pada|di|sur|le)?\s*$", re.IGNORECASE)


def _fronted_date(s: Sent):
    """The date the sentence opens with, set off by a comma ("Last week, ...", "Pada Senin, ..."):
    the time of all its clauses."""
    start = max(s.start, s.dateline_end)
    for d in s.dates:
        if d.value and _FRONTED.fullmatch(s.text[start - s.start:d.start - s.start]) \
                and s.text[d.end - s.start:].lstrip().startswith(","):
            return d
    return None
