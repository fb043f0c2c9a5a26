"""`qa-app records`: what the record index holds, filtered, for people and scripts."""

from __future__ import annotations

from qa_app.errors import InputError
from qa_app.store.record_index import KINDS, IndexedRecord, RecordQuery

KIND_WORDS = {"meetings": "meeting", "meeting": "meeting", "commitments": "commitment", "commitment": "commitment",
              "events": "event", "event": "event"}


def record_kinds(words: list[str]) -> list[str]:
    out = []
    for w in words:
        kind = KIND_WORDS.get(w.strip().lower())
        if kind is None:
            raise InputError(f"unknown --kind {w!r}; valid: meetings, commitments, events")
        out.append(kind)
    return list(dict.fromkeys(out)) or list(KINDS)


def list_records(settings, countries: list[str], person: str, mechanism: str, date_from: str, date_to: str,
                 kinds: list[str], limit: int | None, as_json: bool = False) -> list[IndexedRecord] | list[bytes]:
    """The matching records; with as_json, each as its stored JSON object (UTF-8 bytes)."""
    from qa_app.store import Store

    bad = [c for c in countries if len(c.strip()) != 3 or not c.strip().isalpha()]
    if bad:
        raise InputError(f"--country {bad[0]!r} is not an ISO 3166-1 alpha-3 code (e.g. IDN, CHN)")
    query = RecordQuery(kinds=record_kinds(kinds), countries=[c.strip().upper() for c in countries], person=person,
                        mechanism=mechanism, date_from=date_from, date_to=date_to, limit=limit)
    query.sql()  # bad dates fail before the store is opened
    store = Store(settings)
    try:
        index = store.records.index
        return index.query_json(query) if as_json else index.query(query)
    finally:
        store.close()


def date_label(value: str | None, precision: str | None) -> str:
    if not value:
        return "no date"
    return value if precision in (None, "day") else f"{value} ({precision})"


def print_records(rows: list[IndexedRecord]) -> None:
    from rich.console import Console
    from rich.table import Table

    from qa_app.ui_terminal import out

    if not rows:
        out.print("No records match.")
        return
    console = out if out.is_terminal else Console(width=200, soft_wrap=True)
    table = Table(show_lines=False)
    for col in ("kind", "date", "countries", "what", "who / mechanism", "evidence", "id"):
        table.add_column(col, overflow="fold")
    for r in rows:
        who = "; ".join(p.name + (f" ({p.role})" if p.role else "") for p in r.people)
        mech = f"{r.mechanism} (round {r.round})" if r.mechanism and r.round else (r.mechanism or "")
        first = r.evidence[0].quote if r.evidence else ""
        table.add_row(r.kind, date_label(r.date_value, r.date_precision), ",".join(r.countries), r.title,
                      " | ".join(x for x in (who, mech) if x), first[:120], r.id)
    console.print(table, markup=False)
    console.print(f"{len(rows)} record(s)", markup=False)
