"""The ingest pipeline: metadata with provenance, offsets, idempotence, --force, the embedder claim."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from qa_app.errors import EmbedderMismatchError
from qa_app.ingest.clean import OffsetMap, clean_text
from qa_app.ingest.metadata import build_meta, date_from_dateline, normalize_published
from qa_app.ingest.pipeline import ingest, prepare
from qa_app.ingest.readers import RawArticle
from qa_app.text.language import detect_language
from qa_app.text.sentences import split_sentences
from qa_app.settings import Settings
from qa_app.store import Store

from conftest import ARTICLES, ROOT, article_path

LANGUAGES = {"000": "en", "001": "id", "002": "id", "003": "en", "004": "id"}
BODY = (
    "The foreign ministers of Indonesia and Japan met in Jakarta on Tuesday to discuss maritime security. "
    "Both sides agreed to hold a joint naval exercise next year."
)
HTML = """<html><head><title>Ministers meet in Jakarta | Example News</title>
<meta property="og:title" content="Ministers meet in Jakarta">
<meta property="article:published_time" content="2024-08-13T09:30:00+07:00">
</head><body><article><h1>Ministers meet in Jakarta</h1>
<p>The foreign ministers of Indonesia and Japan met in Jakarta on Tuesday to discuss maritime security in the region.</p>
<p>Both sides agreed to hold a joint naval exercise next year and to expand cooperation on renewable energy projects.</p>
</article></body></html>"""


def sample_meta(prefix: str):
    raw = article_path(prefix).read_text(encoding="utf-8")
    return build_meta(clean_text(raw), raw, None, None, "given")


def open_store(path, **settings) -> Store:
    return Store(Settings(store=path, **settings))


# --- metadata (pure functions) ---

@pytest.mark.unit
@pytest.mark.parametrize("prefix", sorted(LANGUAGES))
def test_language_of_samples(prefix):
    meta = sample_meta(prefix)
    assert (meta.language.value, meta.language.provenance) == (LANGUAGES[prefix], "detected")


@pytest.mark.unit
@pytest.mark.parametrize(
    "prefix, title",
    [
        ("002", "China dan Rusia gelar putaran baru konsultasi keamanan strategis"),
        ("004", "Tiongkok Sebut Beijing dan Moskow harus Perkuat Koordinasi di Asia Pasifik"),
    ],
)
def test_title_line_is_detected(prefix, title):
    meta = sample_meta(prefix)
    assert (meta.title.value, meta.title.provenance) == (title, "detected")


@pytest.mark.unit
def test_the_headline_is_the_title_not_the_site_name_above_it_nor_the_caption_below_it():
    raw = ("NORDIC WIRE\nNews from the Nordic capitals since 1998\nWORLD\n"
           "Norway and Sweden agree to pool air defence after Oslo talks\n"
           "Store and Kristersson at the Oslo press conference on Tuesday (NTB/Ola Nordmann)\n"
           "OSLO, Sept 10 - Norway and Sweden agreed on Tuesday to pool their air defence, Prime Minister "
           "Jonas Gahr Store said after talks in Oslo with his Swedish counterpart Ulf Kristersson.\n"
           "The two prime ministers also agreed to meet again in Stockholm in December.\n")
    meta = build_meta(clean_text(raw), raw, None, None, "given")
    assert meta.title.value == "Norway and Sweden agree to pool air defence after Oslo talks"


@pytest.mark.unit
@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_title_falls_back_to_the_opening_words(prefix):
    # These articles have no title line: the title is the start of the first paragraph.
    meta = sample_meta(prefix)
    first_line = article_path(prefix).read_text(encoding="utf-8").splitlines()[0]
    assert meta.title.provenance == "detected"
    assert 20 <= len(meta.title.value) <= 121
    assert first_line.startswith(meta.title.value.rstrip("…"))


@pytest.mark.unit
def test_published_from_dateline_of_004():
    meta = sample_meta("004")
    assert (meta.published.value, meta.published.provenance) == ("2024-03-01", "detected")


@pytest.mark.unit
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_no_publication_date_is_invented(prefix):
    # 001 names "Selasa, 13 Agustus 2024" in the body: the meeting's date, not the article's.
    meta = sample_meta(prefix)
    assert (meta.published.value, meta.published.provenance) == (None, "none")


@pytest.mark.unit
def test_given_title_and_date_win_with_provenance():
    raw = article_path("004").read_text(encoding="utf-8")
    meta = build_meta(clean_text(raw), raw, "  Given Title ", "2 March 2024", "given")
    assert (meta.title.value, meta.title.provenance) == ("Given Title", "given")
    assert (meta.published.value, meta.published.provenance) == ("2024-03-02", "given")
    # An unparseable given date falls back to the dateline.
    meta = build_meta(clean_text(raw), raw, None, "not a date", "given")
    assert (meta.published.value, meta.published.provenance) == ("2024-03-01", "detected")


@pytest.mark.unit
@pytest.mark.parametrize(
    "value, language, iso",
    [
        ("2024-08-13T09:30:00+07:00", None, "2024-08-13"),
        ("2024-08-13", None, "2024-08-13"),
        ("06/05/2024", None, "2024-05-06"),  # day first
        ("13 Agustus 2024", "id", "2024-08-13"),
        ("Selasa, 13 Agustus 2024", "id", "2024-08-13"),
        ("August 13, 2024", "en", "2024-08-13"),
        ("6 Mei 2024", "en", "2024-05-06"),  # the date's language differs from the article's
        ("2024-13-45", None, None),
        ("no date here", None, None),
    ],
)
def test_normalize_published(value, language, iso):
    assert normalize_published(value, language) == iso


@pytest.mark.unit
@pytest.mark.parametrize(
    "line, iso",
    [("Jum'at, 01/03/2024 05:05 WIB", "2024-03-01"), ("Senin, 19.09.2022", "2022-09-19"), ("31/13/2024", None), ("no date", None)],
)
def test_date_from_dateline(line, iso):
    assert date_from_dateline(line) == iso


@pytest.mark.unit
def test_detect_language_short_indonesian_and_english():
    assert detect_language("Kedua negara sepakat untuk menggelar latihan militer bersama tahun depan.") == "id"
    assert detect_language("Both countries agreed to hold a joint military exercise next year.") == "en"


@pytest.mark.unit
def test_prepare_html_and_jsonl_metadata(tmp_path):
    from qa_app.ingest.readers import read_inputs

    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "batch.jsonl").write_text(
        json.dumps({"text": BODY, "title": "From JSONL", "published": "6 Mei 2024", "url": "https://e.example/a"}) + "\n"
        + json.dumps({"text": "Jum'at, 01/03/2024 05:05 WIB\n" + BODY + " Another sentence here."}) + "\n",
        encoding="utf-8",
    )
    items = list(read_inputs([str(tmp_path)], 10**6))
    rows = {p.row.source.rsplit("/", 1)[-1]: p.row for p in (prepare(i, 800) for i in items)}
    html, given, dated = rows["page.html"], rows["batch.jsonl:1"], rows["batch.jsonl:2"]
    assert (html.published, html.published_provenance) == ("2024-08-13", "given")  # from <meta article:published_time>
    assert (html.title, html.title_provenance, html.language) == ("Ministers meet in Jakarta", "given", "en")
    assert (given.published, given.published_provenance) == ("2024-05-06", "given")
    assert (given.title, given.title_provenance, given.url) == ("From JSONL", "given", "https://e.example/a")
    assert (dated.published, dated.published_provenance) == ("2024-03-01", "detected")
    assert dated.title_provenance == "detected"


@pytest.mark.unit
def test_prepare_rejects_an_article_that_is_all_junk():
    article = RawArticle("junk.txt", "Banner\nLeave a Reply\nIklan\n", "text")
    assert prepare(article, 800) == "no article text left after removing page junk"


@pytest.mark.unit
def test_prepare_offsets_map_back_exactly():
    for path in sorted(ARTICLES.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        prepared = prepare(RawArticle(str(path), raw, "text"), 800)
        cleaned, omap = prepared.row.clean_text, OffsetMap.from_json(prepared.row.offset_map)
        for c in prepared.chunks:
            assert cleaned[c.start:c.end] == c.text
            for s in split_sentences(c.text):
                rs, re_ = omap.span_to_raw(c.start + s.start, c.start + s.end)
                assert raw[rs:re_] == s.text


# --- the sample store (real embedder, embedded Chroma) ---

@pytest.mark.integration
def test_sample_store_contents(sample_store):
    st = open_store(sample_store)
    try:
        assert st.docs.counts()["documents"] == 5
        docs = {os.path.basename(d.source)[:3]: d for d in st.docs.documents()}
        assert {k: d.language for k, d in docs.items()} == LANGUAGES
        assert (docs["004"].published, docs["004"].published_provenance) == ("2024-03-01", "detected")
        assert docs["002"].title == "China dan Rusia gelar putaran baru konsultasi keamanan strategis"
        assert all(d.title and d.title_provenance == "detected" and d.language_provenance == "detected" for d in docs.values())
        assert "Zayn Malik" not in docs["004"].clean_text and "Zayn Malik" in docs["004"].raw_text
        dropped = json.loads(docs["004"].dropped)
        assert any(d["text"] == "TERKINI" for d in dropped)

        chunks = list(st.docs.all_chunks())
        assert len({c.id for c in chunks}) == len(chunks)
        by_doc = {d.id: d for d in docs.values()}
        for c in chunks:
            doc = by_doc[c.doc_id]
            assert doc.clean_text[c.start:c.end] == c.text
            omap = OffsetMap.from_json(doc.offset_map)
            for s in split_sentences(c.text):
                rs, re_ = omap.span_to_raw(c.start + s.start, c.start + s.end)
                assert doc.raw_text[rs:re_] == s.text

        # Chroma holds exactly the chunks of SQLite, with their metadata.
        got = st.vectors.collection.get(include=["metadatas"])
        assert sorted(got["ids"]) == sorted(c.id for c in chunks)
        rows = {c.id: c for c in chunks}
        for cid, meta in zip(got["ids"], got["metadatas"]):
            assert (meta["doc_id"], meta["start"], meta["end"]) == (rows[cid].doc_id, rows[cid].start, rows[cid].end)
            assert meta["language"] == by_doc[meta["doc_id"]].language
        assert st.docs.get_meta("embedder") == "use-multilingual"
        # The sentences split at ingest are stored, and every chunk is whole stored sentences.
        for d in docs.values():
            assert d.sentences == split_sentences(d.clean_text) and d.sentences
            starts, ends = {s.start for s in d.sentences}, {s.end for s in d.sentences}
            assert all(c.start in starts and c.end in ends for c in chunks if c.doc_id == d.id)
    finally:
        st.close()


@pytest.mark.integration
def test_chunk_ids_are_stable_across_processes(sample_store):
    st = open_store(sample_store)
    stored = sorted(c.id for c in st.docs.all_chunks())
    st.close()
    code = (
        "import sys, json, pathlib\n"
        "from qa_app.ingest.pipeline import prepare\n"
        "from qa_app.ingest.readers import RawArticle\n"
        "ids = []\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')):\n"
        "    ids += [c.id for c in prepare(RawArticle(str(p), p.read_text(encoding='utf-8'), 'text'), 800).chunks]\n"
        "print(json.dumps(sorted(ids)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ARTICLES)], capture_output=True, text=True, check=True,
                         cwd=ROOT, env=dict(os.environ, PYTHONHASHSEED="12345"))
    assert json.loads(out.stdout) == stored


@pytest.mark.integration
def test_reingest_is_a_noop_and_force_reindexes(sample_store_copy):
    st = open_store(sample_store_copy)
    try:
        before_counts, before_ids = st.docs.counts(), sorted(c.id for c in st.docs.all_chunks())
        report = ingest([str(ARTICLES)], st)
        assert (report.count("ingested"), report.count("skipped"), report.count("failed"), report.chunks) == (0, 5, 0, 0)
        assert all(i.reason == "already ingested (same cleaned text)" and i.doc_id for i in report.items)
        assert st.docs.counts() == before_counts

        report = ingest([str(ARTICLES)], st, force=True)
        assert (report.count("ingested"), report.count("skipped"), report.chunks) == (5, 0, before_counts["chunks"])
        assert st.docs.counts() == before_counts
        assert sorted(c.id for c in st.docs.all_chunks()) == before_ids
        assert st.vectors.count() == before_counts["chunks"]
    finally:
        st.close()


@pytest.mark.integration
def test_force_with_new_chunk_size_leaves_no_stale_chunks(sample_store_copy):
    st = open_store(sample_store_copy, chunk_chars=300)
    try:
        old = {c.id for c in st.docs.all_chunks() if "004_" in st.docs.get_document(c.doc_id).source}
        report = ingest([str(article_path("004"))], st, force=True)
        assert report.count("ingested") == 1
        chunks = list(st.docs.all_chunks())
        new = {c.id for c in chunks if "004_" in st.docs.get_document(c.doc_id).source}
        assert len(new) > len(old) and old - new
        assert sorted(st.vectors.collection.get()["ids"]) == sorted(c.id for c in chunks)  # old spans are gone
        assert set(st.lexical._ids if st.lexical._load() else []) == {c.id for c in chunks}
    finally:
        st.close()


@pytest.mark.integration
def test_same_text_twice_in_one_run_is_ingested_once(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "in" / "b.md").write_text("\n" + BODY + "\n\nLeave a Reply\n", encoding="utf-8")  # same cleaned text
    (tmp_path / "in" / "page.html").write_text(HTML, encoding="utf-8")
    st = open_store(tmp_path / "store")
    try:
        report = ingest([str(tmp_path / "in")], st)
        assert sorted((os.path.basename(i.source), i.status) for i in report.items) == [
            ("a.txt", "ingested"), ("b.md", "skipped"), ("page.html", "ingested"),
        ]
        assert st.docs.counts()["documents"] == 2
        page = next(d for d in st.docs.documents() if d.source.endswith("page.html"))
        assert (page.published, page.published_provenance) == ("2024-08-13", "given")
    finally:
        st.close()


@pytest.mark.integration
def test_store_refuses_another_embedder(sample_store_copy):
    st = open_store(sample_store_copy, embedder="openai:text-embedding-3-small")
    try:
        with pytest.raises(EmbedderMismatchError) as err:
            ingest([str(article_path("000"))], st)
        message = str(err.value)
        assert "\n" not in message
        assert "'use-multilingual'" in message and "openai:text-embedding-3-small" in message
        assert st.docs.counts()["documents"] == 5
    finally:
        st.close()


@pytest.mark.integration
def test_failed_first_run_does_not_bind_an_empty_store(tmp_path):
    # A first ingest whose embedder failed before writing anything (say, an unreachable
    # embeddings server) leaves its claim on an empty store; another embedder may take it.
    st = open_store(tmp_path / "store")
    st.docs.set_meta("embedder", "openai:text-embedding-3-small@http://127.0.0.1:9/v1")
    try:
        report = ingest([str(article_path("003"))], st)
        assert report.count("ingested") == 1
        assert st.docs.get_meta("embedder") == "use-multilingual"
    finally:
        st.close()
