"""The web UI in a real headless Chromium (Debian's /usr/bin/chromium through Playwright).

One `qa-app ui` subprocess on a free loopback port serves a store built from the sample
articles (ingest + extract --model rules). Each step saves a screenshot into
test-artifacts/ui/. The page must not request anything from any host but the UI's own.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ARTICLES, ARTIFACTS, QA_APP, ROOT
from test_ui_server import ui_env, ui_server

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
SHOTS = ARTIFACTS / "ui"
UPLOAD_TEXT = (
    "Malaysia and Vietnam hold defence talks in Hanoi\n"
    "The defence ministers of Malaysia and Vietnam met in Hanoi on Monday to discuss maritime security.\n"
    "They agreed to hold joint naval patrols in the South China Sea from next year.\n"
)
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__pwned=2">'
PAYLOAD_TEXT = (
    f"Thailand and Cambodia envoys meet in Bangkok {PAYLOAD_SCRIPT}\n"
    f"The foreign ministers of Thailand and Cambodia met in Bangkok on Friday {PAYLOAD_IMG} to discuss border trade.\n"
    "They agreed to reopen two border crossings next month, officials said ${window.__pwned=3} "
    "{{constructor.constructor('window.__pwned=4')()}}.\n"
)

if not Path(CHROMIUM).exists():  # `make test` installs it (Debian packages chromium, chromium-driver)
    pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def ui_url(tmp_path_factory):
    """A store with the samples ingested and extracted (rules), served by `qa-app ui`."""
    home = tmp_path_factory.mktemp("ui-home")
    store = home / "store"
    env = ui_env(home, store)
    for args in (["ingest", str(ARTICLES)], ["extract", "--model", "rules"]):
        res = subprocess.run([*QA_APP, *args], env=env, cwd=ROOT, capture_output=True, timeout=600)
        assert res.returncode == 0, res.stderr.decode()
    log = home / "ui.log"
    try:
        with ui_server(env, log, "--store", str(store)) as url:
            yield url
    finally:
        SHOTS.mkdir(parents=True, exist_ok=True)
        if log.exists():
            (SHOTS / "server.log").write_bytes(log.read_bytes())


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture
def page(browser, ui_url):
    """A fresh page on the UI; afterwards, no request may have left the UI's own origin."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.set_default_timeout(120_000)  # generous: CI machines can be busy
    pg = ctx.new_page()
    requests: list[str] = []
    errors: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(ui_url)
    pg.wait_for_selector("#qa-question textarea")
    pg.wait_for_selector("#qa-header :text('Store:')")  # the page-load event has filled the tables
    yield pg
    ctx.close()
    origin = ui_url.rstrip("/")
    foreign = [u for u in requests if not (u.startswith(origin) or u.startswith(("data:", "blob:")))]
    assert not foreign, f"the page fetched from other hosts: {foreign}"
    assert not errors, f"JavaScript errors on the page: {errors}"


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def open_tab(pg, name: str) -> None:
    pg.get_by_role("tab", name=name, exact=True).click()


def grid_rows(pg, elem_id: str) -> int:
    """Data rows of a gr.Dataframe (it renders only the visible rows; aria-rowcount counts all, plus the header)."""
    return int(pg.locator(f"#{elem_id} [role=grid]").get_attribute("aria-rowcount")) - 1


def ask(pg, question: str) -> None:
    open_tab(pg, "Chat")
    pg.fill("#qa-question textarea", question)
    pg.click("#qa-ask")
    pg.wait_for_selector("#qa-sources [data-open]", timeout=300_000)
    # streaming is over when the last bot message ends with the mode note
    pg.wait_for_function("() => { const m = document.querySelectorAll('#qa-chatbot .bot'); "
                         "return m.length && /answer|jawaban|not found|tidak/i.test(m[m.length - 1].innerText) "
                         "&& !/Searching/.test(m[m.length - 1].innerText); }")
    pg.wait_for_timeout(600)


def choose_file(pg, path: Path, attempts: int = 3) -> None:
    """Put a file into the upload box and wait until gradio lists it (again if the tab was still mounting)."""
    pg.locator("#qa-upload").wait_for()
    for attempt in range(attempts):
        pg.set_input_files("#qa-upload input[type=file]", str(path))
        try:
            pg.wait_for_selector(f"#qa-upload :text('{path.name}')", timeout=30_000)
            return
        except sync_api.TimeoutError:
            shot(pg, f"upload-retry-{path.stem}-{attempt}")
    raise AssertionError(f"{path.name} never showed up in the upload box")


def upload(pg, tmp_path: Path, name: str, text: str, progress_shot: str | None = None) -> None:
    open_tab(pg, "Articles")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    choose_file(pg, path)
    pg.click("#qa-ingest")
    if progress_shot:  # gr.Progress draws its bar over the outputs while the job runs (best effort: it can be quick)
        try:
            pg.wait_for_selector(".progress-level, .progress-text", timeout=10_000)
            shot(pg, progress_shot)
        except sync_api.TimeoutError:
            pass
    pg.wait_for_selector("#qa-upload-summary :text('added')", timeout=300_000)


def test_chat_answers_with_citations_that_open_the_highlighted_span(page):
    ask(page, "Who represented China at the SOM 2+2?")
    bot = page.locator("#qa-chatbot .bot").last.inner_text()
    assert re.search(r"\[1\]", bot), bot
    assert "Sun Weidong" in bot and len(bot.split("\n")[0]) < 400  # a short answer composed from the records
    first = page.locator("#qa-sources [data-open]").first
    quote = first.locator("mark").inner_text().strip()
    assert "Sun Weidong" in quote  # [1] is the sentence that names him
    assert page.locator("#qa-sources .qa-meta").first.inner_text()  # date · language · file
    box_answer = page.locator("#qa-chatbot").bounding_box()
    box_sources = page.locator("#qa-sources").bounding_box()
    assert box_sources["y"] > box_answer["y"]  # the answer first, its sources under it
    shot(page, "01-chat-answer")

    first.click()
    mark = page.locator("#qa-viewer mark#qa-mark")
    mark.wait_for()
    assert mark.inner_text().strip() == quote
    assert page.get_by_role("tab", name="Article viewer", exact=True).get_attribute("aria-selected") == "true"
    page.wait_for_function("() => { const m = document.querySelector('#qa-mark').getBoundingClientRect(); "
                           "return m.top >= 0 && m.bottom <= window.innerHeight; }", timeout=30_000)
    shot(page, "02-citation-opened")


def test_a_record_based_answer_links_to_the_record_row(page):
    ask(page, "Who represented China at the SOM 2+2?")
    link = page.locator("#qa-sources .qa-record").first
    record_id = link.get_attribute("data-open").split(":", 1)[1]
    link.click()
    page.wait_for_selector("#qa-records-summary :text('(filtered)')")
    assert page.get_by_role("tab", name="Records", exact=True).get_attribute("aria-selected") == "true"
    assert page.locator("#qa-f-record input, #qa-f-record textarea").first.input_value() == record_id
    assert grid_rows(page, "qa-meetings") >= 1
    shot(page, "02b-record-row")


def test_sentence_answer_quotes_its_source(page):
    ask(page, "Apakah Jepang akan mendukung proyek infrastruktur Indonesia?")
    bot = page.locator("#qa-chatbot .bot").last.inner_text()
    quote = page.locator("#qa-sources [data-open]").first.locator("mark").inner_text().strip()
    assert quote and quote[:40] in bot.replace("\n", " ")  # the cited sentence is the one quoted
    assert page.locator("#qa-sources .qa-record").count() == 0


def test_records_filter_by_country_and_open_evidence(page):
    open_tab(page, "Records")
    page.wait_for_selector("#qa-records-summary :text('Showing')")
    before = grid_rows(page, "qa-meetings")
    assert before > 0
    shot(page, "03-records-all")

    page.click("#qa-f-countries input")
    page.get_by_role("option", name=re.compile(r"^RUS")).click()
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => {{ const g = document.querySelector('#qa-meetings [role=grid]'); "
                           f"return g && +g.getAttribute('aria-rowcount') - 1 !== {before}; }}")
    after = grid_rows(page, "qa-meetings")
    assert 0 < after < before
    countries = page.locator("#qa-meetings [role=row] [role=gridcell]:nth-child(5)").all_inner_texts()
    assert countries and all("RUS" in c for c in countries), countries
    assert "(filtered)" in page.locator("#qa-records-summary").inner_text()
    shot(page, "04-records-filtered-RUS")
    with page.expect_download() as download:  # the export follows the filters
        page.click("#qa-dl-csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert sum(r["type"] == "meeting" for r in rows) == after
    assert rows and all("RUS" in r["countries"].split(";") for r in rows)
    with page.expect_download() as download:
        page.click("#qa-dl-json")
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["filters"]["countries"] == ["RUS"] and len(exported["meetings"]) == after

    page.locator("#qa-meetings [role=row] [role=gridcell]").nth(1).click()  # a row -> its evidence
    page.locator("#qa-viewer mark#qa-mark").wait_for()
    assert page.locator("#qa-viewer-context [data-open]").count() >= 1
    shot(page, "05-record-evidence")


def test_timeline_and_status(page):
    open_tab(page, "Timeline")
    svg = page.locator("#qa-timeline svg.qa-timeline")
    svg.wait_for()
    labels = svg.locator("text").all_text_contents()
    assert any(re.fullmatch(r"\d{4} \(year\)( ×\d)?", t) for t in labels), labels
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", t) for t in labels), labels
    shot(page, "06-timeline")
    open_tab(page, "Status")
    status = page.locator("#qa-status").inner_text()
    for word in ("Embedder", "use-multilingual", "Store", "Articles", "Chunks", "Meetings", "Commitments"):
        assert word in status
    shot(page, "07-status")


def test_upload_is_ingested_extracted_and_listed(page, tmp_path):
    upload(page, tmp_path, "hanoi-talks.txt", UPLOAD_TEXT, progress_shot="08a-upload-progress")
    summary = page.locator("#qa-upload-summary").inner_text()
    assert "added 1" in summary and "failed 0" in summary, summary
    assert "hanoi-talks.txt" in page.locator("#qa-upload-result").inner_text()
    assert "Malaysia and Vietnam hold defence talks in Hanoi" in page.locator("#qa-articles").inner_text()
    shot(page, "08-upload")


def test_refused_upload_type_is_reported(page, tmp_path):
    open_tab(page, "Articles")
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"%PDF-1.4 not an article")
    page.locator("#qa-upload").wait_for()
    page.set_input_files("#qa-upload input[type=file]", str(bad))
    page.wait_for_timeout(1500)
    shot(page, "10-refused-type")
    if page.get_by_text("Invalid file type").count():  # gradio refused it at upload (file_types)
        assert page.get_by_text("Invalid file type").first.is_visible()
    else:  # it got through the upload: our own allowlist refuses it
        page.click("#qa-ingest")
        page.wait_for_selector("#qa-upload-summary :text('failed 1')")
        assert "not accepted" in page.locator("#qa-upload-result").inner_text()
    assert "notes.pdf" not in page.locator("#qa-articles").inner_text()


def test_script_payload_is_shown_as_text_and_never_runs(page, tmp_path):
    upload(page, tmp_path, "payload.txt", PAYLOAD_TEXT)
    assert "added 1" in page.locator("#qa-upload-summary").inner_text()
    assert PAYLOAD_SCRIPT in page.locator("#qa-articles").inner_text()  # the title, as text

    ask(page, "What did Thailand and Cambodia agree on in Bangkok?")
    sources = page.locator("#qa-sources").inner_text()
    assert PAYLOAD_IMG in sources or PAYLOAD_SCRIPT in sources, sources
    page.locator("#qa-sources [data-open]").first.click()
    page.locator("#qa-viewer mark#qa-mark").wait_for()
    text = page.locator("#qa-viewer").inner_text()
    for literal in (PAYLOAD_SCRIPT, PAYLOAD_IMG, "${window.__pwned=3}", "{{constructor.constructor"):
        assert literal in text, literal
    assert page.locator("#qa-viewer script, #qa-viewer img, #qa-sources img, #qa-chatbot img").count() == 0
    page.wait_for_timeout(500)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    shot(page, "09-script-payload-as-text")

