"""Finding the stored records a question names: candidates from the SQL record index
(countries, people, mechanism), scored against everything else the question names (round,
dates, places, topic words)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_app.qa.answerability import NAMES_MIN_SHARE, RECORD_MIN_COVERAGE, names_found, names_written_alike
from qa_app.qa.question import Question
from qa_app.qa.sentences import doc_language
from qa_app.store.record_index import IndexedRecord, RecordQuery
from qa_app.store.record_keys import name_key
from qa_app.text.language import word_family

CANDIDATES = 200
RECORD_MIN_SCORE = 2.0  # facet points a record needs (a country 1, a person, mechanism or round 2)


def candidate_records(index, q: Question, kinds: tuple[str, ...]) -> list[IndexedRecord]:
    queries = []
    if q.countries or q.people:
        queries.append(RecordQuery(kinds=kinds, countries=q.countries, people=q.persons, limit=CANDIDATES, ordered=False))
        if q.people and q.countries:
            queries.append(RecordQuery(kinds=kinds, people=q.persons, limit=CANDIDATES, ordered=False))
    if not (q.countries or q.people or q.mechanisms) and (day := told_by_day(q)):
        # "Who took part in the Antalya talks of 10 March 2022?": the meetings of that day
        queries.append(RecordQuery(kinds=kinds, date_from=day[0], date_to=day[1], limit=CANDIDATES, ordered=False))
    for mech in q.mechanisms:
        queries.append(RecordQuery(kinds=kinds, mechanism=mech, countries=q.countries[:1], limit=CANDIDATES,
                                   ordered=False))
    ids: list[str] = []
    for rq in queries:
        sql, args = rq.sql()
        ids += [r[0] for r in index.conn.execute(sql, args)]
        if len(ids) >= CANDIDATES:
            break
    return index.load(ids[:CANDIDATES])


def told_by_day(q: Question) -> tuple[str, str] | None:
    """The day a question that names no party pins its meeting to."""
    for relation, lo, hi in q.dates:
        if relation == "in" and lo == hi:
            return lo.isoformat(), hi.isoformat()
    return None


def overlaps(lo: str | None, hi: str | None, span) -> bool:
    """Does the period of ISO days lo..hi meet the span (first day, last day)?"""
    return bool(lo and hi) and lo <= span[1].isoformat() and span[0].isoformat() <= hi


def facet_score(q: Question, r: IndexedRecord, strict: bool = False) -> float | None:
    """How well a record matches what the question names; None when it contradicts it. Strict
    (to answer from the record): a round the question names must be the record's, and a
    question about two countries is not answered from a meeting of more."""
    if q.in_person and r.mkind == "call":
        return None  # "When did they last meet in person?" is not answered by a phone or video call
    score = 0.0
    people = {name_key(p.name) for p in r.people}
    countries = set(r.countries) | {p.country for p in r.people if p.country}
    if r.kind == "commitment":
        if not set(q.countries) <= countries:
            return None
        return float(len(q.countries))
    for c in q.countries:
        if c not in countries:
            return None
        score += 1
    if len(q.countries) >= 2:  # a question about two countries fits their meeting better than a wider one
        extra = len(set(r.countries) - set(q.countries))
        if strict and extra:
            return None
        score -= 0.5 * extra
    for names in q.persons:
        if not any(name_key(name) in people for name in names):
            return None
        score += 2
    if q.mechanisms:
        mkey = name_key(r.mechanism or "")
        if mkey and any(name_key(m) == mkey or name_key(m) in mkey or mkey in name_key(m) for m in q.mechanisms):
            score += 2
        elif mkey:
            return None
    if q.round is not None:
        if r.round == q.round:
            score += 2
        elif r.round is not None or strict:
            return None
        else:
            score -= 1
    for relation, lo, hi in q.dates:
        if not r.date_lo:
            continue
        ok = (r.date_hi < lo.isoformat() if relation == "before" else r.date_lo > hi.isoformat()
              if relation == "after" else overlaps(r.date_lo, r.date_hi, (lo, hi)))
        if not ok:
            return None
        score += 1
    if q.places:
        where = {name_key(x) for x in (r.city, r.region) if x}
        if where & {name_key(p) for p in q.places}:
            score += 1
        elif strict and r.city:
            return None  # "When did Prabowo meet Lula in Brasilia?" is not the day they met in Jakarta
        elif strict:
            score -= 1  # a meeting of no known place may not be the one held where the question says
    if q.planned:
        score += 1.5 if r.status == "planned" else -2
    elif r.status == "planned":
        score -= 1
    return score


# facet points that pin a question to one meeting: its states and a date, place, person or mechanism
OUTCOME_MIN_SCORE = 3.0


def known_only_as_announced(index, q: Question) -> bool:
    """A question about what a meeting produced ("What did Kishida and Yoon agree at their summit in
    Seoul in May 2023?") whose meeting the store knows only as announced: every stored meeting or
    event that matches it best is planned. No stored article can tell the outcome (the one that
    announced it was written before), so the question is not answered from what they say of other
    meetings. A held report of it in any article makes the matching event held."""
    if q.main != "commitment" or q.future or q.planned:
        return False
    scored = [(s, r) for r in candidate_records(index, q, ("meeting", "event"))
              if (s := facet_score(q, r)) is not None]
    best = max((s for s, _r in scored), default=0.0)
    return best >= OUTCOME_MIN_SCORE and all(r.status == "planned" for s, r in scored if s == best)


def record_text(store, r: IndexedRecord) -> str:
    """What a record says, for matching the question's topic words: its fields and evidence quotes
    (read from the index; no document is opened)."""
    parts = [r.title, r.mechanism or "", r.city or ""] + [e.quote for e in r.evidence]
    parts += [f"{p.role or ''} {p.name}" for p in r.people]
    return " ".join(dict.fromkeys(parts))


def topic_coverage(q: Question, text: str) -> float:
    """Share of the question's topic words (beyond what it names and asks) found in `text`."""
    from qa_app.qa.concepts import concepts

    if q.topic is None:
        q.topic = topic_concepts(q)
    wanted = q.topic
    if not wanted:
        return 1.0
    return len(wanted & concepts(text)) / len(wanted)


_ASK_WORDS = frozenset(
    "who whom whose when where which what how why siapa kapan mana dimana apa berapa bila saja yang the and dan di ke "
    "pada with dengan at in on of for to from a an is was were did does do are be been has have had their its his her "
    "they it this that these those attend attended attending participate participated part took take hadir menghadiri "
    "ikut mengikuti article articles report reports reported according menurut laporan artikel berita say said "
    "earlier later last first terakhir pertama oleh by as ini itu tersebut between antara about tentang regarding "
    "mengenai terkait also juga other lain both kedua two dua new baru besides selain apart except kecuali "
    "before sebelum sebelumnya previous previously prior kali pernah involving involved involve involves "
    "melibatkan terlibat call calls across herself himself themselves mengadakan menjelang him them".split())
def _ask_words() -> frozenset[str]:
    from qa_app.qa.concepts import _concept

    return _ASK_WORDS | frozenset(_concept(w) for w in _ASK_WORDS)


_ASK_CONCEPTS = frozenset({"#meet", "#represent", "#agree", "#plan", "#commit", "#sign", "#accompany"})
# "Which Malaysian ministers accompanied Anwar?": in a question that asks who, an office no name follows
# is the kind of person asked for, which the records' roles hold, not a topic of the meeting
_ROLE_CONCEPTS = frozenset({"#official", "#minister", "#leader", "#diplomat", "#envoy", "#ambassador", "#secretary",
                            "#commander", "#president", "#prime_minister", "#deputy", "#spokesperson", "#king",
                            "#crown_prince"})


def topic_concepts(q: Question) -> set[str]:
    """The question's concepts once what it names (people, mechanisms, places, dates, round) and
    the words that ask are taken out."""
    from qa_app.nlp.cues import find_mechanisms
    from qa_app.nlp.dates import find_dates
    from qa_app.nlp.places import find_places
    from qa_app.qa.concepts import concepts
    from qa_app.qa.question import IN_PERSON, other_names_used, reference_start

    text = q.text
    if q.when_or_where_earlier:  # "... before the meeting at Woodside?": those words tell the later meeting
        text = text[:reference_start(text)]
    spans = [(m.start, m.end) for m in find_mechanisms(text)] + [(m.start, m.end) for m in find_places(text)]
    spans += [(m.start, m.end) for m in find_dates(text, q.language)]
    spans += [m.span() for m in IN_PERSON.finditer(text)]  # a kind of meeting the record's kind tells
    low = text.lower()
    people = {name_key(n) for n in q.people}
    for surface, key in other_names_used(text):  # "Jokowi" for Joko Widodo
        if key in people:
            spans += [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(surface)}\b", text)]
    for name in q.people:
        for tok in name.split():
            for m in re.finditer(rf"\b{re.escape(tok.lower())}\b", low):
                spans.append((m.start(), m.end()))
                spans.append((_title_run_start(text, m.start()), m.start()))
    masked = list(text)
    for a, b in spans:
        masked[a:b] = " " * (b - a)
    out = {c for c in concepts("".join(masked)) if not (len(c) == 3 and c.isupper())}
    out -= _ask_words() | _ASK_CONCEPTS
    if "person" in q.types:
        out -= _ROLE_CONCEPTS
    named = {t for name in q.people for t in name_key(name).split()}  # 'Erdoğan' written as the records do not
    return {c for c in out if not re.fullmatch(r"\d+(st|nd|rd|th)?|ke|\+|\w", c) and name_key(c) not in named}


def _title_run_start(text: str, at: int) -> int:
    """Where the titles written just before a name start ('Menteri Luar Negeri India S. Jaishankar',
    'UAE President Sheikh Mohamed'): words that say who the person is, not what is asked about them."""
    from qa_app.nlp.countries import country_code
    from qa_app.qa.answerability import title_words

    start = at
    for m in reversed(list(re.finditer(r"[\w.'’-]+", text[:at]))):
        if text[m.end():start].strip() or not (name_key(m.group()) in title_words() or country_code(m.group())
                                                or re.fullmatch(r"[A-Z]\.", m.group())):
            break
        start = m.start()
    return start


@dataclass
class RecordMatch:
    record: IndexedRecord
    score: float
    coverage: float
    text: str


def names_for(store, q: Question, doc_ids: list[str]) -> list[str]:
    """The question's names a record must hold: every one when one of its articles is in the
    question's language, else those an article in another language writes alike
    (`answerability.names_written_alike`)."""
    same = word_family(q.language)
    if not doc_ids or any(doc_language(store, d) in (None, same) for d in doc_ids):
        return q.names
    return names_written_alike(q)


def matching_records(store, q: Question, kinds: tuple[str, ...] = ("event", "meeting"),
                     strict: bool = True) -> list[RecordMatch]:
    index = store.records.index
    out = []
    for r in candidate_records(index, q, kinds):
        score = facet_score(q, r, strict)
        if score is None or score < RECORD_MIN_SCORE:
            continue
        text = record_text(store, r)
        if names_found(names_for(store, q, r.doc_ids), text + " " + " ".join(p.name for p in r.people)) \
                < NAMES_MIN_SHARE:
            continue
        out.append(RecordMatch(r, score, topic_coverage(q, text), text))
    # merged events before the meetings they merge; then better matches, covered topics, more sources
    member_of = {m for x in out if x.record.kind == "event" for m in x.record.members}
    out = [x for x in out if x.record.id not in member_of]
    out.sort(key=lambda x: (-(x.score + x.coverage), x.record.kind != "event", -len(x.record.doc_ids)))
    return out


_MODALITY_WORDS = {
    "reaffirmed": re.compile(r"\b(reaffirm\w*|menegaskan|ditegaskan|reiterat\w*)", re.IGNORECASE),
    "pledged": re.compile(r"\b(pledge\w*|promis\w*|vow\w*|berjanji|dijanjikan|janji)", re.IGNORECASE),
    "plans": re.compile(r"\b(plan\w*|rencana\w*|direncanakan|berencana)", re.IGNORECASE),
    "supports": re.compile(r"\b(support\w*|dukung\w*|mendukung|menyokong)", re.IGNORECASE),
}


def matching_commitments(store, q: Question) -> list[RecordMatch]:
    """Commitments of the countries the question names, at the meeting it names (if any), that
    cover its topic words; those of the named meeting and with the asked modality first."""
    index = store.records.index
    if not q.countries:
        return []
    meeting_text: dict[str, str] = {}
    if q.people or q.mechanisms or q.dates or q.round is not None:
        for m in matching_records(store, q, ("event", "meeting")):
            for mid in [m.record.id, *m.record.members]:
                meeting_text[mid] = m.text
    meeting_ids = set(meeting_text)
    wanted = {mod for mod, rx in _MODALITY_WORDS.items() if rx.search(q.text)}
    out = []
    for c in index.query(RecordQuery(kinds=("commitment",), countries=q.actors or q.countries, limit=CANDIDATES,
                                     ordered=False)):
        score = float(len(q.countries)) + (2 if c.meeting_id in meeting_ids else 0) + (1 if c.status in wanted else 0)
        if meeting_ids and c.meeting_id not in meeting_ids and q.dates:
            continue
        text = record_text(store, c)
        told = text + " " + meeting_text.get(c.meeting_id or "", "")
        if names_found(names_for(store, q, c.doc_ids), told) < NAMES_MIN_SHARE:
            continue  # "Which document did Indonesia and Zanzibar sign": Zanzibar's, not any of Indonesia's
        cov = topic_coverage(q, told)
        if cov >= RECORD_MIN_COVERAGE:
            out.append(RecordMatch(c, score, cov, text))
    out.sort(key=lambda x: (-(x.score + x.coverage), x.record.id))
    top = out[0].score if out else 0
    return [m for m in out if m.score >= top]
