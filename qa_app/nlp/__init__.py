"""Candidates and normalisation: countries, people, places, dates, cues and mechanisms.

Everything works on the cleaned article text with exact offsets:
``text[m.start:m.end] == m.text`` for every :class:`Mention`. Names are imported
lazily so that importing the package stays cheap.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Candidates": "candidates",
    "find_candidates": "candidates",
    "country_code": "countries",
    "find_countries": "countries",
    "find_cues": "cues",
    "find_mechanisms": "cues",
    "topic_of": "cues",
    "DateValue": "dates",
    "find_dates": "dates",
    "resolve_date": "dates",
    "Mention": "mentions",
    "canonical_person": "people",
    "find_people": "people",
    "link_short_names": "people",
    "find_places": "places",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"qa_app.nlp.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'qa_app.nlp' has no attribute {name!r}")
