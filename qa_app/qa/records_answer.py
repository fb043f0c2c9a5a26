"""Record-first answers: when a question asks who, when, where, under which mechanism or what
was agreed, and stored records match what it names, answer in one or two short sentences made
from the records' fields, each fact cited to the sentence it came from.

The records come from `record_match`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from qa_app.qa import compose as C
from qa_app.qa.answerability import RECORD_MIN_COVERAGE
from qa_app.qa.documents_answer import ASKS_DOCUMENTS, MAX_DOCUMENTS, documents_text, signed_documents
from qa_app.qa.question import Question, asks_signing, other_names_used
from qa_app.qa.record_match import RecordMatch, matching_commitments, matching_records, told_by_day
from qa_app.qa.sentences import SentenceSpan, doc_language, sentence_at, sentences_with
from qa_app.store.record_index import IndexedRecord
from qa_app.store.record_keys import name_key, one_person

RECORD_TYPES = ("person", "date", "place", "city", "mechanism", "commitment", "country")
MAX_CITATIONS = 4
_REPRESENT = re.compile(r"\b(represent\w*|led|lead|head\w*|delegation|wakil\w*|mewakili|diwakili|pimpin\w*|"
                        r"dipimpin|memimpin|delegasi|ketua)\b", re.IGNORECASE)
_MEET = re.compile(r"\b(meet|met|talks?|spoke|speak|call\w*|receiv\w*|host\w*|bertemu|menemui|menerima|"
                   r"berbicara|bicara|berunding|menjamu|ditemui|jumpa)\b", re.IGNORECASE)
# The question is about a meeting: a record of one can answer it ("Who did Zelensky appoint as
# ambassador?" is not)
_ABOUT_A_MEETING = re.compile(
    r"\b(meet\w*|met|talks?|spoke|speak|call\w*|receiv\w*|host\w*|visit\w*|trip|tour|summit|conference|dialogue|"
    r"consultation\w*|session|forum|round|attend\w*|represent\w*|delegation\w*|led|lead|held|hold|gather\w*|"
    r"bertemu|menemui|ditemui|menerima|diterima|berbicara|bicara|berunding|pembicaraan|perundingan|menjamu|jumpa|"
    r"pertemuan|kunjungan|accompan\w*|mendampingi|didampingi|"
    r"berkunjung|mengunjungi|lawatan|melawat|KTT|dialog|konsultasi|sidang|konferensi|hadir|dihadiri|menghadiri|"
    r"mewakili|diwakili|wakil\w*|delegasi|pimpin\w*|dipimpin|memimpin|digelar|menggelar|berlangsung|telepon\w*|"
    r"sidang kemuncak|rundingan|mesyuarat)\b", re.IGNORECASE)
# the kinds of dated event (date_lexicon.dated_events) a meeting record's date can be: talks start, a visitor arrives
_MEETING_EVENTS = frozenset({"start", "arrive"})
# what no record holds: a reason, a manner, what someone said
_BEYOND_RECORDS = re.compile(
    r"\b(?:why|how(?!\s+(?:many|much|long|often|far)\b)|mengapa|kenapa|bagaimana|alasan\w*|"
    r"say|said|says|katakan|mengatakan|menyatakan|sebut|menyebut|kata)\b", re.IGNORECASE)
# "... and who announced it?", "Siapa yang mengumumkan ...?": who announced a meeting took no part in it,
# so no record holds them (what was announced may be: "kesepakatan yang diumumkan")
_ANNOUNCER = re.compile(r"\b(?:who|siapa|qui)\b(?:\W+\w+){0,2}?\W+(?:announc\w*|\w*umumkan\w*|annonc\w*)\b|"
                        r"\b(?:announc\w*|\w*umumkan)\s+(?:by\s+whom|oleh\s+siapa)\b", re.IGNORECASE)
_WITH = re.compile(r"\b(with|dengan|bersama)\s+(the\s+)?$", re.IGNORECASE)
# "Which ministers accompanied Anwar ...?", "Siapa yang mendampingi Jokowi ...?": the person after the verb is
# the one accompanied
_ACCOMPANIED = re.compile(r"\b(?:accompan\w*|mendampingi|didampingi|mengiringi|diiringi|menyertai|disertai)\b",
                          re.IGNORECASE)


@dataclass
class Cited:
    """A sentence an answer cites, with the records it stands for."""

    sentence: SentenceSpan
    records: list[str] = field(default_factory=list)


@dataclass
class RecordAnswer:
    text: str
    cited: list[Cited]
    records: list[str]
    score: float
    coverage: float
    # a list of the items a meeting produced, each cited to its own sentence: those sentences hold
    # the items, not the question's words, so their distance from the question says nothing
    itemised: bool = False


class _Citer:
    """Numbers the sentences an answer cites, each once."""

    def __init__(self, limit: int = MAX_CITATIONS):
        self.cited: list[Cited] = []
        self.limit = limit

    def __call__(self, sentence: SentenceSpan | None, record_id: str) -> str:
        if sentence is None:
            return ""
        for i, c in enumerate(self.cited, start=1):
            if (c.sentence.doc_id, c.sentence.start) == (sentence.doc_id, sentence.start):
                if record_id not in c.records:
                    c.records.append(record_id)
                return f"[{i}]"
        if len(self.cited) >= self.limit:
            return ""
        self.cited.append(Cited(sentence, [record_id]))
        return f"[{len(self.cited)}]"



# --- wording -----------------------------------------------------------------------------------

def meeting_label(r: IndexedRecord, lang: str) -> str:
    lang = C.lang_of(lang)
    countries = C.countries_phrase(r.countries, lang) if 0 < len(r.countries) <= 3 else ""
    if r.mechanism:
        mech = r.mechanism
        if lang == "id":
            base = f"{mech} {countries}".strip()
            base = base if re.match(r"(?i)(pertemuan|konsultasi|dialog|ktt|sidang|forum|retret)", mech) else \
                f"pertemuan {base}"
            return f"{base} {C.round_phrase(r.round, lang)}".strip()
        ordinal = C.round_phrase(r.round, lang)
        return " ".join(x for x in ("the", ordinal, countries, mech) if x)
    if lang == "id":
        return f"pertemuan {countries}".strip() if countries else "pertemuan itu"
    return f"the {countries} meeting" if countries else "the meeting"


def _place(r: IndexedRecord, lang: str) -> str:
    """'Jakarta, Indonesia' (the city and its country), 'Singapura' (a city that is its state), or the region."""
    if r.city:
        if not r.loc_country:
            return r.city
        state = C.bare(C.country_name(r.loc_country, lang))
        if r.city.lower() in (state.lower(), C.bare(C.country_name(r.loc_country, "en")).lower()):
            return state
        return f"{r.city}, {state}"
    return r.region or ""


# "on the sidelines of the G20 summit", "di sela KTT APEC": the gathering a meeting was held beside
_SIDELINES = re.compile(r"\b(?:on|at) the (?:sidelines?|margins?) of\s+|\bdi ?sela(?:-sela)?\s+", re.IGNORECASE)
# where the gathering's name ends: a clause, a place, a time
_SIDELINE_END = re.compile(r"(?i:in|on|at|di|pada|ke|when|ketika|saat|where|which|that|yang|dan|and|last|lalu|"
                           r"earlier|sebelumnya|this|next|tahun|bulan|minggu|pekan|hari|year|month|week|to|untuk|for)$")
_SIDELINE_WORDS = 8


def sideline_of(sentence: str) -> str | None:
    """The gathering a sentence says a meeting was held on the sidelines of ('the G20 summit',
    'KTT ke-43 ASEAN'); None unless the name holds a capital or a digit ("di sela kunjungannya"
    names none)."""
    m = _SIDELINES.search(sentence)
    if m is None:
        return None
    words: list[str] = []
    for w in sentence[m.end():].split()[:_SIDELINE_WORDS]:
        core = w.strip(",.;:()\"“”'’")
        if not core or _SIDELINE_END.match(core):
            break
        words.append(core)
        if core != w.rstrip("'’"):  # a comma or a stop ends the name
            break
    name = " ".join(words)
    return name if re.search(r"[A-Z0-9]", name) else None


def _beside(store, lang: str, s: SentenceSpan) -> str:
    """', on the sidelines of the G20 summit' when the sentence that places the meeting says so; a name
    from an article in another language is quoted."""
    name = sideline_of(s.text)
    if name is None:
        return ""
    lang2 = C.lang_of(lang)
    if doc_language(store, s.doc_id) != lang2:
        name = f"“{re.sub(r'^(?:the|an?) ', '', name)}”"
    return f", di sela {name}" if lang2 == "id" else f", on the sidelines of {name}"


def _reader_first(store, spans: list, lang: str) -> list:
    """Evidence spans with those from articles in the answer's language first: an event reported
    in two languages is cited in the reader's."""
    lang = C.lang_of(lang)
    languages = {doc_id: doc_language(store, doc_id) for doc_id in {e.doc_id for e in spans}}
    return sorted(spans, key=lambda e: languages.get(e.doc_id) != lang)


def _in_dateline(sentence: SentenceSpan, word: str) -> bool:
    """Is `word` only the sentence's opening dateline ('WOODSIDE, Calif. — ...')? A dateline says
    where the story was filed, so a sentence that names the place in its body is the better source."""
    i = sentence.text.lower().find(word.lower())
    rest = sentence.text[i + len(word):].lower()
    return 0 <= i <= 2 and sentence.text[i:i + len(word)].isupper() and word.lower() not in rest


def _evidence_sentences(store, r: IndexedRecord, lang: str, prefer: str | None = None,
                        own: bool = False) -> list[SentenceSpan]:
    """The record's evidence sentences, the reader's language first; with `prefer`, only those
    holding it (in the evidence span, else, unless `own`, elsewhere in the evidence's article),
    the ones that name it in their body before the ones that name it only in a dateline."""
    spans = _reader_first(store, list(r.evidence), lang)
    found = [s for e in spans if (s := sentence_at(store, e.doc_id, e.start, e.end, prefer)) is not None]
    if not prefer:
        return found
    found = [s for s in found if prefer.lower() in s.text.lower()]
    if not own:
        found += [s for e in spans for s in sentences_with(store, e.doc_id, prefer, e.start)]
    found = list(dict.fromkeys(found))
    return sorted(found, key=lambda s: _in_dateline(s, prefer))


def _first_evidence(store, r: IndexedRecord, lang: str, prefer: str | None = None) -> SentenceSpan | None:
    found = _evidence_sentences(store, r, lang, prefer) or (_evidence_sentences(store, r, lang) if prefer else [])
    return found[0] if found else None


def _date_sentence(store, r: IndexedRecord, lang: str) -> SentenceSpan | None:
    """The sentence that dates the meeting; for an event reported in several languages, the date as
    its report in the reader's language words it ('Selasa (4/3)' rather than 'on Tuesday')."""
    if not r.date_value:
        return None
    members = store.records.index.load(r.members) if r.kind == "event" and r.members else []
    for m in members:
        if m.date_value == r.date_value and m.date_text and m.doc_id \
                and doc_language(store, m.doc_id) == C.lang_of(lang):
            found = _evidence_sentences(store, m, lang, m.date_text)
            if found:
                return found[0]
    return _first_evidence(store, r, lang, r.date_text or None)


@lru_cache(maxsize=1024)
def _locative_before(word: str) -> re.Pattern:
    return re.compile(rf"\b(?:in|at|di|ke|à|en|dans)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*,?\s+){{0,4}}{re.escape(word)}\b",
                      re.IGNORECASE)


def _place_sentence(store, r: IndexedRecord, lang: str) -> SentenceSpan | None:
    """The sentence naming the meeting's city (or region): one of the record's own evidence
    sentences, those that also name the venue first; else another sentence of its article."""
    for word in (r.city, r.region, *_written_forms(store, r, lang)):
        if word:
            own = _evidence_sentences(store, r, lang, word, own=True)
            with_venue = [s for s in own if r.city and venue(s.text, r.city)]
            found = with_venue or own or _evidence_sentences(store, r, lang, word)
            if found:  # 'held in Tokyo' says where it was held; a headline or a list may just name the city
                return min(found, key=lambda s: not _locative_before(word).search(s.text))
    return None


def _written_forms(store, r: IndexedRecord, lang: str) -> list[str]:
    """How the record's evidence writes its city when that is not the city's own name ('New York' for
    New York City)."""
    from qa_app.nlp.places import find_places

    if not r.city:
        return []
    return list(dict.fromkeys(m.text for s in _evidence_sentences(store, r, lang) for m in find_places(s.text)
                              if m.value == r.city and m.text != r.city))


def _when(store, r: IndexedRecord, lang: str, cite: _Citer) -> str:
    phrase = C.date_phrase(r.date_value, r.date_precision, r.date_end, lang)
    return f"{phrase} {cite(_date_sentence(store, r, lang), r.id)}".strip() if phrase else ""


_VENUE = re.compile(r"\b(?:at|in|di|ke)\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s){0,4}[A-Z][\w'’.-]*),?\s+(?:in\s+|di\s+)?(?={city}\b)")


# "BEIJING – Xi received Blinken at the Great Hall of the People on Monday": the city opens the sentence
# as its dateline, and the venue is named on its own
_DATELINE_VENUE = re.compile(r"\b(?:at|di)\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s(?:of\s(?:the\s)?)?){0,4}[A-Z][\w'’.-]*)")
# a capitalised phrase after "at" that names an event, not a place
_EVENT_WORDS = re.compile(r"\b(?:Summit|Meeting|Conference|Forum|Dialogue|Session|Talks|Council|Assembly|Games|Olympics|"
                          r"KTT|Pertemuan|Konferensi|Sidang|Dialog)\b")


def _a_place(name: str) -> bool:
    """A capitalised phrase after "at" that is no event, state, person or someone's ("at President Xi's
    invitation")."""
    from qa_app.nlp.countries import find_countries
    from qa_app.qa.answerability import title_words

    words = name.split()
    return not (_EVENT_WORDS.search(name) or find_countries(name) or words[-1].endswith(("'s", "’s"))
                or name_key(words[0]) in title_words())


def venue(sentence: str, city: str) -> str | None:
    """The named venue just before the city in a sentence ('di Istana Merdeka, Jakarta' -> 'Istana Merdeka'),
    or anywhere in a sentence the city opens as its dateline ('BEIJING – ... at the Great Hall of the People')."""
    m = re.search(_VENUE.pattern.replace("{city}", re.escape(city)), sentence)
    if m is None and re.match(rf"\W*{re.escape(city)}\b", sentence, re.IGNORECASE):
        m = next((x for x in _DATELINE_VENUE.finditer(sentence, len(city)) if _a_place(x.group(1))), None)
    if not m:
        return None
    name = m.group(1).strip()
    return name if name.lower() != city.lower() and len(name) > 3 else None


# what may follow a venue's name: "at California estate" names an estate, not a venue called California
_VENUE_END = re.compile(r"\s*(?:[,.;:)”\"]|$|(?:in|on|at|di|pada|dan|and|for|untuk|to|with|dengan|yang|that|where|which|"
                        r"during|selama|when|saat|ketika|before|sebelum|after|setelah|sejak|since)\b)")


def lone_venue(sentence: str, people: tuple[str, ...] = ()) -> str | None:
    """A venue a sentence names on its own, after "at" or "di" ('... bertemu Presiden Prabowo di Istana
    Merdeka.'): a capitalised phrase that is no place the gazetteer knows (a city is a record's own
    field), no event, state, person or organisation's acronym."""
    from qa_app.nlp.countries import find_countries
    from qa_app.nlp.places import find_places
    from qa_app.qa.answerability import title_words

    person_titles = title_words(("titles", "ranks", "honorifics"))  # a palace or a ministry may be a venue
    for m in _DATELINE_VENUE.finditer(sentence):
        name = m.group(1).rstrip(".")
        words = name.split()
        if len(name) > 3 and not name.isupper() and _VENUE_END.match(sentence, m.start(1) + len(name)) \
                and not (_EVENT_WORDS.search(name) or find_countries(name) or find_places(name)
                         or words[-1].endswith(("'s", "’s")) or name_key(words[0]) in person_titles) \
                and not any(name_key(p) in name_key(name) for p in people):
            return name
    return None


def _own_venue(store, r: IndexedRecord, lang: str) -> tuple[str, SentenceSpan] | None:
    """The first venue one of the record's own evidence sentences names on its own, with that sentence."""
    people = tuple(p.name for p in r.people)
    return next(((hall, s) for s in _evidence_sentences(store, r, lang) if (hall := lone_venue(s.text, people))), None)


def _where(store, r: IndexedRecord, lang: str, cite: _Citer) -> str:
    place = _place(r, lang)
    if not place:
        return ""
    s = _place_sentence(store, r, lang)
    if s is None:
        return ""
    hall = venue(s.text, r.city) if r.city else None
    held = None if hall else _own_venue(store, r, lang)
    if held is not None:
        hall, told = held
        if (told.doc_id, told.start) != (s.doc_id, s.start):
            hall = f"{hall} {cite(told, r.id)}"
    if hall:
        place = f"{hall}, {place}"
    own = {(x.doc_id, x.start) for x in _evidence_sentences(store, r, lang)}
    beside = _beside(store, lang, s) if (s.doc_id, s.start) in own else ""  # not another meeting's sentence
    return f"{'di' if C.lang_of(lang) == 'id' else 'in'} {place}{beside} {cite(s, r.id)}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# the people a question asks for, qualified by their state: "Malaysian ministers", "menteri Malaysia"
_PEOPLE_NOUN = (r"(?:ministers?|officials?|leaders?|delegates?|delegations?|diplomats?|envoys?|officers?|generals?"
                r"|menteri|pejabat|pemimpin|delegasi|diplomat|utusan|perwira|jenderal|petinggi)")
_QUALIFIED_BEFORE = re.compile(r"^\s+(?:(?:and|or)\s+[\w-]+\s+)?(?:[a-z-]+\s+)?" + _PEOPLE_NOUN + r"\b",
                               re.IGNORECASE)
_QUALIFIED_AFTER = re.compile(r"\b" + _PEOPLE_NOUN + r"\s+$", re.IGNORECASE)


def _subject_countries(q: Question) -> list[str]:
    """Countries the question asks about as the side represented ('Who represented China at ... with
    Indonesia?' -> China); not a capital that says where ('the Oslo talks'). A state that qualifies
    the people asked for is the only side ('Which Malaysian ministers accompanied Anwar to
    Indonesia?' -> Malaysia)."""
    from qa_app.nlp.countries import find_countries

    subject, qualified = [], []
    for m in find_countries(q.text):
        if m.value and m.extra.get("via") != "capital" and not _WITH.search(q.text[max(0, m.start - 12):m.start]):
            subject.append(m.value)
            if (m.extra.get("via") == "demonym" and _QUALIFIED_BEFORE.match(q.text[m.end:])) \
                    or _QUALIFIED_AFTER.search(q.text[:m.start]):
                qualified.append(m.value)
    return list(dict.fromkeys(qualified or subject))


def _accompanied(q: Question) -> tuple[str, ...] | None:
    """The names of the person an "accompanied" question asks about: the first one named after the verb
    (by any word of a name, or by another name the question uses), None for another question."""
    verb_at = _ACCOMPANIED.search(q.text)
    if verb_at is None or not q.people:
        return None
    aliases = other_names_used(q.text)
    rest = q.text[verb_at.end():]

    def at(names) -> int:
        keys = {name_key(n) for n in names}
        words = {w for n in names for w in n.split() if len(w) > 2} | {a for a, key in aliases if key in keys}
        return min((m.start() for w in words for m in re.finditer(rf"\b{re.escape(w)}\b", rest)), default=len(q.text))
    return min(q.persons, key=at)


def _among_side(store, person, r: IndexedRecord, home: set[str]) -> bool:
    """A participant of no known state is named in a sentence (or its clause between semicolons) with
    people of `home` and of no other state ("...; his delegation included Foreign Minister Badr Abdelatty
    and intelligence chief Abbas Kamel")."""
    for e in person.evidence:
        s = sentence_at(store, e.doc_id, e.start, e.end)
        if s is None:
            continue
        at = e.start - s.start  # the clause between semicolons that names the person
        clause = s.text[s.text.rfind(";", 0, max(at, 0)) + 1:] if at >= 0 else s.text
        clause = clause.split(";", 1)[0]
        told = {p.country for p in r.people if p is not person and p.country
                and any(w in clause for w in p.name.split() if len(w) > 2)}
        if told and told <= home:
            return True
    return False


def _who(store, q: Question, r: IndexedRecord, lang: str, cite: _Citer, brief: bool = False) -> str | None:
    """Who took part; `brief`: only that, for a question that also asks where or when."""
    people = [p for p in r.people if not any(one_person(p.name, n) for n in q.people)]
    subject = _subject_countries(q)
    by_country = [p for p in people if p.country in subject]
    one_side = subject and (_REPRESENT.search(q.text) or len(subject) < len(set(r.countries)))
    accompanied = _accompanied(q)
    if accompanied is not None:
        # "Who accompanied Sisi on his visit to Eritrea?": his own side, not the host he met
        home = {p.country for p in r.people if any(one_person(p.name, n) for n in accompanied)} - {None}
        people = [p for p in people if p.country in home or (p.country is None and _among_side(store, p, r, home))]
    elif one_side and not by_country:
        return None  # "Which Malaysian officials ...?": the record names none of that side
    elif one_side:
        people = by_country
    if not people:
        return None
    lang = C.lang_of(lang)
    mentions = []
    for p in people[:6]:
        # the person named in the meeting's own sentences, not a first mention elsewhere (a caption
        # of another meeting of the same trip)
        own = [e for e in p.evidence if any(e.doc_id == x.doc_id and x.start <= e.start < x.end for x in r.evidence)]
        ev = (_reader_first(store, own or list(p.evidence), lang) or [None])[0]
        s = sentence_at(store, ev.doc_id, ev.start, ev.end) if ev else None
        mentions.append(f"{C.person_phrase(p.name, C.short_role(p.role))} {cite(s, r.id)}".strip())
    who = C.join(mentions, lang)
    if brief:
        return f"Pertemuan itu dihadiri oleh {who}." if lang == "id" else f"It was attended by {who}."
    label = meeting_label(r, lang)
    where, when = _where(store, r, lang, cite), _when(store, r, lang, cite)
    tail = " ".join(x for x in (where, when) if x)
    if _REPRESENT.search(q.text) and subject and by_country:
        sides = [c for c in subject if c in {p.country for p in people}] or subject[:1]
        side = C.join([C.bare(C.country_name(c, lang)) for c in sides], lang)
        if lang == "id":
            return f"{side} diwakili oleh {who} dalam {label} {tail}".strip() + "."
        return f"{side} was represented by {who} at {label} {tail}".strip() + "."
    if accompanied is not None:
        lead = max(accompanied, key=len)
        if lang == "id":
            return f"{lead} didampingi oleh {who} dalam {label} {tail}".strip() + "."
        return f"{lead} was accompanied by {who} at {label} {tail}".strip() + "."
    if q.people and _MEET.search(q.text):
        host = C.join([max(names, key=len) for names in q.persons], lang)
        verb = "bertemu dengan" if lang == "id" else "met"
        return f"{host} {verb} {who} {'dalam' if lang == 'id' else 'at'} {label} {tail}".strip() + "."
    if lang == "id":
        return f"{_capital(label)} dihadiri oleh {who} {tail}".strip() + "."
    return f"{_capital(label)} was attended by {who} {tail}".strip() + "."


def _when_answer(store, q: Question, r: IndexedRecord, lang: str, cite: _Citer) -> str | None:
    when = _when(store, r, lang, cite)
    if not when:
        return None
    where = _where(store, r, lang, cite) if q.wants("place") or q.wants("city") else ""
    if (q.wants("place") or q.wants("city")) and not where:
        return None
    label = _capital(meeting_label(r, lang))
    lang = C.lang_of(lang)
    if r.status == "planned":
        verb = "direncanakan" if lang == "id" else "is planned"
    else:
        verb = "berlangsung" if lang == "id" else "took place"
    return f"{label} {verb} {' '.join(x for x in (where, when) if x)}".strip() + "."


def _where_answer(store, q: Question, r: IndexedRecord, lang: str, cite: _Citer) -> str | None:
    where = _where(store, r, lang, cite)
    if not where:
        return None
    when = _when(store, r, lang, cite)
    if q.wants("date") and not when:
        return None
    label = _capital(meeting_label(r, lang))
    lang = C.lang_of(lang)
    if r.status == "planned":
        verb = "akan digelar" if lang == "id" else "is planned"
    else:
        verb = "digelar" if lang == "id" else "was held"
    return f"{label} {verb} {' '.join(x for x in (where, when) if x)}".strip() + "."


def _mechanism_answer(store, q: Question, matches: list[RecordMatch], lang: str, cite: _Citer) -> str | None:
    parts = []
    for m in matches[:4]:
        r = m.record
        label = meeting_label(r, lang) if (r.mechanism or r.countries) else r.title
        where, when = _where(store, r, lang, cite), _when(store, r, lang, cite)
        first = cite(_first_evidence(store, r, lang), r.id)
        parts.append(" ".join(x for x in (label, where, when, "" if (where or when) else first) if x))
    if not parts:
        return None
    return _capital("; ".join(parts)) + "."


_MODAL = {
    "en": {"agreed": "agreed to", "pledged": "pledged to", "intends": "intend to", "plans": "plan to",
           "reaffirmed": "reaffirmed", "supports": "support"},
    "en1": {"intends": "intends to", "plans": "plans to", "supports": "supports"},  # one actor
    "id": {"agreed": "sepakat untuk", "pledged": "berjanji untuk", "intends": "berniat", "plans": "berencana",
           "reaffirmed": "menegaskan kembali", "supports": "mendukung"},
}


_MODALITY_LABEL = {
    "en": {"agreed": "agreed", "pledged": "pledged", "intends": "intend", "plans": "plan", "reaffirmed": "reaffirmed",
           "supports": "support"},
    "id": {"agreed": "sepakat", "pledged": "berjanji", "intends": "berniat", "plans": "berencana",
           "reaffirmed": "menegaskan kembali", "supports": "mendukung"},
}
_NOT_A_VERB = frozenset("the a an its their his her this that these those of on in for with by and or as at from "
                        "all both each more new".split())


def _written_in(store, sentence: SentenceSpan | None, lang: str) -> bool:
    """Is the sentence's article in the answer's language (Malay counting as Indonesian)? An action
    in another language is quoted, not worked into the answer's own sentence."""
    return sentence is None or doc_language(store, sentence.doc_id) in (None, lang)


def _verb_first(action: str, lang: str) -> bool:
    """Does the action read as a verb phrase ("acquire two ships", "memperkuat kerja sama")?"""
    word = (action.split() or [""])[0]
    if not word.isalpha() or not word.islower():
        return False
    if lang == "id":
        return bool(re.match(r"(me|ber|di|ter|per|se)[a-z]{3,}", word)) or word in ("bekerja", "saling", "terus")
    return word not in _NOT_A_VERB


def _commitment_answer(store, q: Question, matches: list[RecordMatch], lang: str, cite: _Citer) -> str | None:
    lang = C.lang_of(lang)
    parts = []
    for m in matches[:4]:
        c = m.record
        actors = C.join([C.bare(C.country_name(a, lang)) for a in c.countries], lang) or "—"
        modality = c.status or "agreed"
        verb = _MODAL["en1"].get(modality) if lang == "en" and len(c.countries) == 1 else None
        verb = verb or _MODAL[lang].get(modality, _MODAL[lang]["agreed"])
        action = re.sub(r"^\w+:\s*", "", c.title.strip().rstrip("."))
        for prefix in ("to ", "agreed to ", "agree to "):
            if action.lower().startswith(prefix):
                action = action[len(prefix):]
        s = _first_evidence(store, c, lang)
        if action.endswith("…") and s is not None:
            action = s.text.strip()  # an action cut short for the record is quoted whole from its sentence
            parts.append(f"{actors} ({_MODALITY_LABEL[lang][modality]}): “{action}” {cite(s, c.id)}".strip())
        elif _verb_first(action, lang) and _written_in(store, s, lang):
            parts.append(f"{actors} {verb} {action} {cite(s, c.id)}".strip())
        else:  # "want the contract to take effect": quoted as written, not forced into "intend to ..."
            parts.append(f"{actors} ({_MODALITY_LABEL[lang][modality]}): “{action}” {cite(s, c.id)}".strip())
    if not parts:
        return None
    return "; ".join(parts) + "."


def _country_answer(store, q: Question, r: IndexedRecord, lang: str, cite: _Citer) -> str | None:
    others = [c for c in r.countries if c not in q.countries]
    if not others:
        return None
    s = _first_evidence(store, r, lang)
    names = C.join([C.bare(C.country_name(c, lang)) for c in others], lang)
    label = _capital(meeting_label(r, lang))
    if C.lang_of(lang) == "id":
        return f"{label} melibatkan {names} {cite(s, r.id)}".strip() + "."
    return f"{label} involved {names} {cite(s, r.id)}".strip() + "."


def record_answer(store, q: Question, lang: str) -> RecordAnswer | None:
    """A short answer from the records that match the question, or None."""
    wanted = [t for t in q.types if t in RECORD_TYPES]
    if not wanted or any(t in ("number", "amount", "duration", "yesno") for t in q.types):
        return None
    if not (q.countries or q.people or q.mechanisms or told_by_day(q)):
        return None
    if _BEYOND_RECORDS.search(q.text) or _ANNOUNCER.search(q.text):
        return None  # "..., and why did its prime minister stay away?": a reason or a remark is in the sentences
    cite = _Citer()
    if q.main == "commitment" and ASKS_DOCUMENTS.search(q.text):
        found = _documents(store, q, lang)
        if found is not None:
            return found
    if q.main == "commitment":
        matches = matching_commitments(store, q)
        best = max((m.coverage for m in matches), default=0)
        matches = [m for m in matches if m.coverage >= best - 0.01]
        text = _commitment_answer(store, q, matches, lang, cite) if matches else None
        if text is None:
            return None
        return RecordAnswer(text, cite.cited, [m.record.id for m in matches[:4]], matches[0].score, best)
    if not (_ABOUT_A_MEETING.search(q.text) or q.mechanisms):
        return None
    matches = [m for m in matching_records(store, q) if m.coverage >= RECORD_MIN_COVERAGE]
    if not matches:
        return None
    if q.main == "mechanism" and _MEETINGS.search(q.text):
        top = matches[0].score
        chosen = [m for m in matches if m.score >= top - 1]
        if q.people:
            found = _meetings_of(store, q, chosen, lang)
            if found is not None:
                return found
        text = _mechanism_answer(store, q, chosen, lang, cite)
        return RecordAnswer(text, cite.cited, [m.record.id for m in chosen[:4]], top, matches[0].coverage) if text else None
    if q.main == "person" and asks_signing(q.text):
        return None  # "Who signed the memorandum?": who attended is not who signed; the signing sentence says
    if q.main == "date" and q.events and not q.events & _MEETING_EVENTS:
        return None  # "When will the pact enter into force?": not the day of the meeting that signed it
    if q.when_or_where_earlier:
        matches = earlier_meetings(q, matches)
        if not matches:
            return None  # the earlier meeting is not among the records: the sentences may tell it
    if q.main == "person" and q.people and set(q.types) == {"person"}:
        found = _whom_each(store, q, matches, lang)
        if found is not None:
            return found
    builders = {"person": _who, "date": _when_answer, "place": _where_answer, "city": _where_answer,
                "country": _country_answer,
                "mechanism": lambda s, qq, r, lg, ct: _mechanism_answer(s, qq, [RecordMatch(r, 0, 0, "")], lg, ct)}
    if q.when_or_where_earlier and q.earlier == "all" and len(matches) > 1:
        found = _earlier_list(store, q, matches[:3][::-1], lang)
        if found is not None:
            return found
    for m in matches[:3]:
        cite = _Citer()
        text = builders[q.main](store, q, m.record, lang, cite)
        if text and q.main != "person" and "person" in q.types:
            who = _who(store, q, m.record, lang, cite, brief=True)  # "Where and when was it held, and who led it?"
            text = f"{text} {who}" if who else text
        if text and cite.cited and _answers_all_types(q, m.record):
            return RecordAnswer(text, cite.cited, [m.record.id], m.score, m.coverage)
    return None


_MEETINGS = re.compile(r"\bmeetings\b|\bpertemuan (?:atau [\w-]+ )?apa saja\b", re.IGNORECASE)
MAX_LISTED = 10  # meetings one answer lists


def _meetings_of(store, q: Question, matches: list[RecordMatch], lang: str) -> RecordAnswer | None:
    """"Which meetings did Austin take part in?": the meetings of the person the question names,
    across the articles, oldest first, each with the others who took part, where and when, each
    fact cited (None unless two or more are found)."""
    named = {name_key(n) for n in q.people}
    mine = [m for m in matches if named & {name_key(p.name) for p in m.record.people}]
    if len(mine) < 2:
        return None
    total, mine = len(mine), mine[:MAX_LISTED]
    mine.sort(key=lambda m: (m.record.date_lo or "9999", m.record.id))
    lang2 = C.lang_of(lang)
    cite = _Citer(limit=3 * MAX_LISTED)
    parts = []
    for m in mine:
        r = m.record
        label = meeting_label(r, lang) if (r.mechanism or r.countries) else r.title
        others = [p.name for p in r.people if name_key(p.name) not in named][:3]
        company = f"{'dengan' if lang2 == 'id' else 'with'} {C.join(others, lang)}" if others else ""
        where, when = _where(store, r, lang, cite), _when(store, r, lang, cite)
        first = cite(_first_evidence(store, r, lang), r.id) if not (where or when) else ""
        parts.append(" ".join(x for x in (label, company, where, when, first) if x))
    who = C.join([max(names, key=len) for names in q.persons], lang)
    if lang2 == "id":
        lead = f"{who} ikut serta dalam {total} pertemuan" + (f", di antaranya {len(parts)} ini" if total > len(parts) else "")
    else:
        lead = f"{who} took part in {total} meetings" + (f", among them these {len(parts)}" if total > len(parts) else "")
    text = f"{lead}: " + "; ".join(parts) + "."
    return RecordAnswer(text, cite.cited, [m.record.id for m in mine], mine[0].score, max(m.coverage for m in mine),
                        itemised=True)


def _earlier_list(store, q: Question, matches: list[RecordMatch], lang: str) -> RecordAnswer | None:
    """"Where and when had they met before?": each earlier meeting, oldest first, where and when it was
    held (None unless two or more say what the question asks)."""
    cite = _Citer()
    parts, used = [], []
    for m in matches:
        if not _answers_all_types(q, m.record):
            continue
        where = _where(store, m.record, lang, cite) if q.wants("place") or q.wants("city") else ""
        when = _when(store, m.record, lang, cite) if q.wants("date") else ""
        if (q.wants("place") or q.wants("city")) and not where or q.wants("date") and not when:
            continue
        parts.append((meeting_label(m.record, lang), " ".join(x for x in (where, when) if x)))
        used.append(m)
    if len(parts) < 2:
        return None
    same = len({label for label, _t in parts}) == 1
    lead = "Pertemuan sebelumnya" if C.lang_of(lang) == "id" else "Earlier meetings"
    text = f"{lead}: " + "; ".join(t if same else f"{label} {t}" for label, t in parts) + "."
    return RecordAnswer(text, cite.cited, [m.record.id for m in used], used[-1].score, used[-1].coverage)


def _whom_each(store, q: Question, matches: list[RecordMatch], lang: str) -> RecordAnswer | None:
    """"Whom did Akar speak to by phone?": every meeting of the named person that matches as well as the
    best one (one call to Shoigu, another to Reznikov), each with its own counterparts."""
    named = {name_key(n) for n in q.people}
    top = matches[0]
    tied = [m for m in matches if m.score >= top.score - 0.01 and m.coverage >= top.coverage - 0.01
            and named & {name_key(p.name) for p in m.record.people}][:4]
    if len(tied) < 2:
        return None
    cite = _Citer()
    texts = [t for m in tied if (t := _who(store, q, m.record, lang, cite))]
    if len(texts) < 2 or not cite.cited:
        return None
    return RecordAnswer(" ".join(texts), cite.cited, [m.record.id for m in tied], top.score, top.coverage)


def earlier_meetings(q: Question, matches: list[RecordMatch]) -> list[RecordMatch]:
    """For a question about an earlier meeting than the one it names ('... last met before the
    Perth talks?', 'pertama kali bertemu'): the dated matches before the named one, the latest
    first, or the earliest first for 'first'. The named one is the match held where the
    question's reference says, else the latest dated one; a year the reference gives has already
    ruled out what came after it."""
    from qa_app.nlp.places import find_places
    from qa_app.qa.question import reference_start

    dated = [m for m in matches if m.record.date_lo and m.record.status != "planned"]
    ref = q.text[reference_start(q.text):]
    where = {name_key(p.value or p.text) for p in find_places(ref)}
    said = f" {name_key(ref)} "  # a venue the gazetteer does not know ('... the meeting at Woodside')
    named = next((m for m in dated for x in (m.record.city, m.record.region)
                  if x and (name_key(x) in where or f" {name_key(x)} " in said)), None)
    if named is None:  # "... before the meeting at Woodside?" where the record's city is San Francisco
        venue_words = _venue_words(q, ref)
        named = next((m for m in dated if _tells_venue(m.record, venue_words)), None)
    if named is None and not any(rel == "before" for rel, _lo, _hi in q.dates) and (q.earlier == "last" or ref):
        named = max(dated, key=lambda m: m.record.date_hi, default=None)
    before = [m for m in dated if named is None or (m is not named and m.record.date_hi < named.record.date_lo)]
    return sorted(before, key=lambda m: m.record.date_lo, reverse=q.earlier != "first")


def _venue_words(q: Question, ref: str) -> set[str]:
    """Capitalised words of the question's reference to the later meeting that are not the names of
    its people, countries or dates ('sebelum pertemuan di Woodside' -> {'woodside'})."""
    from qa_app.qa.question import capitalised_names, masked

    people = {t for n in q.people for t in name_key(n).split()}
    return {t for phrase in capitalised_names(masked(ref, q.language), set()) for t in name_key(phrase).split()
            if len(t) > 2 and t not in people}


def _tells_venue(r: IndexedRecord, words: set[str]) -> bool:
    """One of the record's evidence sentences names the venue the question refers to it by."""
    return bool(words) and any(words <= set(name_key(e.quote).split()) for e in r.evidence)


def _answers_all_types(q: Question, r: IndexedRecord) -> bool:
    """The record holds every answer type the question asks for (a 'where and when' question needs
    a place and a date)."""
    if q.future and q.main in ("date", "place", "city") and r.status != "planned":
        return False  # "When is Qin Gang scheduled to visit Washington?" is not answered by a meeting held
    have = {"person": bool(r.people), "date": bool(r.date_value) and (not q.day or r.date_precision == "day"),
            "place": bool(r.city or r.region), "city": bool(r.city)}
    return all(have.get(t, True) for t in q.types)


def _documents(store, q: Question, lang: str) -> RecordAnswer | None:
    """The list of documents signed at the meeting the question names (two or more), or None."""
    named = q.people or q.dates or q.places or q.mechanisms or q.round is not None
    meetings = matching_records(store, q, ("event", "meeting"))[:3] if named else []
    meeting_ids = {mid for m in meetings for mid in [m.record.id, *m.record.members]}
    docs = signed_documents(store, q, meeting_ids, {d for m in meetings for d in m.record.doc_ids})
    if len(docs) < 2:
        return None
    cite = _Citer(limit=MAX_DOCUMENTS)
    text = _capital(documents_text(docs, lang, lambda c: cite(_first_evidence(store, c, lang), c.id)))
    return RecordAnswer(text, cite.cited, [c.id for c in docs], float(len(docs)), 1.0, itemised=True)
