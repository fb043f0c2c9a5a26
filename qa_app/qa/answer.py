"""Cited answers: from records first, else extractive (quoted sentences, no model) or
generative (checked claim by claim).

1. When the question asks who, when, where, under which mechanism or what was agreed, and
   stored records match what it names, the answer is one or two short sentences made from the
   records' fields (`records_answer.py`), each fact cited to its sentence. The sentences that tell
   it in the articles' own words follow, for what the records' fields do not hold.
2. Otherwise the best supporting sentences are quoted, or a capable model writes the answer
   from them and each of its sentences is checked against the sentence it cites.
3. Whether sentences may answer at all is one decision (`answerability.py`): the answer type
   the question needs against what the sentence holds, the names the question relies on, and
   a support score. With nothing left, it abstains and shows the closest passages.

Every citation is one sentence, and its quote is the exact source text at its offsets.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date

from qa_app.qa.citations import MESSAGES, Answer, abstain, citation
from qa_app.qa.question import question_language
from qa_app.qa.retrieve import Passage, retrieve
from qa_app.store import Store

# Extractive answers quote at most this many sentences.
MAX_SENTENCES = 3
@dataclass
class AskOptions:
    """Knobs of the answerability decision (calibration sweeps them; the defaults are the
    calibrated values)."""

    min_support: float | None = None  # None: answerability.SENTENCE_MIN_SUPPORT
    records: bool = True  # answer from records when they match


def _select(store: Store, q, passages: list[Passage], scores: list[float]) -> list[Passage]:
    """The best passage, the next ones whose learned score comes close to it, a sentence of the
    best one's article with what they all leave out (for a question asking for several people, up
    to `LIST_EXTRA` sentences each naming one more), and for each of them the items of a list it
    opens or belongs to and the sentences next to it that point back at it or that it points back at."""
    from qa_app.qa.sentence_ranker import QUOTE_RATIO

    chosen = [passages[0]]
    for p, s in zip(passages[1:], scores[1:]):
        if len(chosen) >= MAX_SENTENCES:
            break
        if math.exp(s - scores[0]) >= QUOTE_RATIO and p.text != chosen[0].text:
            chosen.append(p)
    listing = asks_list(q.text)
    for i in range(LIST_EXTRA if listing else max(1, len(q.types))):
        extra = _complement(q, chosen, passages, scores, words=listing or i == 0)
        if extra is None:
            break
        chosen.append(extra)
    out: list[Passage] = []
    for p in chosen:
        if p.key in {x.key for x in out}:
            continue  # an item of a list quoted with an earlier one
        before, after = told_around(store, p)
        keys = {c.key for c in chosen} | {x.key for x in out}
        out += [x for x in (before,) if x is not None and x.key not in keys] + [p]
        out += [x for x in list_items(store, p) if x.key not in keys]
        out += [x for x in (after,) if x is not None and x.key not in keys | {o.key for o in out}]
    return out


# A sentence quoted for what the others leave out scores within this factor of the best one.
COMPLEMENT_RATIO = 0.01
# "... with France since 2010": a year a state of things began, which dates no event asked about
_SINCE = re.compile(r"\b(?:since|sejak|semenjak|depuis)\s+(?:[^\W\d]+\s+){0,2}\d{4}\b", re.IGNORECASE)


def _complement(q, chosen: list[Passage], passages: list[Passage], scores: list[float],
                words: bool = True) -> Passage | None:
    """The best-scored sentence of the top sentence's article that holds what no chosen sentence
    holds: a kind of answer the question asks for ("Who ... and on what day?" answered by a
    sentence with the person only), or else (with `words`) a word of the question the others lack
    ("brokered", "accompanied"). None when the chosen ones hold it all or no close sentence does."""
    from qa_app.qa.answerability import novel
    from qa_app.qa.concepts import QUESTION_WORDS, concepts
    from qa_app.qa.question import focus_text

    # a who-question about Biden is not answered by sentences that name Biden alone
    def holds(kind: str, text: str) -> bool:
        return novel(kind, _SINCE.sub(" ", text) if kind == "date" else text, q)

    missing = [t for t in q.types if not any(holds(t, c.text) for c in chosen)]
    held = set().union(*(concepts(c.text) for c in chosen))
    lacking = concepts(focus_text(q.text)) - QUESTION_WORDS - held
    listed = asks_list(q.text) and "person" in q.types
    if not missing and not lacking and not listed:
        return None
    keys = {c.key for c in chosen}
    texts = {c.text for c in chosen}
    named = set().union(*(_people_named(c.text, q.language) for c in chosen))
    close = [p for p, s in zip(passages, scores) if math.exp(s - scores[0]) >= COMPLEMENT_RATIO
             and p.key not in keys and p.text not in texts and p.doc_id == chosen[0].doc_id]
    # a kind of answer still missing comes before a word: "Where and when did they sign ...?" quoted
    # with the place wants the sentence with the day, not one more sentence with "signed"; of the
    # sentences that hold one, the one that shares most of the question tells the event asked about
    # ("signed ... on Wednesday"), not another one the article dates ("... since 2010")
    asked = concepts(focus_text(q.text)) - QUESTION_WORDS
    holding = [(len(concepts(p.text) & asked), -k, p) for k, p in enumerate(close if missing else ())
               if any(holds(t, p.text) for t in missing)]
    if holding:
        return max(holding, key=lambda h: h[:2])[2]
    for p in close:
        if words and concepts(p.text) & lacking:
            return p
        if listed and novel("person", p.text, q) and _people_named(p.text, q.language) - named:
            return p  # "Which leaders attended ...?": one more of them
    return None


# Sentences added for the further items of a list the question asks for ("Which leaders ...",
# "Siapa saja ..."): each names someone the quoted ones do not.
LIST_EXTRA = 3
# words ending in "s" that are no plural ("was", "status", "crisis")
_NOT_PLURAL = r"(?:was|is|has|does|status|its|his|this|thus|basis|analysis|crisis)\b"
_LIST_Q = re.compile(r"\b(?:siapa|apa|mana|pejabat|pemimpin|negara|dokumen|perjanjian)\s+saja\b"
                     rf"|\b(?:which|what)\s+(?:(?!{_NOT_PLURAL})\w+\s+){{0,2}}?(?!{_NOT_PLURAL})(?-i:[a-z]+[^s\W']s)\b",
                     re.IGNORECASE)


def asks_list(question: str) -> bool:
    """Does the question ask for several things of a kind ("Which leaders ...", "What agreements ...",
    "Siapa saja ...")?"""
    return bool(_LIST_Q.search(question))


def _people_named(text: str, language: str) -> set[str]:
    from qa_app.qa.answerability import people_in
    from qa_app.store.record_keys import name_key

    return {name_key(m.value or m.text) for m in people_in(text, language)}


def told_around(store: Store, p: Passage) -> tuple[Passage | None, Passage | None]:
    """The sentence before the quoted one when the quoted one points back at it, and the sentence
    after it when that one points back at the quoted one ("... menyaksikan penandatanganan MoU." /
    "MoU itu diteken Menlu Sugiono dan ...")."""
    from qa_app.qa.sentences import GOES_ON, POINTS_BACK, doc_sentences, sentence_index
    from qa_app.text.sentences import CAPTION

    sents = doc_sentences(store, p.doc_id)
    k = sentence_index(sents, p.start)
    if k is None:
        return None, None

    def told(s) -> bool:  # a body sentence, not a caption or a headline
        text = s.text.strip()
        return not CAPTION.match(text) and text.endswith((".", "!", "?", "”", '"', ";"))

    before = sents[k - 1] if k > 0 and POINTS_BACK.match(p.text) and told(sents[k - 1]) else None
    after = sents[k + 1] if k + 1 < len(sents) and (POINTS_BACK.match(sents[k + 1].text) or GOES_ON.match(
        sents[k + 1].text)) and told(sents[k + 1]) else None
    return tuple(Passage(p.doc_id, s.start, s.end, s.text) if s is not None else None for s in (before, after))


LIST_ITEMS = 8


def list_items(store: Store, p: Passage) -> list[Passage]:
    """A sentence that opens a list ('... four memoranda, namely:') is answered with its items, and
    an item of a list with the other items."""
    from qa_app.qa.answerability import LIST_MARK
    from qa_app.qa.sentences import doc_sentences, sentence_index

    sents = doc_sentences(store, p.doc_id)
    k = sentence_index(sents, p.start)
    if k is None:
        return []
    if p.text.rstrip().endswith(":"):
        first = k + 1
    elif LIST_MARK.match(p.text):
        first = k
        while first > 0 and LIST_MARK.match(sents[first - 1].text):
            first -= 1
    else:
        return []
    out = []
    for s in sents[first:]:
        if len(out) >= LIST_ITEMS or not LIST_MARK.match(s.text):
            break
        if s.start != p.start:
            out.append(Passage(p.doc_id, s.start, s.end, s.text))
    return out


def _record_answer(store: Store, question: str, mode: str, lang: str, rec, notes: list[str]) -> Answer:
    citations = []
    for i, c in enumerate(rec.cited, start=1):
        s = c.sentence
        p = Passage(s.doc_id, s.start, s.end, s.text, records=list(c.records))
        citations.append(citation(store, i, p))
    text = rec.text
    notes.append(MESSAGES[lang]["records"])
    return Answer(question, text, False, mode, lang, citations, [], notes, "records", list(rec.records),
                  round(1.0 + rec.coverage, 3), "records match the question")


def _reword(store: Store, question: str, lang: str, rec, backend, notes: list[str]) -> Answer | None:
    """A capable model words a record-based answer: its sources are the sentences the records cite,
    and each of its sentences is checked against them. None when nothing it wrote is supported."""
    from qa_app.qa.generative import generate

    sources = [Passage(c.sentence.doc_id, c.sentence.start, c.sentence.end, c.sentence.text, records=list(c.records))
               for c in rec.cited]
    ans = generate(store, question, lang, sources, backend, notes, facts=rec.text)
    if ans.abstained:
        notes.append("The model's wording was not supported by the cited sentences; the answer is composed from "
                     "the records instead.")
        return None
    ans.source, ans.records, ans.support, ans.reason = "records", list(rec.records), round(1.0 + rec.coverage, 3), \
        "records match the question"
    return ans


def decide_all(store: Store, q, passages: list[Passage], min_support: float | None = None) -> tuple[list, dict]:
    """`answerability.decide_sentence` for each passage, and the language of each passage's article."""
    from qa_app.qa.answerability import SENTENCE_MIN_SUPPORT, decide_sentence
    from qa_app.qa.date_notes import periods_in

    threshold = SENTENCE_MIN_SUPPORT if min_support is None else min_support
    docs: dict[str, tuple[str, str | None, str | None, date | None]] = {}
    decisions = []
    # the dates of a sentence, as its article resolves them: for a question about a period, and for
    # one about what is still to come
    dated = any(rel == "in" for rel, _lo, _hi in q.dates) or (q.future and "date" in q.types) or q.day
    people: dict[str, tuple] = {}
    for p in passages:
        if p.doc_id not in docs:
            doc = store.docs.get_document(p.doc_id)
            docs[p.doc_id] = ((doc.title or "") + "\n" + doc.clean_text, doc.title, doc.language,
                              _day(doc.published)) if doc else ("", None, None, None)
            people[p.doc_id] = doc_people(store, p.doc_id)
        text, title, language, published = docs[p.doc_id]
        periods = periods_in(store, p.doc_id, p.start, p.end) if dated else ()
        decisions.append(decide_sentence(q, p, text, threshold, title, language, periods, published,
                                         people[p.doc_id]))
    return decisions, {doc_id: language for doc_id, (_t, _h, language, _p) in docs.items()}


def doc_people(store: Store, doc_id: str) -> tuple[tuple[str, str | None], ...]:
    """The people the records of one article name, each with its state."""
    from qa_app.store.record_index import RecordQuery

    found = store.records.index.query(RecordQuery(kinds=("meeting", "commitment"), doc_ids=[doc_id], ordered=False))
    return tuple(dict.fromkeys((p.name, p.country) for r in found for p in r.people))


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


@dataclass
class Gate:
    """What the answerability decision makes of the retrieved passages."""

    supported: list[Passage]  # passages that may answer, best first (the learned ranker's order)
    decisions: list  # every decision, by rank
    scores: list[float]  # the learned scores of `supported`
    topic: float  # the best share of the question's concepts in a sentence that lacks the answer
    coverage: dict  # passage key -> share of the question's concepts it holds (estimated across languages)
    answering: float  # the best such share among the passages that pass every check and the threshold
    retrieved: list[Passage] = field(default_factory=list)  # every passage, in retrieval order ...
    judged: list = field(default_factory=list)  # ... and its decision
    languages: dict = field(default_factory=dict)  # article id -> language
    # `answering`, counting for a sentence that names what the one before it told that one's concepts
    # too: whether the article answers at all (a record answer is still weighed by the cited sentences' own words)
    told: float = 0.0


def gate(store: Store, q, passages: list[Passage], min_support: float | None = None) -> Gate:
    """Whether the question is answered is `answerability.decide_sentence`: some passage must pass
    every check and the support threshold. Which passages answer is the learned ranker's choice
    among those that pass every check but the threshold."""
    from qa_app.qa.answerability import answer_coverage, topic_coverage
    from qa_app.qa.sentence_ranker import rank

    decisions, languages = decide_all(store, q, passages, min_support)
    by_rank = [d for _p, d in sorted(zip(passages, decisions), key=lambda pd: -pd[1].rank)]
    coverage = {p.key: answer_coverage(p, bool(languages.get(p.doc_id)) and languages.get(p.doc_id) != q.language)
                for p in passages}
    topic = topic_coverage(passages, decisions)
    answering = max((coverage[p.key] for p, d in zip(passages, decisions) if d.answer), default=0.0)
    told = max((_told_with_before(p, coverage[p.key]) for p, d in zip(passages, decisions) if d.answer),
               default=0.0)
    seen = (passages, decisions, languages)
    if not any(d.answer for d in decisions):
        return Gate([], by_rank, [], topic, coverage, answering, *seen, told=told)
    eligible = [(p, d) for p, d in zip(passages, decisions) if d.eligible]
    scores = rank(store, q, [p for p, _d in eligible], [d for _p, d in eligible], languages)
    ranked = sorted(zip(eligible, scores), key=lambda x: -x[1])
    return Gate([p for (p, _d), _s in ranked], by_rank, [s for _pd, s in ranked], topic, coverage, answering, *seen,
                told=told)


def _told_with_before(p: Passage, own: float) -> float:
    """The share of the question's concepts an answering sentence holds, with those of the sentence
    before it when it names what that one told by a demonstrative or a pronoun, not when it only adds
    to it ("Kemhan juga menyepakati ..."): "Dalam pertemuan itu kedua menhan sepakat ..." answers "What
    did they agree when they met in Beijing?" together with the sentence that tells the meeting, which
    is then no closer to the question than the answer is."""
    from qa_app.qa.sentences import refers_back

    return max(own, p.coverage) if refers_back(p.text) else own


def closest(store: Store, q, g: Gate) -> list[Passage]:
    """The passages an abstention offers, best first: the learned ranker's order over every
    retrieved sentence, not only those that pass the checks (the sentence that answers a refused
    question comes first more often in that order than in retrieval order), and a photo caption
    after every body sentence, since a caption answers nothing."""
    from qa_app.qa.sentence_ranker import rank
    from qa_app.text.sentences import CAPTION

    if not g.retrieved:
        return []
    scores = rank(store, q, g.retrieved, g.judged, g.languages)
    order = sorted(zip(g.retrieved, scores), key=lambda ps: (bool(CAPTION.match(ps[0].text)), -ps[1]))
    return [p for p, _s in order]


def _record_coverage(rec, g: Gate) -> float | None:
    """The best share of the question's concepts among the sentences a record answer cites (None
    when none of them was retrieved). Not the records' other evidence: an event's evidence may
    hold sentences that only mention it."""
    keys = [(c.sentence.doc_id, c.sentence.start, c.sentence.end) for c in rec.cited]
    found = [g.coverage[k] for k in keys if k in g.coverage]
    return max(found) if found else None


ANNOUNCED_ONLY = "the articles only announce the meeting asked about, so none can say what it produced"


def ask(store: Store, question: str, mode: str = "extractive", backend=None, options: AskOptions | None = None) -> Answer:
    from qa_app.qa.answerability import RECORD_FIRST_COVERAGE, much_closer
    from qa_app.qa.question import analyse
    from qa_app.qa.record_match import known_only_as_announced

    options = options or AskOptions()
    question = question.strip()
    lang = question_language(store, question) if question else "en"
    notes: list[str] = []
    if mode == "generative" and (backend is None or not backend.capabilities.writes_answers):
        name = backend.info.model if backend is not None else "no model"
        notes.append(f"{name} cannot write answers; answered extractively instead.")
        mode = "extractive"
    if not question:
        return abstain(store, question, mode, lang, [], notes)
    q = analyse(question, lang, store.records.index)
    passages = retrieve(store, question, q=q)
    g = gate(store, q, passages, options.min_support)
    if known_only_as_announced(store.records.index, q):
        return abstain(store, question, mode, lang, closest(store, q, g), notes, 0.0, ANNOUNCED_ONLY)
    if options.records:
        from qa_app.qa.records_answer import record_answer

        rec = record_answer(store, q, lang)
        # an earlier meeting's sentence shares less with the question than the later one it names does
        covered = _record_coverage(rec, g) if rec is not None and not rec.itemised and not q.when_or_where_earlier \
            else None
        off_topic = covered is not None and (much_closer(g.topic, covered) or much_closer(g.answering, covered))
        # a record whose sentences miss some of the question's words gives way to sentences that answer
        partial = rec is not None and rec.coverage < RECORD_FIRST_COVERAGE and bool(g.supported) \
            and not much_closer(g.topic, g.answering)
        if rec is not None and not off_topic and not partial:
            if mode == "generative":
                worded = _reword(store, question, lang, rec, backend, notes)
                if worded is not None:
                    return worded
            answer = _record_answer(store, question, mode, lang, rec, notes)
            if mode == "extractive":
                _add_sentences(store, answer, _sentence_answer(store, question, q, g, lang, []), q, rec)
            return answer
    return _sentence_answer(store, question, q, g, lang, notes, mode, backend)


def _sentence_answer(store: Store, question: str, q, g: Gate, lang: str, notes: list[str], mode: str = "extractive",
                     backend=None) -> Answer:
    """The answer from the sentences that pass the answerability decision: quoted, or worded by a
    model and checked; an abstention with the closest passages when none may answer."""
    from qa_app.qa.answerability import barely_answers, much_closer

    supported, decisions, scores = g.supported, g.decisions, g.scores
    best = max((d.support for d in decisions), default=0.0)
    if not supported:
        reason = max(decisions, key=lambda d: d.support).reason if decisions else "no passage comes close"
        return abstain(store, question, mode, lang, closest(store, q, g), notes, round(best, 3), reason)
    if much_closer(g.topic, g.told):
        return abstain(store, question, mode, lang, closest(store, q, g), notes, round(best, 3),
                       "the sentence closest to the question holds no answer of the kind asked")
    if barely_answers(g.topic, g.told):
        return abstain(store, question, mode, lang, closest(store, q, g), notes, round(best, 3),
                       "the sentences that hold an answer share little of the question, and closer ones hold none")
    top = next(d for d in decisions if d.answer)
    if mode == "generative":
        from qa_app.qa.generative import generate

        ans = generate(store, question, lang, supported, backend, notes)  # only passages that pass every check
        ans.support, ans.reason = round(top.support, 3), top.reason
        return ans
    chosen = _select(store, q, supported, scores)
    citations = [citation(store, i, p) for i, p in enumerate(chosen, start=1)]
    lines = [MESSAGES[lang]["lead"], *_quote_lines(store, citations, lang, q)]
    notes.append(MESSAGES[lang]["extractive"])
    return Answer(question, "\n".join(lines), False, "extractive", lang, citations, [], notes, "sentences", [],
                  round(top.support, 3), top.reason)


def _add_sentences(store: Store, answer: Answer, told: Answer, q, rec) -> None:
    """A record-based answer goes on with the sentences that tell it in the articles' own words: a
    record holds the fields it was built to hold, and its sentences may say more (the venue within
    the city, who else was there, what a meeting was for). Quoted are, for one record, the sentences
    it cites, then the sentences the extractive answer would quote from the articles the record
    answer cites (not from others, which may tell another meeting); for a question about an earlier
    meeting, only the sentences the record answer cites. A sentence the record answer already cites
    keeps its number."""
    docs = {c.doc_id for c in answer.citations}
    if q.when_or_where_earlier:  # the sentences that answer it tell the later meeting too: only the record's own
        wanted = list(answer.citations)
    else:
        wanted = list(answer.citations) if len(rec.records) == 1 and not rec.itemised else []
        wanted += [c for c in told.citations if c.doc_id in docs]
    numbers = {(c.doc_id, c.start, c.end): c.n for c in answer.citations}
    quoted, seen = [], set()
    for c in wanted:
        key = (c.doc_id, c.start, c.end)
        if key in seen:
            continue
        seen.add(key)
        if key not in numbers:
            numbers[key] = len(answer.citations) + 1
            answer.citations.append(replace(c, n=numbers[key]))
        quoted.append(replace(c, n=numbers[key]))
    if not quoted:
        return
    lang = answer.language
    answer.answer = "\n".join([answer.answer, MESSAGES[lang]["own_words"], *_quote_lines(store, quoted, lang, q)])
    answer.notes.append(MESSAGES[lang]["extractive"])


def _quote_lines(store: Store, citations: list, lang: str, q) -> list[str]:
    return [f"“{c.quote}” [{c.n}]" + _dates_meant(store, c, lang, q.types) for c in citations]


def _dates_meant(store: Store, c, lang: str, kinds: list[str]) -> str:
    """For a when-question: the calendar dates the quote's relative dates stand for."""
    if "date" not in kinds:
        return ""
    from qa_app.qa.date_notes import date_notes

    notes = date_notes(store, c.doc_id, c.start, c.end, lang)
    return f" ({'; '.join(notes)})" if notes else ""
