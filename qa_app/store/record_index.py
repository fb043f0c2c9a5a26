"""The record index: current meetings, commitments and merged events as SQL rows, with their
countries, people, mechanisms, dates and evidence spans in indexed tables.

Question answering, `qa-app records` and the UI query these tables; no record JSON is parsed
to answer a question. The index is written in the same transaction as the records it mirrors
(`RecordStore.save`, `forget_current`, `replace_events`), and rebuilt once from the stored
records when a store made before it is opened.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from qa_app.errors import InputError
from qa_app.store.record_keys import name_key, name_tokens, parse_bound
from qa_app.store.record_rows import SCHEMA, TABLES, commitment_rows, meeting_rows

INDEX_VERSION = "4"
KINDS = ("meeting", "commitment", "event")


class RecordIndex:
    """SQL tables over the current records (see the module docstring). Writers call these
    methods inside the transaction that changes the records."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._mechanisms: tuple | None = None
        conn.executescript(SCHEMA)

    # --- writing ---
    def remove_docs(self, doc_ids: Iterable[str]) -> None:
        ids = [r[0] for d in doc_ids for r in self.conn.execute(
            "SELECT id FROM ri_records WHERE doc_id=? AND kind != 'event'", (d,))]
        self._remove(ids)

    def _remove(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), 500):
            part = list(ids[i:i + 500])
            marks = ",".join("?" * len(part))
            for table, col in (("ri_records", "id"), ("ri_countries", "record_id"), ("ri_docs", "record_id"),
                               ("ri_people", "record_id"), ("ri_evidence", "record_id")):
                self.conn.execute(f"DELETE FROM {table} WHERE {col} IN ({marks})", part)

    def add_article(self, art) -> None:
        """Index one ArticleRecords (its meetings and commitments)."""
        for m in art.meetings:
            self._insert(*meeting_rows(m, "meeting", art.doc_id, [art.doc_id]), [art.doc_id], m.participants,
                         m.evidence)
        for c in art.commitments:
            self._insert(*commitment_rows(c, art.doc_id), [art.doc_id], [], c.evidence)

    def replace_events(self, events) -> None:
        self._remove([r[0] for r in self.conn.execute("SELECT id FROM ri_records WHERE kind='event'")])
        for e in events:
            doc_ids = list(dict.fromkeys(e.doc_ids))
            self._insert(*meeting_rows(e, "event", None, doc_ids), doc_ids, e.participants, e.evidence)

    def _insert(self, row: tuple, countries: list[str], doc_ids: list[str], participants, evidence) -> None:
        rid = row[0]
        self.conn.execute(f"INSERT OR REPLACE INTO ri_records VALUES ({','.join('?' * len(row))})", row)
        self.conn.executemany("INSERT INTO ri_countries VALUES (?, ?)", [(rid, c) for c in dict.fromkeys(countries)])
        self.conn.executemany("INSERT INTO ri_docs VALUES (?, ?)", [(rid, d) for d in dict.fromkeys(doc_ids)])
        ev_rows = [(rid, None, e.doc_id, e.start, e.end, e.quote) for e in evidence]
        people_rows, tokens = [], []
        for seq, p in enumerate(participants):
            people_rows.append((rid, seq, p.name, name_key(p.name), p.role, p.country))
            tokens += [(t, p.name) for t in name_tokens(p.name)]
            ev_rows += [(rid, seq, e.doc_id, e.start, e.end, e.quote) for e in p.evidence]
        self.conn.executemany("INSERT INTO ri_people VALUES (?,?,?,?,?,?)", people_rows)
        self.conn.executemany("INSERT OR IGNORE INTO ri_name_tokens VALUES (?, ?)", tokens)
        self.conn.executemany('INSERT INTO ri_evidence VALUES (?,?,?,?,?,?)', ev_rows)

    def rebuild(self, articles, events) -> None:
        """The tables made anew (their layout may have changed) and filled from these records."""
        for table in (*TABLES, "ri_name_tokens"):
            self.conn.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in SCHEMA.split(";"):
            if statement.strip():
                self.conn.execute(statement)
        for art in articles:
            if art.status == "ok":
                self.add_article(art)
        self.replace_events(events)

    # --- reading ---
    def people_named(self, tokens: Iterable[str]) -> list[str]:
        """Names of indexed people with any of these (name_key) tokens."""
        toks = sorted({t for t in tokens if len(t) > 1})
        if not toks:
            return []
        q = f"SELECT DISTINCT name FROM ri_name_tokens WHERE token IN ({','.join('?' * len(toks))})"
        return [r[0] for r in self.conn.execute(q, toks)]

    def mechanisms(self) -> list[str]:
        """Every mechanism named by a record (kept until the database changes)."""
        version = (self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes)
        if self._mechanisms is None or self._mechanisms[0] != version:
            rows = self.conn.execute("SELECT DISTINCT mechanism FROM ri_records WHERE mechanism_key IS NOT NULL")
            self._mechanisms = (version, [r[0] for r in rows])
        return list(self._mechanisms[1])

    def count(self, kind: str) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM ri_records WHERE kind=?", (kind,)).fetchone()[0]

    def query(self, q: "RecordQuery") -> list["IndexedRecord"]:
        sql, args = q.sql()
        rows = self.conn.execute(sql, args).fetchall()
        return self.load([r[0] for r in rows])

    def query_json(self, q: "RecordQuery") -> list[bytes]:
        """The matching records as JSON objects (the shape of `IndexedRecord.to_dict`), as stored
        when they were indexed: listing tens of thousands of records parses nothing."""
        return [row for part in self.iter_json(q) for row in part]

    def iter_json(self, q: "RecordQuery", batch: int = 2000) -> Iterator[list[bytes]]:
        """`query_json` in batches, for writing out a large store without holding all of it."""
        # As bytes, printed as they are: no decoding and encoding again.
        sql, args = q.sql(column="CAST(r.json AS BLOB)")
        cur = self.conn.execute(sql, args)
        while part := cur.fetchmany(batch):
            yield [r[0] for r in part]

    def load(self, ids: Sequence[str]) -> list["IndexedRecord"]:
        """The records with these ids, in this order, with countries, documents, people and evidence."""
        ids = list(dict.fromkeys(ids))
        recs: dict[str, IndexedRecord] = {}
        for i in range(0, len(ids), 900):
            part = ids[i:i + 900]
            marks = ",".join("?" * len(part))
            for row in self.conn.execute(f"SELECT * FROM ri_records WHERE id IN ({marks})", part):
                recs[row[0]] = IndexedRecord.from_row(row)
            for rid, code in self.conn.execute(f"SELECT record_id, code FROM ri_countries WHERE record_id IN ({marks}) "
                                               "ORDER BY rowid", part):
                recs[rid].countries.append(code)
            for rid, doc in self.conn.execute(f"SELECT record_id, doc_id FROM ri_docs WHERE record_id IN ({marks}) "
                                              "ORDER BY rowid", part):
                recs[rid].doc_ids.append(doc)
            for rid, seq, name, _key, role, country in self.conn.execute(
                    f"SELECT * FROM ri_people WHERE record_id IN ({marks}) ORDER BY record_id, seq", part):
                recs[rid].people.append(IndexedPerson(name, role, country))
            for rid, pseq, doc, start, end, quote in self.conn.execute(
                    f"SELECT * FROM ri_evidence WHERE record_id IN ({marks}) ORDER BY rowid", part):
                span = Span(doc, start, end, quote)
                rec = recs[rid]
                (rec.evidence if pseq is None else rec.people[pseq].evidence).append(span)
        return [recs[i] for i in ids if i in recs]


# --- what comes out -----------------------------------------------------------------------

@dataclass
class Span:
    doc_id: str
    start: int
    end: int
    quote: str

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "quote": self.quote}


@dataclass
class IndexedPerson:
    name: str
    role: str | None
    country: str | None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role, "country": self.country,
                "evidence": [e.to_dict() for e in self.evidence]}


@dataclass
class IndexedRecord:
    id: str
    kind: str
    doc_id: str | None
    title: str
    status: str | None
    mkind: str | None
    date_value: str | None
    date_precision: str | None
    date_text: str | None
    date_end: str | None
    date_lo: str | None
    date_hi: str | None
    city: str | None
    region: str | None
    loc_country: str | None
    mechanism: str | None
    round: int | None
    topics: list[str]
    meeting_id: str | None
    members: list[str]
    countries: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    people: list[IndexedPerson] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: tuple) -> "IndexedRecord":
        (rid, kind, doc_id, title, status, mkind, dv, dp, dt, dend, lo, hi, city, region, lc, mech, _mkey, rnd, topics,
         meeting_id, members, _json) = row
        return cls(rid, kind, doc_id, title, status, mkind, dv, dp, dt, dend, lo, hi, city, region, lc, mech, rnd,
                   [t for t in (topics or "").split(",") if t], meeting_id, [m for m in (members or "").split(",") if m])

    def to_dict(self) -> dict:
        out = {"id": self.id, "kind": self.kind, "countries": self.countries, "doc_ids": self.doc_ids,
               "date": {"value": self.date_value, "precision": self.date_precision, "text": self.date_text,
                        "end": self.date_end}}
        if self.kind == "commitment":
            out.update(action=self.title, modality=self.status, topic=self.mkind, meeting_id=self.meeting_id,
                       target_date=out.pop("date"))
        else:
            out.update(title=self.title, status=self.status, meeting_kind=self.mkind,
                       location={"city": self.city, "region": self.region, "country": self.loc_country},
                       mechanism=self.mechanism, round=self.round, topics=self.topics,
                       participants=[p.to_dict() for p in self.people])
            if self.kind == "event":
                out["meeting_ids"] = self.members
        out["evidence"] = [e.to_dict() for e in self.evidence]
        return out


@dataclass
class RecordQuery:
    """Filters of `qa-app records` and of question answering; every one given must hold."""

    kinds: Sequence[str] = KINDS
    countries: Sequence[str] = ()  # the record involves all of them
    person: str = ""  # part of a participant's name or role
    people: Sequence[str | Sequence[str]] = ()  # participants: each an exact name, or a person's names (any one)
    mechanism: str = ""  # part of the mechanism's name
    date_from: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD: the record's period ends on or after it
    date_to: str = ""
    doc_ids: Sequence[str] = ()
    limit: int | None = None
    ordered: bool = True  # oldest first; unordered is faster when the caller ranks them itself

    def sql(self, column: str = "r.id") -> tuple[str, list]:
        bad = [k for k in self.kinds if k not in KINDS]
        if bad:
            raise InputError(f"unknown record kind {bad[0]!r}; valid: {', '.join(KINDS)}")
        # Given documents or people by name, SQLite would walk the kind index over every record of the
        # store and test each against them; "+r.kind" makes it start from their few rows instead (one
        # article's records among 10,000 articles: 0.015 ms instead of 6 ms), sorted in the index's order
        # when a limit keeps some of them. Not for countries alone: thousands of records share one.
        few = bool(self.doc_ids or self.people)
        kind = "+r.kind" if few else "r.kind"
        where = [f"{kind} IN ({','.join('?' * len(self.kinds))})"]
        args: list = list(self.kinds)
        for code in dict.fromkeys(c.upper() for c in self.countries):
            where.append("r.id IN (SELECT record_id FROM ri_countries WHERE code=?)")
            args.append(code)
        if self.person.strip():
            needle = f"%{name_key(self.person)}%"
            where.append("r.id IN (SELECT record_id FROM ri_people WHERE name_key LIKE ? OR lower(role) LIKE ?)")
            args += [needle, f"%{self.person.strip().lower()}%"]
        for person in self.people:  # a name, or the names one person goes by (any of them)
            keys = list(dict.fromkeys(name_key(n) for n in ([person] if isinstance(person, str) else person)))
            where.append(f"r.id IN (SELECT record_id FROM ri_people WHERE name_key IN ({','.join('?' * len(keys))}))")
            args += keys
        if self.mechanism.strip():
            where.append("r.mechanism_key LIKE ?")
            args.append(f"%{name_key(self.mechanism)}%")
        lo, hi = parse_bound(self.date_from, "--from"), parse_bound(self.date_to, "--to")
        if lo:
            where.append("r.date_hi >= ?")
            args.append(lo[0].isoformat())
        if hi:
            where.append("r.date_lo <= ?")
            args.append(hi[1].isoformat())
        if self.doc_ids:
            where.append(f"r.id IN (SELECT record_id FROM ri_docs WHERE doc_id IN ({','.join('?' * len(self.doc_ids))}))")
            args += list(self.doc_ids)
        sql = f"SELECT {column} FROM ri_records r WHERE " + " AND ".join(where)
        if self.ordered or (few and self.limit):
            sql += " ORDER BY r.kind, r.date_lo IS NULL, r.date_lo, r.id"
        if self.limit:
            sql += f" LIMIT {int(self.limit)}"
        return sql, args
