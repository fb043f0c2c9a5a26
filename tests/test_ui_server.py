"""The `qa-app ui` command as a real server: refusing to start, login, upload limits, a busy
port, and the uploads service over a sample store."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


def ui_env(home: Path, store: Path, **extra: str) -> dict[str, str]:
    """The environment of a `qa-app ui` subprocess: home, caches, store and gradio's temp dir in `home`."""
    env = dict(os.environ)
    for var in ("QA_APP_MODEL", "QA_APP_CHROMA_URL", "QA_APP_EMBEDDER", "QA_APP_UI_AUTH", "OPENAI_API_KEY",
                "OPENAI_BASE_URL"):
        env.pop(var, None)
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               QA_APP_STORE=str(store), GRADIO_ANALYTICS_ENABLED="False", ANONYMIZED_TELEMETRY="False",
               GRADIO_TEMP_DIR=str(home / "gradio"), **extra)
    return env


@contextlib.contextmanager
def ui_server(env: dict[str, str], log: Path, *args: str, timeout: float = 180):
    """`python -m qa_app ui ARGS --port P` on a free loopback port; yields its URL; stopped afterwards."""
    from conftest import QA_APP, ROOT, free_port, stop_process

    port = free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen([*QA_APP, "ui", *args, "--port", str(port)], env=env, cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"qa-app ui exited with code {proc.returncode}:\n{log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except Exception:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{url} did not answer within {timeout}s:\n{log.read_text(errors='replace')}")
                time.sleep(0.5)
        yield url
    finally:
        stop_process(proc)


@pytest.mark.integration
def test_ui_on_a_public_address_without_login_refuses_to_start(tmp_path):
    from conftest import ROOT, free_port, run_cli

    res = run_cli("ui", "--host", "0.0.0.0", "--port", str(free_port()), "--store", str(tmp_path / "store"), timeout=120)
    err = res.stderr.decode()
    assert res.returncode == 2, err
    assert err.startswith("qa-app: error: refusing to serve the UI on 0.0.0.0 without a login") and "--auth USER:PASS" in err
    assert len(err.strip().splitlines()) == 1, err  # one line, no traceback
    # importing the CLI never imports gradio (qa-app --help stays instant)
    probe = subprocess.run([sys.executable, "-c", "import sys, qa_app.cli; print('gradio' in sys.modules)"],
                           capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert probe.stdout.strip() == "False", probe.stderr


def _status(req: urllib.request.Request | str, opener=None) -> int:
    try:
        with (opener or urllib.request.build_opener()).open(req, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.integration
@pytest.mark.slow
def test_login_is_enforced_and_uploads_are_size_limited(tmp_path):
    env = ui_env(tmp_path, tmp_path / "store", QA_APP_UI_AUTH="ann:pw", QA_APP_MAX_FILE_BYTES="2000")
    with ui_server(env, tmp_path / "ui.log", "--host", "127.0.0.1") as url:
        assert _status(url + "config") == 401  # nothing but the login page without a login
        import http.cookiejar

        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        bad = urllib.parse.urlencode({"username": "ann", "password": "nope"}).encode()
        assert _status(urllib.request.Request(url + "login", data=bad), opener) == 400
        good = urllib.parse.urlencode({"username": "ann", "password": "pw"}).encode()
        assert _status(urllib.request.Request(url + "login", data=good), opener) == 200
        assert _status(url + "config", opener) == 200
        boundary = "qaappboundary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n"
                f"Content-Type: text/plain\r\n\r\n{'x' * 3000}\r\n--{boundary}--\r\n").encode()
        upload = urllib.request.Request(url + "gradio_api/upload", data=body,
                                        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert _status(upload, opener) == 413  # over QA_APP_MAX_FILE_BYTES


@pytest.mark.integration
@pytest.mark.slow
def test_a_port_in_use_is_a_one_line_error(tmp_path):
    import socket

    from conftest import run_cli

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = run_cli("ui", "--port", str(port), "--store", str(tmp_path / "store"), timeout=180)
    err = res.stderr.decode().strip()
    assert res.returncode == 2, err
    assert err == f"qa-app: error: cannot listen on 127.0.0.1:{port} (in use or not allowed); choose another --port"


@pytest.mark.integration
@pytest.mark.slow
def test_uploads_of_each_type_are_ingested_extracted_and_reported(sample_store_copy, tmp_path):
    """The Articles tab's job without a browser: HTML, JSONL (one row per line) and refused files."""
    from conftest import SAMPLE_HTML
    from qa_app.settings import Settings
    from qa_app.ui.service import UiService

    service = UiService(Settings(store=sample_store_copy, model="rules"))
    html = tmp_path / "page.html"
    html.write_text(SAMPLE_HTML, encoding="utf-8")
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(json.dumps({"title": "Hanoi talks", "published": "2024-05-06", "text":
                                 "The defence ministers of Malaysia and Vietnam met in Hanoi on Monday. "
                                 "They agreed to hold joint naval patrols from next year."}) + "\n{not json\n",
                     encoding="utf-8")
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ\x90\x00")
    seen: list[float] = []
    result = service.ingest_uploads([str(html), str(jsonl), str(exe)], lambda frac, desc: seen.append(frac))
    rows = {r[0]: r for r in result.rows}
    assert result.summary == "added 2, skipped 0, failed 2", result.rows
    assert rows["page.html"][1] == "added" and "meeting" in rows["page.html"][3]
    assert rows["feed.jsonl:1"][1] == "added" and rows["feed.jsonl:2"][1] == "failed"
    assert "not accepted" in rows["tool.exe"][2]
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)  # the progress bar only moves forward
    listed = {r[0]: r for r in service.article_rows()}
    assert listed["Hanoi talks"][1:3] == ["EN", "2024-05-06"] and listed["Ministers meet in Jakarta"][2] == "2024-08-13"
    assert (sample_store_copy / "uploads").is_dir()  # the originals are kept beside the store
    again = service.ingest_uploads([str(html)], lambda frac, desc: None)
    assert again.summary == "added 0, skipped 1, failed 0"
