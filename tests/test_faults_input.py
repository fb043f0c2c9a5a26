"""Bad input beside good: special files, symlink loops, byte order marks, long lines, and
an item whose reader breaks. Each bad item gets one line naming it; every good item is kept."""

from __future__ import annotations

import codecs
import json
import os
import socket
import subprocess
import sys

import pytest

from qa_app.ingest.decode import decode_bytes
from qa_app.ingest.readers import RawArticle, ReadFailure, ReadSkip, read_inputs

from conftest import ROOT, SAMPLE_HTML, run_cli
from test_cli_ingest import line_about, lines, store_rows

BODY = "The foreign ministers of Indonesia and Japan met in Jakarta on Tuesday to discuss maritime security."
ID_BODY = "Menteri Luar Negeri Indonesia dan Jepang bertemu di Jakarta pada hari Selasa – “kerja sama maritim”."
LIMIT = 1_000_000


def read(*paths, limit: int = LIMIT, max_line_bytes: int = LIMIT) -> list:
    return list(read_inputs([str(p) for p in paths], limit, max_line_bytes=max_line_bytes))


def reasons(results) -> dict[str, str]:
    return {os.path.basename(r.source): r.reason for r in results if isinstance(r, (ReadFailure, ReadSkip))}


# --- only regular files ---

@pytest.mark.unit
def test_fifo_named_on_the_command_line_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it for reading would block forever
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    results = read(fifo, good)
    assert reasons(results) == {"pipe.txt": "a FIFO (named pipe), not a regular file; only regular files are read"}
    assert [r.text for r in results if isinstance(r, RawArticle)] == [BODY]


@pytest.mark.unit
def test_special_files_and_links_inside_a_folder_are_each_reported(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(BODY, encoding="utf-8")
    (folder / "sub" / "deep.md").write_text(ID_BODY, encoding="utf-8")
    os.mkfifo(folder / "queue.jsonl")
    os.mkfifo(folder / "stream")  # no supported suffix: still not silently skipped
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "app.sock"))
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("gone.txt", folder / "dangling.txt")
    os.symlink("..", folder / "sub" / "up")  # a folder cycle
    os.symlink("good.txt", folder / "alias.txt")  # a link to a file already read
    try:
        results = read(folder)
    finally:
        sock.close()
    assert reasons(results) == {
        "queue.jsonl": "a FIFO (named pipe), not a regular file; only regular files are read",
        "stream": "a FIFO (named pipe), not a regular file; only regular files are read",
        "app.sock": "a socket, not a regular file; only regular files are read",
        "loop-a.txt": "symlink loop (the link points back to itself); fix or remove the link",
        "loop-b.txt": "symlink loop (the link points back to itself); fix or remove the link",
        "dangling.txt": "broken symlink (points to gone.txt, which does not exist)",
        "up": "symlink to a folder already read (a cycle); not followed",
        "good.txt": "path given twice; read once",
    }
    assert sorted(r.text for r in results if isinstance(r, RawArticle)) == sorted([BODY, ID_BODY])


@pytest.mark.unit
def test_symlink_loop_named_on_the_command_line(tmp_path):
    os.symlink("self.txt", tmp_path / "self.txt")
    assert reasons(read(tmp_path / "self.txt")) == {
        "self.txt": "symlink loop (the link points back to itself); fix or remove the link"}


@pytest.mark.unit
def test_a_device_is_refused():
    assert [(r.source, r.reason) for r in read("/dev/null")] == [
        ("/dev/null", "a character device, not a regular file; only regular files are read")]


# --- byte order marks ---

@pytest.mark.unit
@pytest.mark.parametrize("codec, bom, note", [
    ("utf-16-le", codecs.BOM_UTF16_LE, "decoded as UTF-16 (byte order mark)"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "decoded as UTF-16 (byte order mark)"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "decoded as UTF-32 (byte order mark)"),
    ("utf-32-be", codecs.BOM_UTF32_BE, "decoded as UTF-32 (byte order mark)"),
])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path, codec, bom, note):
    data = bom + ID_BODY.encode(codec)
    assert decode_bytes(data, "x", LIMIT) == (ID_BODY, None, [note])
    path = tmp_path / "windows.txt"
    path.write_bytes(data)
    [article] = read(path)
    assert isinstance(article, RawArticle) and article.text == ID_BODY and article.notes == [note]


@pytest.mark.unit
def test_utf16_jsonl_and_utf8_bom_jsonl(tmp_path):
    lines = [json.dumps({"text": ID_BODY}, ensure_ascii=False), json.dumps({"text": BODY})]
    (tmp_path / "a.jsonl").write_bytes(codecs.BOM_UTF16_LE + "\n".join(lines).encode("utf-16-le"))
    (tmp_path / "b.jsonl").write_bytes(codecs.BOM_UTF8 + "\n".join(lines).encode("utf-8"))
    results = read(tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert [r.text for r in results] == [ID_BODY, BODY, ID_BODY, BODY]


@pytest.mark.unit
def test_a_bom_with_nothing_after_it_is_empty_and_a_broken_utf16_body_is_named(tmp_path):
    assert decode_bytes(codecs.BOM_UTF16_LE, "x", LIMIT) == (None, "empty file", [])
    text, reason, _ = decode_bytes(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8", "x", LIMIT)
    assert text is None and reason.startswith("invalid UTF-16 at byte ")


# --- JSONL lines ---

@pytest.mark.unit
def test_jsonl_line_over_the_limit_fails_alone(tmp_path):
    path = tmp_path / "lines.jsonl"
    long_line = json.dumps({"text": "word " * 400})
    path.write_text("\n".join([json.dumps({"text": BODY}), long_line, json.dumps({"text": ID_BODY})]) + "\n",
                    encoding="utf-8")
    results = read(path, max_line_bytes=1000)
    assert [r.text for r in results if isinstance(r, RawArticle)] == [BODY, ID_BODY]
    assert reasons(results) == {
        "lines.jsonl:2": f"line too long ({len(long_line):,} bytes > limit 1,000; set QA_APP_MAX_LINE_BYTES)"}


@pytest.mark.unit
def test_jsonl_nested_too_deeply_fails_alone(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    results = read(path)
    assert [r.text for r in results if isinstance(r, RawArticle)] == [BODY]
    assert list(reasons(results).values()) == ["malformed JSON (nested too deeply)"]


# --- through the CLI ---

@pytest.mark.integration
def test_cli_ingest_with_a_fifo_finishes_and_reports_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(BODY + " They agreed to hold joint patrols next year.", encoding="utf-8")
    store = tmp_path / "store"
    # The timeout only keeps a regression from hanging the test run; nothing is timed.
    res = run_cli("ingest", str(fifo), str(good), "--store", str(store), timeout=300)
    assert res.returncode == 1, res.stderr.decode()
    assert line_about(res, "pipe.txt") == (
        f"failed  {fifo}: a FIFO (named pipe), not a regular file; only regular files are read")
    assert lines(res)[-1].startswith("ingested 1, skipped 0 (already present or repeated), failed 1; ")
    assert [s for s, _ in store_rows(store)[0]] == [str(good)]


@pytest.mark.integration
def test_one_item_that_breaks_does_not_lose_the_others(tmp_path):
    """The reported failure: an HTML file in a run where trafilatura's HTML cleaner
    (lxml_html_clean) cannot be imported. Before, the whole run ended and 0 of 5 were kept."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, city in enumerate(["Hanoi", "Manila", "Bangkok", "Dili"]):
        (folder / f"{i}.txt").write_text(
            f"The defence ministers of Malaysia and Vietnam met in {city} on Monday. "
            f"They agreed to hold joint patrols from next year, officials in {city} said.", encoding="utf-8")
    (folder / "page.html").write_text(SAMPLE_HTML, encoding="utf-8")
    store = tmp_path / "store"
    res = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "only_declared.py"), "--block", "lxml_html_clean",
         "-m", "qa_app", "ingest", str(folder), "--store", str(store)],
        capture_output=True, cwd=ROOT, timeout=600)
    err = res.stderr.decode()
    assert res.returncode == 1, err
    assert "Traceback" not in err
    line = line_about(res, "page.html")
    assert line.startswith(f"failed  {folder / 'page.html'}: a Python module failed to import (")
    assert "lxml_html_clean" in line and line.endswith("; reinstall qa-app (pip install -e .)")
    assert lines(res)[-1].startswith("ingested 4, skipped 0 (already present or repeated), failed 1; ")
    assert len(store_rows(store)[0]) == 4
