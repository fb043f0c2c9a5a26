"""Shared fixtures. No test touches the user's home: HOME, XDG dirs and the store point into tmp."""

from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "eval" / "articles"
ARTIFACTS = ROOT / "test-artifacts"
QA_APP = [sys.executable, "-m", "qa_app"]


def article_path(prefix: str) -> Path:
    """Sample article by its number, e.g. article_path("001")."""
    return next(ARTICLES.glob(f"{prefix}_*.txt"))


# A news page with boilerplate around the article and its date in <meta> (used by the reader and CLI tests).
SAMPLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers meet in Jakarta | Example News</title>
<meta property="og:title" content="Ministers meet in Jakarta">
<meta property="article:published_time" content="2024-08-13T09:30:00+07:00">
<link rel="canonical" href="https://news.example.com/2024/08/ministers-meet">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ministers meet in Jakarta</h1>
<p>The foreign ministers of Indonesia and Japan met in Jakarta on Tuesday to discuss maritime security in the region.</p>
<p>Both sides agreed to hold a joint naval exercise next year and to expand cooperation on renewable energy projects.</p>
<p>Officials said the next round of talks would take place in Tokyo in the spring of 2025.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>
"""


def png_bytes() -> bytes:
    """The bytes of a real 1x1 PNG image (for "binary file renamed .txt" tests)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("QA_APP_STORE", str(home / "store"))
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    for var in ("QA_APP_MODEL", "QA_APP_CHROMA_URL", "QA_APP_EMBEDDER", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Terminate a server the test started; kill it if it does not exit in time."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run_cli(*args: str, env: dict | None = None, input: bytes | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run `python -m qa_app ARGS` in a subprocess with the current (isolated) environment."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([*QA_APP, *args], capture_output=True, env=full_env, input=input, timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """A store with the five sample articles ingested (embedded Chroma), built once per session."""
    store = tmp_path_factory.mktemp("sample-store")
    from qa_app.ingest.pipeline import ingest
    from qa_app.settings import Settings
    from qa_app.store import Store

    st = Store(Settings(store=store))
    report = ingest([str(ARTICLES)], st)
    assert report.count("ingested") == 5, report.to_dict()
    st.close()
    return store


@pytest.fixture
def sample_store_copy(sample_store, tmp_path) -> Path:
    """A private copy of the sample store that a test may modify."""
    dst = tmp_path / "store"
    shutil.copytree(sample_store, dst)
    return dst


@pytest.fixture(scope="session")
def sample_records_store(sample_store, tmp_path_factory) -> Path:
    """The sample store plus records extracted with the rules extractor and merged events."""
    dst = tmp_path_factory.mktemp("sample-records") / "store"
    shutil.copytree(sample_store, dst)
    from qa_app.extract.batch import run_batch
    from qa_app.extract.extractors import make_extractor
    from qa_app.extract.merge import merge_events
    from qa_app.settings import Settings
    from qa_app.store import Store

    settings = Settings(store=dst)
    st = Store(settings)
    report = run_batch(st, make_extractor("rules", settings))
    assert report.ok, [o.reason for o in report.outcomes]
    st.records.replace_events(merge_events(st.records.current()))
    st.close()
    return dst


def short_answer(text: str) -> str:
    """The composed first line of a record-based answer, without the sentences quoted after it."""
    return text.split("\n")[0]
