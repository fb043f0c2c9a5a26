"""Use-case: the stored records (meetings, commitments, merged events) that match filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO

from qa_app.errors import InputError

KIND_WORDS = {"meetings": "meeting", "meeting": "meeting", "commitments": "commitment", "commitment": "commitment",
              "events": "event", "event": "event"}


@dataclass
class RecordFilter:
    """Filters as a person types them; `query()` checks them and makes the index query."""

    countries: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-3, all of them
    person: str = ""  # part of a participant's name or role
    mechanism: str = ""  # part of the mechanism's name
    date_from: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD
    date_to: str = ""
    kinds: list[str] = field(default_factory=list)  # meetings | commitments | events; empty: all
    limit: int | None = None

    def query(self):
        """The RecordQuery; InputError for a bad country code, kind or date."""
        from qa_app.store.record_index import RecordQuery

        bad = [c for c in self.countries if len(c.strip()) != 3 or not c.strip().isalpha()]
        if bad:
            raise InputError(f"--country {bad[0]!r} is not an ISO 3166-1 alpha-3 code (e.g. IDN, CHN)")
        query = RecordQuery(kinds=record_kinds(self.kinds), countries=[c.strip().upper() for c in self.countries],
                            person=self.person, mechanism=self.mechanism, date_from=self.date_from,
                            date_to=self.date_to, limit=self.limit)
        query.sql()  # bad dates fail here, before any store is opened
        return query


def record_kinds(words: list[str]) -> list[str]:
    from qa_app.store.record_index import KINDS

    out = []
    for w in words:
        kind = KIND_WORDS.get(w.strip().lower())
        if kind is None:
            raise InputError(f"unknown --kind {w!r}; valid: meetings, commitments, events")
        out.append(kind)
    return list(dict.fromkeys(out)) or list(KINDS)


def list_records(store, query) -> list:
    """The matching records (IndexedRecord), oldest first."""
    return store.records.index.query(query)


def list_records_json(store, query) -> list[bytes]:
    """The matching records, each as its stored JSON object (UTF-8 bytes)."""
    return store.records.index.query_json(query)


def write_records_json(store, query, out: BinaryIO) -> int:
    """Write the matching records to `out` as a JSON array, one record per line, batch by batch
    (a store of tens of thousands of records is never held whole). Returns how many."""
    n = 0
    for part in store.records.index.iter_json(query):
        out.write((b"[\n" if n == 0 else b",\n") + b",\n".join(part))
        n += len(part)
    out.write(b"\n]\n" if n else b"[]\n")
    return n
