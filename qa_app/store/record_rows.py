"""The record index's tables, and the rows a meeting, merged event or commitment becomes."""

from __future__ import annotations

import json

from qa_app.store.record_keys import name_key, period

SCHEMA = """
CREATE TABLE IF NOT EXISTS ri_records (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,              -- meeting | commitment | event
    doc_id TEXT,                     -- the article (NULL for a merged event: see ri_docs)
    title TEXT NOT NULL,             -- a meeting's title, a commitment's action
    status TEXT,                     -- held | planned | referenced (meetings, events), modality (commitments)
    mkind TEXT,                      -- bilateral, visit, ... (meetings, events), topic (commitments)
    date_value TEXT, date_precision TEXT, date_text TEXT, date_end TEXT,
    date_lo TEXT, date_hi TEXT,      -- the period the date stands for, as ISO days
    city TEXT, region TEXT, loc_country TEXT,
    mechanism TEXT, mechanism_key TEXT, round INTEGER,
    topics TEXT,                     -- comma-separated
    meeting_id TEXT,                 -- a commitment's meeting
    members TEXT,                    -- a merged event's meetings, comma-separated
    json TEXT NOT NULL               -- the record as `qa-app records --json` prints it
);
CREATE INDEX IF NOT EXISTS ri_records_kind_date ON ri_records(kind, date_lo IS NULL, date_lo, id);
CREATE INDEX IF NOT EXISTS ri_records_doc ON ri_records(doc_id);
CREATE INDEX IF NOT EXISTS ri_records_mechanism ON ri_records(mechanism_key);
CREATE INDEX IF NOT EXISTS ri_records_meeting ON ri_records(meeting_id);
CREATE TABLE IF NOT EXISTS ri_countries (record_id TEXT NOT NULL, code TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ri_countries_code ON ri_countries(code, record_id);
CREATE INDEX IF NOT EXISTS ri_countries_record ON ri_countries(record_id);
CREATE TABLE IF NOT EXISTS ri_docs (record_id TEXT NOT NULL, doc_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ri_docs_doc ON ri_docs(doc_id, record_id);
CREATE INDEX IF NOT EXISTS ri_docs_record ON ri_docs(record_id);
CREATE TABLE IF NOT EXISTS ri_people (
    record_id TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL,
    role TEXT, country TEXT
);
CREATE INDEX IF NOT EXISTS ri_people_record ON ri_people(record_id, seq);
CREATE INDEX IF NOT EXISTS ri_people_key ON ri_people(name_key);
CREATE TABLE IF NOT EXISTS ri_name_tokens (token TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (token, name)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ri_evidence (
    record_id TEXT NOT NULL, person_seq INTEGER,   -- NULL: the record's own evidence
    doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, quote TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ri_evidence_record ON ri_evidence(record_id);
"""


TABLES = ("ri_records", "ri_countries", "ri_docs", "ri_people", "ri_evidence")


def _date_cols(info) -> tuple:
    if info is None:
        return None, None, None, None, None, None
    span = period(info.value)
    lo, hi = (span[0].isoformat(), span[1].isoformat()) if span else (None, None)
    last = period(info.end) if info.end else None
    if last and span and last[1] > span[1]:
        hi = last[1].isoformat()
    return info.value, info.precision, info.text or None, info.end, lo, hi


def _evidence(items) -> list[dict]:
    return [{"doc_id": e.doc_id, "start": e.start, "end": e.end, "quote": e.quote} for e in items]


def _date_json(info) -> dict:
    if info is None:
        return {"value": None, "precision": None, "text": None, "end": None}
    return {"value": info.value, "precision": info.precision, "text": info.text or None, "end": info.end}


def meeting_rows(m, kind: str, doc_id: str | None, doc_ids: list[str]) -> tuple[tuple, list[str]]:
    members = list(getattr(m, "meeting_ids", []) or [])
    doc = {"id": m.id, "kind": kind, "countries": list(dict.fromkeys(m.countries)), "doc_ids": doc_ids,
           "date": _date_json(m.date), "title": m.title, "status": m.status, "meeting_kind": m.kind,
           "location": {"city": m.location.city, "region": m.location.region, "country": m.location.country},
           "mechanism": m.mechanism, "round": m.round, "topics": list(m.topics),
           "participants": [{"name": p.name, "role": p.role, "country": p.country, "evidence": _evidence(p.evidence)}
                            for p in m.participants],
           "meeting_ids": members, "evidence": _evidence(m.evidence)}
    row = (m.id, kind, doc_id, m.title, m.status, m.kind, *_date_cols(m.date), m.location.city, m.location.region,
           m.location.country, m.mechanism, name_key(m.mechanism) if m.mechanism else None, m.round,
           ",".join(m.topics), None, ",".join(members) or None, json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    return row, list(m.countries)


def commitment_rows(c, doc_id: str) -> tuple[tuple, list[str]]:
    doc = {"id": c.id, "kind": "commitment", "countries": list(dict.fromkeys(c.actors)), "doc_ids": [doc_id],
           "action": c.action, "modality": c.modality, "topic": c.topic, "meeting_id": c.meeting_id,
           "target_date": _date_json(c.target_date), "evidence": _evidence(c.evidence)}
    row = (c.id, "commitment", doc_id, c.action, c.modality, c.topic, *_date_cols(c.target_date), None, None, None,
           None, None, None, c.topic, c.meeting_id, None, json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    return row, list(c.actors)
