"""Ingest and search against a real `chroma run` server on loopback (HttpClient, same code path)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ARTICLES, article_path, free_port, run_cli, stop_process

EN_QUERY = "joint military exercises Indonesia China"


def chroma_executable() -> Path:
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        pytest.fail(f"`chroma` not found next to {sys.executable}; is chromadb installed in this environment?")
    return exe


def wait_for_heartbeat(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"chroma server at {url} not ready after {timeout} s")


def store_chunks_and_collection(store: Path) -> tuple[list[str], str]:
    conn = sqlite3.connect(store / "qa_app.sqlite3")
    try:
        chunk_ids = sorted(r[0] for r in conn.execute("SELECT id FROM chunks"))
        (store_id,) = conn.execute("SELECT value FROM meta WHERE key='store_id'").fetchone()
    finally:
        conn.close()
    return chunk_ids, f"qa_app_chunks_{store_id}"


def server_client(url: str):
    import chromadb
    from chromadb.config import Settings

    return chromadb.HttpClient(host="127.0.0.1", port=int(url.rsplit(":", 1)[1]), settings=Settings(anonymized_telemetry=False))


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "chroma.log", "wb")
    proc = subprocess.Popen(
        [str(chroma_executable()), "run", "--path", str(tmp_path / "chroma-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_for_heartbeat(url, proc)
        yield url
    finally:
        stop_process(proc)
        log.close()


@pytest.mark.chroma_server
def test_ingest_and_search_on_a_chroma_server(chroma_server, tmp_path):
    store = tmp_path / "store"
    common = ["--store", str(store), "--chroma-url", chroma_server]

    res = run_cli("ingest", str(ARTICLES), *common)
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr.decode().splitlines()[-1].startswith("ingested 5, skipped 0 (already present or repeated), failed 0; ")
    chunk_ids, collection = store_chunks_and_collection(store)
    assert not (store / "chroma").exists()  # the vectors went to the server, not to an embedded Chroma

    # The server holds exactly the store's chunks, in the store's own collection.
    client = server_client(chroma_server)
    assert sorted(client.get_collection(collection).get()["ids"]) == chunk_ids

    # A second store on the same server gets a collection of its own.
    other = tmp_path / "other-store"
    res = run_cli("ingest", str(article_path("004")), "--store", str(other), "--chroma-url", chroma_server)
    assert res.returncode == 0, res.stderr.decode()
    other_ids, other_collection = store_chunks_and_collection(other)
    assert other_collection != collection
    assert sorted(client.get_collection(other_collection).get()["ids"]) == other_ids
    assert sorted(client.get_collection(collection).get()["ids"]) == chunk_ids

    res = run_cli("ingest", str(ARTICLES), *common)
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr.decode().splitlines()[-1].startswith("ingested 0, skipped 5")

    res = run_cli("search", EN_QUERY, *common, "--json", "-k", "3")
    assert res.returncode == 0, res.stderr.decode()
    hits = json.loads(res.stdout)
    assert len(hits) == 3
    assert any("001_" in h["source"] for h in hits)
    assert all(h["chunk_id"] in chunk_ids for h in hits)


@pytest.mark.integration
@pytest.mark.parametrize("command", [["ingest", str(ARTICLES)], ["search", EN_QUERY]], ids=["ingest", "search"])
def test_unreachable_server_is_a_one_line_error(tmp_path, command):
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    if command[0] == "search":  # a store with documents, so that search gets as far as Chroma
        from qa_app.settings import Settings
        from qa_app.store import Store
        from qa_app.store.docstore import ChunkRow, DocumentRow

        st = Store(Settings(store=tmp_path / "store"))
        st.docs.put_document(DocumentRow("d1", "x.txt", None, "T", "detected", "en", "detected", None, "none",
                                         "Some text here.", "Some text here.", "[]", "[]"),
                             [ChunkRow("d1:0-15", "d1", 0, 0, 15, "Some text here.")])
        st.close()
    res = run_cli(*command, "--store", str(tmp_path / "store"), "--chroma-url", url)
    assert res.returncode != 0
    err = res.stderr.decode()
    assert err.count("\n") == 1 and err.startswith(f"qa-app: error: cannot reach Chroma server at {url}: ")
