"""The Gradio app: layout and event wiring. gradio is imported only in here, and only when
the UI is built (`qa-app --help` stays instant).

Security: loopback by default (any other address needs a login, see `security.py`), never
shared, no analytics, uploads limited in size and type, and all article text escaped.
"""

# No `from __future__ import annotations` here: gradio reads the gr.EventData / gr.SelectData
# annotations of the nested handlers at run time, and gr is imported inside build_app.
import os
import re
import sys
import time
from dataclasses import dataclass
from types import SimpleNamespace

from qa_app.errors import ConfigError, QaAppError
from qa_app.ui import html as H
from qa_app.ui.security import UPLOAD_SUFFIXES, guard_middleware, resolve_auth
from qa_app.ui.tables import COMMITMENT_COLUMNS, EVENT_COLUMNS, MEETING_COLUMNS, Filters

ARTICLE_COLUMNS = ["Title", "Language", "Published", "File", "Meetings", "Commitments", "ID"]
UPLOAD_COLUMNS = ["File", "Status", "Reason", "Records"]
EXAMPLES = ["Who represented China at the SOM 2+2?", "What did Indonesia and Japan agree on?",
            "Kapan Sun Weidong berada di Moskow?"]
RECORDS_HELP = ("Click a column header to sort; click a row to open the article at its evidence. "
                "Dates known only to the month or year say so, e.g. “2025 (year)”.")
COLUMN_WIDTHS = {
    "meetings": [120, 250, 95, 95, 120, 220, 160, 130, 130, 220, 150],
    "commitments": [120, 120, 280, 100, 100, 110, 220, 220, 150],
    "events": [120, 250, 95, 130, 220, 160, 320, 150],
    "articles": [380, 105, 110, 200, 95, 125, 150],
    "upload": [170, 80, 200, 210],
}
EMPTY_SOURCES = H.quote_panel("Sources", [], empty="The sentences an answer cites appear here.")
STREAM_STEPS = 24  # the answer appears in this many steps
STREAM_DELAY = 0.02

# A click (or Enter) on any element with data-open="DOC:START:END" asks the server to open it.
CLICK_JS = """
const card = (e) => e.target.closest ? e.target.closest('[data-open]') : null;
element.addEventListener('click', (e) => { const c = card(e); if (c) trigger('click', {open: c.dataset.open}); });
element.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const c = card(e);
  if (c) { e.preventDefault(); trigger('click', {open: c.dataset.open}); }
});
"""

# Scroll the highlighted span into view once the viewer is visible (its tab may still be opening).
SCROLL_JS = """
const show = (tries) => {
  const m = element.querySelector('#qa-mark');
  if (!m) return;
  if (m.offsetParent === null) { if (tries > 0) setTimeout(() => show(tries - 1), 100); return; }
  m.scrollIntoView({block: 'center'});
};
watch('value', () => show(30));
show(30);
"""

CSS = """
.qa-header h1 { font-size: 1.35rem; margin: 0; }
.qa-header p { margin: 2px 0 0; color: var(--body-text-color-subdued); }
.qa-notice { padding: 8px 12px; border-left: 4px solid var(--color-accent); background: var(--background-fill-secondary);
  border-radius: 4px; font-size: 0.92rem; }
.qa-panel-head { font-weight: 600; margin: 4px 0 8px; }
.qa-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin-bottom: 8px;
  cursor: pointer; background: var(--background-fill-primary); }
.qa-card:hover, .qa-card:focus { border-color: var(--color-accent); outline: none; box-shadow: 0 0 0 2px var(--color-accent-soft); }
.qa-card-head { font-weight: 600; }
.qa-label { color: var(--color-accent); margin-right: 4px; }
.qa-meta { font-size: 0.82rem; color: var(--body-text-color-subdued); margin: 2px 0; }
.qa-para { margin: 4px 0 0; font-size: 0.9rem; line-height: 1.45; }
.qa-note, .qa-empty { font-size: 0.85rem; color: var(--body-text-color-subdued); margin: 6px 0; }
mark { background: #fde047; color: #111827; padding: 0 2px; border-radius: 2px; }
.qa-article-title { margin: 0 0 4px; font-size: 1.1rem; }
.qa-article-text { white-space: pre-wrap; line-height: 1.55; max-height: 62vh; overflow-y: auto; margin-top: 8px;
  padding: 10px 12px; border: 1px solid var(--border-color-primary); border-radius: 8px; }
.qa-kv { border-collapse: collapse; border: none !important; }
.qa-kv tr { border: none !important; }
.qa-kv th, .qa-kv td { border: none !important; border-bottom: 1px solid var(--border-color-primary) !important;
  padding: 6px 18px 6px 0 !important; text-align: left; vertical-align: top; }
.qa-kv th { white-space: nowrap; font-weight: 600; }
.qa-kv td { word-break: break-all; }
.qa-table .cell-wrap, .qa-table .cell-wrap * { font-family: var(--font) !important; }
.qa-card.qa-compact { padding: 4px 8px; margin-bottom: 4px; font-size: 0.88rem; }
details.qa-panel > summary { cursor: pointer; }
.qa-timeline { max-width: 100%; height: auto; background: #fff; border-radius: 8px; }
"""


@dataclass
class UiOptions:
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = None
    insecure_no_auth: bool = False
    allowed_hosts: tuple[str, ...] = ()  # Host names besides the bound address (a reverse proxy's)


def header_html(counts: dict | None) -> str:
    line = "Meetings and commitments from diplomatic news, with answers that cite the exact sentence."
    if counts is not None:
        line += (f" Store: {counts['documents']} articles, {counts['meetings']} meetings, "
                 f"{counts['commitments']} commitments.")
    return f'<div class="qa-header"><h1>qa-app</h1><p>{H.esc(line)}</p></div>'


def answer_markdown(answer) -> str:
    """The chat text of an answer: its lines escaped for Markdown, a record-based answer's composed
    line in bold, notes in italics."""
    lines = [H.md_escape(line) for line in answer.answer.splitlines()]
    if answer.source == "records" and lines:
        lines[0] = f"**{lines[0]}**"  # the composed answer, before the sentences that tell it
    if answer.abstained and answer.closest:
        lines.append(H.md_escape("The closest passages are listed under Sources."))
    lines += [f"*{H.md_escape(n)}*" for n in answer.notes]
    return "\n\n".join(lines)


def stream_pieces(text: str, steps: int = STREAM_STEPS) -> list[str]:
    """Growing prefixes of `text`, cut at whitespace (never inside an escape or an entity)."""
    cuts = [m.start() for m in re.finditer(r"\s+", text)]
    if not cuts:
        return [text]
    every = max(1, len(cuts) // steps)
    return [text[:c] for c in cuts[every - 1::every]] + [text]


def _frame(rows, columns):
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def _table(gr, columns, key, **kw):
    return gr.Dataframe(_frame([], columns), interactive=False, wrap=True, max_height=480,
                        column_widths=COLUMN_WIDTHS[key], elem_classes=["qa-table"], **kw)


def _html(gr, value="", **kw):
    """gr.HTML without gradio's default click handler (js_on_load) unless one is given."""
    return gr.HTML(value, **{"js_on_load": None, **kw})


def build_app(service):
    """The gr.Blocks of the UI for one UiService: layout per tab, then the events."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    import gradio as gr

    # delete_cache: uploads and served exports leave gradio's temp dir after an hour (uploads are
    # copied into the store first).
    with gr.Blocks(title="qa-app", analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        ui = SimpleNamespace(answer=gr.State(None), history=gr.State([]))
        ui.header = _html(gr, header_html(None), elem_id="qa-header")
        with gr.Tabs(selected="chat") as ui.tabs:
            with gr.Tab("Chat", id="chat"):
                _chat_tab(gr, ui, service)
            with gr.Tab("Records", id="records"):
                _records_tab(gr, ui)
            with gr.Tab("Timeline", id="timeline"):
                ui.timeline = _html(gr, elem_id="qa-timeline")
            with gr.Tab("Articles", id="articles"):
                _articles_tab(gr, ui, service)
            with gr.Tab("Article viewer", id="viewer"):
                ui.article_pick = gr.Dropdown([], label="Article", elem_id="qa-article-pick")
                ui.viewer_context = gr.HTML("", js_on_load=CLICK_JS, elem_id="qa-viewer-context")
                ui.viewer = gr.HTML(service.article_view(None), js_on_load=SCROLL_JS, elem_id="qa-viewer")
            with gr.Tab("Status", id="status"):
                ui.status = _html(gr, elem_id="qa-status")
                ui.status_btn = gr.Button("Refresh", size="sm")
        ui.filters = [ui.f_countries, ui.f_person, ui.f_topic, ui.f_from, ui.f_to, ui.f_record]
        ui.tables = [ui.meetings_df, ui.commitments_df, ui.events_df, ui.records_summary, ui.json_btn, ui.csv_btn]
        ui.refresh_outputs = [ui.article_pick, ui.articles_df, ui.f_countries, ui.f_topic, ui.timeline, ui.status,
                              ui.header, *ui.tables]
        refresh = _wire_records(gr, ui, service, demo)
        _wire_viewer(gr, ui, service)
        _wire_chat(gr, ui, service)
        _wire_uploads(gr, ui, service, refresh)
    return demo


# --- layout ----------------------------------------------------------------------------------

def _chat_tab(gr, ui, service) -> None:
    """The answer first, its sources right under it."""
    _html(gr, H.notice(service.mode_notice()), elem_id="qa-mode")
    ui.chatbot = gr.Chatbot(label="Chat", height=360, latex_delimiters=[], sanitize_html=True,
                            render_markdown=True, feedback_options=None, buttons=["copy"], elem_id="qa-chatbot",
                            placeholder="Ask about the meetings and commitments in the ingested articles.")
    with gr.Row():
        ui.question = gr.Textbox(show_label=False, placeholder="Ask a question (English, Indonesian, …)",
                                 scale=5, lines=1, max_lines=4, elem_id="qa-question")
        ui.ask_btn = gr.Button("Ask", variant="primary", scale=1, elem_id="qa-ask")
    ui.sources = gr.HTML(EMPTY_SOURCES, js_on_load=CLICK_JS, elem_id="qa-sources")
    with gr.Row():
        gr.Examples(EXAMPLES, inputs=[ui.question], label="Examples")
        ui.clear_btn = gr.Button("Clear chat", size="sm", elem_id="qa-clear", scale=0)


def _records_tab(gr, ui) -> None:
    date_hint = "YYYY, YYYY-MM or YYYY-MM-DD"
    with gr.Row():
        ui.f_countries = gr.Dropdown([], multiselect=True, label="Countries (records involving all of them)",
                                     elem_id="qa-f-countries", scale=2)
        ui.f_person = gr.Textbox(label="Person (name or role)", elem_id="qa-f-person", scale=1)
        ui.f_topic = gr.Dropdown([("any", "")], value="", label="Topic", elem_id="qa-f-topic", scale=1)
        ui.f_from = gr.Textbox(label="From", placeholder=date_hint, elem_id="qa-f-from", scale=1)
        ui.f_to = gr.Textbox(label="To", placeholder=date_hint, elem_id="qa-f-to", scale=1)
        ui.f_record = gr.Textbox(label="Record id", placeholder="from an answer's records", elem_id="qa-f-record",
                                 scale=1)
    with gr.Row():
        ui.apply_btn = gr.Button("Apply filters", variant="primary", size="sm", elem_id="qa-apply")
        ui.reset_btn = gr.Button("Reset", size="sm", elem_id="qa-reset")
        ui.json_btn = gr.DownloadButton("Download JSON", size="sm", elem_id="qa-dl-json")
        ui.csv_btn = gr.DownloadButton("Download CSV", size="sm", elem_id="qa-dl-csv")
    ui.records_summary = _html(gr, elem_id="qa-records-summary")
    with gr.Tabs():
        with gr.Tab("Meetings"):
            ui.meetings_df = _table(gr, MEETING_COLUMNS, "meetings", elem_id="qa-meetings")
        with gr.Tab("Commitments"):
            ui.commitments_df = _table(gr, COMMITMENT_COLUMNS, "commitments", elem_id="qa-commitments")
        with gr.Tab("Merged events"):
            _html(gr, '<p class="qa-note">One row per real-world meeting, merged across the articles that report '
                      "it; Sources lists every one of them.</p>")
            ui.events_df = _table(gr, EVENT_COLUMNS, "events", elem_id="qa-events")


def _articles_tab(gr, ui, service) -> None:
    with gr.Row(equal_height=False):
        with gr.Column(scale=2):
            ui.upload = gr.File(file_count="multiple", file_types=list(UPLOAD_SUFFIXES), type="filepath",
                                label=f"Upload articles ({' '.join(UPLOAD_SUFFIXES)}; "
                                      f"at most {service.settings.max_file_bytes:,} bytes each)",
                                elem_id="qa-upload")
            ui.ingest_btn = gr.Button("Ingest and extract", variant="primary", elem_id="qa-ingest")
        with gr.Column(scale=3):
            ui.upload_summary = _html(gr, elem_id="qa-upload-summary")
            ui.upload_df = _table(gr, UPLOAD_COLUMNS, "upload", label="Last upload", elem_id="qa-upload-result")
    ui.articles_df = _table(gr, ARTICLE_COLUMNS, "articles", label="Ingested articles (click one to read it)",
                            elem_id="qa-articles")


# --- events ----------------------------------------------------------------------------------

def _wire_records(gr, ui, service, demo):
    """Filters, tables and exports; returns `refresh` (everything that depends on the store)."""

    def apply_filters(countries, person, topic, date_from, date_to, record=""):
        f = Filters(list(countries or []), person or "", topic or "", date_from or "", date_to or "", record or "")
        try:
            m, c, e, summary = service.record_tables(f)
        except QaAppError as exc:
            return [gr.skip()] * 3 + [H.notice(str(exc))] + [gr.skip()] * 2
        jpath, cpath = service.export(f)
        return [_frame(m, MEETING_COLUMNS), _frame(c, COMMITMENT_COLUMNS), _frame(e, EVENT_COLUMNS),
                f'<p class="qa-note"><b>{H.esc(summary)}</b> {RECORDS_HELP}</p>', str(jpath), str(cpath)]

    def refresh(*current_filters):
        index = service.record_index()
        topics = [("any", "")] + [(t, t) for t in index.topics()]
        return [gr.Dropdown(choices=service.article_choices()), _frame(service.article_rows(), ARTICLE_COLUMNS),
                gr.Dropdown(choices=service.country_choices(index)), gr.Dropdown(choices=topics), service.timeline(),
                service.status_html(), header_html(service.counts()), *apply_filters(*current_filters)]

    def reset_filters():
        return [[], "", "", "", "", "", *apply_filters([], "", "", "", "", "")]

    def show_record(countries, person, topic, date_from, date_to, _record, evt: gr.EventData):
        rid = service.record_filter((evt._data or {}).get("open"))
        if rid is None:
            return [gr.skip()] * (2 + len(ui.tables))
        return [gr.Tabs(selected="records"), rid, *apply_filters(countries, person, topic, date_from, date_to, rid)]

    ui.sources.click(show_record, inputs=ui.filters, outputs=[ui.tabs, ui.f_record, *ui.tables])

    demo.load(refresh, inputs=ui.filters, outputs=ui.refresh_outputs, show_progress="hidden")
    ui.apply_btn.click(apply_filters, inputs=ui.filters, outputs=ui.tables)
    ui.f_countries.change(apply_filters, inputs=ui.filters, outputs=ui.tables)
    ui.f_topic.change(apply_filters, inputs=ui.filters, outputs=ui.tables)
    for box in (ui.f_person, ui.f_from, ui.f_to, ui.f_record):
        box.submit(apply_filters, inputs=ui.filters, outputs=ui.tables)
    ui.reset_btn.click(reset_filters, outputs=[*ui.filters, *ui.tables])
    ui.status_btn.click(service.status_html, outputs=[ui.status])
    return refresh


def _wire_viewer(gr, ui, service) -> None:
    """Everything that opens the article viewer: citations, evidence, table rows, the article list."""
    outputs = [ui.tabs, ui.article_pick, ui.viewer_context, ui.viewer]

    def opened(view, keep_context: bool = False):
        if view is None:
            return [gr.skip()] * 4
        return [gr.Tabs(selected="viewer"), gr.Dropdown(value=view.doc_id),
                gr.skip() if keep_context else view.context, view.article]

    def open_citation(answer, evt: gr.EventData):
        return opened(service.open_answer_citation((evt._data or {}).get("open"), answer))

    def open_from_context(evt: gr.EventData):
        return opened(service.open_target((evt._data or {}).get("open")), keep_context=True)

    def open_row(evt: gr.SelectData):
        row = evt.row_value or []
        return opened(service.open_record(str(row[-1]))) if row else [gr.skip()] * 4

    def open_article_row(evt: gr.SelectData):
        row = evt.row_value or []
        return opened(service.open_target(f"{row[-1]}:0:0")) if row else [gr.skip()] * 4

    ui.sources.click(open_citation, inputs=[ui.answer], outputs=outputs)
    ui.viewer_context.click(open_from_context, outputs=outputs)
    for df in (ui.meetings_df, ui.commitments_df, ui.events_df):
        df.select(open_row, outputs=outputs)
    ui.articles_df.select(open_article_row, outputs=outputs)
    ui.article_pick.input(lambda doc_id: ("", service.article_view(doc_id)), inputs=[ui.article_pick],
                          outputs=[ui.viewer_context, ui.viewer])


def _wire_chat(gr, ui, service) -> None:
    def on_ask(q, history):
        q = (q or "").strip()
        if not q:
            yield [gr.skip()] * 5
            return
        history = [*history, {"role": "user", "content": H.md_escape(q)},
                   {"role": "assistant", "content": "*Searching the articles…*"}]
        yield history, history, H.quote_panel("Sources", [], empty="Searching…"), None, ""
        try:
            answer = service.ask(q)
        except QaAppError as exc:
            history = [*history[:-1], {"role": "assistant", "content": H.md_escape(f"Error: {exc}")}]
            yield history, history, gr.skip(), None, gr.skip()
            return
        panel = service.sources_panel(answer)
        for i, piece in enumerate(stream_pieces(answer_markdown(answer))):  # the checked answer, progressively
            history = [*history[:-1], {"role": "assistant", "content": piece}]
            yield history, history, panel if i == 0 else gr.skip(), answer, gr.skip()
            time.sleep(STREAM_DELAY)

    outputs = [ui.chatbot, ui.history, ui.sources, ui.answer, ui.question]
    ui.question.submit(on_ask, inputs=[ui.question, ui.history], outputs=outputs)
    ui.ask_btn.click(on_ask, inputs=[ui.question, ui.history], outputs=outputs)
    ui.clear_btn.click(lambda: ([], [], EMPTY_SOURCES, None), outputs=outputs[:4])


def _wire_uploads(gr, ui, service, refresh) -> None:
    def on_ingest(files, countries, person, topic, date_from, date_to, record, progress=gr.Progress()):
        result = service.ingest_uploads(list(files or []), lambda frac, desc: progress(frac, desc=desc))
        return [f'<p class="qa-note"><b>{H.esc(result.summary)}</b></p>', _frame(result.rows, UPLOAD_COLUMNS), None,
                *refresh(countries, person, topic, date_from, date_to, record)]

    ui.ingest_btn.click(on_ingest, inputs=[ui.upload, *ui.filters],
                        outputs=[ui.upload_summary, ui.upload_df, ui.upload, *ui.refresh_outputs],
                        show_progress_on=[ui.upload_df])  # one progress bar, not one over every refreshed table


def serve(settings, options: UiOptions) -> None:
    """Build the UI and serve it until interrupted."""
    env_auth = settings.ui_auth.get_secret_value() if settings.ui_auth else None
    creds = resolve_auth(options.host, options.auth, options.insecure_no_auth, env_auth)  # before the slow gradio import
    from qa_app.ui.service import UiService

    service = UiService(settings)
    demo = build_app(service)
    import gradio as gr

    # Fonts are served by gradio itself (LocalFont), never fetched from a CDN. The SemiBold files in the
    # gradio wheel are ~5 KB subsets that lack letters such as A, B and F (bold text came out with
    # glyphs from a fallback font), so the complete Regular and Bold files are declared instead.
    theme = gr.themes.Default(
        font=[gr.themes.LocalFont("Source Sans Pro", weights=(400, 700)), "ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=[gr.themes.LocalFont("IBM Plex Mono", weights=(400, 700)), "ui-monospace", "Consolas", "monospace"],
    )
    try:
        demo.queue(default_concurrency_limit=4).launch(
            server_name=options.host, server_port=options.port, auth=creds, share=False, inbrowser=False,
            max_file_size=settings.max_file_bytes, quiet=True, show_error=False, ssr_mode=False, pwa=False,
            mcp_server=False, enable_monitoring=False, theme=theme, css=CSS, prevent_thread_lock=True,
            app_kwargs={"middleware": guard_middleware(options.host, options.allowed_hosts)},
        )
    except OSError:
        raise ConfigError(f"cannot listen on {options.host}:{options.port} (in use or not allowed); "
                          "choose another --port") from None
    print(f"qa-app UI on http://{options.host}:{options.port} ({'login required' if creds else 'no login'}); "
          f"store {service.store.dir}; Ctrl+C to stop", file=sys.stderr, flush=True)
    demo.block_thread()
