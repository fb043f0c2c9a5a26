"""Extraction with real parts: the bundled GGUF through llama.cpp, a real llama_cpp.server,
the CLI, the cache, resume after a kill, and the errors a user meets."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time

import jsonschema
import pytest

from qa_app.backends import bundled_smollm2_path
from tests.conftest import QA_APP, ROOT, article_path, free_port, run_cli
from tests.servers import API_KEY, garbage_server, llama_server

SCHEMA = json.loads((ROOT / "schemas" / "batch_output.schema.json").read_text())
ARTICLE_SCHEMA = json.loads((ROOT / "schemas" / "article_records.schema.json").read_text())

SHORT = ("Jakarta – Indonesian Foreign Minister Retno Marsudi met Japanese Foreign Minister Yoko Kamikawa in Jakarta "
         "on Monday, 8 January 2024. The two ministers agreed to strengthen maritime security cooperation.\n")


def assert_grounded(article: dict, clean_text: str) -> None:
    for rec in article["meetings"] + article["commitments"]:
        assert rec["evidence"], rec
        for ev in rec["evidence"]:
            assert ev["quote"] == clean_text[ev["start"]:ev["end"]]


def clean_texts(store) -> dict[str, str]:
    with sqlite3.connect(store / "qa_app.sqlite3") as conn:
        return dict(conn.execute("SELECT id, clean_text FROM documents"))


@pytest.mark.integration
@pytest.mark.llm
@pytest.mark.slow
def test_bundled_gguf_extracts_valid_grounded_output(tmp_path):
    store, out = tmp_path / "store", tmp_path / "out.json"
    res = run_cli("extract", str(article_path("001")), "--model", "smollm2", "--store", str(store), "--out", str(out))
    assert res.returncode == 0, res.stderr.decode()
    data = json.loads(out.read_text())
    jsonschema.validate(data, SCHEMA)
    (article,) = data["articles"]
    assert article["status"] == "ok"
    assert article["provenance"]["backend"] == "llama-cpp" and article["provenance"]["tokens_in"] > 0
    assert_grounded(article, clean_texts(store)[article["doc_id"]])
    # A second run with nothing changed makes no model call: the result comes from the cache.
    res2 = run_cli("extract", "--model", "smollm2", "--store", str(store), "--out", str(tmp_path / "again.jsonl"))
    assert res2.returncode == 0, res2.stderr.decode()
    assert "cached 1" in res2.stderr.decode() and "done 0" in res2.stderr.decode()
    line = json.loads((tmp_path / "again.jsonl").read_text().splitlines()[0])
    jsonschema.validate(line, ARTICLE_SCHEMA)
    assert line["meetings"] == article["meetings"]
    assert (tmp_path / "events.jsonl").exists()


@pytest.mark.integration
@pytest.mark.llm_server
@pytest.mark.slow
def test_openai_compatible_backend_against_real_llama_server(tmp_path):
    src = tmp_path / "short.txt"
    src.write_text(SHORT)
    with llama_server(bundled_smollm2_path()) as base_url:
        env = {"QA_APP_STRUCTURED_OUTPUT": "llama_cpp", "OPENAI_API_KEY": API_KEY}
        out = tmp_path / "out.jsonl"
        res = run_cli("extract", str(src), "--model", "openai:smollm2", "--base-url", base_url,
                      "--store", str(tmp_path / "s"), "--out", str(out), env=env)
        assert res.returncode == 0, res.stderr.decode()
        article = json.loads(out.read_text().splitlines()[0])
        jsonschema.validate(article, ARTICLE_SCHEMA)
        assert article["status"] == "ok" and article["provenance"]["backend"] == "openai-compatible"
        assert article["provenance"]["tokens_out"] > 0
        assert_grounded(article, clean_texts(tmp_path / "s")[article["doc_id"]])
        # A wrong key gets a one-line error that says what to do.
        bad = run_cli("extract", "--model", "openai:smollm2", "--base-url", base_url, "--force",
                      "--store", str(tmp_path / "s"), env={**env, "OPENAI_API_KEY": "wrong"})
        err = bad.stderr.decode().strip()
        assert bad.returncode != 0 and "authentication failed" in err and "Traceback" not in err


@pytest.mark.integration
def test_server_down_and_garbage_give_one_line_errors(tmp_path):
    src = tmp_path / "short.txt"
    src.write_text(SHORT)
    dead = f"http://127.0.0.1:{free_port()}/v1"
    res = run_cli("extract", str(src), "--model", "openai:any", "--base-url", dead, "--store", str(tmp_path / "s"))
    err = res.stderr.decode()
    assert res.returncode != 0 and f"cannot connect to the model server at {dead}" in err and "Traceback" not in err
    with garbage_server() as url:
        res = run_cli("extract", "--model", "openai:any", "--base-url", url, "--store", str(tmp_path / "s"),
                      env={"QA_APP_RETRY_BUDGET": "2"})
    err = res.stderr.decode()
    assert res.returncode != 0 and "answered with a body that is not a JSON chat completion" in err
    assert "Traceback" not in err


@pytest.mark.integration
@pytest.mark.parametrize("spec,message", [
    ("gpt-4o", "unknown model spec"),
    ("local:/nonexistent/model.gguf", "does not exist"),
    ("local:pyproject.toml", "not a GGUF model file"),
])
def test_bad_model_specs_get_clear_errors(tmp_path, spec, message):
    res = run_cli("extract", str(article_path("003")), "--model", spec, "--store", str(tmp_path / "s"))
    err = res.stderr.decode().strip()
    assert res.returncode != 0 and message in err and "Traceback" not in err
    if spec == "gpt-4o":
        assert "rules" in err and "openai:MODEL" in err  # lists the valid specs


def _wait_for_first_result(proc: subprocess.Popen, db, timeout: float = 900) -> bool:
    """True once the batch has committed one article and is still running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        with sqlite3.connect(db) as conn:
            try:
                done = conn.execute("SELECT COUNT(*) FROM extractions WHERE status='ok'").fetchone()[0]
            except sqlite3.OperationalError:  # the extract process has not created its tables yet
                done = 0
        if done >= 1:
            return proc.poll() is None
        time.sleep(0.5)
    return False


@pytest.mark.integration
@pytest.mark.llm
@pytest.mark.slow
def test_killed_batch_resumes_without_loss_or_repeats(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, city in enumerate(["Jakarta", "Tokyo", "Manila"]):
        (folder / f"a{i}.txt").write_text(SHORT.replace("Jakarta", city).replace("8 January", f"{8 + i} January"))
    store, out = tmp_path / "store", tmp_path / "out.json"
    assert run_cli("ingest", str(folder), "--store", str(store)).returncode == 0
    env = dict(os.environ, QA_APP_STORE=str(store))
    db = store / "qa_app.sqlite3"
    proc = subprocess.Popen([*QA_APP, "extract", "--model", "smollm2", "--out", str(out)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        finished_before_kill = _wait_for_first_result(proc, db)
    finally:
        proc.kill()  # SIGKILL: no clean-up code runs, as when a machine dies
        proc.wait()
    assert finished_before_kill, "batch finished before it could be interrupted"
    assert not out.exists()  # output is written atomically at the end, never half
    with sqlite3.connect(db) as conn:
        finished = {r[0] for r in conn.execute("SELECT doc_id FROM extractions WHERE status='ok'")}
    assert 1 <= len(finished) < 3
    res = run_cli("extract", "--model", "smollm2", "--store", str(store), "--out", str(out))
    assert res.returncode == 0, res.stderr.decode()
    assert f"cached {len(finished)}" in res.stderr.decode() and f"done {3 - len(finished)}" in res.stderr.decode()
    data = json.loads(out.read_text())
    assert len(data["articles"]) == 3 and all(a["status"] == "ok" for a in data["articles"])
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT doc_id, COUNT(*) FROM extractions GROUP BY doc_id").fetchall()
    assert all(n == 1 for _, n in rows)  # nothing was extracted twice
