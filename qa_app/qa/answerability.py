"""Whether evidence can answer a question: the answer type the question needs against what a
sentence (or record) carries, the names the question relies on, and a support score.

One decision for every mode: extractive answers, record answers and generative answers all
go through `decide`. The thresholds were set on the first half of the development corpus
(articles 100–115) and checked on the other half (200–215); see README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qa_app.nlp.amounts import names_money
from qa_app.qa.concepts import word_concept
from qa_app.store.record_keys import name_key
from qa_app.text.language import word_family
from qa_app.text.sentences import CAPTION

# Support needed to answer from sentences (see `support`), set on held-in dev questions.
SENTENCE_MIN_SUPPORT = 0.33
# Share of the names in a question (capitalised words that are no country) its evidence must hold.
NAMES_MIN_SHARE = 0.75
# Share of the question's topic words a record's sentences must cover to answer from it.
RECORD_MIN_COVERAGE = 0.5
# Below this share (all of them), a record answers only when no sentence does: on the examined articles
# of the second set, record answers whose sentences miss some of the question's words were wrong where
# the sentences were right 6 times and right where the sentences were wrong 2 times (dev corpus: 1 and 1).
RECORD_FIRST_COVERAGE = 1.0

_NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
                 "hundred thousand dozen satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas "
                 "seratus ribu puluh belas setengah separuh half twice once").split()
NUMBER_RX = re.compile(r"\d|\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
# how long something lasted or how soon it is due: minutes, hours, days, months ("for roughly 80 minutes",
# "dalam waktu paling lambat dua bulan")
DURATION_RX = re.compile(r"\b(\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
                         r"thirty|forty|forty-five|fifty|sixty|ninety|half an?|an|satu|dua|tiga|empat|lima|setengah|"
                         r"sejam|beberapa)[\s-]*(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|menit|jam|"
                         r"hari|pekan|minggu|bulan|tahun)\b|\bsejam\b|\bhalf-hour\b", re.IGNORECASE)
# "the two governments", "all three leaders", "kedua pihak": a definite group, not a count that answers "how many"
DEFINITE_GROUP_RX = re.compile(r"\b(the|all|these|those|both|its|their)\s+(two|three|four|five|six|seven|eight|nine|ten)\b",
                               re.IGNORECASE)
YEAR_RX = re.compile(r"\b(19|20)\d{2}\b")
_LOCATIVE = re.compile(r"\b(in|at|to|di|ke|dari|from)\s+(the\s+)?[A-Z][\w'’-]+")
_CAPS_PAIR = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-zà-ÿ'’-]+\s+(?:[A-Z][a-zà-ÿ'’-]+\s*){1,3}")
_MONTHS_WEEKDAYS = frozenset(
    "january february march april may june july august september october november december januari februari maret "
    "mei juni juli agustus oktober desember monday tuesday wednesday thursday friday saturday sunday senin selasa rabu "
    "kamis jumat jum'at sabtu minggu".split())


_TITLE_LISTS = ("titles", "modifiers", "ranks", "honorifics", "org_words", "lower_titles", "rank_countries")


@lru_cache(maxsize=4)
def title_words(lists: tuple[str, ...] = _TITLE_LISTS) -> frozenset[str]:
    """The words of the titles lexicon's phrases, from the lists named (all of them by default)."""
    from qa_app.nlp.lexicon import load

    lex = load("titles")
    return frozenset(w for key in lists for phrase in lex.get(key, []) for w in name_key(phrase).split())


def _announces(text: str) -> bool:
    from qa_app.nlp.dates import announces

    return announces(text)


@lru_cache(maxsize=8192)
def people_in(text: str, language: str = "en") -> tuple:
    """`find_people` of a sentence, once per sentence and language: every question weighs the same
    candidate sentences again."""
    from qa_app.nlp.people import find_people

    return tuple(find_people(text, language))


@lru_cache(maxsize=8192)
def _dated(text: str, language: str) -> bool:
    from qa_app.nlp.dates import find_dates

    if YEAR_RX.search(text):
        return True
    # the sentence may be in another language than the question ("Senin (19/9)")
    if any(find_dates(text, lang) for lang in dict.fromkeys((language, "en", "id"))):
        return True
    return bool(_day_after_rx().search(text))  # "The following day ...": dated by the date told before it


@lru_cache(maxsize=1)
def _day_after_rx() -> re.Pattern:
    """Days counted from the date told just before ("the following day", "keesokan harinya"), which the
    article resolves and the answer's date note spells out."""
    from qa_app.nlp.lexicon import load

    return re.compile(rf"\b(?:{_alternation({w for table in load('dates')['after_previous'].values() for w in table})})\b",
                      re.IGNORECASE)


def _alternation(words) -> str:
    """A regex alternation of phrases, longest first, any run of spaces between their words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# what states settle and sign besides the commitment words of lex_cues.json (single words; an
# inflection -s, -ed, -ing or -nya may follow)
_SETTLED = ("promise sign teken meneken diteken menandatangani ditandatangani mou memorandum memoranda "
            "kesepahaman perjanjian treaty treaties accord pact deal protocol welcome menyambut disambut "
            "launch meluncurkan declaration deklarasi roadmap document dokumen").split()


@lru_cache(maxsize=1)
def _settled_rx() -> re.Pattern:
    """A word that states what was agreed, pledged, planned, signed or welcomed."""
    from qa_app.nlp.lexicon import load

    words = {w.lower() for ws in load("cues")["commitment"].values() for w in ws} | set(_SETTLED)
    return re.compile(rf"\b(?:{_alternation(words)})(?:s|es|ed|d|ing|nya)?\b", re.IGNORECASE)


# "will hold a summit", "akan bertemu": a meeting to come, told with a word that also tells plans
_MEETING_TO_COME = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}?(?:hold|holds|meet|visit|host|attend|travel|fly|convene|"
                              r"bertemu|menggelar|mengadakan|berkunjung|melawat|menghadiri|mengunjungi|bertandang)\b",
                              re.IGNORECASE)
_PLAN_WORDS = frozenset("will would akan".split())


def _announced_meeting(text: str, m: re.Match) -> bool:
    """The commitment word `m` only announces a meeting ("Aravena will hold a summit with Berg"):
    what a meeting is to produce is not told by the news that it will take place."""
    return m.group().lower() in _PLAN_WORDS and bool(_MEETING_TO_COME.match(text, m.end()))


# a signing or a signed document ("meneken", "the memorandum", "perjanjian", "a letter of intent")
_SIGNED_TEXT = re.compile(
    r"\b(?:sign(?:s|ed|ing)?|signature|teken|meneken|diteken|penekenan|menandatangani|ditandatangani|penandatanganan|"
    r"mou|mous|memorand(?:um|a|ums)|kesepahaman|perjanjian|agreements?|treat(?:y|ies)|accords?|pacts?|protocols?|"
    r"protokol|deals?|dokumen|documents?|letters? of intent|surat hasrat|charter|piagam|declarations?|deklarasi|"
    r"contracts?|kontrak|nota|roadmap|peta jalan|arrangements?|signé\w*)\b", re.IGNORECASE)


def dates_the_event(events: frozenset[str], text: str) -> bool:
    """Does `text` name an event of a kind the question asks the date of? "When will the pact enter into
    force?" is not answered by "signed the pact on Monday", nor "When will the drills start?" by the day
    they were announced."""
    from qa_app.nlp.date_lexicon import dated_events

    return bool(events & dated_events(text, told=True))


def tells_signing(text: str) -> bool:
    """Does `text` tell of a signing or name a signed document (for "what did they sign")?"""
    return bool(_SIGNED_TEXT.search(text))


LIST_MARK = re.compile(r"\s*(?:[-–•*·▪]|\d{1,2}[.)]|[a-h][.)])\s")  # what opens a list item


def list_intro(doc_text: str, at: int) -> str:
    """The line that opens the list an item at `at` belongs to ("The documents signed included:"),
    or "" when the text at `at` is no list item."""
    line_start = doc_text.rfind("\n", 0, at) + 1
    if not LIST_MARK.match(doc_text, line_start):
        return ""
    end = line_start - 1
    while end > 0:
        start = doc_text.rfind("\n", 0, end) + 1
        line = doc_text[start:end].strip()
        if line and not LIST_MARK.match(line + " "):
            return line if line.endswith(":") else ""
        end = start - 1
    return ""


def carries(kind: str, text: str, language: str = "en", question_countries: frozenset[str] = frozenset()) -> bool:
    """Does `text` hold an answer of this kind?"""
    if kind == "commitment":
        return any(not _announced_meeting(text, m) for m in _settled_rx().finditer(text))
    if kind == "person":
        return bool(people_in(text, language)) or bool(_CAPS_PAIR.search(text))
    if kind == "date":
        return _dated(text, language)
    if kind == "place":
        from qa_app.nlp.places import find_places

        return bool(find_places(text)) or bool(_LOCATIVE.search(text))
    if kind == "city":
        from qa_app.nlp.places import find_places

        return bool(find_places(text))
    if kind == "number":
        return bool(NUMBER_RX.search(_without_dates(text, language)))
    if kind == "amount":
        return names_money(text)
    if kind == "duration":
        return bool(DURATION_RX.search(text))
    if kind == "country":
        from qa_app.nlp.countries import find_countries

        return any(m.value and m.value not in question_countries for m in find_countries(text))
    return True


# "How many Japanese troops will ...", "Berapa jumlah wisatawan China ...": the thing counted
_COUNTED_EN = re.compile(r"\bhow many\s+((?:[^\W\d_][\w'’-]*\s+){0,3}?[^\W\d_][\w'’-]*)\s+(?:will|would|were|was|are|is|"
                         r"did|do|does|have|has|had|could|can|took|take|in|at|on|of|from|to|under|per|each|a|an)\b", re.IGNORECASE)
_COUNTED_ID = re.compile(r"\bberapa\s+(?:jumlah\s+|banyak\s+|bilangan\s+)?([^\W\d_][\w'’-]*)", re.IGNORECASE)
_NOT_COUNTED = frozenset("lama lamanya kali banyak nilai harga biaya besar jauh tahun hari bulan persen".split())


def counted_noun(question: str) -> str | None:
    """The noun a question with one how-many counts ("troops", "wisatawan"), lower-cased; none for a
    name ("F-16s") or when it asks for more than the count."""
    if len(re.findall(r"\bhow many\b|\bberapa\b", question, re.IGNORECASE)) != 1 or _SECOND_PART.search(question):
        return None  # "How many personnel ..., and from which force?": one sentence may hold each part
    m = _COUNTED_EN.search(question) or _COUNTED_ID.search(question)
    if m is None:
        return None
    noun = m.group(1).split()[-1] if m.re is _COUNTED_EN else m.group(1)
    if noun.lower() in _NOT_COUNTED or re.search(r"\d", noun) or noun[:1].isupper() and m.re is _COUNTED_EN:
        return None
    return noun.lower()


_SECOND_PART = re.compile(r"\b(?:and|dan|serta)\b[^?]*\b(?:what|which|where|when|who|whom|how|apa|mana|siapa|kapan|"
                          r"bagaimana)\b", re.IGNORECASE)
_ORDINAL_RX = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                         r"eleventh|twelfth|ke-?\d+|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan|"
                         r"kesepuluh)\b", re.IGNORECASE)


def counts(noun: str, text: str, language: str = "en") -> bool:
    """Does `text` put a number next to `noun` or a word of its concept ("2000 US Marines" does not
    count troops; "500 prajurit" counts "pasukan")?"""
    want = word_concept(noun)
    plain = _without_dates(text, language)
    toks = list(re.finditer(r"[\w'’.,-]+", plain))
    for k, t in enumerate(toks):
        if not (NUMBER_RX.search(t.group()) or _ORDINAL_RX.fullmatch(t.group())):
            continue  # "became the tenth full member" counts members too
        near = toks[max(0, k - 3):k] + toks[k + 1:k + 5]
        if any(word_concept(n.group().lower().strip(".,")) == want for n in near):
            return True
    return False


COUNTS_SOMETHING_ELSE = "the sentence shares no word of what the question counts"

# "per ton", "each year", "setiap tahun", "a year": a figure for each unit of something
_UNITS = (r"years?|tahun|months?|bulan|weeks?|pekan|minggu|days?|hari|tons?|tonnes?|tan|barrels?|"
          r"kilo(?:gram)?s?|kg|units?|persons?|people|orang")
_RATE_ASKED = re.compile(rf"\b(?:per|each|every|setiap|tiap|a|an)\s+({_UNITS})\b", re.IGNORECASE)
_RATE_TOLD = re.compile(rf"\b(?:per|each|every|setiap|tiap|a|an)\s+({_UNITS})\b|/\s*({_UNITS})\b|"
                        r"\b(annual(?:ly)?|yearly|per annum|tahunan|monthly|bulanan|weekly|daily|harian)\b|"
                        r"\bse(tahun|bulan|minggu|hari)\b", re.IGNORECASE)
# units told by one word of their own, or in another language than the question's
_RATE_WORDS = {"annual": "#year", "annually": "#year", "yearly": "#year", "per annum": "#year", "tahunan": "#year",
               "monthly": "#month", "bulanan": "#month", "weekly": "#week", "daily": "#day", "harian": "#day",
               "tonne": "ton", "tan": "ton"}


def _unit(word: str) -> str:
    word = word.lower()
    single = word[:-1] if word.endswith("s") and len(word) > 3 else word  # "tons", "years"
    return _RATE_WORDS.get(word) or _RATE_WORDS.get(single) or word_concept(single)


def asked_rate(question: str) -> str | None:
    """The unit a how-many or how-much question asks a figure for ("per ton", "setiap tahun"), as a
    concept; None when it asks for no rate."""
    m = _RATE_ASKED.search(question)
    return _unit(m.group(1)) if m else None


def tells_rate(unit: str, text: str) -> bool:
    """Does `text` give a figure for each `unit` ("1.5 million tons a year", "US$500 per ton")?"""
    return any(_unit(next(g for g in m.groups() if g)) == unit for m in _RATE_TOLD.finditer(text))


# prepositions and like words the index keeps, and the words of an amount asked: they tell no topic
_NO_TOPIC = frozenset("under over after before during between within about into onto from with without through "
                      "against toward towards per via each every new dalam bawah atas antara untuk terhadap melalui "
                      "sejak selama setiap baru value worth cost budget price nilai anggaran harga biaya".split())


@lru_cache(maxsize=512)
def _counted_topic(question: str) -> frozenset[str]:
    from qa_app.qa.concepts import content_concepts
    from qa_app.qa.question import focus_text

    noun = counted_noun(question)
    generic = {word_concept(w) for w in _NO_TOPIC} | ({word_concept(noun)} if noun else set())
    return frozenset(c for c in content_concepts(focus_text(question)) - generic if len(c) > 2)


def counts_what_is_asked(q, text: str) -> bool:
    """Does a sentence with a number or an amount share a word of what the question asks about
    beyond its countries and the counted noun ("How much will the US invest in Vietnam's rare earth
    mining?" is not answered by the price of 50 jets)?"""
    from qa_app.qa.concepts import concepts

    topic = _counted_topic(q.text)
    return not topic or bool(topic & concepts(text))


def names_thing(thing: str | None, text: str, q_text: str = "") -> bool:
    """Does `text` name the thing a "which hotel" question asks for: the noun (in either language)
    with a capitalised word beside it that the question does not hold ("the Rixos hotel", "Hotel
    Meruorah"), not only "a seaside hotel"?"""
    if not thing:
        return True
    want = word_concept(thing)
    toks = list(re.finditer(r"[^\W\d_][\w'’-]*", text))
    asked = {t.lower() for t in re.findall(r"[^\W\d_][\w'’-]*", q_text)}
    for k, t in enumerate(toks):
        if word_concept(t.group().lower()) != want:
            continue
        for n in toks[max(1, k - 3):k + 4]:
            w = n.group()
            if w[0].isupper() and w.lower() not in asked and w.lower() not in _MONTHS_WEEKDAYS \
                    and w.lower() not in title_words() and word_concept(w.lower()) != want:
                return True
    return False


def novel(kind: str, text: str, q) -> bool:
    """Does `text` hold an answer of this kind that the question does not already name (a who-question
    about Prabowo needs someone besides Prabowo; a where-question about talks in Hanoi, another place)?"""
    if kind == "person":
        named = {t for n in q.people + q.names for t in name_key(n).split()}
        found = [m.value or m.text for m in people_in(text, q.language)]
        return any(not (set(name_key(f).split()) <= named) for f in found)
    if kind in ("place", "city"):
        from qa_app.nlp.places import find_places

        named = {t for n in q.places + q.names for t in name_key(n).split()}
        if kind == "city":
            return any(not (set(name_key(m.value or m.text).split()) <= named) for m in find_places(text))
        found = [m.value or m.text for m in find_places(text)] + [m.group(0).split()[-1] for m in _LOCATIVE.finditer(text)]
        return any(not (set(name_key(f).split()) <= named) for f in found)
    return carries(kind, text, q.language, frozenset(q.countries))


# A model or series name that holds digits ("NC212i", "F-16", "Su-35", "CBERS-6", "10th") counts nothing
_DESIGNATION_RX = re.compile(r"\b(?:[^\W\d_]+[-‐]?\d+[^\W\d_]*|\d+(?:st|nd|rd|th|[^\W\d_]{2,}))\b")


def _without_dates(text: str, language: str) -> str:
    """The text with its date and mechanism mentions, definite groups and designations blanked ('Senin
    (8/7)', '2+2', 'the two sides' and 'NC212i' hold no count)."""
    from qa_app.nlp.cues import find_mechanisms
    from qa_app.nlp.dates import find_dates

    chars = list(text)
    spans = [(m.start, m.end) for m in find_dates(text, language) + find_mechanisms(text)]
    spans += [m.span() for m in DEFINITE_GROUP_RX.finditer(text)]
    spans += [m.span() for m in _DESIGNATION_RX.finditer(text)]
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _name_words(names) -> set[str]:
    return {w.lower() for name in names for w in re.findall(r"\w{3,}", name)}


def _surely_person(m) -> bool:
    """Not a name found only after a state's possessive ("India's Unified Payments Interface"), nor
    capitals read as a person's initials."""
    return m.extra.get("pattern") not in ("possessive_country", "initialism") or bool(m.extra.get("role"))


# a person told of by pronoun, who may be the one asked about ("Singapore is his next stop")
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|ia|dia|beliau)\b", re.IGNORECASE)


ANOTHER_PERSON = "the sentence is about other people than the question names"

# someone who tells, not someone told of: "Menurut Prabowo, ...", "..., Kwatra said"
_REPORTED = re.compile(r"\b(?:said|says|told|according to|menurut|kata|ujar|tutur|jelas|ungkap|sebut|katanya|"
                       r"berkata|memberitahu)\b", re.IGNORECASE)


# the kinds of question an account of other people cannot answer (not "which other contacts ...")
_ABOUT_THE_NAMED = frozenset({"date", "place", "city", "commitment", "number", "amount", "duration", "yesno"})


def other_person(q, text: str, language: str | None = None, doc_people: tuple = ()) -> bool:
    """Whether the sentence tells of other people than the one the question asks about: it names
    people, none of whom the question names or belongs to a state it names, and names no one the
    question does ("When will Blinken arrive in China?" is not answered by "Yellen is due to arrive
    on Thursday"; "... during To Lam's visit to Indonesia?" may be by what Prabowo announced). A
    person of the article's records (`doc_people`) counts in a sentence that gives part of the name. A
    sentence that tells its who through the one before it ("He also met ...") or by a pronoun may
    be about the asked person, and one that reports what someone said may report the asked event
    ("Kwatra said ten agreements were exchanged")."""
    from qa_app.qa.sentences import points_back

    lang = language or q.language
    # the words of the names of the article's people, for a sentence or question that gives only part
    # of a name ("Japarov", "Lee", "Tamm is due to ...") or names someone without a title, each with
    # the person's state
    parts: dict[str, str | None] = {}
    for name, country in doc_people:
        for w in _name_words([name]):
            parts.setdefault(w, country)
    # the names the question itself gives a person (not every indexed name it holds: "Gaza"), and
    # the states of those people and of the question
    in_question = people_in(q.text, q.language)
    asked = _name_words(n for m in in_question for n in (m.text, m.value or m.text))
    asked |= parts.keys() & {w.lower() for w in re.findall(r"\w{3,}", q.text)}
    if not asked or points_back(text) or _PRONOUN.search(text) or _REPORTED.search(text):
        return False
    words = {w.lower() for w in re.findall(r"\w{3,}", text)}
    if asked & words:
        return False
    sides = (set(q.countries) | {m.extra.get("country") for m in in_question} | {parts[w] for w in asked if w in parts}) \
        - {None}
    named = [(_name_words([m.text, m.value or m.text]), m.extra.get("country"))
             for m in people_in(text, lang) if _surely_person(m)]
    named += [({w}, parts[w]) for w in parts.keys() & words]
    return bool(named) and all(country not in sides for _w, country in named)


def other_round(q, text: str) -> bool:
    """The sentence names rounds of a series, but not the one the question asks about (the 11th
    retreat for a question about the 10th). A sentence naming no round may still be about it."""
    if q.round is None:
        return False
    from qa_app.qa.question import rounds_named

    rounds = rounds_named(_TIMED_FROM.sub(" ", text))
    return bool(rounds) and q.round not in rounds


# "more than two years after the two countries' first 2+2 session": a round the sentence measures
# from is not the round it is about
_TIMED_FROM = re.compile(r"\b(after|since|before|following|setelah|sejak|sebelum|usai|seusai)\b[^,.;]{0,60}", re.I)


@lru_cache(maxsize=256)
def _countries_in(text: str) -> frozenset[str]:
    from qa_app.nlp.countries import find_countries

    return frozenset(m.value for m in find_countries(text) if m.value)


def countries_found(countries: list[str], doc_text: str) -> float:
    """Share of the question's countries that the article names (1.0 with none)."""
    if not countries:
        return 1.0
    found = _countries_in(doc_text)
    return sum(c in found for c in countries) / len(countries)


@lru_cache(maxsize=1)
def _both_sides_rx() -> re.Pattern:
    from qa_app.nlp.lexicon import load

    words = [w for lang in ("en", "id", "ms") for w in load("cues")["rules"]["both_sides"].get(lang, [])
             if w.lower() not in ("their", "the pair")]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)


def names_both_sides(text: str) -> bool:
    """'Keduanya sepakat ...', 'The two sides agreed ...': a sentence about what both parties did."""
    return bool(_both_sides_rx().search(text))


def _names_a_country(q, text: str) -> bool:
    """The sentence names a state the question asks about, or someone the question names as acting
    for one ("Jokowi dan Taur Matan Ruak sepakat ..." for what Indonesia and Timor-Leste agreed)."""
    from qa_app.nlp.countries import find_countries

    if {m.value for m in find_countries(text)} & set(q.countries):
        return True
    key = f" {name_key(text)} "
    return any(f" {name_key(n)} " in key for n in q.people + [n for n in q.names if n not in q.places] if name_key(n))


# a date that spans at most this many days names the day (a two-day summit, 'July 3-4')
DAY_SPAN = 4
_COARSE_DATES = frozenset({"relative", "relative_n", "month", "month_year", "year", "year_range", "dateparser_search"})


def names_a_day(text: str, language: str, periods: tuple) -> bool:
    """Does the sentence date something to the day (or a span of a few days), not only to a month
    or a year? `periods` are its dates as its article resolves them; a day the article cannot
    resolve ('on Thursday' in a page without a date) still names one."""
    from qa_app.nlp.dates import find_dates

    if any((last - first).days < DAY_SPAN for first, last in periods) or _day_after_rx().search(text):
        return True
    return any(m.value is None and m.extra.get("pattern") not in _COARSE_DATES
               for lang in dict.fromkeys((language, "en", "id")) for m in find_dates(text, lang))


def dated_apart(q, periods: tuple) -> bool:
    """Every date of the sentence (as its article resolves it) falls outside every period the
    question puts the event in ('in December 2023' and 'last December' in a report of December 2023)."""
    wanted = [(lo, hi) for rel, lo, hi in q.dates if rel == "in"]
    return bool(wanted and periods) and not any(first <= hi and lo <= last for first, last in periods
                                                for lo, hi in wanted)


def unmet_constraints(q, text: str, years: frozenset[int] = frozenset()) -> float:
    """Share of the places and years the question names that the sentence does not (Kuching and
    2017 in 'Who led the delegation in Kuching in 2017?'); `years`: those its relative dates mean."""
    wanted: list[bool] = []
    words = _doc_words(text)
    for place in q.places:
        wanted.append(all(t in words for t in name_key(place).split()) or _place_alias(name_key(place), words))
    for year in {lo.year for rel, lo, _hi in q.dates if rel == "in"}:  # not the later meeting "before July 2025"
        wanted.append(str(year) in text or year in years)
    return (len(wanted) - sum(wanted)) / len(wanted) if wanted else 0.0


def carries_all(types: list[str], text: str, language: str, question_countries: frozenset[str] = frozenset()) -> bool:
    return all(carries(k, text, language, question_countries) for k in types)


@lru_cache(maxsize=4096)
def _doc_words(text: str) -> frozenset[str]:
    return frozenset(name_key(text).split())


def name_tokens(name: str) -> list[str]:
    """The words of a name the evidence must hold: not titles, months, short words or bilingual
    concepts (those may be written in the other language)."""
    from qa_app.qa.concepts import word_concept

    out = []
    for tok in name_key(name).split():
        if len(tok) < 3 or tok in _MONTHS_WEEKDAYS or tok in title_words() or word_concept(tok).startswith("#"):
            continue
        out.append(tok)
    return out


def names_found(names: list[str], text: str) -> float:
    """Share of the question's names whose words are (mostly) in `text` (1.0 with no names)."""
    if not names:
        return 1.0
    words = _doc_words(text)
    ok = 0
    checked = 0
    for name in names:
        toks = name_tokens(name)
        if not toks:
            continue
        checked += 1
        # "Jokowi" in the question, "Joko Widodo" in the article: another name of the same person
        alternatives = [toks] + [name_tokens(other) for other in other_names(name)]
        if any(alt and sum(_word_in(t, words) for t in alt) / len(alt) >= 0.5 for alt in alternatives):
            ok += 1
        elif _ACRONYM.fullmatch(name) and name.lower() in spelled_out(text):
            ok += 1  # "WTO" in the question, "the World Trade Organization" in the article
    return ok / checked if checked else 1.0


def names_written_alike(q) -> list[str]:
    """The question's names as an article in another language would write them: people and places
    the lexicons or the records know, mechanisms the records hold, acronyms and designations
    ("F-16") whole; of any other name, the words that are not ordinary words of the question's
    language. "Carrier Strike Group" is a "Kelompok Kapal Induk" there and "Istana Negara" the "State
    Palace", so an article lacking those words says nothing about whether it tells what is asked;
    "Bintan" or "Pham Minh Chinh" it would write as the question does."""
    from qa_app.text.common_words import is_common_word

    if q.alike is not None:
        return q.alike
    known = {t for n in q.people + q.places + q.mechanisms for t in name_tokens(n)}
    out = []
    for name in q.names:
        if _ACRONYM.fullmatch(name) or any(ch.isdigit() for ch in name) or other_names(name) \
                or known & set(name_tokens(name)) or _known_place(name):
            out.append(name)
            continue
        tokens = name_tokens(name)
        kept = [t for t in tokens if not is_common_word(t, q.language)]
        if kept:
            out.append(name if kept == tokens else " ".join(kept))
    q.alike = out
    return out


def _known_place(name: str) -> bool:
    from qa_app.nlp.places import find_places

    return any(m.value for m in find_places(name))


_ACRONYM = re.compile(r"[A-Z]{3,6}")
_RUN_BREAK = re.compile(r"[^\w\s'’-]+")
# words an acronym's expansion may hold without taking their letter ("Organisation for Economic Co-operation and
# Development")
_LINK_WORDS = frozenset("of for and the on in to dan untuk bagi atas di de des du la le et".split())


@lru_cache(maxsize=1024)
def spelled_out(text: str) -> frozenset[str]:
    """The acronyms `text` spells out: the initials of each run of three to six content words
    ("World Trade Organization": "wto"; "official development assistance": "oda"). A run stops at
    punctuation and at a function word other than a link word, so "with the other" spells nothing."""
    from qa_app.text.stopwords import index_stopwords

    stop = index_stopwords()
    out: set[str] = set()
    for segment in _RUN_BREAK.split(text):
        run: list[str] = []
        for word in segment.split() + [""]:
            low = word.lower()
            if low in _LINK_WORDS and run:
                continue
            if word and low not in stop and len(word) > 2 and word[0].isalpha():
                run.append(low[0])
                continue
            out.update("".join(run[i:j]) for i in range(len(run)) for j in range(i + 3, min(len(run), i + 6) + 1))
            run = []
    return frozenset(out)


@lru_cache(maxsize=4096)
def other_names(name: str) -> tuple[str, ...]:
    """The other names the people lexicon knows for the person `name` is one name of."""
    from qa_app.nlp.people_lexicon import canonical_person, person_lexicon

    canonical = canonical_person(name)[0]
    known = person_lexicon().known
    if canonical not in known and name not in known:
        return ()
    return tuple(k for k in _names_by_person().get(canonical, ()) if k != name)


@lru_cache(maxsize=1)
def _names_by_person() -> dict[str, tuple[str, ...]]:
    from qa_app.nlp.people_lexicon import person_lexicon

    out: dict[str, list[str]] = {}
    for surface, info in person_lexicon().known.items():
        out.setdefault(info[0], []).append(surface)
    return {k: tuple(v) for k, v in out.items()}


def _word_in(token: str, words: frozenset[str]) -> bool:
    """The name's word is in the text: as written, as the gazetteer's spelling of a place, or in the
    singular ("F-16s" for "F-16")."""
    if token in words or _place_alias(token, words):
        return True
    return len(token) > 2 and token.endswith("s") and token[:-1] in words


def _place_alias(token: str, words: frozenset[str]) -> bool:
    """'moskow' and 'moscow': the gazetteer's value of a place name written another way."""
    from qa_app.nlp.places import find_places

    for m in find_places(token.capitalize()):
        if m.value and all(w in words for w in name_key(m.value).split()):
            return True
    return False


@dataclass
class Decision:
    answer: bool
    support: float  # compared with the threshold
    reason: str
    rank: float = 0.0  # orders the passages that may answer: support plus a bonus for holding the answer type
    eligible: bool = False  # passes every check but the support threshold (the sentence ranker may pick it)
    carried: bool = True  # holds an answer of a kind the question asks for (or the question asks for none)
    novel: float = 0.0  # share of the asked kinds it holds beyond what the question names
    names: float = 1.0  # share of the question's names its article holds
    headline: bool = False


W_COSINE, W_COVERAGE, W_OVERLAP, W_RECORD = 0.5, 0.35, 0.15, 0.05  # weights of the support score
CONSTRAINT_PENALTY = 0.08  # times the share of the question's places and years the sentence lacks
HEADLINE_PENALTY = 0.10
CROSS_COS_FLOOR, CROSS_COS_SPAN = 0.25, 0.35  # cosine -> estimated share of concepts, across languages
REQUIRE_NOVEL = False
ACTOR_REQUIRED = True  # "what did X agree/pledge ...": the sentence names X (or its capital)  # a who/where question needs someone or somewhere the question does not name  # a headline names the story but rarely holds the answer
NOVEL_SUPPORT = 0.08  # support added when the sentence holds the answer type beyond what the question names
NOVEL_BONUS = 0.12  # and, on top, for ranking only: the sentence holds the kind of answer asked for, beyond what the question names


DATES_NOTHING_TO_COME = "the sentence dates nothing to come"
ANNOUNCES_MEETING = "the sentence announces a meeting, not what it produced"
_UNDECIDED = re.compile(
    r"\b(?:yet to be|not yet been|has not been|have not been|had not been|was not|were not)\s+(?:finali[sz]ed|decided|"
    r"announced|set|fixed|determined|confirmed|disclosed|made public|agreed)\b|\bno date (?:has|had|was)\b|"
    r"\b(?:did not|declined to|would not|refused to)\s+(?:say|specify|disclose|give|name)\b|"
    r"\bbelum\s+(?:ditentukan|diumumkan|dipastikan|diputuskan|ditetapkan|disepakati|diketahui)\b|"
    r"\b(?:tidak|enggan)\s+(?:menyebutkan|merinci|mengungkapkan|disebutkan|dirinci)\b|\bbelum ada kepastian\b|"
    r"\bbelum\s+(?:dimuktamadkan|diputuskan)\b", re.IGNORECASE)
TOPIC_GAP = 0.4  # a share of the question's concepts: dev answerable questions reach 0.2, unanswerable start at 0.64
# An answering sentence that holds under this share of the question's concepts answers only when no
# sentence without the answer holds more: on the tuned questions, 3 of the 17 unanswerable ones
# answered from sentences fell below it with a closer sentence, and none of the 267 answered right.
LOW_SHARE = 0.25


def _cross_estimate(p) -> float:
    return min(1.0, max(0.0, (p.cosine - CROSS_COS_FLOOR) / CROSS_COS_SPAN))


def support(p, cross_language: bool = False) -> float:
    """A passage's support for the question: embedding similarity and the share of the question's
    concepts it holds, and a matching record. Across languages few words are shared (only
    names and the bilingual concepts), so there the share is also estimated from the
    multilingual embedding similarity."""
    coverage, overlap = p.coverage, p.overlap
    if cross_language:
        estimate = _cross_estimate(p)
        coverage, overlap = max(coverage, estimate), max(overlap, estimate)
    return W_COSINE * p.cosine + W_COVERAGE * coverage + W_OVERLAP * overlap + (W_RECORD if p.records else 0.0)


def answer_coverage(p, cross_language: bool) -> float:
    """The share of the question's concepts a passage that answers holds in its own words (estimated
    across languages): what `much_closer` compares, like `topic_coverage`."""
    return max(p.own_coverage, _cross_estimate(p)) if cross_language else p.own_coverage


def topic_coverage(passages, decisions) -> float:
    """The best share of the question's concepts held by a sentence that lacks the answer the
    question needs (a body sentence, not a headline, a photo caption or the news that the meeting
    asked about will take place). Only its own words count, not those of the sentence before it
    that it points back at: such a sentence is in the question's own terms."""
    return max((p.own_coverage for p, d in zip(passages, decisions)
                if (not d.carried or d.reason == DATES_NOTHING_TO_COME) and d.reason != ANNOUNCES_MEETING
                and not d.headline
                and not CAPTION.match(p.text)), default=0.0)


def much_closer(closer: float, other: float) -> bool:
    """Does a sentence that holds `closer` of the question's concepts speak to the question far
    more than one that holds `other`? When the closer one lacks the answer ('The two foreign
    ministers will meet to carry out the agreement' for 'When will the foreign ministers meet to
    carry out the agreement?') while the ones with a date share few of its words, those are about
    something else and the article does not answer; when the closer one answers, a record answer
    citing far-off sentences is about another meeting."""
    return closer - other >= TOPIC_GAP


def barely_answers(topic: float, answering: float) -> bool:
    """Do the sentences with an answer share too little of the question (`answering`) when one that
    holds no answer shares more (`topic`)? They are then about something next to what was asked."""
    return answering < LOW_SHARE and topic > answering


PHOTO_CAPTION = "the line is a photo caption"


def is_headline(p, title: str | None) -> bool:
    """The title, or a line that does not end like a sentence (headlines, captions, menus)."""
    text = p.text.strip()
    return bool(title and text == title.strip()) or not text.endswith((".", "!", "?", "”", '"', "’", "'", ":", ";"))


def decide_sentence(q, p, doc_text: str, threshold: float = SENTENCE_MIN_SUPPORT, title: str | None = None,
                    doc_language: str | None = None, periods: tuple = (), published=None,
                    doc_people: tuple = ()) -> Decision:
    """Can sentence passage `p` answer question `q` (a `question.Question`)? The support score
    also ranks the passages that may answer; the decision also carries the signals the sentence
    ranker (`sentence_ranker.py`) weighs."""
    headline = is_headline(p, title)
    years = frozenset(y for first, last in periods for y in range(first.year, last.year + 1))
    s = support(p, cross_language=bool(doc_language) and doc_language != q.language) \
        - (HEADLINE_PENALTY if headline else 0.0) - CONSTRAINT_PENALTY * unmet_constraints(q, p.text, years)
    needed = [t for t in q.types if t not in ("other", "yesno", "mechanism")]

    def holds(t: str, fresh: bool = False) -> bool:
        if t == "date" and q.events and not dates_the_event(q.events, p.text):
            return False
        if t == "name":
            return names_thing(q.thing, p.text, q.text)
        if t == "commitment" and q.signed:
            return tells_signing(p.text) or tells_signing(list_intro(doc_text, len(title or "") + 1 + p.start))
        return novel(t, p.text, q) if fresh else carries(t, p.text, q.language, frozenset(q.countries))

    carried = not needed or any(holds(t) for t in needed)
    fresh = [t for t in needed if holds(t, fresh=True)] if carried else []
    share = len(fresh) / len(needed) if needed else 0.0  # "where and when": both count
    # Malay and Indonesian write a name's ordinary words alike; an article of unknown language is
    # taken to be in the question's
    same = word_family(q.language)
    written_in = word_family(doc_language) or same
    names = names_found(q.names if written_in == same else names_written_alike(q), doc_text)

    def refuse(reason: str, score: float, rank: float | None = None) -> Decision:
        return Decision(False, score, reason, score if rank is None else rank, False, carried, share, names, headline)

    if CAPTION.match(p.text):
        # a photo's caption repeats what the body tells, or tells only who posed with whom
        return refuse(PHOTO_CAPTION, s)
    if not carried and needed == ["commitment"] and not q.signed and _settled_rx().search(p.text):
        # its only commitment word announces the meeting: close to the question's words without
        # telling that the article lacks the answer (not counted by `topic_coverage`)
        return refuse(ANNOUNCES_MEETING, s)
    if not carried:
        return refuse(f"the sentence holds no {needed[0]}", s)
    # a schedule asked with no other part ("Kapan Erdogan dijadwalkan berkunjung?"; not "Ke mana Putin
    # pergi, dan siapa yang dijadwalkan ia temui?", whose first part is past)
    scheduled = q.future and set(needed) <= {"date", "place", "city"}
    if (q.planned or scheduled) and {"date", "place", "city"} & set(needed) and not _announces(p.text):
        # "When will the group first meet?" is not answered by the day it was agreed on, nor
        # "Where will the next summit be held?" by where this one was, nor when Erdogan is to come by
        # the day of the call in which he was invited
        return refuse(DATES_NOTHING_TO_COME, s)
    if q.future and "date" in needed and published is not None and periods \
            and all(last < published for _first, last in periods):
        # "Kapan Erdogan dijadwalkan berkunjung ...?" is not answered by a visit of 2017
        return refuse(DATES_NOTHING_TO_COME, s)
    if ACTOR_REQUIRED and q.main == "commitment" and q.countries and not _names_a_country(q, p.text) \
            and not (len(q.countries) >= 2 and names_both_sides(p.text)):
        return refuse("the sentence does not name the country whose commitment is asked about", s)
    if other_round(q, p.text):
        return refuse("the sentence is about another round of the series", s)
    if q.main in _ABOUT_THE_NAMED and "person" not in q.types and other_person(q, p.text, doc_language, doc_people):
        return refuse(ANOTHER_PERSON, s)
    if _UNDECIDED.search(p.text) and set(needed) & {"date", "place", "city", "number", "amount", "person"}:
        # "a date for the summit ... was yet to be finalised": the article says it does not know
        return refuse("the sentence says the asked detail is not settled", s)
    noun = counted_noun(q.text) if "number" in needed else None
    if noun and (doc_language in (None, q.language) or word_concept(noun).startswith("#")) \
            and not counts(noun, p.text, q.language):
        return refuse(f"the sentence counts no {noun}", s)
    if needed and set(needed) <= {"number", "amount"} and doc_language in (None, q.language) \
            and not counts_what_is_asked(q, p.text):
        return refuse(COUNTS_SOMETHING_ELSE, s)
    if needed and set(needed) <= {"number", "amount"} and (unit := asked_rate(q.text)) and not tells_rate(unit, p.text):
        # "At what price per ton ...?" is not answered by what a year's trade was worth
        return refuse("the sentence gives no figure for each unit the question asks about", s)
    if q.day and not names_a_day(p.text, q.language, periods):
        return refuse("the sentence gives no day", s)
    if dated_apart(q, periods):
        return refuse("the sentence is dated outside the period the question names", s)
    if REQUIRE_NOVEL and needed and not fresh and all(t in ("person", "place", "city") for t in needed):
        return refuse(f"the sentence names no {needed[0]} beyond those in the question", s)
    s += NOVEL_SUPPORT * share
    rank = s + NOVEL_BONUS * share
    if names < NAMES_MIN_SHARE:
        return refuse("a name in the question is not in the article", s, rank)
    if countries_found(q.countries, doc_text) < NAMES_MIN_SHARE:
        return refuse("a country in the question is not in the article", s, rank)
    ok = s >= threshold
    return Decision(ok, s, "support" if ok else "support below threshold", rank, True, carried, share, names, headline)
