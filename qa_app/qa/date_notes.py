"""The calendar date behind a relative date in a quoted sentence: "on Tuesday" in a report
published on 17 April 2024 is 16 April 2024. A sentence answer to a when-question quotes the
article's words; the note says what day they mean, resolved as extraction resolves them (the
whole article, its publication date, its language)."""

from __future__ import annotations

import re

from qa_app.qa.compose import date_words
from qa_app.qa.sentences import DocCache

_DOC_DATES = DocCache()
_FULL = re.compile(r"\b(?:19|20)\d{2}\b")  # a date written with its year needs no note


def _dates_of(store, doc_id: str) -> tuple:
    def compute():
        from qa_app.nlp.dates import find_dates

        doc = store.docs.get_document(doc_id)
        if doc is None:
            return []  # not kept: the document may be ingested later
        # wrapped, so that an article with no date is remembered too (the cache keeps no empty value)
        return [tuple(m for m in find_dates(doc.clean_text, doc.language or "en", doc.published) if m.value)]

    found = _DOC_DATES.get(doc_id, compute)
    return found[0] if found else ()


def date_notes(store, doc_id: str, start: int, end: int, lang: str) -> list[str]:
    """'“Tuesday” = 16 April 2024' for each date of the span [start, end) written without its year."""
    out = []
    for m in _dates_of(store, doc_id):
        if start <= m.start and m.end <= end and not _FULL.search(m.text):
            words = date_words(m.value, m.extra.get("precision"), m.extra.get("end"), lang)
            if words and words.lower() != m.text.lower():
                out.append(f"“{m.text}” = {words}")
    return list(dict.fromkeys(out))


def periods_in(store, doc_id: str, start: int, end: int) -> tuple:
    """(first day, last day) of each date of the span [start, end), resolved in its article ("last
    December" in a report of 2 December 2023 is December 2022)."""
    from qa_app.store.record_keys import period

    out = []
    for m in _dates_of(store, doc_id):
        if start <= m.start and m.end <= end:
            first, last = period(m.value) or (None, None)
            if m.extra.get("end") and period(m.extra["end"]):
                last = period(m.extra["end"])[1]
            if first is not None:
                out.append((first, last))
    return tuple(out)
