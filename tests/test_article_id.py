"""A JSONL line's own id and publication date are kept with the article and shown in the output."""

from __future__ import annotations

import json
import sqlite3

import pytest

from qa_app.extract.article import extract_article
from qa_app.extract.extractors.rules import RulesExtractor
from qa_app.ingest.pipeline import prepare
from qa_app.ingest.readers import read_inputs
from qa_app.store.docstore import DocStore

pytestmark = pytest.mark.unit

LINE = {"id": "crawl-2024-000917", "url": "https://news.example/a/917", "published": "2024-09-09T08:15:00+07:00",
        "title": "Peru and Ecuador reopen border talks",
        "text": "LIMA – Foreign ministers of Peru and Ecuador held talks in Lima on Monday. "
                "Both governments agreed to reopen two border crossings before the end of the year."}


def _row(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(LINE) + "\n", encoding="utf-8")
    (item,) = list(read_inputs([str(path)], 5_000_000))
    return prepare(item, 800).row


def test_jsonl_id_and_published_reach_the_records(tmp_path):
    row = _row(tmp_path)
    assert row.article_id == "crawl-2024-000917" and row.published == "2024-09-09"
    rec, _ = extract_article(row, RulesExtractor())
    assert rec.article_id == "crawl-2024-000917"
    assert [m.date.value for m in rec.meetings] == ["2024-09-09"]


def test_the_store_keeps_the_article_id_and_upgrades_older_stores(tmp_path):
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)  # a store made before the column existed
    conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT, "
                 "title_provenance TEXT, language TEXT, language_provenance TEXT, published TEXT, "
                 "published_provenance TEXT, raw_text TEXT NOT NULL, clean_text TEXT NOT NULL, offset_map TEXT NOT NULL, "
                 "dropped TEXT NOT NULL, ingested_at REAL NOT NULL)")
    conn.commit()
    conn.close()
    store = DocStore(db)
    row = _row(tmp_path)
    store.put_document(row, [])
    assert store.get_document(row.id).article_id == "crawl-2024-000917"
    store.close()
