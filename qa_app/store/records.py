"""Extraction results in SQLite beside the documents: a cache keyed by document, backend,
model, prompt version and schema version, plus the current records of each document
and the merged events that question answering and the UI read."""

from __future__ import annotations

import hashlib
import json
import time

from qa_app.schemas.records import ArticleRecords, Event

SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    cache_key TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    backend TEXT NOT NULL,
    status TEXT NOT NULL,
    record_json TEXT NOT NULL,
    raw_output TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS extractions_doc ON extractions(doc_id);
CREATE TABLE IF NOT EXISTS current_records (doc_id TEXT PRIMARY KEY, cache_key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, event_json TEXT NOT NULL);
"""


def cache_key(doc_id: str, backend_identity: str, prompt_version: str, schema_version: str, mode: str) -> str:
    raw = "\x1f".join([doc_id, backend_identity, prompt_version, schema_version, mode])
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


class RecordStore:
    def __init__(self, docstore):
        self.docs = docstore
        self.conn = docstore.conn
        self.conn.executescript(SCHEMA)
        self._parsed: dict[str, tuple[tuple[int, int], list]] = {}
        self._index = None

    @property
    def index(self):
        """The SQL record index (`record_index.py`), built from the stored records the first time
        a store made before it is opened."""
        if self._index is None:
            from qa_app.store.record_index import INDEX_VERSION, RecordIndex

            index = RecordIndex(self.conn)
            if self.docs.get_meta("record_index") != INDEX_VERSION:
                articles, events = self._load_current(), self._load_events()
                with self.docs.transaction():
                    index.rebuild(articles, events)
                    self.docs.set_meta("record_index", INDEX_VERSION)
            self._index = index
        return self._index

    def _version(self) -> tuple[int, int]:
        """Changes when any connection commits (data_version) or this one writes (total_changes)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes

    def _memo(self, name: str, load) -> list:
        """Parsed records are cached until the database changes: question answering reads
        them on every question, and parsing thousands of records each time dominates."""
        version = self._version()
        hit = self._parsed.get(name)
        if hit is None or hit[0] != version:
            hit = (version, load())
            self._parsed[name] = hit
        return list(hit[1])

    def cached(self, key: str) -> ArticleRecords | None:
        row = self.conn.execute("SELECT record_json FROM extractions WHERE cache_key=? AND status='ok'", (key,)).fetchone()
        return ArticleRecords.model_validate_json(row[0]) if row else None

    def save(self, key: str, records: ArticleRecords, raw_output: str | None = None) -> None:
        index = self.index
        with self.docs.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO extractions VALUES (?,?,?,?,?,?,?)",
                (key, records.doc_id, records.provenance.backend, records.status, records.model_dump_json(),
                 raw_output, time.time()),
            )
            # A failed run never removes the records an earlier run stored for the document.
            if records.status == "ok":
                self.conn.execute("INSERT OR REPLACE INTO current_records VALUES (?, ?)", (records.doc_id, key))
                index.remove_docs([records.doc_id])
                index.add_article(records)

    def forget_current(self, doc_ids: list[str]) -> None:
        """No current records for these documents (the extraction cache is kept)."""
        index = self.index
        with self.docs.transaction():
            self.conn.executemany("DELETE FROM current_records WHERE doc_id=?", [(d,) for d in doc_ids])
            index.remove_docs(doc_ids)

    def current(self) -> list[ArticleRecords]:
        return self._memo("current", self._load_current)

    def _load_current(self) -> list[ArticleRecords]:
        rows = self.conn.execute(
            "SELECT e.record_json FROM current_records c JOIN extractions e ON e.cache_key = c.cache_key "
            "JOIN documents d ON d.id = c.doc_id ORDER BY d.ingested_at, d.id"
        )
        return [ArticleRecords.model_validate_json(r[0]) for r in rows]

    def replace_events(self, events: list[Event]) -> None:
        index = self.index
        with self.docs.transaction():
            self.conn.execute("DELETE FROM events")
            self.conn.executemany("INSERT INTO events VALUES (?, ?)", [(e.id, e.model_dump_json()) for e in events])
            index.replace_events(events)

    def reindex(self) -> None:
        """Rebuild the record index from the stored records (for stores written around it)."""
        articles, events = self._load_current(), self._load_events()
        with self.docs.transaction():
            self.index.rebuild(articles, events)

    def events(self) -> list[Event]:
        return self._memo("events", self._load_events)

    def _load_events(self) -> list[Event]:
        return [Event.model_validate_json(r[0]) for r in self.conn.execute("SELECT event_json FROM events ORDER BY id")]

    def counts(self) -> dict[str, int]:
        index = self.index
        return {
            "extracted_articles": self.conn.execute("SELECT COUNT(*) FROM current_records c JOIN documents d "
                                                    "ON d.id = c.doc_id").fetchone()[0],
            "meetings": index.count("meeting"),
            "commitments": index.count("commitment"),
            "events": self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
        }


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
