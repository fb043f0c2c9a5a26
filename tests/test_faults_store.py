"""Store integrity: a lost or damaged vector index, a lost lexical index, a damaged SQLite
file, an interrupted ingest, and readers while another process writes. Every fault gets a
one-line error that names the repair; `qa-app reindex` rebuilds both indexes from the stored
chunks and the embedding cache without reading a source file."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import time

import pytest

from conftest import ARTICLES, QA_APP, ROOT, run_cli

pytestmark = pytest.mark.integration

QUESTION = "Who did Sun Weidong meet in Moscow?"


def one_line_error(res: subprocess.CompletedProcess) -> str:
    err = res.stderr.decode()
    assert res.returncode != 0, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) >= 1 and lines[-1].startswith("qa-app: error: "), err
    return lines[-1]


def ask(store) -> subprocess.CompletedProcess:
    return run_cli("ask", QUESTION, "--store", str(store), "--json")


def test_deleted_vector_index_is_detected_and_reindex_repairs_it(sample_store_copy, tmp_path):
    store = sample_store_copy
    before = ask(store)
    assert before.returncode == 0, before.stderr.decode()
    shutil.rmtree(store / "chroma")

    for res in (ask(store), run_cli("search", "Moscow", "--store", str(store)),
                run_cli("ingest", str(ARTICLES), "--store", str(store))):  # before: "skipped 5", nothing repaired
        line = one_line_error(res)
        assert "the vector index holds 0 chunks but the store has 21" in line
        assert line.endswith(f"run `qa-app reindex --store {store}` to rebuild the vector and lexical indexes "
                             "from the stored chunks")

    moved = tmp_path / "articles-moved-away"  # no source file is read again
    res = run_cli("reindex", "--store", str(store))
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr.decode().strip() == (
        f"reindexed 21 chunks of 5 documents in {store}: 21 vectors from the embedding cache, 0 embedded again; "
        "lexical index rebuilt")
    assert not moved.exists()
    after = ask(store)
    assert after.returncode == 0, after.stderr.decode()
    assert json.loads(after.stdout)["citations"] == json.loads(before.stdout)["citations"]


def test_deleted_or_mismatched_lexical_index(sample_store_copy):
    store = sample_store_copy
    ids_file = store / "bm25" / "ids.json"
    ids = json.loads(ids_file.read_text())
    ids_file.write_text(json.dumps(ids[:-1] + ["0000000000000000:0-10"]))
    assert "the lexical index holds other chunks than the store" in one_line_error(ask(store))
    shutil.rmtree(store / "bm25")
    line = one_line_error(run_cli("search", "Moscow", "--store", str(store)))
    assert f"the lexical index is missing ({store / 'bm25'})" in line and "qa-app reindex" in line
    assert run_cli("reindex", "--store", str(store)).returncode == 0
    res = run_cli("search", "Moscow", "--store", str(store), "--json")
    assert res.returncode == 0 and json.loads(res.stdout)


def test_damaged_vector_index_folder(sample_store_copy):
    store = sample_store_copy
    for f in (store / "chroma").rglob("*"):
        if f.is_file():
            f.write_bytes(b"\x00garbage" * 64)
    line = one_line_error(ask(store))
    assert "qa-app reindex" in line
    res = run_cli("reindex", "--store", str(store))
    assert res.returncode == 0, res.stderr.decode()
    assert ask(store).returncode == 0


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_damaged_sqlite_gives_one_line(sample_store_copy, damage):
    store = sample_store_copy
    db = store / "qa_app.sqlite3"
    for side in ("-wal", "-shm"):
        (store / f"qa_app.sqlite3{side}").unlink(missing_ok=True)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 5] if damage == "truncated" else b"not a database " * 400)
    for args in (["ask", QUESTION], ["search", "Moscow"], ["ingest", str(ARTICLES)], ["extract"], ["reindex"]):
        line = one_line_error(run_cli(*args, "--store", str(store)))
        assert f"the store database {db} is damaged or is not a qa-app store (SQLite: " in line, (args, line)
        assert line.endswith("restore it from a backup, or move the store folder aside and ingest the articles again")


def test_interrupted_ingest_is_reported_and_the_next_ingest_repairs_it(sample_store_copy):
    store = sample_store_copy
    conn = sqlite3.connect(store / "qa_app.sqlite3")
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('lexical_stale', '1')")  # as a killed ingest leaves it
    conn.commit()
    conn.close()
    line = one_line_error(ask(store))
    assert "an ingest stopped before the lexical index was rebuilt" in line and "qa-app reindex" in line
    res = run_cli("ingest", str(ARTICLES), "--store", str(store))
    assert res.returncode == 0, res.stderr.decode()
    assert ask(store).returncode == 0


@pytest.mark.slow
def test_readers_never_crash_while_another_process_writes(sample_store_copy, tmp_path):
    """`ask` and `search` processes run while an ingest writes 48 more articles: every one
    succeeds (before, 2 of 26 crashed with chromadb's "Error finding id")."""
    store = sample_store_copy
    folder = tmp_path / "more"
    folder.mkdir()
    for i in range(48):
        (folder / f"a{i:02}.txt").write_text(
            f"Dispatch {i}. The defence ministers of Malaysia and Vietnam met in Hanoi on day {i} of the talks. "
            f"They agreed on joint patrol number {i} in the South China Sea, officials said on round {i}.\n"
            + " ".join(f"Paragraph {i}-{j} on maritime cooperation and fisheries talks." for j in range(40)),
            encoding="utf-8")
    env = dict(os.environ, QA_APP_STORE=str(store))
    writer = subprocess.Popen([*QA_APP, "ingest", str(folder)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    results = []
    try:
        while writer.poll() is None or len(results) < 6:
            readers = [subprocess.Popen([*QA_APP, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
                       for args in (["ask", QUESTION, "--json"], ["search", "joint patrol Malaysia", "--json"])]
            for r in readers:
                out, err = r.communicate(timeout=600)
                results.append((r.args[3], r.returncode, out, err.decode()))
            time.sleep(0.1)  # pacing only
    finally:
        _, werr = writer.communicate(timeout=600)
    assert writer.returncode == 0, werr.decode()
    assert len(results) >= 6
    for command, code, out, err in results:
        assert code == 0, (command, err)
        json.loads(out)
    assert ask(store).returncode == 0


def test_a_long_lived_reader_keeps_refusing_a_broken_store_until_it_is_repaired(sample_store_copy):
    """The UI's service holds its Store for hours: a lost index is refused on every question,
    not only the first, and answers come back once `reindex` has run."""
    from qa_app.errors import StoreIntegrityError
    from qa_app.settings import Settings
    from qa_app.ui.service import UiService

    store = sample_store_copy
    shutil.rmtree(store / "bm25")
    service = UiService(Settings(store=store))
    for _ in range(2):
        with pytest.raises(StoreIntegrityError, match="the lexical index is missing"):
            service.ask(QUESTION)
    assert run_cli("reindex", "--store", str(store)).returncode == 0
    answer = service.ask("Who represented China at the SOM 2+2?")
    assert not answer.abstained and answer.citations
