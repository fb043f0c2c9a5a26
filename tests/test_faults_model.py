"""Model-server faults against a real misbehaving HTTP server on 127.0.0.1 (tests/model_server.py):
500s, bodies that are not JSON, JSON that breaks the schema, a server that hangs, a server
that is not there, and Ctrl-C. Each article fails alone with its reason, the batch goes on,
records stored by an earlier run survive, and a stop or Ctrl-C says what was saved and how
to resume."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess

import pytest

from conftest import QA_APP, ROOT, free_port, run_cli
from model_server import FakeModelServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# Small budgets so that nothing takes long; nothing below measures time.
FAST = {"QA_APP_TIMEOUT": "1", "QA_APP_RETRY_BUDGET": "3", "QA_APP_MAX_RETRIES": "1"}


@pytest.fixture
def store(sample_records_store, tmp_path):
    """The five samples with records from an earlier `rules` run and their merged events."""
    dst = tmp_path / "store"
    shutil.copytree(sample_records_store, dst)
    return dst


def current_and_events(store) -> tuple[int, int]:
    conn = sqlite3.connect(store / "qa_app.sqlite3")
    try:
        return (conn.execute("SELECT COUNT(*) FROM current_records").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])
    finally:
        conn.close()


def extract(store, base_url: str, out, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_cli("extract", "--store", str(store), "--model", "openai:fake", "--base-url", base_url,
                   "--out", str(out), "--concurrency", "1", *extra, env={**FAST, **(env or {})})


def failed_lines(res) -> list[str]:
    return [line for line in res.stderr.decode().splitlines() if line.startswith("failed  ")]


@pytest.mark.parametrize("behaviour, reason, requests_per_article", [
    ("500", "server error 500 from the model server at {url} (4 attempts): ", 4),
    ("not_json", "the model server at {url} answered with a body that is not a JSON chat completion (4 attempts): ", 4),
    ("schema_invalid", "model output failed validation after 2 attempt(s): 2 validation error(s); first: meetings: ", 2),
])
def test_each_article_fails_with_its_reason_and_earlier_records_survive(store, tmp_path, behaviour, reason,
                                                                        requests_per_article):
    before = current_and_events(store)
    assert before[0] == 5 and before[1] > 0
    out = tmp_path / "records.json"
    with FakeModelServer(behaviour) as server:
        res = extract(store, server.base_url, out)
        assert server.requests == 5 * requests_per_article  # retried, then the batch went on
    err = res.stderr.decode()
    assert res.returncode == 1, err
    assert "Traceback" not in err
    lines = failed_lines(res)
    assert len(lines) == 5
    assert all(reason.format(url=server.base_url) in line for line in lines), lines
    assert "done 0, cached 0, failed 5;" in err
    # The output file lists every article as failed, with the reason.
    articles = json.loads(out.read_text())["articles"]
    assert [a["status"] for a in articles] == ["failed"] * 5
    assert all(reason.format(url=server.base_url) in a["error"] for a in articles)
    # Nothing a previous run stored is gone: 5 current records and the merged events.
    assert current_and_events(store) == before


def test_a_server_that_recovers_mid_batch(store, tmp_path):
    out = tmp_path / "records.jsonl"
    # Two articles' worth of 500s (4 attempts each), then valid answers.
    with FakeModelServer(["500"] * 8 + ["ok"]) as server:
        res = extract(store, server.base_url, out)
    assert res.returncode == 1
    assert len(failed_lines(res)) == 2
    assert "done 3, cached 0, failed 2;" in res.stderr.decode()
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["status"] for r in rows) == ["failed", "failed", "ok", "ok", "ok"]


def test_a_hanging_server_times_out_per_request_and_the_batch_stops(store, tmp_path):
    out = tmp_path / "records.json"
    with FakeModelServer("hang") as server:
        res = extract(store, server.base_url, out, "--timeout", "1")
    err = res.stderr.decode()
    assert res.returncode == 1, err
    lines = failed_lines(res)
    assert len(lines) == 3  # three in a row, then it stops
    assert all(f"timed out after 1 s waiting for the model server at {server.base_url} (" in line for line in lines)
    assert "is it running" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("qa-app: error: stopped after 3 articles in a row could not reach the model server")
    assert f"0 of 5 article(s) are extracted and saved in {store}" in last
    assert last.endswith("rerun the same command to resume (finished articles come from the cache)")
    assert current_and_events(store)[0] == 5


def test_timeout_setting_from_the_environment(store, tmp_path):
    with FakeModelServer("hang") as server:
        res = extract(store, server.base_url, tmp_path / "r.json", env={"QA_APP_TIMEOUT": "2"})
    assert all("timed out after 2 s" in line for line in failed_lines(res))


def test_no_server_stops_after_three_connection_failures(store, tmp_path):
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    res = extract(store, url, tmp_path / "r.json")
    err = res.stderr.decode()
    assert res.returncode == 1, err
    assert len(failed_lines(res)) == 3
    assert all(f"cannot connect to the model server at {url} (ConnectError" in line for line in failed_lines(res))
    assert err.strip().splitlines()[-1].startswith(
        "qa-app: error: stopped after 3 articles in a row could not reach the model server (last: cannot connect")
    assert current_and_events(store)[0] == 5


def test_ctrl_c_says_what_was_saved_and_a_rerun_resumes(store, tmp_path):
    out = tmp_path / "records.json"
    with FakeModelServer(["ok", "hang"]) as server:
        proc = subprocess.Popen([*QA_APP, "extract", "--store", str(store), "--model", "openai:fake",
                                 "--base-url", server.base_url, "--out", str(out), "--concurrency", "1"],
                                cwd=ROOT, env=dict(os.environ, QA_APP_TIMEOUT="600", QA_APP_RETRY_BUDGET="600"),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert server.seen(2)  # the first article is answered and saved; the second hangs
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=300)  # a loaded CI machine is slow to wind down
        finally:
            if proc.poll() is None:
                proc.kill()
    err = err.decode()
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == (
        f"qa-app: interrupted: 1 of 5 article(s) are extracted and saved in {store}; rerun the same command to "
        "resume (finished articles come from the cache)")
    with FakeModelServer("ok", port=server.port) as server2:  # the same URL: the cache key includes it
        res = extract(store, server2.base_url, out)
        assert server2.requests == 4  # only the four not yet done
    assert res.returncode == 0, res.stderr.decode()
    assert "done 4, cached 1, failed 0;" in res.stderr.decode()
