"""The loopback UI against a hostile page, in a real headless Chromium: a DNS-rebinding name
that resolves to 127.0.0.1 is refused, and a page served from another origin cannot upload
a file or start a job; the UI itself still works from its own address."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import threading
from functools import partial
from pathlib import Path

import pytest

from conftest import free_port
from test_ui_server import ui_env, ui_server

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

ATTACKER_PAGE = """<!doctype html><html><body><p id="status">working</p><script>
const ui = "%(ui)s";
async function attack() {
  const form = new FormData();
  form.append("files", new Blob(["The ministers of France and Brazil met in Paris."], {type: "text/plain"}),
              "planted-by-attacker.txt");
  const results = [];
  for (const [path, init] of [
    ["gradio_api/upload", {method: "POST", body: form, mode: "no-cors"}],
    ["gradio_api/queue/join", {method: "POST", body: JSON.stringify({data: ["x"], fn_index: 0, session_hash: "a"}),
                               headers: {"Content-Type": "text/plain"}, mode: "no-cors"}],
  ]) {
    try { await fetch(ui + path, init); results.push("sent"); } catch (e) { results.push("blocked"); }
  }
  document.getElementById("status").textContent = "done " + results.join(",");
}
attack();
</script></body></html>"""


@contextlib.contextmanager
def static_site(folder: Path):
    """Another origin: a plain HTTP server on another loopback port."""
    port = free_port()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), partial(http.server.SimpleHTTPRequestHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def ui(sample_store, tmp_path_factory):
    home = tmp_path_factory.mktemp("guard-home")
    store = home / "store"
    shutil.copytree(sample_store, store)
    env = ui_env(home, store)
    with ui_server(env, home / "ui.log", "--store", str(store)) as url:
        yield url, home


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    # a DNS-rebinding name: resolves to the UI's loopback address
                                    "--host-resolver-rules=MAP rebind.test 127.0.0.1"])
        yield b
        b.close()


def test_a_rebinding_host_name_is_refused(ui, browser):
    url, _ = ui
    port = url.rstrip("/").rsplit(":", 1)[1]
    page = browser.new_page()
    try:
        response = page.goto(f"http://rebind.test:{port}/")
        assert response.status == 403
        assert "is not an address this UI serves" in page.inner_text("body")
        assert page.locator("#qa-question").count() == 0
        # The same server under its own names works.
        for own in (url, f"http://localhost:{port}/"):
            assert page.goto(own).status == 200
            page.wait_for_selector("#qa-question textarea", timeout=120_000)
    finally:
        page.close()


def test_a_page_from_another_origin_cannot_upload_or_start_a_job(ui, browser, tmp_path):
    url, home = ui
    (tmp_path / "index.html").write_text(ATTACKER_PAGE % {"ui": url}, encoding="utf-8")
    statuses: dict[str, int] = {}
    with static_site(tmp_path) as attacker:
        page = browser.new_page()
        page.on("response", lambda r: statuses.__setitem__(r.url, r.status) if r.url.startswith(url) else None)
        try:
            page.goto(attacker)
            page.wait_for_function("document.getElementById('status').textContent.startsWith('done')",
                                   timeout=120_000)
        finally:
            page.close()
    assert statuses == {f"{url}gradio_api/upload": 403, f"{url}gradio_api/queue/join": 403}, statuses
    assert not list((home / "gradio").rglob("planted-by-attacker.txt"))  # nothing reached the server's disk


def test_the_ui_still_answers_from_its_own_origin(ui, browser):
    url, _ = ui
    page = browser.new_page()
    try:
        page.goto(url)
        page.fill("#qa-question textarea", "Who did Sun Weidong meet in Moscow?")
        page.click("#qa-ask")
        page.wait_for_selector("#qa-sources [data-open]", timeout=300_000)
        assert page.locator("#qa-sources [data-open]").count() >= 1
    finally:
        page.close()
