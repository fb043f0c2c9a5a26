"""Records as table rows: filters (country, person, topic, date range), JSON and CSV export.

Plain Python on the record types: no gradio here.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from datetime import date

from qa_app.schemas.records import ArticleRecords, Commitment, DateInfo, Event, Meeting
from qa_app.store.record_keys import parse_bound, period
from qa_app.ui.html import date_label, source_name


MEETING_COLUMNS = ["Date", "Title", "Status", "Kind", "Countries", "Participants", "Mechanism", "Topics", "Place", "Article", "ID"]
COMMITMENT_COLUMNS = ["Date", "Actors", "Action", "Topic", "Modality", "Target date", "Meeting", "Article", "ID"]
EVENT_COLUMNS = ["Date", "Title", "Status", "Countries", "Participants", "Mechanism", "Sources", "ID"]
CSV_COLUMNS = ["type", "id", "date", "date_precision", "title", "status", "kind", "countries", "participants",
               "mechanism", "topics", "place", "target_date", "doc_ids", "articles", "evidence"]


# --- filters -------------------------------------------------------------------------------

@dataclass
class Filters:
    countries: list[str] = field(default_factory=list)  # a record must involve all of them
    person: str = ""  # part of a participant's name or role
    topic: str = ""  # "" = any topic
    date_from: str = ""
    date_to: str = ""
    record: str = ""  # one record (a merged event also shows its meetings, a meeting its event)

    def bounds(self) -> tuple[date | None, date | None]:
        lo, hi = parse_bound(self.date_from, "from"), parse_bound(self.date_to, "to")
        return (lo[0] if lo else None), (hi[1] if hi else None)

    @property
    def active(self) -> bool:
        return bool(self.countries or self.person.strip() or self.topic or self.date_from.strip() or self.date_to.strip()
                    or self.record.strip())


def _date_ok(info: DateInfo | None, lo: date | None, hi: date | None) -> bool:
    if lo is None and hi is None:
        return True
    span = period(info.value) if info is not None else None
    if span is None:  # undated records cannot be placed in a date range
        return False
    return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)


def _person_ok(needle: str, people: list[tuple[str, str | None]], extra_text: list[str] = ()) -> bool:
    needle = needle.strip().casefold()
    if not needle:
        return True
    hay = [n for n, _ in people] + [r or "" for _, r in people] + list(extra_text)
    return any(needle in h.casefold() for h in hay)


def _meeting_like_ok(m: Meeting | Event, f: Filters, lo: date | None, hi: date | None) -> bool:
    return (set(f.countries) <= set(m.countries)
            and (not f.topic or f.topic in m.topics)
            and _person_ok(f.person, [(p.name, p.role) for p in m.participants])
            and _date_ok(m.date, lo, hi))


# --- the records of a store, indexed -------------------------------------------------------

@dataclass
class RecordIndex:
    articles: list[ArticleRecords]
    events: list[Event]

    def __post_init__(self) -> None:
        self.meetings: dict[str, tuple[Meeting, ArticleRecords]] = {}
        self.commitments: dict[str, tuple[Commitment, ArticleRecords]] = {}
        self.titles: dict[str, str] = {}
        for a in self.articles:
            self.titles[a.doc_id] = a.title or source_name(a.source) or a.doc_id
            self.meetings.update({m.id: (m, a) for m in a.meetings})
            self.commitments.update({c.id: (c, a) for c in a.commitments})
        self.by_event = {e.id: e for e in self.events}

    @classmethod
    def load(cls, store) -> "RecordIndex":
        """Current records and merged events; events are merged on the fly if none are stored yet."""
        articles = store.records.current()
        events = store.records.events()
        if not events and any(a.meetings for a in articles):
            from qa_app.extract.merge import merge_events

            events = merge_events(articles)
        return cls(articles, events)

    # --- options for the filter widgets ---
    def countries(self) -> list[str]:
        found: set[str] = set()
        for m, _ in self.meetings.values():
            found.update(m.countries)
        for c, _ in self.commitments.values():
            found.update(c.actors)
        for e in self.events:
            found.update(e.countries)
        return sorted(found)

    def topics(self) -> list[str]:
        found: set[str] = set()
        for m, _ in self.meetings.values():
            found.update(m.topics)
        found.update(c.topic for c, _ in self.commitments.values())
        return sorted(found)

    # --- filtering ---
    def commitment_date(self, c: Commitment) -> DateInfo | None:
        """When a commitment was made: the date of its meeting; else its target date."""
        meeting = self.meetings.get(c.meeting_id or "")
        if meeting is not None and meeting[0].date.value:
            return meeting[0].date
        return c.target_date

    def _commitment_ok(self, c: Commitment, f: Filters, lo, hi) -> bool:
        meeting = self.meetings.get(c.meeting_id or "")
        people = [(p.name, p.role) for p in meeting[0].participants] if meeting else []
        return (set(f.countries) <= set(c.actors)
                and (not f.topic or c.topic == f.topic)
                and _person_ok(f.person, people, [e.quote for e in c.evidence])
                and _date_ok(self.commitment_date(c), lo, hi))

    def filtered(self, f: Filters) -> "Selection":
        lo, hi = f.bounds()
        ids = self._related(f.record.strip()) if f.record.strip() else None
        return Selection(
            meetings=[(m, a) for m, a in self.meetings.values() if _meeting_like_ok(m, f, lo, hi)
                      and (ids is None or m.id in ids)],
            commitments=[(c, a) for c, a in self.commitments.values() if self._commitment_ok(c, f, lo, hi)
                         and (ids is None or c.id in ids)],
            events=[e for e in self.events if _meeting_like_ok(e, f, lo, hi) and (ids is None or e.id in ids)],
        )

    def _related(self, record_id: str) -> set[str]:
        """The record and what it merges or is merged into."""
        ids = {record_id}
        for e in self.events:
            if e.id == record_id or record_id in e.meeting_ids:
                ids |= {e.id, *e.meeting_ids}
        return ids

    # --- rows ---
    def meeting_row(self, m: Meeting, a: ArticleRecords) -> list[str]:
        return [date_label(m.date.value, m.date.precision), m.title, m.status, m.kind, ", ".join(m.countries),
                _people(m), _mechanism(m), ", ".join(m.topics), _place(m), self.titles.get(a.doc_id, ""), m.id]

    def commitment_row(self, c: Commitment, a: ArticleRecords) -> list[str]:
        made = self.commitment_date(c)
        made_label = date_label(made.value, made.precision) if made is not None and made is not c.target_date else ""
        target = date_label(c.target_date.value, c.target_date.precision) if c.target_date and c.target_date.value else ""
        meeting = self.meetings.get(c.meeting_id or "")
        return [made_label, ", ".join(c.actors), c.action, c.topic, c.modality, target,
                meeting[0].title if meeting else "", self.titles.get(a.doc_id, ""), c.id]

    def event_row(self, e: Event) -> list[str]:
        sources = [self.titles.get(d, d) for d in e.doc_ids]
        return [date_label(e.date.value, e.date.precision), e.title, e.status, ", ".join(e.countries), _people(e),
                _mechanism(e), f"{len(sources)}: " + " | ".join(sources), e.id]


@dataclass
class Selection:
    meetings: list[tuple[Meeting, ArticleRecords]]
    commitments: list[tuple[Commitment, ArticleRecords]]
    events: list[Event]

    def counts(self) -> str:
        return f"{len(self.meetings)} meetings, {len(self.commitments)} commitments, {len(self.events)} merged events"


def _people(m: Meeting | Event) -> str:
    return "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in m.participants)


def _mechanism(m: Meeting | Event) -> str:
    if not m.mechanism:
        return ""
    return f"{m.mechanism} (round {m.round})" if m.round else m.mechanism


def _place(m: Meeting | Event) -> str:
    loc = m.location
    return ", ".join(x for x in (loc.city, loc.region, loc.country) if x)


def sort_rows(rows: list[list[str]]) -> list[list[str]]:
    """Oldest first, undated rows last (the tables can be re-sorted by clicking a header)."""
    return sorted(rows, key=lambda r: (r[0] == "no date" or not r[0], r[0]))


# --- export --------------------------------------------------------------------------------

def export_json(index: RecordIndex, sel: Selection, f: Filters) -> str:
    def article(a: ArticleRecords) -> dict:
        return {"doc_id": a.doc_id, "title": a.title, "source": a.source, "published": a.published, "language": a.language}

    doc = {
        "filters": asdict(f),
        "meetings": [{**m.model_dump(), "article": article(a)} for m, a in sel.meetings],
        "commitments": [{**c.model_dump(), "article": article(a)} for c, a in sel.commitments],
        "events": [{**e.model_dump(), "articles": [{"doc_id": d, "title": index.titles.get(d)} for d in e.doc_ids]}
                   for e in sel.events],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _csv_safe(value: str) -> str:
    """Spreadsheet formula injection: a cell starting with = + - @ is prefixed with '."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _evidence(ev) -> str:
    return " | ".join(f"{e.doc_id}[{e.start}:{e.end}] {e.quote}" for e in ev)


def export_csv(index: RecordIndex, sel: Selection) -> str:
    rows: list[dict[str, str]] = []
    for m, a in sel.meetings:
        rows.append({"type": "meeting", "id": m.id, "date": m.date.value or "", "date_precision": m.date.precision or "",
                     "title": m.title, "status": m.status, "kind": m.kind, "countries": ";".join(m.countries),
                     "participants": _people(m), "mechanism": _mechanism(m), "topics": ";".join(m.topics),
                     "place": _place(m), "doc_ids": a.doc_id, "articles": index.titles.get(a.doc_id, ""),
                     "evidence": _evidence(m.evidence)})
    for c, a in sel.commitments:
        made = index.commitment_date(c)
        rows.append({"type": "commitment", "id": c.id, "date": (made.value or "") if made else "",
                     "date_precision": (made.precision or "") if made else "", "title": c.action,
                     "status": c.modality, "countries": ";".join(c.actors), "topics": c.topic,
                     "target_date": (c.target_date.value or "") if c.target_date else "",
                     "doc_ids": a.doc_id, "articles": index.titles.get(a.doc_id, ""), "evidence": _evidence(c.evidence)})
    for e in sel.events:
        rows.append({"type": "event", "id": e.id, "date": e.date.value or "", "date_precision": e.date.precision or "",
                     "title": e.title, "status": e.status, "kind": e.kind, "countries": ";".join(e.countries),
                     "participants": _people(e), "mechanism": _mechanism(e), "topics": ";".join(e.topics),
                     "place": _place(e), "doc_ids": ";".join(e.doc_ids),
                     "articles": " | ".join(index.titles.get(d, d) for d in e.doc_ids), "evidence": _evidence(e.evidence)})
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_safe(str(row.get(k, ""))) for k in CSV_COLUMNS})
    return buf.getvalue()
