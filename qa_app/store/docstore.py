"""SQLite store of documents, chunks and store-level facts, beside the Chroma index."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from qa_app.text.sentences import Sentence, split_sentences

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    title TEXT, title_provenance TEXT,
    language TEXT, language_provenance TEXT,
    published TEXT, published_provenance TEXT,
    raw_text TEXT NOT NULL,
    clean_text TEXT NOT NULL,
    offset_map TEXT NOT NULL,
    dropped TEXT NOT NULL,
    ingested_at REAL NOT NULL,
    article_id TEXT
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, idx);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS embedding_cache (
    embedder TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (embedder, text_hash)
);
"""


@dataclass
class DocumentRow:
    id: str
    source: str
    url: str | None
    title: str | None
    title_provenance: str
    language: str | None
    language_provenance: str
    published: str | None
    published_provenance: str
    raw_text: str
    clean_text: str
    offset_map: str
    dropped: str
    ingested_at: float = 0.0
    article_id: str | None = None  # the id its source gave the article (a JSONL "id"), shown as its id
    #: The sentences of clean_text, as split once at ingest (None for a row not read from a store).
    sentences: list[Sentence] | None = field(default=None, repr=False, compare=False)


@dataclass
class ChunkRow:
    id: str
    doc_id: str
    idx: int
    start: int
    end: int
    text: str


_DOCUMENT_COLUMNS = ("id, source, url, title, title_provenance, language, language_provenance, published, "
                     "published_provenance, raw_text, clean_text, offset_map, dropped, ingested_at, article_id")


OPEN_WAIT_SECONDS = 60  # how long opening waits for another process that is creating the store


def damaged_message(path: Path | str, exc: BaseException) -> str:
    return (f"the store database {path} is damaged or is not a qa-app store (SQLite: {exc}); "
            "restore it from a backup, or move the store folder aside and ingest the articles again")


class DocStore:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        deadline = time.monotonic() + OPEN_WAIT_SECONDS
        while True:
            try:
                self._open(path)
                return
            except sqlite3.OperationalError as exc:
                # Two processes opening a new store at once: switching it to WAL can fail at once with
                # "database is locked" instead of waiting; the other one finishes in a moment.
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise self._damaged(exc) from exc
                if getattr(self, "conn", None) is not None:
                    self.conn.close()
                time.sleep(0.2)
            except sqlite3.DatabaseError as exc:
                raise self._damaged(exc) from exc

    def _open(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.executescript(SCHEMA)
        self._add_missing_columns()
        self._add_missing_sentences()
        self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()

    def _damaged(self, exc: BaseException):
        from qa_app.errors import StoreIntegrityError

        return StoreIntegrityError(damaged_message(self.path, exc))

    def _add_missing_columns(self) -> None:
        """Stores made before a column existed get it (empty for the documents they hold)."""
        have = {row[1] for row in self.conn.execute("PRAGMA table_info(documents)")}
        if "article_id" not in have:
            self.conn.execute("ALTER TABLE documents ADD COLUMN article_id TEXT")

    def _add_missing_sentences(self) -> None:
        """Stores made before sentence spans were kept get them, split as ingest splits."""
        q = "SELECT id, clean_text FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
        missing = self.conn.execute(q).fetchall()
        if not missing:
            return
        with self.transaction():
            for doc_id, text in missing:
                self._put_sentences(doc_id, split_sentences(text))

    def close(self) -> None:
        self.conn.close()

    # --- meta ---
    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def meta_default(self, key: str, value: str) -> str:
        """The value of `key`, set to `value` first if absent (atomic across processes)."""
        self.conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", (key, value))
        return self.get_meta(key)

    # --- documents ---
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def put_document(self, doc: DocumentRow, chunks: list[ChunkRow]) -> None:
        """Write the document, its chunks and its sentences (`doc.sentences`, split here when None)."""
        doc.ingested_at = doc.ingested_at or time.time()
        if doc.sentences is None:
            doc.sentences = split_sentences(doc.clean_text)
        with self.transaction():
            self.conn.execute("DELETE FROM chunks WHERE doc_id=?", (doc.id,))
            self.conn.execute(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.source, doc.url, doc.title, doc.title_provenance, doc.language, doc.language_provenance,
                 doc.published, doc.published_provenance, doc.raw_text, doc.clean_text, doc.offset_map, doc.dropped,
                 doc.ingested_at, doc.article_id),
            )
            self.conn.executemany(
                'INSERT INTO chunks(id, doc_id, idx, start, "end", text) VALUES (?,?,?,?,?,?)',
                [(c.id, c.doc_id, c.idx, c.start, c.end, c.text) for c in chunks],
            )
            self._put_sentences(doc.id, doc.sentences)

    def _put_sentences(self, doc_id: str, sentences: list[Sentence]) -> None:
        self.conn.execute("DELETE FROM sentences WHERE doc_id=?", (doc_id,))
        self.conn.executemany('INSERT INTO sentences(doc_id, idx, start, "end") VALUES (?,?,?,?)',
                              [(doc_id, i, s.start, s.end) for i, s in enumerate(sentences)])

    def get_document(self, doc_id: str) -> DocumentRow | None:
        """The document with its stored sentences."""
        row = self.conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id=?", (doc_id,)).fetchone()
        return self._with_sentences(DocumentRow(*row)) if row else None

    def documents(self) -> Iterator[DocumentRow]:
        for row in self.conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY ingested_at, id"):
            yield self._with_sentences(DocumentRow(*row))

    def _with_sentences(self, doc: DocumentRow) -> DocumentRow:
        doc.sentences = self._spans(doc.id, doc.clean_text)
        return doc

    def _spans(self, doc_id: str, text: str) -> list[Sentence]:
        rows = self.conn.execute('SELECT start, "end" FROM sentences WHERE doc_id=? ORDER BY idx', (doc_id,))
        return [Sentence(a, b, text[a:b]) for a, b in rows]

    def sentences(self, doc_id: str) -> list[Sentence]:
        """The stored sentences of a document (empty when there is no such document)."""
        row = self.conn.execute("SELECT clean_text FROM documents WHERE id=?", (doc_id,)).fetchone()
        return self._spans(doc_id, row[0]) if row else []

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY ingested_at, id")]

    # --- chunks ---
    def chunks_by_ids(self, ids: Iterable[str]) -> dict[str, ChunkRow]:
        ids = list(ids)
        out: dict[str, ChunkRow] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            q = f'SELECT id, doc_id, idx, start, "end", text FROM chunks WHERE id IN ({",".join("?" * len(part))})'
            out.update({r[0]: ChunkRow(*r) for r in self.conn.execute(q, part)})
        return out

    def all_chunks(self) -> Iterator[ChunkRow]:
        for r in self.conn.execute('SELECT id, doc_id, idx, start, "end", text FROM chunks ORDER BY doc_id, idx'):
            yield ChunkRow(*r)

    def chunks_with_language(self) -> Iterator[tuple[ChunkRow, str]]:
        q = ('SELECT c.id, c.doc_id, c.idx, c.start, c."end", c.text, d.language FROM chunks c '
             "JOIN documents d ON d.id = c.doc_id ORDER BY c.doc_id, c.idx")
        for r in self.conn.execute(q):
            yield ChunkRow(*r[:6]), r[6] or ""

    def chunk_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM chunks")]

    def chunks_for_index(self) -> Iterator[tuple[ChunkRow, str, str]]:
        """Every chunk with its document's language and title, in document order."""
        q = ('SELECT c.id, c.doc_id, c.idx, c.start, c."end", c.text, d.language, d.title FROM chunks c '
             "JOIN documents d ON d.id = c.doc_id ORDER BY d.ingested_at, c.doc_id, c.idx")
        for r in self.conn.execute(q):
            yield ChunkRow(*r[:6]), r[6] or "", r[7] or ""

    def cached_dimension(self, embedder: str) -> int | None:
        """Dimension of the vectors cached for `embedder` (float32), or None."""
        row = self.conn.execute("SELECT length(vector) FROM embedding_cache WHERE embedder=? LIMIT 1",
                                (embedder,)).fetchone()
        return row[0] // 4 if row and row[0] else None

    def counts(self) -> dict[str, int]:
        return {
            "documents": self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "chunks": self.conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0],
        }

    # --- embedding cache, keyed by embedder and chunk-text hash ---
    def cached_vectors(self, embedder: str, hashes: list[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for i in range(0, len(hashes), 500):
            part = hashes[i:i + 500]
            q = f"SELECT text_hash, vector FROM embedding_cache WHERE embedder=? AND text_hash IN ({','.join('?' * len(part))})"
            out.update(dict(self.conn.execute(q, [embedder, *part]).fetchall()))
        return out

    def cache_vectors(self, embedder: str, items: list[tuple[str, bytes]]) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO embedding_cache(embedder, text_hash, vector) VALUES (?,?,?)",
                [(embedder, h, v) for h, v in items],
            )

    def transaction(self):
        return _Transaction(self.conn)

    def roll_back_cut_write(self) -> None:
        """Roll back a write that Ctrl-C cut between its BEGIN and COMMIT; until then the
        connection refuses every other write. Only for a caller that knows no other thread writes."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


class _Transaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)
