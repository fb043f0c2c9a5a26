"""`qa-app ingest` through real subprocesses: reports, exit codes, bad inputs, stdin, two writers at once."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess

import pytest

from conftest import ARTICLES, QA_APP, ROOT, SAMPLE_HTML as HTML, article_path, png_bytes, run_cli

EN_QUERY = "joint military exercises Indonesia China"
GOOD = (
    "The defence ministers of Malaysia and Vietnam met in Hanoi on Monday. "
    "They agreed to hold joint patrols in the South China Sea from next year."
)


def store_rows(store) -> tuple[list[tuple[str, str]], list[str]]:
    """(source, language) of every document, and every chunk id, read straight from SQLite."""
    conn = sqlite3.connect(store / "qa_app.sqlite3")
    try:
        docs = conn.execute("SELECT source, language FROM documents ORDER BY source").fetchall()
        chunks = [r[0] for r in conn.execute("SELECT id FROM chunks")]
    finally:
        conn.close()
    return docs, chunks


def lines(res: subprocess.CompletedProcess) -> list[str]:
    return res.stderr.decode().splitlines()


def line_about(res: subprocess.CompletedProcess, name: str) -> str:
    found = [line for line in lines(res) if name in line]
    assert len(found) == 1, (name, res.stderr.decode())
    return found[0]


@pytest.mark.integration
def test_help():
    res = run_cli("--help")
    assert res.returncode == 0
    out = res.stdout.decode()
    assert "ingest" in out and "search" in out
    res = run_cli("ingest", "--help")
    assert res.returncode == 0 and "--force" in res.stdout.decode() and "--chroma-url" in res.stdout.decode()


@pytest.mark.integration
def test_reingest_is_a_noop_and_force_reindexes(sample_store_copy):
    store = sample_store_copy
    docs, chunks = store_rows(store)
    assert len(docs) == 5

    res = run_cli("ingest", str(ARTICLES), "--store", str(store))
    assert res.returncode == 0, res.stderr.decode()
    for path in sorted(ARTICLES.glob("*.txt")):
        assert line_about(res, path.name) == f"skipped {path}: already ingested (same cleaned text)"
    assert lines(res)[-1] == (
        f"ingested 0, skipped 5 (already present or repeated), failed 0; 0 chunks indexed in {store}")
    assert res.stdout == b""
    assert store_rows(store) == (docs, chunks)

    # --force re-indexes everything, with the same chunk ids (vectors come from the cache).
    res = run_cli("ingest", str(ARTICLES), "--store", str(store), "--force", "--json")
    assert res.returncode == 0, res.stderr.decode()
    report = json.loads(res.stdout)
    assert (report["ingested"], report["skipped"], report["failed"], report["chunks"]) == (5, 0, 0, len(chunks))
    assert {i["status"] for i in report["items"]} == {"ingested"}
    assert sorted(store_rows(store)[1]) == sorted(chunks)
    assert res.stderr == b""  # no library log lines (bm25s logs at DEBUG while indexing)


@pytest.mark.integration
def test_bad_inputs_are_reported_and_good_ones_ingested(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.txt").write_bytes(png_bytes())
    head = "Menteri Luar Negeri Indonesia – “kata” beliau – bertemu mitranya. ".encode()
    (inputs / "bad-utf8.txt").write_bytes(head + b"\xff\xfe Lalu mereka sepakat.")
    (inputs / "big.txt").write_text("word " * 1000, encoding="utf-8")
    (inputs / "batch.jsonl").write_text(
        json.dumps({"text": GOOD.replace("Hanoi", "Kuala Lumpur"), "published": "2024-05-06", "id": "k1"}) + "\n"
        + '{"text": "broken\n'
        + json.dumps({"html": HTML}) + "\n",
        encoding="utf-8",
    )
    missing = tmp_path / "nowhere" / "missing.txt"
    twice = article_path("000")
    res = run_cli(
        "ingest", str(inputs), str(missing), str(twice), str(twice), "-", "--store", str(tmp_path / "store"),
        env={"QA_APP_MAX_FILE_BYTES": "3000"},
        input=f"Jakarta – {GOOD}".encode(),
    )
    assert res.returncode == 1, res.stderr.decode()
    assert "Traceback" not in res.stderr.decode()
    assert line_about(res, "empty.txt") == f"failed  {inputs / 'empty.txt'}: empty file"
    assert line_about(res, "image.txt") == f"failed  {inputs / 'image.txt'}: binary file, not text"
    assert line_about(res, "bad-utf8.txt") == (
        f"failed  {inputs / 'bad-utf8.txt'}: invalid UTF-8 at byte {len(head)}; save the file as UTF-8")
    assert line_about(res, "big.txt") == (
        f"failed  {inputs / 'big.txt'}: file too large (5,000 bytes > limit 3,000; set QA_APP_MAX_FILE_BYTES)")
    assert line_about(res, "batch.jsonl:2") == (
        f"failed  {inputs / 'batch.jsonl'}:2: malformed JSON (Unterminated string starting at: column 10)")
    assert line_about(res, "missing.txt") == f"failed  {missing}: no such file or directory"
    assert line_about(res, twice.name) == f"skipped {twice}: path given twice; read once"
    assert lines(res)[-1].startswith("ingested 5, skipped 1 (already present or repeated), failed 6; ")

    docs, chunks = store_rows(tmp_path / "store")
    assert sorted(s for s, _ in docs) == sorted([
        str(inputs / "good.txt"), f"{inputs / 'batch.jsonl'}:1", f"{inputs / 'batch.jsonl'}:3", str(twice), "<stdin>",
    ])
    assert len(chunks) == len(set(chunks))


@pytest.mark.integration
def test_store_refuses_another_embedder(sample_store_copy):
    res = run_cli("ingest", str(article_path("000")), "--store", str(sample_store_copy),
                  "--embedder", "openai:text-embedding-3-small")
    assert res.returncode != 0
    err = res.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("qa-app: error: ")
    assert "built with embedder 'use-multilingual'" in err and "openai:text-embedding-3-small" in err
    assert "Traceback" not in err
    assert len(store_rows(sample_store_copy)[0]) == 5


@pytest.mark.integration
def test_two_ingests_at_once_on_one_store(tmp_path):
    """Also the fresh-store ingest of the five samples through the CLI, and a search on the result."""
    store = tmp_path / "store"
    a = [str(article_path(p)) for p in ("000", "001", "002")]
    b = [str(article_path(p)) for p in ("002", "003", "004")]  # 002 in both
    env = dict(os.environ)
    procs = [
        subprocess.Popen([*QA_APP, "ingest", *paths, "--store", str(store), "--json"], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for paths in (a, b)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err.decode()
    reports = [json.loads(out) for out, _ in results]
    assert sum(r["ingested"] for r in reports) == 5
    assert sum(r["skipped"] for r in reports) == 1  # 002, by whichever process came second
    assert sum(r["failed"] for r in reports) == 0

    docs, chunks = store_rows(store)
    assert sorted(os.path.basename(src) for src, _ in docs) == sorted(p.name for p in ARTICLES.glob("*.txt"))
    assert len(chunks) == len(set(chunks)) == sum(r["chunks"] for r in reports)

    # Chroma holds every chunk exactly once.
    from qa_app.settings import Settings
    from qa_app.store import Store

    st = Store(Settings(store=store))
    try:
        assert sorted(st.vectors.collection.get()["ids"]) == sorted(chunks)
    finally:
        st.close()

    res = run_cli("search", EN_QUERY, "--store", str(store), "--json", "-k", "3")
    assert res.returncode == 0, res.stderr.decode()
    assert any("001_" in h["source"] for h in json.loads(res.stdout))
