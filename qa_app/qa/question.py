"""What a question asks for (its answer types) and what it names (countries, people, mechanism,
round, dates, places), in English, Indonesian or Malay.

Answer types: person, date, place, mechanism, number, amount, country, name (a thing the answer
must name: "which hotel"), commitment, yesno, other. A question may ask for several ("Where and
when ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date

from qa_app.nlp.date_lexicon import dated_events
from qa_app.qa.citations import MESSAGES
from qa_app.store.record_keys import name_key, period, person_groups
from qa_app.text.language import detect_language, detect_query_language

_I = re.IGNORECASE
PERSON = re.compile(r"^\W*(who|whom|whose)\b|\b(who|whom)\b|\bwhose (?:invitation|initiative|request)\b|\bsiapa(kah)?\b|"
                    r"\bwhich (\w+ )?(officials?|ministers?|leaders?|officers?|people|persons?|diplomats?)\b|"
                    r"\b(pejabat|menteri|perwira|pemimpin|tokoh) (\w+ )?(apa|mana)\b", _I)
# "when" asks for a date at the start or after "and" ("Where and when ..."), not in "signed when X met Y"
DATE = re.compile(r"^\W*when\b|\b(?:and|or)\s+when\b|,\s*when\b|\b(kapan(kah)?|bila(kah)?|bilamana)\b|"
                  r"\b(what|which) (date|day|year|month)\b|"
                  r"\b(tanggal|tahun|hari|bulan) (berapa|apa)\b|\bpada (hari|tanggal|tahun|bulan) apa\b|"
                  r"\bsince (what|which) year\b|\bsejak (tahun )?(kapan|bila|berapa)\b", _I)
PLACE = re.compile(r"\b(where|di ?mana(kah)?|ke ?mana|dari mana)\b|\b(in|at|to) (which|what) ([A-Z][\w-]+ )?(city|place|venue|country)\b|"
                   r"\b(kota|tempat) (mana|apa)\b", _I)
MECHANISM = re.compile(r"\b(which|what) (round|session|framework|mechanism|dialogue|forum|format|meetings?|talks|"
                       r"summit|consultation)\b|\bunder which\b|\b(putaran|forum|mekanisme|kerangka|pertemuan) "
                       r"(ke ?berapa|apa|mana)\b", _I)
AMOUNT = re.compile(r"\b(value|worth|cost|budget|price|nilai|anggaran|harga|biaya)\b", _I)
AMOUNT_Q = re.compile(r"\b(what|how much|berapa)\b[^?]{0,30}\b(value|worth|cost|budget|price|nilai|anggaran|harga|biaya)\b|"
                      r"\b(nilai|anggaran|harga|biaya)\b[^?]{0,40}\bberapa\b", _I)
CITY = re.compile(r"\b(which|what|in which|in what) ([A-Z][\w-]+ )?(city|town)\b|\bkota (mana|apa)\b|\bdi kota\b", _I)
NUMBER = re.compile(r"\bhow (many|much|long|large|big|often)\b|\bberapa\b|\b(what|which) (share|percentage|number)\b", _I)
DURATION_Q = re.compile(r"\bhow long\b|\bberapa lama\b", _I)  # how long it lasted: minutes, hours, days
HOW_MUCH = re.compile(r"\bhow much\b|\bberapa (banyak )?(dana|uang|bantuan|nilai)\b", _I)  # a quantity of money or aid
COUNTRY = re.compile(r"\b(which|what) (other )?(countries|country|nations?|states)\b|\bnegara (mana|apa)\b", _I)
COMMITMENT = re.compile(r"\b(agree\w*|pledge\w*|promis\w*|commit\w*|plan\w*|reaffirm\w*|decid\w*|vow\w*|"
                        r"sepakat\w*|disepakati|menyepakati|kesepakatan|dijanjikan|berjanji|direncanakan|"
                        r"berencana|berkomitmen|ditegaskan|menegaskan|disetujui|menyetujui|bersetuju|dipersetujui|"
                        r"sign\w*|ditandatangani|menandatangani|diteken|meneken|memorand\w*|mou|nota kesepahaman)\b", _I)
# "Which documents did X and Y sign?", "Perjanjian apa yang diteken ...": what was signed, not only agreed
SIGNED = re.compile(r"\b(sign(?:s|ed|ing)?|ditandatangani|menandatangani|diteken|meneken|teken|signé\w*)\b", _I)
# "... plan for November after signing the DCA?": a signing that only dates what is asked
_SIGNED_CLAUSE = re.compile(r"\b(after|before|since|following|when|setelah|sebelum|usai|seusai|sejak|saat|ketika)\s+"
                            r"(?:\w+\s+)?$", _I)
# "What did Rubio welcome?", "Apa yang didukung para menlu?" (not "Apakah Jepang akan mendukung ...?", a yes/no)
SUPPORTED = re.compile(r"\b(welcom\w*|support\w*|back\w*|menyambut|disambut|mendukung|didukung|dukungan)\b", _I)
YESNO = re.compile(r"^\W*(did|does|do|is|are|was|were|will|has|have|can|apakah|adakah)\b", _I)
WHAT = re.compile(r"\b(what|which|apa|apakah|manakah)\b", _I)
# what is still to come, said of the event asked about (not "the plan ... unveiled")
FUTURE = re.compile(r"\b(will|shall|going to|scheduled|due|upcoming|intends?|expected to|set to|akan|bakal|berencana|"
                    r"merencanakan|hendak|dijadwalkan|dijadual|dijangka|terjadwal|mendatang)\b", _I)
# "When did they last meet in person?": a meeting face to face, not a call; a kind of meeting the
# records hold (their kind), not a topic word their sentences must contain
IN_PERSON = re.compile(r"\bin[- ]person\b|\bface[- ]to[- ]face\b|\b(?:ber)?tatap muka\b|\bbersemuka\b|"
                       r"\b(?:bertemu|berjumpa|pertemuan) secara (?:langsung|fizikal)\b", _I)
# "On what date ...?", "Pada tanggal berapa ...?": the answer is a day, not a month or a year
DAY_ASKED = re.compile(r"\b(?:what|which) (?:exact )?(?:date|day)\b|\btanggal (?:berapa|apa)\b|"
                       r"\btarikh (?:apa|berapa|bila)\b|\bhari apa\b", _I)
PLANNED = re.compile(r"\b(will|planned|plan|plans|due|next|upcoming|intends?|akan|bakal|berencana|merencanakan|hendak|"
                     r"direncanakan|rencana|dijangka|mendatang|berikutnya)\b", _I)
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                  "ninth": 9, "tenth": 10, "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5,
                  "keenam": 6, "ketujuh": 7, "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10}
_ROUND_NOUNS = (r"(meeting|dialogue|2\+2|consultations?|retreat|summit|talks|round|session|strategic|annual|"
                r"pertemuan|dialog|konsultasi|kts|ktt|retret|putaran|sidang|perundingan|pembicaraan|tahunan|"
                r"forum|conference|konferensi|council|dewan|som|admm|asean|quad|leaders)")
# "kedua negara", "ketiga pemimpin": Indonesian ordinals before a party noun count them ("both", "the three")
_GROUP_NOUN = r"(?!\s+(?:negara|pemimpin|menteri|pihak|belah|delegasi|kepala|pemerintah|tokoh|presiden|perdana)\b)"
_ROUND = re.compile(r"\b(?:(\d{1,3})(?:st|nd|rd|th)|ke-?(\d{1,3})|(" + "|".join(_ORDINAL_WORDS) + r"))\b" + _GROUP_NOUN +
                    r"(?=(?:\W+\S+){0,5}?\W+" + _ROUND_NOUNS + r")", _I)
_ROUND_ID = re.compile(_ROUND_NOUNS + r"(?:\W+\S+){0,3}?\W+(?:ke-?(\d{1,3})|(" + "|".join(_ORDINAL_WORDS) + r"))\b" +
                       _GROUP_NOUN, _I)
_ROUND_AFTER = re.compile(r"\b(?:putaran|round|session|sidang)\s+(?:ke-?)?(\d{1,3})\b", _I)
# a particle joins a name only before another of its words ("Lula da Silva"; not "Group deployment")
_CAP = re.compile(r"(?<![\w'])[A-Z][\w'’.-]*(?:\s+(?:(?:bin|binti|van|de|da)\s+)?(?:[A-Z][\w'’.-]*|al-\w+))*")
# "Which hotel ...", "the names of the pandas ...", "what type of frigate", "fregat jenis apa": a thing
# the answer must name, not only mention ("a seaside hotel" does not say which)
THING = re.compile(
    r"\bnames? of (?:the |its |their |these |those )?(?:(?-i:[a-z]+) ){0,2}(?P<a>(?-i:[a-z]+))"
    r"|\b(?:which|what) (?:type|kind|model|class|make|brand) of (?P<b>\w+)"
    r"|\bwhich (?:[\w-]+ ){0,3}(?P<c>hotel|venue|palace|building|ship|vessel|frigates?|submarines?|airport|resort|"
    r"aircraft|carrier|warship|destroyer|jet|missile|tank)\b"
    r"|\b(?P<d>\w+) (?:jenis|tipe|model) apa\b"
    r"|\bnama (?P<e>\w+)"
    r"|\b(?P<f>hotel|kapal|istana|gedung|pesawat) (?:apa|mana)\b", _I)
_FIRST_WORDS = frozenset("who whom whose when where what which how did does do is are was were will has have can "
                         "besides according under apart siapa kapan apa apakah adakah berapa di ke dalam sejak selain "
                         "menurut negara pejabat menjadi the in on at and or for of".split())


@dataclass
class Question:
    text: str
    language: str
    types: list[str]
    countries: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)  # its countries not named after "from", "with", "dari" ...
    people: list[str] = field(default_factory=list)  # indexed names the question names
    mechanisms: list[str] = field(default_factory=list)  # indexed mechanisms the question names
    round: int | None = None
    dates: list[tuple[str, date, date]] = field(default_factory=list)  # (in | before | after, first, last day)
    places: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # capitalised words it names that are no country or question word
    planned: bool = False
    topic: set[str] | None = None  # its topic words (record_match.topic_concepts), made once
    alike: list[str] | None = None  # answerability.names_written_alike, made once
    thing: str | None = None  # the noun of "which hotel", "the names of the pandas": what must be named
    signed: bool = False  # it asks what was signed: the answer names a signing or a document
    future: bool = False  # it asks about something still to come ("will", "akan", "dijadwalkan")
    day: bool = False  # it asks for the day, not only the month or the year
    earlier: str | None = None  # it asks about meetings before the one it names: 'last', 'first' or 'all'
    in_person: bool = False  # it asks about a meeting face to face, not a call
    events: frozenset[str] = frozenset()  # it asks the date of an event of these kinds (`dated_events`)

    @property
    def main(self) -> str:
        return self.types[0]

    @property
    def when_or_where_earlier(self) -> bool:
        """It asks when or where an earlier meeting than the one it names took place."""
        return self.earlier is not None and self.main in ("date", "place", "city")

    def wants(self, kind: str) -> bool:
        return kind in self.types

    @property
    def persons(self) -> list[tuple[str, ...]]:
        """`people` grouped by person: the names each one goes by in the records."""
        return person_groups(self.people)


# "What did X and Y agree to set up ..., and how long ...?": a clause asking what was agreed or
# signed, joined to one asking a detail of it
_WHAT_FIRST = re.compile(r"^\W*(?:what|which|apa|apakah)\b", _I)
_JOINED = re.compile(r"(?:,\s*|\s)(?:and|dan|serta)\s+$", _I)


def _agreed_first(text: str, first: int) -> bool:
    """Does the question ask what was agreed before it asks, after "and", the kind of answer found at `first`?"""
    head = text[:first]
    return bool(_JOINED.search(head) and _WHAT_FIRST.match(head) and COMMITMENT.search(head))


def answer_types(text: str) -> list[str]:
    """The kinds of answer a question asks for, the main one first."""
    found: list[tuple[int, str]] = []
    for kind, rx in (("person", PERSON), ("date", DATE), ("place", PLACE), ("mechanism", MECHANISM),
                     ("country", COUNTRY)):
        m = rx.search(text)
        if m:
            found.append((m.start(), kind))
    m = NUMBER.search(text)
    if m and not any(k == "date" and s <= m.start() <= s + 20 for s, k in found):
        kind = "duration" if DURATION_Q.search(text) else "amount" if AMOUNT.search(text) or HOW_MUCH.search(text) \
            else "number"
        found.append((m.start(), kind))
    elif AMOUNT_Q.search(text):
        found.append((AMOUNT_Q.search(text).start(), "amount"))
    m = CITY.search(text)
    if m:
        found = [(s, k) for s, k in found if k != "place"] + [(m.start(), "city")]
    m = THING.search(text)
    if m:
        found.append((m.start(), "name"))
    types = [k for _s, k in sorted(found)]
    if not types and WHAT.search(text) and (COMMITMENT.search(text) or (SUPPORTED.search(text) and not YESNO.search(text))):
        types.append("commitment")
    elif types and _agreed_first(text, min(s for s, _k in found)):
        types.insert(0, "commitment")
    if not types and YESNO.search(text):
        types.append("yesno")
    return types or ["other"]


# "pertama kali bertemu", "first met", "for the first time": when something first happened, not the
# first round of a series
_FIRST_TIME = re.compile(r"\b(?:pertama kali|kali pertama|pertama bertemu|for the first time|first time|"
                         r"first (?:met|meet|spoke|talked|called|visited))\b", re.IGNORECASE)


def question_round(text: str) -> int | None:
    text = _FIRST_TIME.sub(" ", text)
    m = _ROUND_AFTER.search(text)
    if m:
        return int(m.group(1))
    m = _ROUND.search(text)
    if m:
        if m.group(1) or m.group(2):
            return int(m.group(1) or m.group(2))
        return _ORDINAL_WORDS[m.group(3).lower()]
    m = _ROUND_ID.search(text)  # Indonesian puts the ordinal after the noun: "pertemuan 2+2 pertama"
    if m:
        return int(m.group(2)) if m.group(2) else _ORDINAL_WORDS[m.group(3).lower()]
    return None


def rounds_named(text: str) -> set[int]:
    """Every round a text names ('the 10th retreat', 'Retreat Ke-11', 'putaran ke-3')."""
    out: set[int] = set()
    for rx in (_ROUND_AFTER, _ROUND, _ROUND_ID):
        for m in rx.finditer(text):
            numbers = [g for g in m.groups() if g and g.isdigit()]
            words = [g.lower() for g in m.groups() if g and g.lower() in _ORDINAL_WORDS]
            out.update(int(n) for n in numbers)
            out.update(_ORDINAL_WORDS[w] for w in words)
    return out


_BEFORE = re.compile(r"\b(before|prior to|ahead of|until|sebelum|menjelang|hingga|sampai)\b[^.?!]{0,25}$", _I)
_AFTER = re.compile(r"\b(after|since|following|setelah|sesudah|sejak|selepas)\b[^.?!]{0,25}$", _I)


# "... before the talks in Hanoi?", "... sebelum pertemuan Juli 2025?": what follows names the later
# meeting the question measures from, not the one it asks about
_REFERENCE = re.compile(r"\b(before|prior to|ahead of|sebelum|menjelang|avant)\s+(?=\S)", _I)


# "besides fentanyl and military channels", "selain Xi Jinping": what the answer is not
_BESIDES = re.compile(r"\b(?:besides|apart from|other than|aside from|except|selain|kecuali)\s+", _I)
_NAME_RUN = re.compile(r"(?:[A-Z][\w'’.-]*\s*)+")
_SET_ASIDE = re.compile(r"(?:(?!\b(?:yang|who|that|which|did|do|does|will)\b)[^,?]){1,60}", _I)


# "When had they last met before the Perth talks?", "Kapan ... bertemu sebelum pertemuan di Putrajaya?",
# "pertama kali bertemu": the question asks about an earlier meeting than the one it names, the latest
# such one or the first of all
_FIRST_MEETING = re.compile(r"\b(?:first (?:met|meet|meeting|spoke|talked|called|time)|pertama kali|kali pertama|"
                            r"pertama bertemu)\b", _I)
_LAST_MEETING = re.compile(r"\b(?:last (?:met|meet|time|held|spoke|talked)|previous|sebelumnya|terakhir(?: kali)?)\b", _I)
_EARLIER_MEETING = re.compile(
    r"\b(?:(?:had|have)\s+(?:\w+\s+){0,5}?met\b|met before|previously|"
    r"earlier (?:meeting|summit|talks|round|visit|contact|call)s?)\b|"
    r"\b(?:before|prior to|sebelum)\s+(?:the|this|their|his|her|its|pertemuan|kunjungan|lawatan|ktt|pembicaraan|"
    r"perundingan|percakapan|perjumpaan|rundingan)\b", _I)


def earlier_meeting(text: str) -> str | None:
    """'first' when the question asks when or where a meeting first happened, 'last' when it asks
    about the latest one before the meeting it names, 'all' when about every one before it, else None."""
    if _FIRST_MEETING.search(text):
        return "first"
    if _LAST_MEETING.search(text):
        return "last"
    return "all" if _EARLIER_MEETING.search(text) else None


def focus_text(text: str) -> str:
    """The question without what it sets aside ('Besides the fentanyl talks, what ...', 'Which
    other leaders did Modi meet besides Xi?'): the words an answering sentence should share with
    it. What is set aside is a name, or the words up to a comma or a clause."""
    for m in reversed(list(_BESIDES.finditer(text))):
        rest = _NAME_RUN.match(text, m.end()) or _SET_ASIDE.match(text, m.end())
        end = rest.end() if rest else m.end()
        text = text[:m.start()] + " " + text[end:]
    return text


def reference_start(text: str) -> int:
    """Where the question starts naming the later meeting it asks about an earlier one against
    (len(text) when it names none)."""
    m = _REFERENCE.search(text)
    return m.start() if m else len(text)


def question_dates(text: str, language: str) -> list[tuple[str, date, date]]:
    """Periods the question names with a year ('in February 2022', '2023', '26 May 2025'), each as
    (relation, first day, last day); relation is 'in', 'before' or 'after' ('sebelum pertemuan Juli 2025')."""
    from qa_app.nlp.dates import find_dates

    found = [(m.start, m.value) for m in find_dates(text, language)
             if m.value and re.search(r"\b(19|20)\d{2}\b", m.text)]
    if not found:
        found = [(m.start(), m.group(1)) for m in re.finditer(r"\b((?:19|20)\d{2})\b", text)]
    out = []
    for start, value in found:
        span = period(value)
        if span is None:
            continue
        lead = text[max(0, start - 40):start]
        relation = "before" if _BEFORE.search(lead) else "after" if _AFTER.search(lead) else "in"
        out.append((relation, *span))
    return out


def capitalised_names(text: str, skip: set[str]) -> list[str]:
    """Capitalised phrases of the question: not its first word alone, not question words, not
    countries or their demonyms (those are matched as ISO codes)."""
    from qa_app.nlp.countries import country_code

    out = []
    for m in _CAP.finditer(text):
        # "the Jokowi-Yoon talks", "the Xi–Zelensky call": two people, each of whom the article must name
        for k, part in enumerate(_pair(m.group(0))):
            words = []
            for i, w in enumerate(re.split(r"\s+|(?<=\w)-(?=\w)", part)):
                bare = re.sub(r"['’]s$", "", w).strip(".'’")
                if (bare.lower() in _FIRST_WORDS or name_key(bare) in skip or country_code(bare)
                        or (m.start() == 0 and k == 0 and i == 0)):
                    continue
                words.append(bare)
            phrase = " ".join(words)
            if len(phrase) > 1:
                out.append(phrase)
    return out


_PAIR_DASH = re.compile(r"(?<=[a-z])[-–—](?=[A-Z][a-z])")
_PARTICLES = frozenset("al el ad as ash bin ibn abu".split())  # "Al-Yamamah" is one name


def _pair(phrase: str) -> list[str]:
    """A capitalised phrase split at a dash between two names ('Jokowi-Yoon' -> 'Jokowi', 'Yoon')."""
    parts: list[str] = []
    for part in _PAIR_DASH.split(phrase):
        if parts and parts[-1].split()[-1].lower() in _PARTICLES:
            parts[-1] += "-" + part
        else:
            parts.append(part)
    return parts


# "buy from France", "talks with Japan", "kunjungan ke China": the state is not the one that commits
_OBJECT_BEFORE = re.compile(r"\b(from|with|to|by|against|dari|dengan|kepada|ke|oleh|terhadap|avec|pour|auprès de)\s+"
                            r"(the\s+)?$", re.IGNORECASE)


def _masked(text: str, language: str, countries: list, places: list = ()) -> str:
    """The question with its country and date words, and places written in another language's form,
    blanked out: "the United States", "in February" and "Samudra Hindia" are matched as codes, dates
    and places (the Indian Ocean), not as names an article in another language lacks."""
    from qa_app.nlp.dates import find_dates

    spans = [(m.start, m.end) for m in countries] + [(m.start, m.end) for m in find_dates(text, language)]
    spans += [(m.start, m.end) for m in places if m.value and name_key(m.value) != name_key(m.text)]
    chars = list(text)
    for a, b in spans:
        chars[a:b] = ";" * (b - a)
    return "".join(chars)


def masked(text: str, language: str) -> str:
    """`text` with its country and date words blanked out."""
    from qa_app.nlp.countries import find_countries

    return _masked(text, language, find_countries(text))


# "the Indonesian report", "laporan berbahasa Indonesia", "media Jepang": the country word says which
# article is meant, not who took part
_SOURCE_AFTER = re.compile(r"^[\s-]*(reports?|articles?|versions?|press|media|stor(y|ies)|coverage|accounts?|sources?|"
                           r"language|edition|text)\b", _I)
_SOURCE_BEFORE = re.compile(r"\b(laporan|berita|artikel|versi|media|pers|sumber|teks|edisi|bahasa|berbahasa)"
                            r"(\s+(berbahasa|bahasa))?\s*$", _I)


# A capital that acts stands for its state ("what did Seoul do in return?", "Washington and Beijing
# agreed"): the subject after an auxiliary, or before a verb of saying, agreeing or acting, with
# other capitals joined to it. Anywhere else ("in Seoul", "the Tokyo summit") it is the city.
_CAPITAL_SUBJECT_BEFORE = re.compile(r"\b(did|does|do|will|would|has|have|had|can|could|should)\s+$", _I)
_CAPITAL_VERB_AFTER = re.compile(
    r"^(\s*(,|and|dan|et)\s+[A-Z][\w-]+)*\s+(say|said|says|do|did|does|agree|agreed|agrees|want|wanted|wants|"
    r"offer|offered|offers|promise|promised|promises|pledge|pledged|pledges|propose|proposed|proposes|"
    r"demand|demanded|demands|accuse|accused|accuses|announce|announced|announces|respond|responded|"
    r"reject|rejected|rejects|accept|accepted|accepts|plan|planned|plans|hope|hoped|hopes|expect|expected|"
    r"expects|sepakat|menyepakati|berjanji|menjanjikan|mengatakan|menyatakan|menawarkan|mengusulkan|"
    r"menolak|menerima|meminta|mengumumkan|berencana|ingin|akan)\b")


def _capital_acts(text: str, start: int, end: int, capitals: list) -> bool:
    """The capital at text[start:end] stands for its state (see `_CAPITAL_VERB_AFTER`)."""
    if _CAPITAL_SUBJECT_BEFORE.search(text[:start]) or _CAPITAL_VERB_AFTER.match(text[end:]):
        return True
    # the second of "Washington and Beijing agreed" acts with the first
    return any(o.end < start and re.fullmatch(r"\s*(,|and|dan|et)\s*", text[o.end:start])
               and _capital_acts(text, o.start, o.end, [c for c in capitals if c.end < o.start])
               for o in capitals)


def _source_language(text: str, start: int, end: int) -> bool:
    return bool(_SOURCE_AFTER.match(text[end:]) or _SOURCE_BEFORE.search(text[:start]))


def asks_signing(text: str) -> bool:
    """The question asks about a signing, not only dates something by one ("... before the DCA was signed")."""
    return any(not _SIGNED_CLAUSE.search(text[:m.start()]) for m in SIGNED.finditer(text))


def analyse(text: str, language: str, index=None) -> Question:
    """The question's answer types and facets; people and mechanisms are matched against the
    record index when one is given."""
    from qa_app.nlp.countries import find_countries
    from qa_app.nlp.places import find_places

    found = find_countries(text)
    capitals = [m for m in found if m.extra.get("via") == "capital"]
    acting = [m for m in capitals if _capital_acts(text, m.start, m.end, capitals)]
    countries = [m for m in found if (m.extra.get("via") != "capital" or m in acting)  # "Lima" is also "five"
                 and not _source_language(text, m.start, m.end)]
    q = Question(text, language, answer_types(text))
    q.countries = list(dict.fromkeys(m.value for m in countries if m.value))
    q.actors = list(dict.fromkeys(m.value for m in countries if m.value and not _OBJECT_BEFORE.search(text[:m.start])))
    q.round = question_round(text)
    q.dates = question_dates(text, language)
    ref = reference_start(text)
    places = [m for m in find_places(text) if m.start < ref
              and not any(c.start <= m.start < c.end for c in acting)]
    q.places = list(dict.fromkeys(m.value or m.text for m in places))
    q.planned = bool(PLANNED.search(text))
    q.future = bool(FUTURE.search(text))
    q.day = "date" in q.types and bool(DAY_ASKED.search(text))
    q.events = dated_events(text) if "date" in q.types else frozenset()
    q.earlier = earlier_meeting(text)
    q.in_person = bool(IN_PERSON.search(text))
    q.signed = q.main == "commitment" and asks_signing(text)
    if (m := THING.search(text)) is not None:
        q.thing = next(g for g in m.groups() if g).lower()
    skip = {name_key(m.text) for m in countries}
    q.names = capitalised_names(_masked(text, language, find_countries(text), places)[:ref], skip)
    if index is not None:
        q.people = people_named(text, index)
        q.mechanisms = mechanisms_named(text, index)
    return q


def people_named(text: str, index) -> list[str]:
    """Indexed people the question names: a full name, or one of its words written capitalised."""
    words = set(re.findall(r"(?<![\w])[A-Z][\w'’-]+", text))
    words |= {w for pair in words for w in _pair(pair)}  # "the Aravena-Berg talks": two people
    keys = {name_key(w) for w in words}
    qkey = f" {name_key(text)} "
    known_as = _known_as(text)  # "Jokowi" in the question, "Joko Widodo" in the records
    keys |= {t for name in known_as for t in name.split()}
    whole, partial = [], []
    for name in index.people_named(keys):
        nkey = name_key(name)
        toks = nkey.split()
        if f" {nkey} " in qkey or nkey in known_as:
            whole.append(name)
        elif len(toks) > 1 and any(t in keys and (len(t) > 3 or t == toks[0]) for t in toks):
            partial.append(name)
    # a word that belongs to a name written out in full does not name anyone else: the
    # "Sergei" of "Sergei Lavrov" is not Sergei Shoigu
    spoken = {t for name in whole for t in name_key(name).split()}
    # nor does a word written next to it ("Sheikh" of "UAE President Sheikh Mohamed bin Zayed")
    spoken |= {t for m in _CAP.finditer(text) for t in name_key(m.group()).split()
               if set(name_key(m.group()).split()) & spoken}
    return whole + [n for n in partial if not {t for t in name_key(n).split() if t in keys} <= spoken
                    or any(len(g) > 1 for g in person_groups([*whole, n]) if n in g)]  # or another name of theirs


@lru_cache(maxsize=1024)
def other_names_used(text: str) -> tuple[tuple[str, str], ...]:
    """(surface, name key) of each person the question calls by another name the people lexicon
    knows ('Jokowi' -> 'joko widodo', 'Bongbong Marcos' -> 'ferdinand marcos jr')."""
    from qa_app.nlp.people_lexicon import person_lexicon

    known = person_lexicon().known
    out = []
    for m in _CAP.finditer(text):
        words = m.group().split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                surface = re.sub(r"['’]s$", "", " ".join(words[i:j]).rstrip(".,'’"))
                info = known.get(surface)
                if info and info[0] != surface:
                    out.append((surface, name_key(info[0])))
    return tuple(out)


def _known_as(text: str) -> set[str]:
    return {key for _surface, key in other_names_used(text)}


def mechanisms_named(text: str, index) -> list[str]:
    from qa_app.nlp.cues import find_mechanisms

    qkey = f" {name_key(text)} "
    named = {name_key(m.value or m.text) for m in find_mechanisms(text)} | {
        name_key(m.extra.get("family") or "") for m in find_mechanisms(text)}
    named.discard("")
    out = []
    for mech in index.mechanisms():
        mkey = name_key(mech)
        if not mkey:
            continue
        toks = [t for t in mkey.split() if len(t) > 2 or "+" in t]
        if mkey in named or f" {mkey} " in qkey or (toks and sum(f" {t} " in qkey for t in toks) / len(toks) >= 0.67):
            out.append(mech)
    return out


def question_language(store, question: str) -> str:
    """The language a question is answered in: its own when the answers speak it, else English."""
    lang = detect_query_language(question, store.lexical.vocab_by_language()) or detect_language(question)
    return lang if lang in MESSAGES else "en"
