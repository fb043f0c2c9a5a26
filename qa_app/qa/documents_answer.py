"""'Which memoranda did Indonesia and Morocco sign?', 'Dokumen apa saja yang ditandatangani ...?':
the signed documents of one meeting, each item of the list cited to its own sentence.

Extraction makes one commitment per document of a list of signed documents; this answer lists
those of the meeting the question names (by its states, people, date or place), in the order
the article gives them."""

from __future__ import annotations

import re

from qa_app.qa import compose as C
from qa_app.qa.question import Question
from qa_app.store.record_index import IndexedRecord, RecordQuery

MAX_DOCUMENTS = 10
# the question asks for documents, not for one promise
ASKS_DOCUMENTS = re.compile(r"\b(memorand\w*|mous?|agreements|documents?|accords|treaties|pacts|protocols|"
                            r"nota kesepahaman|dokumen|(?:perjanjian|kesepakatan|persetujuan) apa|"
                            r"apa saja (?:perjanjian|kesepakatan|persetujuan)|naskah)\b", re.IGNORECASE)
# a commitment that is a signed document ("MoU kerja sama ...", "Protokol ...", "a letter of intent ...")
# A noun phrase with an article may put up to three words before its noun ("An updated memorandum",
# "The 15th implementation program", "a coast guard memorandum"); one without starts with it.
_DOCUMENT = re.compile(r"^(?:(?:an?|the)\s+(?:[\w-]+\s+){0,3}?)?(memorand\w*|mou|agreement|document|accord|treaty|"
                       r"pact|protocol|program(?:me)?|arrangement|letter of intent|guidelines?|roadmap|action plan|"
                       r"plan of action|nota kesepahaman|dokumen|perjanjian|persetujuan|protokol|pedoman|piagam|"
                       r"kesepakatan|peta jalan|rencana aksi)\b", re.IGNORECASE)
_WORDS = {"en": ("signed", "documents"), "id": ("menandatangani", "dokumen")}


def is_document(title: str) -> bool:
    """Whether a commitment's action names a signed document ("MoU kerja sama ...", "An updated
    memorandum of understanding on ...", "The 15th implementation program under ...")."""
    return bool(_DOCUMENT.match(title.strip()))


def question_states(store, q: Question) -> list[str]:
    """The states the question names; with fewer than two, also those of the people it names
    ("... during PM Modi's visit to Jakarta": India and Indonesia)."""
    found: list[str] = list(q.actors or q.countries)
    for name in q.people if len(found) < 2 else ():
        for r in store.records.index.query(RecordQuery(people=[name], limit=20, ordered=False)):
            found += [p.country for p in r.people if p.name == name and p.country]
    return list(dict.fromkeys(found))


def signed_documents(store, q: Question, meeting_ids: set[str], meeting_docs: set[str] = frozenset()) -> list[IndexedRecord]:
    """The document commitments of the states the question names, of the named meeting when the
    question names one (else of the meeting with the most of them), in the article's order."""
    states = question_states(store, q)
    if len(states) < 2:
        return []
    found = store.records.index.query(RecordQuery(kinds=("commitment",), countries=states, ordered=False))
    docs = _with_list_items([c for c in found if is_document(c.title)], found)
    if not docs:
        return []
    by_meeting: dict[str | None, list[IndexedRecord]] = {}
    for c in docs:  # a document of no stated meeting belongs with its article's meeting
        by_meeting.setdefault(c.meeting_id or c.doc_id, []).append(c)
    named = [m for m in by_meeting if m in meeting_ids or m in meeting_docs]
    if not named and q.dates:
        return []  # the meeting of the date asked about signed nothing that was told (or is still to come)
    key = max(named or by_meeting, key=lambda m: len(by_meeting[m]))
    chosen = by_meeting[key]
    return sorted(chosen, key=lambda c: (c.doc_id or "", c.evidence[0].start if c.evidence else 0))[:MAX_DOCUMENTS]


_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|[-•*–])\s")


def _with_list_items(docs: list[IndexedRecord], found: list[IndexedRecord]) -> list[IndexedRecord]:
    """The documents and the items of their lists that no document word opens: "4. Surat pernyataan
    minat ..." on the line after "3. Nota kesepahaman ..." is the fourth document signed."""
    def item(c: IndexedRecord) -> tuple[str, int, int] | None:
        e = c.evidence[0] if c.evidence else None
        return (e.doc_id, e.start, e.end) if e is not None and _LIST_MARK.match(e.quote) else None

    ends = {(i[0], i[2]) for c in docs if (i := item(c))}
    taken = {c.id for c in docs}
    rest = [(c, i) for c in found if c.id not in taken and (i := item(c))]
    out, added = list(docs), True
    while added:  # each item found lets the one after it follow
        added = False
        for c, i in rest:
            if c.id not in taken and any((i[0], end) in ends for end in range(i[1] - 2, i[1] + 1)):
                out.append(c)
                taken.add(c.id)
                ends.add((i[0], i[2]))
                added = True
    return out


def documents_text(docs: list[IndexedRecord], lang: str, cite) -> str:
    """'Indonesia and Morocco signed 4 documents: “MoU ...” [1]; “MoU ...” [2]; ...'"""
    lang = C.lang_of(lang)
    states = docs[0].countries
    actors = C.join([C.bare(C.country_name(a, lang)) for a in states], lang)
    verb, noun = _WORDS[lang]
    items = [f"“{c.title.strip().rstrip('.;')}” {cite(c)}".strip() for c in docs]
    return f"{actors} {verb} {len(docs)} {noun}: " + "; ".join(items) + "."
