"""One sentence's report of a meeting (an anchor): its cue words, parties, mechanism, date,
place and flags, with the phrases that point back at a meeting already told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from qa_app.extract.rules.document import QUOTED, Doc, Sent, per_sentence
from qa_app.extract.rules.intervals import PRECISION, ends_before, mech_family, precision_rank, starts_after
from qa_app.extract.rules.lexicon import TOKEN, title_words
from qa_app.text.stopwords import stopwords

NEAR_CHARS = 120  # a date or place this close to the meeting words belongs to them


_UNTIL = re.compile(r"^(?:until|till|by|sehingga|hingga|sampai|jusqu)\b", re.IGNORECASE)


SINCE = re.compile(r"^(?:since|sejak|semenjak|depuis)\b", re.IGNORECASE)




@dataclass
class Anchor:
    pos: int
    sid: str
    countries: set[str]
    people: list
    mech: object = None
    date: object = None
    place: object = None
    planned: bool = False
    referenced: bool = False
    both: bool = False
    pronoun: bool = False
    summit: bool = False
    visit: bool = False
    call: bool = False
    strong: bool = False  # a meeting word of its own (talks, visit, bertemu), not only "held"
    both_count: int | None = None  # "the three leaders" -> 3
    topics: list[str] = field(default_factory=list)
    same_day: bool = False  # "also met X on the same day": another meeting than the one told before
    another: bool = False  # "Modi also held talks with ...", "Jokowi kemudian menerima ...": a further meeting
    separate: bool = False  # "held separate talks with Isaias": a meeting apart from the one of all parties
    side: bool = False  # "on the sidelines of the summit": a meeting beside the forum, not the forum
    invited: bool = False  # "invited Xi to pay a visit": the meeting word is what someone was invited to
    arrival: bool = False  # "Li arrived on Tuesday for a three-day visit": the start of a visit
    signing: bool = False  # only a signing by both sides tells it: part of the meeting told nearby

    @property
    def bare(self) -> bool:
        return self.mech is None and not self.people and self.date is None


_DAY_POSSESSIVE = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)['’]s\s+"
                             r"(?:[a-z-]+\s+)?$", re.IGNORECASE)


def same_day_told(doc: Doc, s: Sent) -> bool:
    """"Later that day ...", "pada hari yang sama", "afterwards": the sentence tells its meeting on the
    day of one told before; not when "afterwards" dates a report ("told a news conference afterwards
    that contacts would resume")."""
    compl = {i for i, _, _ in s.get("complementizers")}
    return any(j not in compl or not doc.low[i].startswith("afterward") for i, j, _ in s.get("same_day"))


def day_possessive(doc: Doc, s: Sent) -> bool:
    """A meeting word after a day's possessive ("Monday's meeting") in the sentence."""
    return any(_DAY_POSSESSIVE.search(doc.ctx.text, max(s.start, doc.char(i) - 40), doc.char(i))
               for i, _, _ in s.get("meeting_nouns"))


# Indonesian and Malay have no article: a sentence that opens with a bare meeting word as the subject of a
# passive or intransitive verb ("Pertemuan dipimpin bersama oleh ...", "Rangkaian pertemuan ditutup ...",
# "Pertemuan berlangsung dua jam") goes on about the meeting just told.
_BARE_SUBJECT_LANGS = {"id", "ms"}
_SERIES = {"rangkaian", "seluruh", "sesi", "siri"}
_PASSIVE = re.compile(r"^di(?!a$|mana$|ri$|sini$|situ$|sana$)[a-z]{3,}$")
_INTRANSITIVE = {"berlangsung", "berjalan", "berakhir", "bermula", "dimulai"}


def _bare_subject(doc: Doc, s: Sent) -> list[tuple[int, int]]:
    if doc.ctx.language not in _BARE_SUBJECT_LANGS:
        return []
    first = doc.tok(max(s.start, s.dateline_end))
    for i, j, _ in s.get("meeting_nouns"):
        if i > first + 2 or any(doc.low[k] not in _SERIES for k in range(first, i)):
            continue
        if j < len(doc.low) and doc.char(j) < s.end and (_PASSIVE.match(doc.low[j]) or doc.low[j] in _INTRANSITIVE):
            return [(first, j)]
    return []


def anaphora_spans(doc: Doc, s: Sent) -> list[tuple[int, int]]:
    """Token spans of phrases pointing back at a meeting: 'dialog tersebut', 'the meeting'."""
    out = _bare_subject(doc, s)
    after = {i for i, _, _ in s.get("anaphora_after")}
    breakers = {i for i, _, _ in s.get("np_breakers")}
    before = {j: i for i, j, _ in s.get("anaphora_before")}
    the = {j: i for i, j, _ in s.get("anaphora_the")}
    for i, j, _ in s.get("meeting_nouns"):
        det = the.get(i, next((before[k] for k in (i, i - 1, i - 2) if k in before), None))
        if det is not None:
            out.append((det, j))  # "the meeting", "this dialogue", "that first round"
            continue
        day = _DAY_POSSESSIVE.search(doc.ctx.text, max(s.start, doc.char(i) - 40), doc.char(i))
        if day is not None:
            out.append((doc.tok(day.start()), j))  # "Monday's meeting", "Tuesday's talks": the one of that day
            continue
        for k in range(j, min(j + 5, len(doc.low))):
            if k in after:
                out.append((i, k + 1))
                break
            if k in breakers or doc.char(k) >= s.end:
                break
    return out


def founding(doc: Doc, s: Sent) -> list:
    """The founding verbs of the sentence ('launched', 'didirikan'), not those of a since-phrase: "since
    Moscow launched its invasion" tells what the meeting is the first since, and founds nothing."""
    return [f for f in s.get("founding") if not in_since_phrase(doc, s, doc.char(f[0]))]


def founding_only(doc: Doc, s: Sent, ana: list[tuple[int, int]]) -> bool:
    """A founding verb ('launched', 'didirikan') with no meeting word of its own before it."""
    found = founding(doc, s)
    if not found:
        return False
    strong, _ = _cues(doc, s, ana)
    # "..., where producers had set up stands, and held a brief meeting with Li": a clause of its own
    own_clause = any(i > found[0][1] and _NEXT_CLAUSE.search(doc.ctx.text, doc.tend[found[0][1] - 1], doc.char(i))
                     for i, _ in strong)
    return not any(i < found[0][0] for i, _ in strong) and when_clause(doc, s, ana) is None and not own_clause


_NEXT_CLAUSE = re.compile(r",\s*(?:and|dan|serta|then|lalu|kemudian)\s+(?:then\s+|later\s+)?"
                          r"(?:held|met|hosted|received|visited|called|spoke|menggelar|bertemu|menerima|mengadakan)\b",
                          re.IGNORECASE)


def when_clause(doc: Doc, s: Sent, ana: list[tuple[int, int]]) -> int | None:
    """Char offset of a clause of time after a founding verb that holds a meeting word ("... was
    established when Xi visited Wellington", "launched an initiative as the Quad met"): that
    clause tells a meeting of its own, dated by its own words."""
    found = founding(doc, s)
    if not found:
        return None
    strong, _ = _cues(doc, s, ana)
    for i, _ in strong:
        k = next((k for k in range(found[0][1], i) if doc.low[k] in _WHEN), None)
        if k is not None:
            return doc.char(k)
    return None


_WHEN = frozenset({"when", "as", "while", "during", "ketika", "saat", "sewaktu", "tatkala", "semasa", "lorsque"})


def _inside(doc: Doc, m, spans: list[tuple[int, int]]) -> bool:
    return any(doc.char(i) <= m.start and m.end <= doc.tend[j - 1] for i, j in spans)


@per_sentence
def topic_start(doc: Doc, s: Sent) -> int:
    """Char offset from which named states are topics ('talks on the crisis in Ukraine'), else the
    end. A topic that opens the sentence before its meeting word ('Krisis Myanmar mendominasi
    Pertemuan Menlu ASEAN ...') is `leading_topic`: what follows the meeting word is no topic."""
    # "comes about two weeks before ...", "about 50 delegates": "about" before a number counts, names no topic
    marks = [h for h in s.get("topic_markers") if not (h[1] < len(doc.low) and _APPROXIMATE.fullmatch(doc.low[h[1]]))]
    cue = _first_cue(doc, s)
    fronted = fronted_topic(doc, s)
    after = [doc.char(i) for i, _, _ in marks if (cue is None or doc.char(i) > cue)
             and not (fronted and fronted[0] <= doc.char(i) < fronted[1])]
    # "..., days before a visit to Taipei by ...": what happened around it, no party or place of this meeting
    after += [s.start + m.start() for m in _TIME_APART.finditer(s.text) if cue is not None and s.start + m.start() > cue]
    after += [s.start + m.start() for m in _ASIDE.finditer(s.text) if cue is not None and s.start + m.start() > cue]
    after += [at for at in _semicolon_asides(doc, s) if cue is not None and at > cue]
    after += [at for at in _when_asides(doc, s) if cue is not None and at > cue]
    return min(after) if after else s.end


# ", when Vietnam raised its ties with Washington to ...", ", ketika kedua negara ...": a clause
# that dates the meeting by what else happened then
_WHEN_CLAUSE = re.compile(r",\s*(?:when|as|ketika|saat|semasa|tatkala|apabila|lorsque|quand)\b", re.IGNORECASE)


def _when_asides(doc: Doc, s: Sent) -> list[int]:
    """Starts of 'when' clauses after the meeting word with no meeting word and no person of their
    own: the states they name did something else at that time ("Biden visited Hanoi in September,
    when Vietnam raised its ties with Washington to the status China already enjoys"). One that
    tells a meeting ("..., when Xi visited Pyongyang") or who was there ("..., apabila Ismail Sabri
    dan Jokowi menyaksikan ...") does not."""
    cuts = [s.start + m.start() for m in _WHEN_CLAUSE.finditer(s.text)]
    if not cuts:
        return []
    cues = [doc.char(i) for cls in ("meet", "call", "visit") for i, _, _ in s.get(cls)]
    return [a for a in cuts if not any(c > a for c in cues) and not any(p.start > a for p in s.people)]


def _semicolon_asides(doc: Doc, s: Sent) -> list[int]:
    """"... sat down for talks; their only earlier contact had been a short exchange at the ASEAN
    gathering in Indonesia": a clause after a semicolon with no meeting word and no person tells
    something else. One that lists who took part ("; among them were the US president, Joe Biden")
    or tells a meeting of its own does not."""
    if ";" not in s.text:
        return []
    cuts = [s.start + m.start() for m in re.finditer(";", s.text)]
    cues = [doc.char(i) for cls in ("meet", "call", "visit") for i, _, _ in s.get(cls)]
    out = []
    for a, b in zip(cuts, cuts[1:] + [s.end]):
        if not any(a < c < b for c in cues) and not any(a < p.start < b for p in s.people):
            out.append(a)
    return out


_APPROXIMATE = re.compile(r"\d[\d.,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozens|hundreds|"
                          r"thousands|half|dua|tiga|empat|lima|setengah|seratus|ribuan", re.IGNORECASE)


_TIME_APART = re.compile(r",\s*(?:just\s+|only\s+)?(?:a few|a couple of|several|two|three|\d+|a|beberapa|dua|tiga)?\s*"
                         r"(?:days?|weeks?|months?|hours?|hari|pekan|minggu|bulan|jam)\s+(?:before|after|ahead of|"
                         r"sebelum|setelah|sesudah|menjelang)\b"
                         # "... at the Great Hall a day after his talks with President Xi": another meeting, counted from
                         r"|\s(?:a|one|two|three|a few|several|\d+|sehari|dua|tiga|beberapa)\s+(?:days?|weeks?|hari|pekan|minggu)?\s*"
                         r"(?:after|before|setelah|sesudah|sebelum)\s+(?:his|her|their|its|the|pertemuan|pembicaraan|"
                         r"kunjungan)\s*(?:\w+\s+)?(?:talks|meeting|visit|call|summit|pertemuan|pembicaraan|kunjungan)?\b"
                         # "His talks with Lavrov came days before Pakistan was due to receive ...": what came after
                         r"|\s(?:came|comes|come)\s+(?:just\s+|only\s+)?(?:a few|a|two|three|\d+|several)?\s*"
                         r"(?:days?|weeks?|months?|hours?)\s+(?:before|after|ahead of)\b",
                         re.IGNORECASE)


# "..., but he called off the trip, citing the escalation between Iran and Israel": a clause of
# contrast or cause after the meeting word tells what went on around it, not who met
_ASIDE = re.compile(r",\s*(?:but|whereas|although|though|because|tetapi|namun|padahal|meskipun|walaupun|karena|"
                    r"kerana)\b|\s+but\s+", re.IGNORECASE)


@per_sentence
def fronted_topic(doc: Doc, s: Sent) -> tuple[int, int] | None:
    """'Soal modernisasi, Amerika Serikat berjanji ...', 'Regarding Gaza, the two leaders ...': a
    topic word opening the sentence names what the sentence is about up to its first comma; the
    states after the comma are the ones that act."""
    start = max(s.start, s.dateline_end)
    first = next((i for i, _, _ in s.get("topic_markers") if not doc.ctx.text[start:doc.char(i)].strip()), None)
    if first is None:
        return None
    comma = doc.ctx.text.find(",", doc.char(first), s.end)
    cue = _first_cue(doc, s)
    if comma < 0 or (cue is not None and cue < comma) or len(TOKEN.findall(doc.ctx.text, doc.char(first), comma)) > 10:
        return None
    return (doc.char(first), comma)


@per_sentence
def leading_topic(doc: Doc, s: Sent) -> tuple[int, int] | None:
    """The span from a topic word that comes before the first meeting word to that word (or, for a
    topic opening the sentence, to its comma)."""
    fronted = fronted_topic(doc, s)
    if fronted is not None:
        return fronted
    cue = _first_cue(doc, s)
    # "Putin flew on to Vietnam for a state visit": the onward stop before the meeting word is where it is
    first = next((doc.char(i) for i, j, _ in s.get("topic_markers") if cue is not None and doc.char(i) < cue
                  and doc.low[i:j] != ["on", "to"]), None)
    return (first, cue) if first is not None else None


@per_sentence
def reported_speech_start(doc: Doc, s: Sent) -> int:
    """Where what someone said begins, when the sentence states its meeting before the verb of speech
    and nothing after it is a meeting ("Kuleba, who spoke by phone with Blinken the day before, said
    Russia was still seeking Ukraine's surrender"); else the sentence's end."""
    cues = sorted(doc.char(i) for cls in ("meet", "call", "visit") for i, _, _ in s.get(cls))
    if not cues:
        return s.end
    for _, j, _ in sorted(s.get("speech")):
        said = doc.tend[j - 1]
        if cues[0] < said and not any(c >= said for c in cues):
            return said
    return s.end


@per_sentence
def _first_cue(doc: Doc, s: Sent) -> int | None:
    cues = [doc.char(i) for cls in ("meet", "call", "visit") for i, _, _ in s.get(cls)]
    asides = relative_asides(doc, s)  # "X, whose trip is a state visit, flies on to Y for talks": not the aside's
    outside = [c for c in cues if not any(a <= c < b for a, b in asides)]
    return min(outside or cues) if cues else None


def party_countries(doc: Doc, s: Sent, skip: list[tuple[int, int]] = (), from_topic: bool = False) -> list:
    """Country mentions that can be a party: not topics, not a place's apposition, not the dateline,
    not where someone came from. `from_topic`: the caller's clause lies past the meeting's topic start
    ("... came two days after India and Saudi Arabia announced ..."), so that start cuts nothing."""
    topic = s.end if from_topic else topic_start(doc, s)
    leading = leading_topic(doc, s)
    # "setelah Norwegia" is a stop told before; "setelah Thailand bulan lalu menjamu ..." opens a clause
    origins = [doc.tend[j - 1] for i, j, _ in s.get("origin") if not _clause_after_when_word(doc, s, i, j)]
    nouns = {i for i, _, _ in s.get("meeting_nouns")}
    out = []
    for m in s.countries:
        if m.start >= topic or m.start < s.dateline_end or (skip and _inside(doc, m, skip)):
            continue
        if leading and leading[0] <= m.start < leading[1]:
            continue  # "Krisis Myanmar mendominasi pertemuan ...": the crisis's state is what is discussed
        if any(0 <= m.start - end <= 2 for end in origins) or _opening_origin(doc, s, m):
            continue  # "Sepulang dari AS", "arrived from Seoul", "Dari Pakistan, ...": where someone came from
        if _absent(doc, s, m) or _venue_capital(doc, s, m) or in_since_phrase(doc, s, m.start):
            continue
        if _posted_to(doc, s, m):
            continue  # "Dubes RI untuk Kenya, yang juga merangkap untuk Uganda dan Somalia": an envoy's posting
        if _after_cue(doc, s, m, "topic_prepositions", 2):
            continue  # "their differences over Ukraine", "sanksi terhadap Rusia": what is argued about
        if m.extra.get("via") == "capital" and doc.tok(m.end) in nouns:
            continue  # "the Riyadh talks": the city names where, not who
        if any(0 <= m.start - p.end <= 2 and doc.ctx.text[p.end:m.start].strip() in (",", "")
               and p.extra.get("country") in (m.value, None) for p in s.places):
            continue  # "Samarkand, Uzbekistan", "Provinsi Fujian, China timur"
        out.append(m)
    return out


_BETWEEN_ABSENT = frozenset({"both", "the", "any", "a", "an", "and", "or", "of", "nor", "either", "pihak", "dari", "de", "la", "l"})


def _after_cue(doc: Doc, s: Sent, m, cls: str, reach: int, filler: frozenset[str] = frozenset()) -> bool:
    """A `cls` cue ends at most `reach` tokens before country mention `m`, with only small words,
    `filler` words and other states between ("no Ukrainian", "the absence of both Europe and")."""
    k = doc.tok(m.start)
    return any(j <= k and k - j <= reach and all(w in _BETWEEN_ABSENT or w in filler or not w.isalpha()
                                                 or _in_country(s, doc.char(t))
                                                 for t, w in enumerate(doc.low[j:k], start=j))
               for _, j, _ in s.get(cls))


def _absent(doc: Doc, s: Sent, m) -> bool:
    """A state named as not taking part: "with no Ukrainian representative in the room", "the absence
    of both Europe and Ukraine", "tanpa kehadiran Myanmar"."""
    return _after_cue(doc, s, m, "absent_parties", 4)


def _posted_to(doc: Doc, s: Sent, m) -> bool:
    """The state is an envoy's posting ("Ambassador to Kenya"), or one of a list that follows one."""
    return _after_cue(doc, s, m, "posting", 12, _POSTING_FILLER)


_POSTING_FILLER = frozenset({"republik", "demokratik", "kerajaan", "republic", "democratic", "kingdom", "untuk", "to",
                             "dan", "serta"})


def in_since_phrase(doc: Doc, s: Sent, offset: int) -> bool:
    """"the first call between the two leaders since Russia's invasion": what a "since" phrase names (up
    to its comma) dates the meeting, it takes no part in it."""
    for i, j, _ in s.get("since_words"):
        start = doc.char(j)
        stop = re.search(r"[,;]|$", doc.ctx.text[start:s.end]).start() + start
        if start <= offset < stop:
            return True
    return False


_OPENING_FROM = re.compile(r"\W*(?:from|dari|depuis)\s+$", re.IGNORECASE)


_WHEN_WORDS = frozenset({"setelah", "sesudah", "selepas"})
_VERB_FORM = re.compile(r"^(?:me|ber|di)[a-z]{4,}$")


def _clause_after_when_word(doc: Doc, s: Sent, i: int, j: int) -> bool:
    """"setelah Thailand bulan lalu menjamu ...": a when-word whose state is the subject of a verb
    within the next few words opens a clause (who acted), not the stop a trip came from."""
    if j - i != 1 or doc.low[i] not in _WHEN_WORDS:
        return False
    for k in range(j + 1, min(j + 6, len(doc.low))):
        if doc.char(k) >= s.end or doc.ctx.text[doc.tend[k - 1]:doc.char(k)].strip() or not doc.low[k][:1].isalnum():
            return False  # "setelah Indonesia, Ramaphosa akan ...": the comma closes the stop
        if _VERB_FORM.match(doc.low[k]):
            return True
    return False


def _opening_origin(doc: Doc, s: Sent, m) -> bool:
    """"Dari Pakistan, Jokowi bertolak ke Dhaka", "From Hanoi, she flew on to ...": the sentence
    opens with where the journey it tells came from."""
    return bool(_OPENING_FROM.fullmatch(doc.ctx.text, s.start, m.start)) and doc.ctx.text[m.end:m.end + 1] == ","


def _in_country(s: Sent, offset: int) -> bool:
    return any(c.start <= offset < c.end for c in s.countries)


def _venue_capital(doc: Doc, s: Sent, m) -> bool:
    """"in the Saudi capital", "di ibu kota Arab Saudi": a state's capital is where, not who."""
    k, e = doc.tok(m.start), doc.tok(m.end)
    preps = {j for _, j, _ in s.get("location_prepositions")}
    for i, j, _ in s.get("venue_capital"):
        if j == k and (i in preps or i - 1 in preps):
            return True  # "di ibu kota Arab Saudi"
        if i == e and (k in preps or k - 1 in preps or k - 2 in preps):
            return True  # "in the Saudi capital"
    return False


def sentence_participants(doc: Doc, s: Sent, first_cue: int) -> list:
    """People of the sentence, without speakers who report the meeting."""
    out = []
    compl = {i for i, _, _ in s.get("complementizers")}
    attrib_end = {j for _, j, _ in s.get("attribution")}
    topic = topic_start(doc, s)
    for p in s.people:
        if not p.value or p.start >= topic:
            continue
        pt = doc.tok(p.extra.get("phrase_start", p.start))
        if (pt in attrib_end or pt - 1 in attrib_end) and not _subject_of_report(doc, s, p, pt, first_cue):
            continue  # "Menurut Abdul Kadir Jailani, ...", "kata Sun"
        if any(p.end <= doc.char(i) < first_cue and ({j, j + 1} & compl) for i, j, _ in s.get("speech")):
            continue  # "Jailani juga menambahkan bahwa dialog ini ..."
        if p.start > first_cue and in_since_phrase(doc, s, p.start):
            continue  # "... met for the second time since President Donald Trump returned to office"
        full = doc.full_people.get(p.value, p)
        if not p.extra.get("role"):
            p = full
        elif not p.extra.get("country") and full.extra.get("country"):
            p = replace(p, extra={**p.extra, "country": full.extra["country"], "country_via": full.extra.get("country_via")})
        out.append(p)  # the person's state, settled where the text says it
    return out


def _subject_of_report(doc: Doc, s: Sent, p, pt: int, first_cue: int) -> bool:
    """"Bruce said Secretary of State Marco Rubio ... would meet the Russian delegation": after a
    speech verb, a name that the meeting words follow in the same clause is what is reported."""
    verb = next((i for i, j, _ in s.get("speech") if j in (pt, pt - 1)), None)
    if verb is None or first_cue <= p.end:
        return False
    if not re.search(r"\w\s*$", doc.ctx.text[s.start:doc.char(verb)]):
        return False  # '"...," kata Retno dalam sambutannya': the speaker of a quote
    between = doc.ctx.text[p.end:first_cue]
    return not re.search(r"[;:\"“”]|,\s+(?!and\b|dan\b)[a-z]", between)  # "said Sun, adding that ..."


_COUNT_WORD = r"(?:two|three|four|five|six|seven|eight|dua|tiga|empat|lima|enam|tujuh|delapan|\d)"
_REGION = (r"(?:Asia Tenggara|Southeast Asia|South-East Asia|Asia Tengah|Central Asia|Asia Selatan|South Asia|"
           r"Timur Tengah|Asia Barat|Middle East|Gulf|Teluk|Afrika|Africa|Eropa|Eropah|Europe|Amerika Latin|"
           r"Latin America|Pasifik|Pacific|Balkans?|Caucasus|Kaukasus|Scandinavia|Asia)")
_TRIP_OF_N = re.compile(rf"\b(?:lawatan|kunjungan|jelajah|perjalanan|tour|trip|visits?|swing)\b[^.,;]{{0,30}}?\b(?:ke|to|of)\s+"
                        rf"{_COUNT_WORD}\s+(?:negara|negeri|countries|nations)\b"
                        rf"|\b{_COUNT_WORD}[- ](?:nation|country|negara)\s+(?:tour|trip|swing|lawatan)\b"
                        # "lawatan ke Asia Tenggara", "a tour of the Middle East": a trip to a region
                        rf"|\b(?:lawatan|kunjungan|jelajah|perjalanan|tour|trip|swing)(?:nya)?\s+(?:ke|to|of|through|across)\s+"
                        rf"(?:the\s+)?(?:kawasan\s+|wilayah\s+|rantau\s+)?{_REGION}\b", re.IGNORECASE)


_YEARS_OF = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|many|several|dua|tiga|empat|"
                       r"lima|belasan|puluhan|beberapa)\s+(?:years?|decades?|months?|tahun|dekade|bulan)\s+(?:of\s+)?"
                       r"(?:(?:intensive|intense|difficult|tough|on-and-off|alot|intensif|panjang|berliku)\s+)?"
                       r"(?:talks|negotiations?|negosiasi|perundingan|rundingan|pembicaraan)\b"
                       r"|\b(?:bertahun-tahun|berbulan-bulan)\s+(?:negosiasi|perundingan|rundingan)\b", re.IGNORECASE)


def names_a_trip(text: str) -> bool:
    """The text tells of a trip of several stops ("lawatan ke lima negara", "a three-nation tour")."""
    return bool(_TRIP_OF_N.search(text))


_PRESS_BEFORE = re.compile(r"\b(?:news|press|media)\s+$", re.IGNORECASE)
_PRESS_AFTER = re.compile(r"\s+(?:media|akhbar|pers|de\s+presse)\b", re.IGNORECASE)
_JOINT = re.compile(r"\b(?:joint|together|bersama|conjointe?)\b", re.IGNORECASE)


def _press_event(doc: Doc, s: Sent, i: int, j: int) -> bool:
    """A news conference or media briefing, unless held jointly by the parties ("a joint news
    conference", "sidang media bersama"), which tells that they met."""
    start, end = doc.char(i), doc.tend[j - 1]
    press = _PRESS_BEFORE.search(doc.ctx.text, max(s.start, start - 12), start) or _PRESS_AFTER.match(doc.ctx.text, end)
    if not press:
        return False
    return not _JOINT.search(doc.ctx.text, max(s.start, start - 20), min(s.end, end + 30))


_STATUS_AFTER = frozenset({"partner", "partners", "partnership", "status"})
_STATUS_BEFORE = frozenset({"mitra", "rakan"})
_CROWD_FILLER = frozenset({"the", "a", "an", "with", "dengan", "para", "its", "his", "her"})


_SIGNED = re.compile(r"\b(?:signed|inked|put their (?:names|signatures) to|menandatangani|meneken|menandatangan)\b",
                     re.IGNORECASE)
_WILL_OR_TO = re.compile(r"\b(?:will|would|to|plan|plans|akan|hendak|bakal)\s+$", re.IGNORECASE)


def _signing_together(doc: Doc, s: Sent) -> list[tuple[int, int]]:
    """"Britain and Germany signed a defence agreement in London on Wednesday", "Healey and his German
    counterpart Pistorius put their names to the pact at ...": two states, or people of two states,
    signing together at a stated place or on a stated day meet (not "signed ... last year"). A signing alone (an accord signed
    with no place or day, or by one side) is no meeting."""
    m = _SIGNED.search(s.text)
    if m is None or _WILL_OR_TO.search(s.text[:m.start()]):
        return []
    at = s.start + m.start()
    if any(doc.char(i) < at for i, _, _ in s.get("planned")):
        return []  # "berencana segera meneken ...": a signing still to come is no meeting by itself
    subject_from = max(s.start, s.dateline_end)
    if len(_signers(doc, s, doc.tok(at))) < 2 or re.search(r"[;:]|\bwith\b|\bdengan\b", doc.ctx.text[subject_from:at]):
        return []
    where_or_when = any(p.start > at for p in s.places) or any(d.start > at and d.value and precision_rank(d) >= PRECISION["day"]
                                                               for d in s.dates)
    if not where_or_when:
        return []
    i = doc.tok(at)
    return [(i, i + 1)]


def _signers(doc: Doc, s: Sent, verb: int) -> set[str]:
    at, start = doc.char(verb), max(s.start, s.dateline_end)
    return ({c.value for c in s.countries if start <= c.start < at and c.value}
            | {p.extra["country"] for p in s.people if start <= p.start < at and p.extra.get("country")})


def _cues(doc: Doc, s: Sent, consumed: list[tuple[int, int]]) -> tuple[list, list]:
    """(strong, weak) meeting cue hits outside anaphoric phrases and not used abstractly."""
    abstract_end = {j for _, j, _ in s.get("abstract_verbs")}
    strong, weak = [], []
    for i, j, label in s.get("meet"):
        if any(a <= i < b for a, b in consumed):
            continue
        if label == "strong" and (i in abstract_end or i - 1 in abstract_end):
            continue  # "strengthen dialogue", "mekanisme konsultasi"
        if (j < len(doc.low) and doc.low[j] in _STATUS_AFTER) or (i > 0 and doc.low[i - 1] in _STATUS_BEFORE):
            continue  # "the bloc's dialogue partners", "mitra dialog ASEAN": a standing, not a meeting
        if doc.low[j - 1] == "in" and not (j < len(doc.low) and doc.ctx.text[doc.char(j)].isupper()
                                           and not any(d.start <= doc.char(j) < d.end for d in s.dates)):
            continue  # "due in Delhi" is a visit to come; "due in 2027", "expected in March" are not
        if _press_event(doc, s, i, j):
            continue  # "told a news conference", "sidang media": the press is briefed, no states meet
        if _DOCUMENT_ON.search(doc.ctx.text, max(s.start, doc.char(i) - 90), doc.char(i)):
            continue  # "a memorandum of understanding on the Strategic Economic Dialogue": what a document is about
        if label != "strong" and _thing_received(doc, s, i, j):
            continue  # "Brazil welcomed the Chinese position paper": a thing is welcomed, nobody is received
        if _urges(doc, s, i, j):
            continue  # "Yoon called on China to act constructively": an appeal, not a courtesy call
        (strong if label == "strong" else weak).append((i, j))
    strong += [(i, j) for i, j, _ in s.get("call") if not any(a <= i < b for a, b in consumed)]  # "by telephone"
    strong += [c for c in called_person(doc, s) + seen_person(doc, s) if not any(a <= c[0] < b for a, b in consumed)]
    strong += [c for c in _signing_together(doc, s) if not any(a <= c[0] < b for a, b in consumed)]
    # "bertemu masyarakat India", "met the Indian community": a meeting with people, not with a state
    crowd = [i for i, _, _ in s.get("community")]

    def with_people(j: int) -> bool:
        return any(0 <= k - j <= 2 and all(doc.low[t] in _CROWD_FILLER or _in_country(s, doc.char(t)) for t in range(j, k))
                   for k in crowd)
    strong, weak = ([(i, j) for i, j in cues if not with_people(j)] for cues in (strong, weak))
    # "lawatan ke lima negara", "a three-nation tour": the trip of several stops is no meeting itself
    trips = [(s.start + m.start(), s.start + m.end()) for m in _TRIP_OF_N.finditer(s.text)]
    # "menutup 12 tahun negosiasi", "after two decades of talks": how long a process took, no meeting
    trips += [(s.start + m.start(), s.start + m.end()) for m in _YEARS_OF.finditer(s.text)]
    strong, weak = ([(i, j) for i, j in cues if not any(a <= doc.char(i) < b for a, b in trips)]
                    for cues in (strong, weak))
    # "Japarov, whose trip also has the status of a state visit, is due to fly on to Beijing for talks
    # with Li Qiang": a relative clause set off by commas tells of its subject, when the sentence has
    # a meeting word of its own
    asides = relative_asides(doc, s)
    outside = [(i, j) for i, j in strong + weak if not any(a <= doc.char(i) < b for a, b in asides)]
    if asides and outside:
        strong, weak = ([c for c in cues if c in outside] for cues in (strong, weak))
    return sorted(strong), weak


_RELATIVE_ASIDE = re.compile(r",\s*(?:who|whose)\b[^,;:()\"“”]{3,160}?,", re.IGNORECASE)


def relative_asides(doc: Doc, s: Sent) -> list[tuple[int, int]]:
    """Character spans of relative clauses set off by commas that tell of a person alone (", who
    arrived from Israel on his first tour,", ", whose trip is a state visit,"); not one naming
    someone else (", who received President Widodo on Monday,": a meeting of its own)."""
    if s.asides is None:
        spans = [(s.start + m.start(), s.start + m.end()) for m in _RELATIVE_ASIDE.finditer(s.text)]
        s.asides = [(a, b) for a, b in spans if not any(a <= p.start < b for p in s.people)]
    return s.asides


_RECEPTION = frozenset({"welcomed", "welcomes", "welcome", "received", "receives", "receiving", "menerima",
                        "menyambut", "diterima"})
# what may stand between the verb and the one received: articles, possessives, the words of a visitor
_BEFORE_OBJECT = frozenset({"the", "a", "an", "his", "her", "their", "its", "own", "s", "para", "sang", "new",
                            "visiting", "newly", "elected", "incoming", "outgoing", "top", "senior", "former", "each",
                            "all", "both", "langsung", "secara", "resmi"})
# a preposition right after the verb ("was received by", "welcomed in Beijing"): no object to judge
_NO_OBJECT = frozenset({"by", "at", "in", "on", "to", "from", "with", "after", "before", "during", "upon", "as",
                        "oleh", "di", "ke", "dari", "pada", "dalam", "sebagai", "dengan"})
_VISITOR_NOUNS = frozenset({"leader", "leaders", "guest", "guests", "delegation", "delegations", "visitor", "visitors",
                            "envoy", "envoys", "official", "officials", "counterpart", "counterparts", "him", "her",
                            "them", "me", "us", "head", "heads", "chief", "chiefs", "king", "queen", "emir", "sultan",
                            "crown", "prince", "visit", "call", "courtesy", "kunjungan", "delegasi", "rombongan",
                            "tamu", "mitranya", "kehormatan", "lawatan", "beliau", "panggilan", "telepon",
                            "phone", "telephone"})


_CALL_ON = frozenset({"call", "calls", "called", "calling"})
# "called on China to act", "calls on all parties to show restraint": a noun phrase with no preposition
# or clause break between "on" and "to" and a verb after it
_APPEAL_TAIL = re.compile(r"\s+((?:[\w'’.-]+\s+){0,5}?)to\s+[a-z]+", re.IGNORECASE)
_NOT_IN_APPEAL = frozenset({"at", "in", "on", "during", "after", "before", "and", "di", "pada", "with", "who", "which"})


def _urges(doc: Doc, s: Sent, i: int, j: int) -> bool:
    """"called on China to act", "called on more countries to play a role": "call on" followed by whom
    it appeals to and what it asks of them is an appeal. The one appealed to names no person, so
    "called on President Murmu" and "called on Prabowo at his hotel to brief him" stay visits."""
    if j - i != 2 or doc.low[i] not in _CALL_ON or doc.low[i + 1] != "on":
        return False
    end = doc.char(j - 1) + 2
    m = _APPEAL_TAIL.match(doc.ctx.text, end, s.end)
    if m is None or any(w.lower() in _NOT_IN_APPEAL for w in m.group(1).split()):
        return False
    who = (end, end + len(m.group(1)))
    return not any(who[0] <= p.start < who[1] for p in s.people)


def _thing_received(doc: Doc, s: Sent, i: int, j: int) -> bool:
    """"welcomed the Chinese position paper", "welcomed Brazil's own peace efforts", "menerima
    penghargaan": the word after a welcoming verb (past articles, states and possessives) is a
    lower-case common noun that names no visitor, so the verb tells of a thing, not of a meeting."""
    if j - i != 1 or doc.low[i] not in _RECEPTION:
        return False
    text, stop = doc.ctx.text, stopwords(doc.ctx.language)
    for t in range(j, min(j + 8, len(doc.low))):
        at = doc.char(t)
        if at >= s.end:
            return False
        w = doc.low[t]
        if w in _BEFORE_OBJECT or w in ("'", "’") or _in_country(s, at):
            continue
        if any(p.start <= at < p.end for p in s.people) or w in _VISITOR_NOUNS or w in _NO_OBJECT \
                or w in title_words():
            return False
        return w.isalpha() and len(w) > 2 and text[at].islower() and w not in stop
    return False


_DOCUMENT_ON = re.compile(r"\b(?:memorand(?:um|a)(?:\s+of\s+understanding)?|MoUs?|agreements?|protocols?|nota\s+"
                          r"kesepahaman|perjanjian|persetujuan|nota|protokol)\s+(?:on|about|concerning|regarding|"
                          r"tentang|mengenai|terkait|soal|sur|relatif\s+à)\s+(?:the\s+)?(?:[\w’'–-]+\s+){0,6}$",
                          re.IGNORECASE)


_WISHED = re.compile(r"\b(?:hopes?|hoped|hoping|wants?|wanted|would like|wish(?:es|ed)?)\s+to\s+(?:(?:see|meet|visit|host|"
                     r"welcome|receive|attend|travel|come|go|hold|sit down)\b(?:\s+[\w'’-]+){0,6}?\s+)?$|"
                     r"\blook(?:s|ed|ing)?\s+forward\s+to(?:\s+[\w'’-]+){0,4}\s+$|"
                     r"\b(?:ingin|berharap\s+(?:dapat|bisa)|hendak|berhasrat|mahu)\s+$", re.IGNORECASE)


def _in_aside(doc: Doc, s: Sent, tok: int, cue_tok: int) -> bool:
    """The token sits in a part set off by commas before the meeting word ("Albanese, the first
    leader Biden has invited into his home, spent 90 minutes with ..."): said of someone, not the meeting."""
    text = doc.ctx.text
    at, cue = doc.char(tok), doc.char(cue_tok)
    opened = text.rfind(",", s.start, at)
    closed = text.find(",", at, cue)
    return opened >= 0 and closed >= 0 and bool(_APPOSITION_OPENS.match(text, opened + 1, at))


_APPOSITION_OPENS = re.compile(r"\s*(?:the|a|an|who|whom|whose|which|yang|sang|seorang)\b", re.IGNORECASE)


def find_anchor(doc: Doc, s: Sent, ana: list[tuple[int, int]], loose: bool = False, host: bool = True) -> Anchor | None:
    """The meeting this sentence reports; `loose`: any meeting word will do (the caller knows the parties);
    `host`: the state of the meeting's city takes part when one side travels (not in a headline, whose
    few words leave out the other side)."""
    strong, weak = _cues(doc, s, ana)
    if not strong and not weak:
        return None
    topic = topic_start(doc, s)
    found = founding(doc, s)
    found_at = doc.char(found[0][0]) if found else s.end
    if (clause_at := when_clause(doc, s, ana)) is not None:
        found_at = s.end  # the founding clause before it is no date or mechanism of this meeting
    # "on the sidelines of the BRICS summit": the forum is where, not what, this meeting is
    side_at = doc.char(s.get("sidelines")[0][1]) if s.get("sidelines") else s.end
    mechs = [m for m in s.mechs if m.start < min(topic, found_at, side_at) and not _inside(doc, m, ana)
             and not _bloc_as_attribute(doc.ctx.text, m)]
    first_cue = min(doc.char(i) for i, _ in strong + weak)
    people = sentence_participants(doc, s, first_cue)
    if side_at == s.end and (setting := _summit_as_setting(doc, s, strong, people)) is not None:
        side_at = setting
        mechs = [m for m in mechs if m.start < side_at]
    said_at = reported_speech_start(doc, s)  # what a speaker says takes no part in the meeting
    # a state named only in a relative clause the meeting words stand outside of is not a party
    asides = [(a, b) for a, b in relative_asides(doc, s) if not any(a <= doc.char(i) < b for i, _ in strong + weak)]
    # "Marcos, who flew in on Monday for his first trip, was welcomed ...": a day in a clause whose meeting
    # words were set aside is not the meeting's; an arrival's is ("Sisi, who flew in on Thursday, held talks")
    worded = [(a, b) for a, b in asides if any(a <= doc.char(i) < b for cls in ("meet", "call", "visit")
                                                for i, _, _ in s.get(cls))
              and not _ARRIVAL.search(doc.ctx.text, a, b)]

    def outside_asides(d) -> bool:
        return not any(a <= d.start < b for a, b in worded)

    countries = {m.value for m in party_countries(doc, s, ana) if m.value and m.start < min(side_at, said_at)
                 and not any(a <= m.start < b for a, b in asides)}
    countries |= {p.extra["country"] for p in people if p.extra.get("country") and p.start < said_at
                  and not any(a <= p.start < b for a, b in asides)}
    if said_at < s.end:  # the speaker's state, when the article gives it elsewhere
        countries |= {c for p in people if p.start < said_at
                      and (c := doc.full_people.get(p.value, p).extra.get("country"))}
    if (len(countries) < 2 or not any(m.start < first_cue for m in party_countries(doc, s, ana))) \
            and (told := _pronoun_subject_state(doc, s, first_cue)):
        # "Di sana, ia bertemu Presiden China Xi Jinping": "ia" is the one just named; "He will also join
        # a summit with the leaders of Norway and Finland": the states after the meeting word are whom he joins
        countries.add(told)
    if not loose and not strong and not (mechs or len({p.extra.get("country") for p in people} - {None}) >= 2) \
            and not _journey_planned(doc, s, weak, people):
        return None
    signing = _signing_together(doc, s)
    if strong and not weak and all(c in signing for c in strong):
        # "Britain and Germany signed a pact in London ... in the face of Russia": the signers meet
        countries &= _signers(doc, s, signing[0][0])
    cue_at = [doc.char(i) for i, _ in strong + weak] + [m.start for m in mechs]
    mech = _pick_mechanism(mechs)
    a = Anchor(s.pos, s.sid, countries, people, mech=mech,
                date=(clause_at is not None and pick_date(s, cue_at, found_at, clause_at, keep=outside_asides))
                or pick_date(s, cue_at, found_at, keep=outside_asides),
                place=pick_place(doc, s, cue_at, topic),
                planned=any(doc.char(i) < said_at and not _said_of(doc, s, i, max(cue_at))
                            for i, _, _ in s.get("planned")),  # not what was said of the future
                referenced=bool(s.get("status_referenced")),
                both=bool(s.get("both_sides")), both_count=party_count(doc, s), pronoun=_pronoun_start(doc, s),
                visit=bool(s.get("visit")), call=_told_as_call(doc, s), strong=bool(strong),
                topics=list(dict.fromkeys(label for _, _, label in s.get("topic"))),
                same_day=same_day_told(doc, s))
    first_tok = min(i for i, _ in strong + weak)
    a.invited = any(i < first_tok and not _in_aside(doc, s, i, first_tok) for i, _, _ in s.get("invitation"))
    # "Tokayev, the first to arrive, held talks with ...": an arrival said of someone in an aside opens no visit
    a.arrival = any(i < first_tok and not _in_aside(doc, s, i, first_tok) for i, _, _ in s.get("arrival"))
    first_strong = strong[0][0] if strong else first_tok
    a.another = any(first_strong - 4 <= i <= first_strong + 2 for i, _, _ in s.get("another_meeting"))
    a.side = bool(s.get("sidelines")) or side_at < s.end
    a.separate = any(first_strong - 3 <= i <= first_strong + 1 for i, _, _ in s.get("separate"))
    # "hoped to see Xi at the Apec summit", "looked forward to a successful ADMM-Plus meeting", "ingin berkunjung
    # ke Jakarta": a meeting someone wishes for is one to come
    wished = any(_WISHED.search(doc.ctx.text, max(s.start, doc.char(i) - 60), doc.char(i)) for i, _ in strong)
    # "Envoys to meet in Bergen on Thursday": a day after publication is to come, whatever the words
    a.planned = a.planned or a.invited or wished or starts_after(a.date, doc.ctx.doc.published)
    signing_only = a.signing = bool(strong) and not weak and all(c in signing for c in strong)
    # a day up to the report's (a month that holds it, "later this month", may still be to come)
    by_today = a.date and doc.ctx.doc.published and not starts_after(a.date, doc.ctx.doc.published) \
        and precision_rank(a.date) >= PRECISION["day"]
    if a.planned and not a.invited and ((by_today or signing_only) and all(
            i > first_tok and _clause_between(doc, first_tok, i) for i, _, _ in s.get("planned"))
            or by_today and _agreed_after(doc, s, a.date)):
        # "a phone call last Wednesday, in which they agreed their teams would ...", "On Monday [the day of
        # the report], Biden met Chinh, and the two welcomed a deal under which ... will buy": held
        a.planned = False
    if a.planned and ends_before(a.date, doc.ctx.doc.published) and a.date.extra.get("pattern") == "weekday":
        # "flies to Australia on Saturday and will hold the annual meeting ... on Monday": a meeting to
        # come takes the sentence's day to come, not a bare weekday read as past
        later = pick_date(s, cue_at, found_at, keep=lambda d: not ends_before(d, doc.ctx.doc.published))
        a.date = later or a.date
    a.summit = _is_summit(doc, s, mech, side_at)
    if a.pronoun and len(a.countries) == 1:
        # "Ia kemudian melanjutkan kunjungan kenegaraan ke Malaysia ...": he or she is the last person named
        a.countries |= _last_named_state(doc, s, a.countries)
    if host and a.place is not None and a.place.extra.get("country") and (a.visit or len(countries) == 1) \
            and not (a.side and (len(countries) >= 2 or a.both_count == 2 or len(people) >= 2)):
        # the host of a visit takes part; not the host of a forum two others ("the two leaders", "Biden and
        # Xi") met on the sidelines of
        a.countries.add(a.place.extra["country"])
    if len(a.countries) == 1 and _TRIP_OPENS.match(s.text) and not any(p.start < min(cue_at) for p in people):
        # "Lawatan dibuka di Kolombo, Sri Lanka, ... pertemuan dengan Presiden Sirisena": whose trip, the
        # sentence does not say; it is the traveller's just named
        a.countries |= _last_named_state(doc, s, a.countries)
    # a later clause of a sentence ("..., and again days later in New Delhi") may name only where
    if not (a.countries or a.people or a.mech or a.date or (loose and a.place)) \
            and not (a.both_count and _subject_meets(s, strong + weak)):
        return None
    if s.get("domestic") and len(a.countries) < 2:
        return None  # "a meeting of his ruling party", "rapat para menteri terkait": not diplomacy
    hypothetical = [i for i, _, _ in s.get("hypothetical") if i < first_tok]
    if hypothetical and not any(i > hypothetical[0] for i, _, _ in s.get("past")):
        # "declined to say whether Putin and Trump might meet", "It was not clear whether the two
        # would meet": no meeting, held or planned (a past word before the doubt tells of the doubt)
        return None
    if a.planned and _called_off(doc, s, first_tok):
        return None  # "had been due to hold talks with Frederiksen on Monday, but he called off the trip"
    if a.planned and not a.date and _urged(doc, s, first_tok):
        return None  # "Ia menekankan pentingnya kedua negara segera memulai perundingan": a view, no plan
    if a.planned and not a.date and _recurring(doc, strong + weak):
        return None  # "untuk dialog pejabat yang digelar setahun sekali", "to hold annual talks": a practice, no one meeting
    return a


# "travel to", "fly to", "bertolak ke": a journey's cue names its destination right after it
_TOWARDS = frozenset({"to", "ke"})


def _journey_planned(doc: Doc, s: Sent, weak: list, people: list) -> bool:
    """"Starmer said he would travel to Washington next week": one person of a known state, a journey
    cue with a city or state of another state right after it, a word of the future and a date make a
    visit to come, the destination's state its host (a past journey is told by its meetings)."""
    states = {p.extra.get("country") for p in people} - {None}
    if len(states) != 1 or not s.get("planned") or not s.dates:
        return False
    for i, j in weak:
        if doc.low[j - 1] not in _TOWARDS:
            continue
        at = doc.char(j) if j < len(doc.low) else s.end
        dest = [m for m in s.places + s.countries if m.start >= at and not doc.ctx.text[at:m.start].strip()]
        host = {m.extra.get("country") if m in s.places else m.value for m in dest} - {None}
        if host and not host & states and any(x.start < doc.char(i) for x in people):  # the traveller before the cue
            return True
    return False


_CALLED = frozenset({"called", "calls", "rang"})
_SAW = frozenset({"saw", "see", "sees", "seeing"})


def _verb_before_person(doc: Doc, s: Sent, verbs: frozenset[str]) -> list[tuple[int, int]]:
    starts = {p.extra.get("phrase_start", p.start) for p in s.people} | {p.start for p in s.people}
    return [(i, i + 1) for i in range(doc.tok(s.start), doc.tok(s.end))
            if doc.low[i] in verbs and i + 1 < len(doc.low) and doc.char(i + 1) in starts]


def called_person(doc: Doc, s: Sent) -> list[tuple[int, int]]:
    """"Trump called Ukrainian President Volodymyr Zelensky afterwards": a call verb right before a
    person (with the person's title) is a phone call, unlike "called for talks" or "called it a success"."""
    return _verb_before_person(doc, s, _CALLED)


def seen_person(doc: Doc, s: Sent) -> list[tuple[int, int]]:
    """"... and saw Iranian President Masoud Pezeshkian the same day", "hoped to see President Xi at the
    summit": seeing a person named right after the verb is meeting them (not "saw a chance"). Not what
    was said at a meeting told before it ("told Fidan during talks in Moscow that he hoped to see
    Erdogan in Astana")."""
    cues = [i for cls in ("meet", "call") for i, _, _ in s.get(cls)]
    said = [i for i, _, _ in s.get("complementizers")]
    return [(i, j) for i, j in _verb_before_person(doc, s, _SAW)
            if not any(c < k < i for c in cues for k in said)]


def _told_as_call(doc: Doc, s: Sent) -> bool:
    """The sentence tells the meeting as a call: a call word outside a quotation ("'Xi and I agreed
    that either of us can pick up the phone and call the other,' Biden said" tells talks in person)."""
    calls = [(i, j, "") for i, j in called_person(doc, s)] + list(s.get("call"))
    if not calls:
        return False
    quoted = [(s.start + m.start(), s.start + m.end()) for m in QUOTED.finditer(s.text)]
    return any(not any(a <= doc.char(i) < b for a, b in quoted) for i, _, _ in calls)


# how often a meeting is to recur: a practice two states take up, not one meeting to come
_RECURRING_MEETING = re.compile(r"\b(?:annual|annually|yearly|every year|each year|once a year|twice a year|regular|"
                                r"regularly|tahunan|setahun sekali|setiap tahun|tiap tahun|rutin|berkala|secara berkala)\b",
                                re.IGNORECASE)


def _recurring(doc: Doc, cues: list[tuple[int, int]]) -> bool:
    """A word of recurrence right before or after a meeting word ("annual dialogue", "dialog ... yang digelar
    setahun sekali")."""
    text = doc.ctx.text
    return any(_RECURRING_MEETING.search(text, max(0, doc.char(i) - 25), min(len(text), doc.tend[j - 1] + 25))
               for i, j in cues)


# A sentence that opens with the trip itself as its subject ("The visit ...", "Lawatan itu ...", "Kunjungannya ...")
_TRIP_OPENS = re.compile(r"(?:the |his |her |this |that )?(?:visit|trip|tour|lawatan|kunjungan|lawatannya|kunjungannya)"
                         r"\b(?!\s+(?:of|by|to|from|ke|dari|oleh|presiden|perdana|menteri)\b)", re.IGNORECASE)


def _last_named_state(doc: Doc, s: Sent, besides: set[str]) -> set[str]:
    """The state of the person last spoken of before sentence `s` (within two sentences) who is not of
    `besides`: the first named of the nearest sentence that names one, its subject ("Albanese met Li Qiang
    ... He flew out of Beijing for Rarotonga": Albanese)."""
    k = next((i for i, x in enumerate(doc.sents) if x.start <= s.start < x.end), 0)  # a clause: its sentence
    for prev in reversed(doc.sents[max(0, k - 2):k]):
        for p in prev.people:
            c = p.extra.get("country") or doc.full_people.get(p.value, p).extra.get("country")
            if c and c not in besides:
                return {c}
    return set()


_RESCHEDULED = re.compile(r"\s+(?:\w+\s+)?(?:to|until|till|for|hingga|sampai|ke|menjadi|à|au)\b", re.IGNORECASE)


def _called_off(doc: Doc, s: Sent, first_tok: int) -> bool:
    """The meeting to come was called off or put off after the meeting word, and not moved to another
    time ("was postponed after Lula fell ill"; not "postponed until June": still to come)."""
    return any(i > first_tok and not _RESCHEDULED.match(doc.ctx.text, doc.tend[j - 1])
               for i, j, _ in s.get("called_off"))


def _urged(doc: Doc, s: Sent, first_tok: int) -> bool:
    """What is to come is only urged: 'should', 'harus', 'stressed the importance of' before the meeting word."""
    importance = [i for i, _, _ in s.get("not_commitment_next") if "import" in doc.low[i] or "penting" in doc.low[i]
                  or (i + 1 < len(doc.low) and "import" in doc.low[i + 1])]
    return any(i < first_tok for i, _, _ in s.get("opinion")) or any(i < first_tok for i in importance)


def _subject_meets(s: Sent, cues: list[tuple[int, int]]) -> bool:
    """'Menteri luar negeri kedua negara akan bertemu', 'the two ministers will meet': the group right
    before the meeting verb is its subject (so a counted one names the parties, though no state is written)."""
    first = min(i for i, _ in cues)
    return any(0 <= first - j <= 2 for _, j, _ in s.get("both_sides"))


def separate_meetings(doc: Doc, s: Sent, a: Anchor, cue_class: str = "separate") -> list[Anchor]:
    """'Biden held separate talks with Yoon and with Kishida', 'Akar spoke by telephone with Shoigu
    and Reznikov' (a call has two ends), 'Xi held talks with Japarov and then with Rahmon': one
    bilateral meeting per counterpart, each with the host, whose state is named (or whose person
    is) before the cue word."""
    cue = doc.char(s.get(cue_class)[0][0])
    # "Xi held talks with Japarov and then with Rahmon": the host comes before the talks right before the cue
    if cue_class == "separate":
        cue = max((c for c in (doc.char(i) for i, _, _ in s.get("meet")) if c < cue), default=cue)
    host = {m.value for m in party_countries(doc, s) if m.value and m.start < cue}
    def country(p):
        return p.extra.get("country") or doc.full_people.get(p.value, p).extra.get("country")
    host |= {country(p) for p in s.people if country(p) and p.end <= cue}
    if len(host) != 1:
        return []
    # a counterpart the sentence names without a state has the one the article gives them elsewhere
    others = sorted((a.countries | {c for p in a.people if p.start > cue and (c := country(p))}) - host)
    if re.match(r"\s*(?:\w+\s+){0,2}?(?:between|antara|entre)\b", doc.ctx.text[doc.tend[s.get(cue_class)[0][1] - 1]:s.end],
                re.IGNORECASE):
        return []  # "a phone call between Trump and Putin": the two ends are the ones it names
    if cue_class in ("call", "meet"):  # the other ends are people: "since Russia's invasion" names no one on the line
        others = [c for c in others if any(country(p) == c and p.start > cue for p in s.people)]
    if len(others) < 2:
        return []
    out = []
    for c in others:
        people = [p for p in a.people if country(p) in host | {c}]
        out.append(Anchor(a.pos, a.sid, host | {c}, people, mech=a.mech, date=a.date, place=a.place,
                           planned=a.planned, referenced=a.referenced, visit=a.visit, call=a.call,
                           strong=a.strong, topics=a.topics, separate=a.separate or cue_class == "separate"))
    return out


# Words that make a meeting of several states one meeting ("a trilateral", "met together", "bersama")
_ONE_TABLE = re.compile(r"\b(?:trilateral|three-way|four-way|joint|jointly|together|all|multilateral|summit|"
                        r"ministers'|leaders'|bersama|bersama-sama|ketiga|ketiganya|seluruh|KTT)\b", re.IGNORECASE)


def several_counterparts(doc: Doc, s: Sent) -> bool:
    """"Bilawal met Lavrov and Saidov soon after arriving and later held talks with Qin": one person
    meeting people of two or more other states, each by name, with nothing that seats them at one
    table, holds one bilateral meeting with each."""
    side = [doc.tend[j - 1] - s.start for _, j, _ in s.get("sidelines")]
    # "on the sidelines of the summit": where the talks are, not one table for all
    if any(not any(0 <= m.start() - e <= 40 for e in side) for m in _ONE_TABLE.finditer(s.text)) \
            or any(m.start < min(side, default=s.end - s.start) + s.start for m in s.mechs) or not s.get("meet"):
        return False
    cue = doc.char(s.get("meet")[0][0])
    before = [p for p in s.people if p.end <= cue]
    if len(before) != 1 or any(m.start < cue for m in s.countries):
        return False
    def country(p):
        return p.extra.get("country") or doc.full_people.get(p.value, p).extra.get("country")
    home = country(before[0])
    after = {country(p) for p in s.people if p.start > cue} - {None, home}
    return home is not None and len(after) >= 2


def _pick_mechanism(mechs: list):
    """The first mechanism's family, named by its canonical mention when the sentence has one."""
    if not mechs:
        return None
    fam = mech_family(mechs[0])
    same = [m for m in mechs if mech_family(m) == fam]
    canonical = next((m for m in same if m.value == fam), same[0])
    rnd = next((m.extra["round"] for m in same if m.extra.get("round")), None)
    if rnd and not canonical.extra.get("round"):
        canonical = type(canonical)(canonical.kind, canonical.start, canonical.end, canonical.text,
                                    canonical.value, {**canonical.extra, "round": rnd})
    return canonical


_MEETING_WORD = re.compile(r"\b(?:summit|meeting|talks|visit|dialogue|consultation|call|ktt|pertemuan|kunjungan|"
                           r"lawatan|dialog|konsultasi|perundingan|pembicaraan|sommet|rencontre|visite|"
                           # "since the two met in Bergen in March 2022": a meeting told with its verb
                           r"met|visited|travell?ed to|flew to|bertemu|berkunjung|mengunjungi|melawat)\b", re.IGNORECASE)
_WHEN_AFTER = re.compile(r"\s*,?\s*(?:when|as|ketika|saat|tatkala|semasa|sewaktu|lorsque|quand)\b[^,;.]*", re.IGNORECASE)
_SINCE_WORD = re.compile(r"\b(?:since|sejak|semenjak|depuis)\b[^,;.]*$", re.IGNORECASE)


def _since_clause(s: Sent, d) -> bool:
    """The date sits in a "since ..." clause that names no meeting ("since the bloc expanded in
    2023"); "since their informal summit in October 2019" dates that earlier meeting."""
    lo = max(0, d.start - s.start - 60)
    m = _SINCE_WORD.search(s.text[lo:d.start - s.start])
    # "sejak Maret tahun lalu, ketika Retno dan Vivian menggelar pertemuan di Jakarta": the when-clause
    # after the date tells the meeting it dates
    when = _WHEN_AFTER.match(s.text, d.end - s.start)
    return bool(m) and not _MEETING_WORD.search(m.group()) and not (when and _MEETING_WORD.search(when.group()))


def pick_date(s: Sent, cue_at: list[int], found_at: int, from_at: int = 0, keep=None):
    """The most precise date word near the meeting words, nearest first; none after a founding verb.

    When none is near, a day- or month-precise date elsewhere in the sentence ("was welcomed in
    Hanoi on July 30 by ..., and the two then sat down for talks"), never a date after
    "since" / "sejak" (how long something has lasted, not when the meeting was).
    """
    best, key, far, far_key, arrived = None, None, None, None, None
    relative = [(s.start + m.start(), s.start + m.end()) for m in _RELATIVE_CLAUSE.finditer(s.text)]
    # "Bilawal, who flew in on Thursday, met Lavrov soon after arriving": the day of arrival, when no other
    arrivals = [(s.start + m.start(), s.start + m.end()) for m in _RELATIVE_CLAUSE.finditer(s.text)
                if _ARRIVAL.search(m.group())]
    # "agreed to restore military-to-military communication, which Beijing had cut off in 2022": a which-clause
    # far from the meeting words dates its own thing ("the summit in Singapore, which opens ..." dates the summit)
    relative += [(s.start + m.start(), s.start + m.end()) for m in _WHICH_CLAUSE.finditer(s.text)
                 if not any(0 <= s.start + m.start() - c <= 40 for c in cue_at)]
    quoted = [(s.start + m.start(), s.start + m.end()) for m in QUOTED.finditer(s.text)]
    # "to visit Hiroshima, the target of the first atomic bombing in 1945": a year told of the place
    about_place = [(p.end, p.end + m.end()) for p in s.places
                   if (m := _APPOSITION.match(s.text, p.end - s.start)) is not None]
    dateline = reported = None
    for d in s.dates:
        if precision_rank(d) == PRECISION["year"] and any(a <= d.start < b for a, b in about_place):
            continue
        if d.end <= s.dateline_end:
            dateline = dateline or d  # "Jakarta, 13 Maret 2024 - ... pada Selasa (12/3)": the page's day
            continue
        if d.extra.get("reported"):
            reported = reported or d  # "Kyodo reported on Friday that ... during Thursday's talks": when it was told
            continue
        if any(a <= d.start < b and not any(a <= c < b for c in cue_at) for a, b in quoted):
            continue  # '"Our partnership is today ...," he said at the start of the meeting': the quote's word
        if (keep is not None and not keep(d)) or d.start >= found_at or d.start < from_at or _UNTIL.search(d.extra.get("phrase", "")) or _since_clause(s, d):
            continue  # "until 2028": a deadline; "since the bloc expanded in 2023": how long, not when
        if any(a <= d.start < b and not any(a <= c < b for c in cue_at) for a, b in relative):
            if any(a <= d.start < b for a, b in arrivals) and precision_rank(d) >= PRECISION["day"] \
                    and d.start < min(cue_at):
                arrived = arrived or d
            continue  # "Zelenskyy, who the day before had called ..., said his meeting ...": the clause's own day
        if _names_year(s, d):
            continue  # "UNCLOS 1982", "Vision 2030": a year in a name
        if _BEFORE_DATE.search(s.text, 0, d.start - s.start) and not re.match(r"['’]s\b", s.text[d.end - s.start:]):
            continue  # "Before Tuesday, the two leaders had last spoken in July 2022": a bound, not the day
        near = min(cue_at, key=lambda c: abs(d.start - c))
        dist = abs(d.start - near)
        # "arrived in Adelaide on Saturday from New Zealand, where he had held talks ... on Thursday": a
        # date of the meeting's own clause before one across a comma or a relative word
        own = not _CLAUSE_MARK.search(s.text, min(near, d.start) - s.start, max(near, d.start) - s.start)
        # "first met in Vladivostok in 2019, and Putin's last trip ... was in July 2000": past a clause of its
        # own, a more precise date tells another thing
        apart = bool(_NEW_CLAUSE.search(s.text, min(near, d.start) - s.start, max(near, d.start) - s.start))
        k = (not apart, precision_rank(d), own, -dist)
        if dist <= NEAR_CHARS:
            if key is None or k > key:
                best, key = d, k
        elif d.value and precision_rank(d) >= PRECISION["month"] and not SINCE.search(d.extra.get("phrase", "")):
            if far_key is None or k > far_key:
                far, far_key = d, k
    chosen = best or far or arrived or reported
    # the filing day only when the sentence has no other day that resolves
    return dateline if dateline is not None and (chosen is None or not chosen.value) else chosen


_ARRIVAL = re.compile(r"\b(?:arriv\w*|flew in|flown in|landed)\b", re.IGNORECASE)
# ", the target of ...": a noun phrase set beside a place, telling of the place
_APPOSITION = re.compile(r",\s+(?:the|a|an|its|kota|ibu kota|bekas)\s[^,;.]*", re.IGNORECASE)
# ", who ... ,": a clause about a person, dating what that person did ("yang" and "which" clauses
# often tell the meeting itself: ", yang berlangsung pada 10-11 Mei")
_RELATIVE_CLAUSE = re.compile(r",\s*who\b[^,;]*", re.IGNORECASE)
_BEFORE_DATE = re.compile(r"\b(?:before|prior to|sebelum)\s+(?:the\s+|hari\s+)?$", re.IGNORECASE)
_WHICH_CLAUSE = re.compile(r",\s*which\b[^,;]*", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?:^|\s)(?:[A-Z]{2,}[\w-]*|[A-Z][a-z]+)\s+$")


def _names_year(s: Sent, d) -> bool:
    """A bare year right after an acronym or a capitalised word that is not a month: part of a name."""
    if precision_rank(d) != PRECISION["year"] or d.extra.get("phrase", d.text) != d.text \
            or any(ch.isalpha() for ch in d.text):
        return False  # "to visit Australia next year": a relative year names nothing
    m = _NAME_BEFORE.search(s.text[max(0, d.start - s.start - 40):d.start - s.start])
    return bool(m) and not _MONTH_WORD.fullmatch(m.group().strip())


_MONTH_WORD = re.compile(r"(?i)jan\w*|feb\w*|mar\w*|apr\w*|ma[iy]|jun\w*|jul\w*|aug\w*|agu\w*|sep\w*|o[ck]t\w*|"
                         r"nov\w*|de[cs]\w*|in|on|at|di|pada|sejak|since|tahun|year|early|late|awal|akhir")


# "di Kantor Kepresidenan Yongsan, Seoul", "at Hyderabad House, New Delhi": the city after the venue
_AFTER_VENUE = re.compile(r"\b(?:in|at|di|ke|à)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’.-]*,\s+$")


# "kepala negara ASEAN pertama", "negara anggota BRICS": the bloc describes a person or a state, it
# is not the meeting's forum
_PERSON_BEFORE_BLOC = re.compile(r"\b(?:kepala negara|kepala pemerintahan|pemimpin|negara anggota|anggota|head of state|"
                                 r"heads of state|member|members|fellow)\s+$", re.IGNORECASE)


def _summit_as_setting(doc: Doc, s: Sent, strong: list, people: list) -> int | None:
    """'Modi and Xi met for talks on Wednesday, in Kazan for the BRICS summit', '..., while attending the G20
    summit': two leaders of two states meet, and a forum's summit named after their meeting word is
    where they were, not what they held. Where that summit's name starts."""
    if not strong:
        return None
    cue = doc.char(strong[0][0])
    if len({p.extra.get("country") for p in people if p.start < cue} - {None}) != 2:
        return None
    summit_words = {i for i, _, _ in s.get("summit")}
    for m in s.mechs:
        mt = doc.tok(m.start)
        if m.start > cue and any(mt < i <= mt + 3 for i in summit_words):
            return m.start
    return None


def _bloc_as_attribute(text: str, m) -> bool:
    return bool(_PERSON_BEFORE_BLOC.search(text, max(0, m.start - 30), m.start) or _BLOC_OFFICE_AFTER.match(text, m.end)
                or _BLOC_OFFICE_BEFORE.search(text, max(0, m.start - 40), m.start))


# "thanked Moscow for supporting India's SCO chairmanship": the bloc's office or its secretariat,
# not the meeting's forum
_BLOC_OFFICE_AFTER = re.compile(r"\s*(?:chairmanship|chairship|presidency|secretariat|membership)\b",
                                re.IGNORECASE)
# "sepanjang masa keketuaan ASEAN", "as chair of ASEAN", "selaku ketua ASEAN": the same office named first
_BLOC_OFFICE_BEFORE = re.compile(r"\b(?:keketuaan|kepemimpinan|presidensi|sekretariat|keanggotaan|ketua|pengerusi|"
                                 r"kepengerusian|chair|chairman|chairwoman|presidency|secretariat|membership|"
                                 r"présidence)\s+(?:of\s+|de\s+|du\s+|dari\s+)?(?:the\s+|la\s+|l')?$", re.IGNORECASE)


def pick_place(doc: Doc, s: Sent, cue_at: list[int], topic: int):
    """A city, or a region of one state, after 'di' / 'in' / 'ke' or a visit verb, outside the dateline."""
    preps = {j for _, j, _ in s.get("location_prepositions") + s.get("visit")}
    origins = [doc.tend[j - 1] for _, j, _ in s.get("origin")]
    best, key = None, None
    for p in s.places:
        if p.start < s.dateline_end or p.start >= topic:
            continue
        if any(0 <= p.start - end <= 2 for end in origins) and not _WHERE_AFTER.match(doc.ctx.text, p.end):
            # "flew out of Beijing ... for Rarotonga": where the trip left from ("flew in from New Delhi,
            # where he had attended the G20 summit" still tells what happened there)
            continue
        if p.extra.get("type") != "city" and not p.extra.get("country"):
            continue  # "Asia-Pasifik"
        if _TO_THE_PRESS_IN.search(doc.ctx.text, max(s.start, p.start - 40), p.start):
            continue  # "Speaking to reporters in Accra": where someone spoke of the meeting
        t = doc.tok(p.start)
        if not ({t, t - 1} & preps) and not p.extra.get("inferred") and not _AFTER_VENUE.search(
                doc.ctx.text, max(s.start, p.start - 80), p.start):  # an inferred town follows a locative
            continue
        k = (p.extra.get("type") == "city", -min(abs(p.start - c) for c in cue_at))
        if key is None or k > key:
            best, key = p, k
    return best


_TO_THE_PRESS_IN = re.compile(r"\b(?:reporters|journalists|newsmen|the\s+press|the\s+media|wartawan|jurnalis|pers|"
                              r"awak\s+media|pemberita)\s+(?:in|at|di|à)\s+(?:the\s+)?$", re.IGNORECASE)
_WHERE_AFTER = re.compile(r",\s*(?:where|di mana|tempat|di sana|où)\b", re.IGNORECASE)


_COUNT_WORDS = {"both": 2, "two": 2, "kedua": 2, "kedua-dua": 2, "keduanya": 2, "kedua-duanya": 2, "three": 3,
                "ketiga": 3, "ketiga-tiga": 3, "four": 4, "keempat": 4, "keempat-empat": 4, "five": 5, "kelima": 5}


def party_count(doc: Doc, s: Sent) -> int | None:
    """How many parties a group subject counts ("the three leaders" -> 3), None when it does not say."""
    for i, j, _ in s.get("both_sides"):
        for w in doc.low[i:j]:
            if w in _COUNT_WORDS:
                return _COUNT_WORDS[w]
    return None


def _pronoun_subject_state(doc: Doc, s: Sent, cue: int) -> str | None:
    """The state of the person a pronoun subject before the meeting word stands for ("Sebelum ke Jepang,
    Jokowi memulai lawatannya di Beijing. Di sana, ia bertemu Xi Jinping"): the first person of known
    state in the sentence before, when the sentence names no one before its meeting word."""
    if not any(doc.char(i) < cue for i, _, _ in s.get("pronoun_subjects")) or any(p.start < cue for p in s.people):
        return None
    if s.pos == 0:
        return None
    prev = doc.sents[s.pos - 1]
    for p in prev.people:
        c = p.extra.get("country") or doc.full_people.get(p.value, p).extra.get("country")
        if c:
            return c
    # "The two leaders had earlier held talks in Jakarta ... Singapore is his next stop: he arrives there
    # ...": the sentence before names no one, and the pronoun stands for the one the article follows
    return None if prev.people else _protagonist_state(doc)


def _protagonist_state(doc: Doc) -> str | None:
    """The state of the person the article names most often, when one person is named more often
    than any other."""
    counts: dict[str, int] = {}
    for s in doc.sents:
        for p in s.people:
            counts[p.value] = counts.get(p.value, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    top = doc.full_people.get(ranked[0][0])
    return top.extra.get("country") if top is not None else None


_FRONTED_PHRASE = re.compile(r"(?:[\w’'-]+\s+){0,3}[\w’'-]+,\s*")


def _pronoun_start(doc: Doc, s: Sent) -> bool:
    """The sentence's subject is a pronoun or the entourage ("Ia ...", "Setelah itu, rombongan ..."),
    at its start or after a short phrase set off by a comma."""
    return any(doc.char(i) == s.start or _FRONTED_PHRASE.fullmatch(doc.ctx.text, s.start, doc.char(i))
               for i, _, _ in s.get("pronoun_subjects"))


def _is_summit(doc: Doc, s: Sent, mech, side_at: int | None = None) -> bool:
    hits = [h for h in s.get("summit") if side_at is None or doc.char(h[0]) < side_at]
    if not hits:
        return False
    if mech is None:
        return True
    mt = doc.tok(mech.start)
    return any(abs(i - mt) <= 4 for i, _, _ in hits)



def _agreed_after(doc: Doc, s: Sent, date) -> bool:
    """'Japan and South Korea will once again send their leaders on regular visits, Kishida and Yoon agreed
    on Thursday': what is to come is what they agreed; the day after the agreeing verb, told apart by a
    comma, is when they met to agree it."""
    cues = [i for cls in ("meet", "call", "visit") for i, _, _ in s.get(cls)]
    if not cues or date is None:
        return False
    last_cue = max(cues)
    return any(i > last_cue and label == "agreed" and doc.char(i) < date.start and _clause_between(doc, last_cue, i)
               and not any(i < k < doc.tok(date.start) for k, _, _ in s.get("planned"))
               for i, _, label in s.get("commit"))


_SAID_WHEN = re.compile(r"\s*(?:(?:to\s+)?(?:reporters|journalists|the\s+press|the\s+media|kepada\s+(?:wartawan|media|"
                        r"awak\s+media|jurnalis|pers))\s*)?,?\s*(?:on|pada|hari)?\s*$", re.IGNORECASE)


def dates_the_saying(doc: Doc, s: Sent, d, pointed_at: list[int]) -> bool:
    """Date `d` tells when someone spoke of the meeting the sentence points back at, not when it met:
    a verb of speech stands between the date and the words pointing back ("Speaking to reporters in
    Accra on Monday, Kishida said he expected the meeting to ..."), or the date follows that verb
    ("told reporters on Monday that the talks would ...", "kata Retno kepada wartawan, Senin")."""
    if not pointed_at:
        return False
    first = min(pointed_at)
    for i, j, _ in s.get("speech"):
        verb, verb_end = doc.char(i), doc.tend[j - 1]
        if d.end <= verb < first:
            return True
        if verb_end <= d.start and (first < verb or first > d.end) and _SAID_WHEN.fullmatch(
                doc.ctx.text, verb_end, d.start):
            return True
    return False


def _said_of(doc: Doc, s: Sent, i: int, cue_at: int) -> bool:
    """The future word at token i is what a speaker announced after the meeting, the verb of speech
    standing between it and the last meeting word ("New Zealanders will soon be able to ..., Li Qiang
    announced yesterday after talks with Luxon")."""
    return any(i < k and doc.char(k) < cue_at and _clause_between(doc, i, k) for k, _, _ in s.get("speech"))


def _clause_between(doc: Doc, i: int, j: int) -> bool:
    """A comma or a relative word stands between tokens i and j ("a call ..., in which ... would")."""
    return bool(_CLAUSE_MARK.search(doc.ctx.text, doc.char(i), doc.char(j)))


# a comma, a relative word, or a second verb joined on ("flies to Australia on Saturday and will hold
# the meeting on Monday", "tiba Sabtu dan akan bertemu ... Senin")
# where a sentence goes on to a clause with a subject of its own
_NEW_CLAUSE = re.compile(r";|,\s*(?:and|but|while|whereas|dan|tetapi|namun|sedangkan|sementara|mais)\s+", re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[,;]|\b(?:which|who|that|yang|bahwa)\b|\b(?:and|dan)\s+(?:will|would|then|akan|kemudian|lalu)\b",
                          re.IGNORECASE)

