"""Readers: every input kind, and one clear failure per bad item while good items still come through."""

from __future__ import annotations

import json

import pytest

from qa_app.ingest.decode import decode_bytes
from qa_app.ingest.readers import RawArticle, ReadFailure, ReadSkip, read_inputs

from conftest import ARTICLES, SAMPLE_HTML as HTML, article_path, png_bytes

pytestmark = pytest.mark.unit

LIMIT = 1_000_000
BODY = "The foreign ministers of Indonesia and Japan met in Jakarta on Tuesday to discuss maritime security."

def read(*paths, stdin: bytes | None = None, limit: int = LIMIT) -> list:
    return list(read_inputs([str(p) for p in paths], limit, stdin=stdin))


def only(results, cls):
    return [r for r in results if isinstance(r, cls)]


# --- decoding ---

def test_decode_plain_utf8_and_bom():
    assert decode_bytes("Kerja sama – “2+2”".encode(), "x", LIMIT) == ("Kerja sama – “2+2”", None, [])
    assert decode_bytes(b"\xef\xbb\xbfHello there", "x", LIMIT)[0] == "Hello there"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (png_bytes(), "binary file, not text"),
        (b"Some text\x00with a NUL byte", "binary file, not text"),
        (b"%PDF-1.7\n...", "binary file, not text"),
        (b"x" * 101, "file too large (101 bytes > limit 100; set QA_APP_MAX_FILE_BYTES)"),
    ],
)
def test_decode_rejects(data, reason):
    text, got, _ = decode_bytes(data, "x", 100)
    assert text is None and got == reason


def test_invalid_utf8_inside_utf8_text_is_rejected():
    # A UTF-8 article (’ is three bytes) with one corrupt byte: not cp1252, and decoding
    # it as cp1252 would turn every ’ into "â€™".
    head = "Indonesia’s minister said the talks went well. ".encode()
    text, reason, _ = decode_bytes(head + b"\xff More text here.", "x", LIMIT)
    assert text is None
    assert reason == f"invalid UTF-8 at byte {len(head)}; save the file as UTF-8"


def test_invalid_utf8_that_is_not_cp1252_is_rejected():
    text, reason, _ = decode_bytes(b"Plain words \x81\x8d here", "x", LIMIT)
    assert text is None and "invalid UTF-8" in reason


def test_legacy_cp1252_file_is_decoded_with_a_note():
    data = "Café talks in Bogotá — “quoted” text.".encode("cp1252")
    text, reason, notes = decode_bytes(data, "x", LIMIT)
    assert reason is None
    assert text == "Café talks in Bogotá — “quoted” text."
    assert notes == ["invalid UTF-8 at byte 3; decoded as cp1252"]


# --- files and folders ---

def test_text_and_markdown_files(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Heading\n\n" + BODY, encoding="utf-8")
    results = read(tmp_path / "a.txt", tmp_path / "b.md")
    assert [type(r) for r in results] == [RawArticle, RawArticle]
    assert results[0].text == BODY and results[0].kind == "text" and results[0].source == str(tmp_path / "a.txt")
    assert results[1].text.endswith(BODY)


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_html_file_main_text_and_metadata(tmp_path, suffix):
    path = tmp_path / f"page{suffix}"
    path.write_text(HTML, encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, RawArticle) and article.kind == "html"
    assert "met in Jakarta on Tuesday to discuss maritime security" in article.text
    assert "Officials said the next round of talks" in article.text
    assert "Home" not in article.text and "All rights reserved" not in article.text
    assert article.title == "Ministers meet in Jakarta"
    assert article.published == "2024-08-13"
    assert article.url == "https://news.example.com/2024/08/ministers-meet"


def test_html_without_main_text_fails(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>", encoding="utf-8")
    [failure] = read(path)
    assert isinstance(failure, ReadFailure) and failure.reason == "HTML page has no main text"


def test_folder_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(BODY + " One.", encoding="utf-8")
    (tmp_path / "b" / "c" / "deep.md").write_text(BODY + " Two.", encoding="utf-8")
    (tmp_path / "b" / "page.htm").write_text(HTML, encoding="utf-8")
    (tmp_path / "b" / "notes.docx").write_bytes(b"PK\x03\x04 not read")  # unsupported: not picked up from folders
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("hidden", encoding="utf-8")  # hidden folders are skipped
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    results = read(tmp_path)
    assert all(isinstance(r, RawArticle) for r in results)
    assert [r.source for r in results] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b" / "c" / "deep.md"), str(tmp_path / "b" / "page.htm"),
    ]


def test_sample_folder_gives_five_articles():
    results = read(ARTICLES)
    assert len(only(results, RawArticle)) == 5
    assert not only(results, ReadFailure)


def test_empty_folder_fails(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    [failure] = read(tmp_path)
    assert isinstance(failure, ReadFailure) and "folder holds no" in failure.reason


def test_unsupported_file_given_explicitly_fails(tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.7")
    [failure] = read(path)
    assert isinstance(failure, ReadFailure) and failure.reason.startswith("unsupported file type .pdf")


def test_missing_path_fails_and_others_still_read(tmp_path):
    results = read(tmp_path / "nope.txt", article_path("000"))
    assert isinstance(results[0], ReadFailure)
    assert results[0].source == str(tmp_path / "nope.txt") and results[0].reason == "no such file or directory"
    assert isinstance(results[1], RawArticle)


def test_path_given_twice_is_read_once(tmp_path):
    path = article_path("000")
    results = read(path, path, ARTICLES)  # the file, again, and again through its folder
    assert len(only(results, RawArticle)) == 5
    skips = only(results, ReadSkip)
    assert len(skips) == 2
    assert all(s.reason == "path given twice; read once" and s.source.endswith(path.name) for s in skips)


def test_bad_files_are_reported_one_each(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(png_bytes())
    (tmp_path / "big.txt").write_text("word " * 100, encoding="utf-8")
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    results = read(tmp_path, limit=200)
    reasons = {r.source.rsplit("/", 1)[-1]: r.reason for r in only(results, ReadFailure)}
    assert reasons == {
        "empty.txt": "empty file",
        "image.txt": "binary file, not text",
        "big.txt": "file too large (500 bytes > limit 200; set QA_APP_MAX_FILE_BYTES)",
    }
    assert [r.text for r in only(results, RawArticle)] == [BODY]


# --- stdin ---

def test_stdin_text_and_html():
    [text] = read("-", stdin=BODY.encode())
    assert text.source == "<stdin>" and text.text == BODY and text.kind == "text"
    [page] = read("-", stdin=("\n  " + HTML).encode())
    assert page.kind == "html" and page.published == "2024-08-13"
    [empty] = read("-", stdin=b"")
    assert isinstance(empty, ReadFailure) and empty.source == "<stdin>" and empty.reason == "empty file"


# --- JSONL ---

def test_jsonl_fields_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"text": BODY, "title": "Given title", "url": "https://e.example/1", "published": "2024-05-06", "id": "a1"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": BODY + " Again.", "published": 20240506}),
        json.dumps({"html": HTML, "id": 7}),
        json.dumps({"text": "  "}),
        json.dumps({"text": "", "html": HTML}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read(path)
    good = only(results, RawArticle)
    bad = {r.source: r.reason for r in only(results, ReadFailure)}
    assert [g.source for g in good] == [f"{path}:1", f"{path}:7", f"{path}:9"]
    first, html, _ = good
    assert (first.text, first.title, first.url, first.published, first.given_id, first.kind) == (
        BODY, "Given title", "https://e.example/1", "2024-05-06", "a1", "jsonl")
    # An "html" field goes through trafilatura and keeps the page metadata.
    assert "maritime security" in html.text and html.published == "2024-08-13" and html.given_id == "7"
    assert bad == {
        f"{path}:2": "malformed JSON (Expecting property name enclosed in double quotes: column 2)",
        f"{path}:4": "JSONL line is not an object",
        f"{path}:5": 'no "text" or "html" field with content',
        f"{path}:6": 'field "published" must be a string, not int',
        f"{path}:8": 'no "text" or "html" field with content',
    }


def test_jsonl_given_fields_override_html_metadata(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"html": HTML, "title": "Mine", "published": "2023-01-02"}) + "\n", encoding="utf-8")
    [article] = read(path)
    assert article.title == "Mine" and article.published == "2023-01-02"


def test_jsonl_line_with_invalid_utf8_fails_alone(tmp_path):
    path = tmp_path / "c.jsonl"
    good = json.dumps({"text": BODY}, ensure_ascii=False).encode()
    path.write_bytes(good + b"\n" + b'{"text": "bad \xff byte"}\n' + json.dumps({"text": "Menteri – “kata”"}, ensure_ascii=False).encode() + b"\n")
    results = read(path)
    assert [r.source for r in only(results, RawArticle)] == [f"{path}:1", f"{path}:3"]
    [failure] = only(results, ReadFailure)
    assert failure.source == f"{path}:2" and failure.reason == "invalid UTF-8 at byte 14 of the line"


def test_jsonl_string_with_unicode_line_separator_is_one_line(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": BODY + "\u2028Second part."}, ensure_ascii=False) + "\n", encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, RawArticle) and article.text.endswith("Second part.")


def test_empty_and_binary_jsonl_files(tmp_path):
    (tmp_path / "e.jsonl").write_bytes(b"\n\n")
    (tmp_path / "p.jsonl").write_bytes(png_bytes())
    results = read(tmp_path / "e.jsonl", tmp_path / "p.jsonl")
    assert [(type(r), r.reason) for r in results] == [(ReadFailure, "empty file"), (ReadFailure, "binary file, not text")]
