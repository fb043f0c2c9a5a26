"""What the UI does, without gradio: answers, article views, records, uploads, status.

`app.py` lays out the page and wires these methods to events. Everything that returns HTML
builds it with the escaping helpers of `qa_app.ui.html`.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from qa_app.app.ingest import document_ids
from qa_app.app.progress import ArticleExtracted, ExtractionStarted, ItemIngested
from qa_app.errors import QaAppError
from qa_app.ui import html as H
from qa_app.ui.security import UPLOAD_SUFFIXES, stage_upload
from qa_app.ui.tables import Filters, RecordIndex, sort_rows

log = logging.getLogger(__name__)

KEEP_EXPORTS = 20  # export folders kept in the temp dir
#: Progress callback: (fraction 0..1, description).
Progress = Callable[[float, str], None]


@dataclass
class Viewer:
    """What the article viewer shows: the article, the span, and the quotes it was opened from."""

    doc_id: str | None
    article: str  # HTML
    context: str = ""  # HTML: the other quotes (citations of the answer, evidence of the record)


@dataclass
class UploadResult:
    summary: str
    rows: list[list[str]] = field(default_factory=list)


class UiService:
    def __init__(self, settings):
        from qa_app.app.answer import answerer_for
        from qa_app.store import Store

        self.settings = settings
        self.store = Store(settings)
        self.answerer = answerer_for(settings)
        self.extractor_spec = settings.model or "rules"
        self._lock = threading.Lock()  # one heavy job (answer, ingest, extraction) at a time, on self.store
        self._local = threading.local()
        self._exports = Path(tempfile.mkdtemp(prefix="qa-app-ui-"))
        atexit.register(shutil.rmtree, self._exports, True)

    @property
    def reader(self):
        """This thread's own store connection for reads (SQLite in WAL mode: reads go on during a job)."""
        store = getattr(self._local, "store", None)
        if store is None:
            from qa_app.store import Store

            store = self._local.store = Store(self.settings)
        return store

    @property
    def mode(self) -> str:
        return self.answerer.mode

    @property
    def backend(self):
        return self.answerer.backend

    # --- chat ---------------------------------------------------------------------------
    def mode_notice(self) -> str:
        if self.mode == "generative":
            return (f"Answers are written by {self.backend.info.model}; each sentence keeps a citation only if the "
                    "cited source supports it, and unsupported sentences are dropped.")
        model = self.settings.model or "the offline default (no model)"
        return ("When extracted records match the question, the answer is a short sentence composed from them, each "
                "fact cited [n], followed by the sentences that tell it; otherwise "
                f"{model} does not write answers, so the answer quotes the source sentences "
                "verbatim, each with its citation [n]. Configure a capable model (--model openai:MODEL or "
                "local:PATH.gguf) for written answers.")

    def ask(self, question: str):
        from qa_app.app.answer import answer

        with self._lock:
            return answer(self.store, self.answerer, question)

    def _quote(self, label: str, doc_id: str, start: int, end: int) -> H.Quote | None:
        doc = self.reader.docs.get_document(doc_id)
        if doc is None:
            return None
        return H.Quote(label, doc.id, doc.title, doc.published, doc.language, doc.source, doc.clean_text, start, end)

    def answer_quotes(self, answer) -> list[H.Quote]:
        cites = answer.citations or answer.closest
        prefix = "" if answer.citations else "~"
        found = [self._quote(f"{prefix}[{c.n}]", c.doc_id, c.start, c.end) for c in cites]
        return [q for q in found if q is not None]

    def sources_panel(self, answer) -> str:
        quotes = self.answer_quotes(answer)
        if answer.abstained:
            heading = "Closest passages (not enough support for an answer)"
        else:
            heading = f"Sources ({len(quotes)}): click one to open the article at that sentence"
        return H.quote_panel(heading, quotes, answer.notes, empty="Nothing in the ingested articles comes close.",
                             records=self.record_links(getattr(answer, "records", []) or []))

    def record_links(self, record_ids: list[str]) -> list[H.RecordLink]:
        from qa_app.qa.records_answer import meeting_label

        out = []
        for r in self.reader.records.index.load(record_ids):
            label = r.title if r.kind == "commitment" else (meeting_label(r, "en") if (r.mechanism or r.countries)
                                                            else r.title)
            out.append(H.RecordLink(r.id, r.kind, label, H.date_label(r.date_value, r.date_precision)))
        return out

    # --- article viewer ------------------------------------------------------------------
    def article_choices(self) -> list[tuple[str, str]]:
        out = []
        for d in self.reader.docs.documents():
            title = d.title or H.source_name(d.source) or d.id
            title = title if len(title) <= 90 else title[:89] + "…"
            out.append((f"{title} ({(d.language or '?').upper()}, {d.published or 'no date'})", d.id))
        return out

    def article_view(self, doc_id: str | None, start: int | None = None, end: int | None = None) -> str:
        doc = self.reader.docs.get_document(doc_id) if doc_id else None
        if doc is None:
            return H.notice("Choose an article, or click a citation in the chat or a row of the records.")
        meta = [f"published {doc.published}" if doc.published else "publication date unknown",
                f"language {(doc.language or '?').upper()}", H.source_name(doc.source), f"id {doc.id}"]
        return H.article_html(doc.title, meta, doc.clean_text, start, end)

    def open_target(self, target: str, context: str = "") -> Viewer | None:
        """A click on a quote ('DOC:START:END' from the browser, checked here)."""
        parsed = H.parse_target(target)
        if parsed is None or self.reader.docs.get_document(parsed[0]) is None:
            return None
        doc_id, start, end = parsed
        return Viewer(doc_id, self.article_view(doc_id, start, end), context)

    def record_filter(self, target: str) -> str | None:
        """The record id of a clicked record link ('record:ID'), if the store has it."""
        rid = H.parse_record_target(target)
        if rid is None or not self.reader.records.index.load([rid]):
            return None
        return rid

    def open_answer_citation(self, target: str, answer) -> Viewer | None:
        context = H.quote_panel("Citations of the answer", self.answer_quotes(answer), compact=True) if answer else ""
        return self.open_target(target, context)

    # --- records ------------------------------------------------------------------------
    def record_index(self) -> RecordIndex:
        return RecordIndex.load(self.reader)

    def country_choices(self, index: RecordIndex) -> list[tuple[str, str]]:
        import pycountry

        out = []
        for code in index.countries():
            c = pycountry.countries.get(alpha_3=code)
            out.append((f"{code} — {getattr(c, 'common_name', None) or c.name}" if c else code, code))
        return out

    def record_tables(self, f: Filters) -> tuple[list[list[str]], list[list[str]], list[list[str]], str]:
        """(meeting rows, commitment rows, event rows, summary); InputError for a bad date bound."""
        index = self.record_index()
        sel = index.filtered(f)
        meetings = sort_rows([index.meeting_row(m, a) for m, a in sel.meetings])
        commitments = sort_rows([index.commitment_row(c, a) for c, a in sel.commitments])
        events = sort_rows([index.event_row(e) for e in sel.events])
        total = len(index.meetings) + len(index.commitments)
        if not total:
            summary = "No records yet: upload articles in the Articles tab (extraction runs after ingest)."
        else:
            summary = f"Showing {sel.counts()}" + (" (filtered)" if f.active else "") + "."
        return meetings, commitments, events, summary

    def export(self, f: Filters) -> tuple[Path, Path]:
        from qa_app.ui.tables import export_csv, export_json

        index = self.record_index()
        sel = index.filtered(f)
        for stale in sorted(self._exports.iterdir())[:-KEEP_EXPORTS]:  # gradio has its own copy of what it served
            shutil.rmtree(stale, ignore_errors=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        folder = Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=self._exports))
        jpath, cpath = folder / "qa-app-records.json", folder / "qa-app-records.csv"
        jpath.write_text(export_json(index, sel, f), encoding="utf-8")
        cpath.write_text(export_csv(index, sel), encoding="utf-8")
        return jpath, cpath

    def open_record(self, record_id: str) -> Viewer | None:
        """The article viewer at a record's first evidence span, with all of its evidence listed."""
        index = self.record_index()
        if record_id in index.meetings:
            rec, kind, title = index.meetings[record_id][0], "meeting", index.meetings[record_id][0].title
        elif record_id in index.commitments:
            rec, kind, title = index.commitments[record_id][0], "commitment", index.commitments[record_id][0].action
        elif record_id in index.by_event:
            rec, kind, title = index.by_event[record_id], "merged event", index.by_event[record_id].title
        else:
            return None
        quotes = [q for i, e in enumerate(rec.evidence, start=1)
                  if (q := self._quote(f"E{i}", e.doc_id, e.start, e.end)) is not None]
        if not quotes:
            return None
        articles = len({q.doc_id for q in quotes})
        heading = (f"Evidence of the {kind} “{title}”: {_plural(len(quotes), 'span')} in "
                   f"{_plural(articles, 'article')}")
        first = quotes[0]
        return Viewer(first.doc_id, self.article_view(first.doc_id, first.start, first.end),
                      H.quote_panel(heading, quotes, compact=True))

    def timeline(self) -> str:
        from qa_app.ui.timeline import points, render_svg

        index = self.record_index()
        pts, undated = points(index.events, index.titles)
        note = (f'<p class="qa-note">{len(pts)} dated meetings plotted; {len(undated)} without a resolved date are '
                "not plotted (see Records → Merged events). Hover a point for its title and sources.</p>")
        return render_svg(pts, len(undated)) + note

    # --- articles -----------------------------------------------------------------------
    def article_rows(self) -> list[list[str]]:
        counts = {a.doc_id: (len(a.meetings), len(a.commitments)) for a in self.reader.records.current()}
        rows = []
        for d in self.reader.docs.documents():
            m, c = counts.get(d.id, ("-", "-"))  # "-": not extracted yet
            rows.append([d.title or H.source_name(d.source), (d.language or "").upper(), d.published or "",
                         H.source_name(d.source), str(m), str(c), d.id])
        return rows

    def ingest_uploads(self, uploads: list[str], progress: Progress) -> UploadResult:
        """Check, ingest and extract uploaded files; one row per file or JSONL line."""
        if not uploads:
            return UploadResult("Choose one or more files first (" + " ".join(UPLOAD_SUFFIXES) + ").")
        with self._lock:
            return self._ingest_uploads(uploads, progress)

    def _ingest_uploads(self, uploads: list[str], progress: Progress) -> UploadResult:
        progress(0.0, "Checking files")
        rows: list[list[str]] = []
        staged = []
        for up in uploads:
            s = stage_upload(Path(up), Path(up).name, self.store.dir / "uploads", self.settings.max_file_bytes)
            if s.path is None:
                rows.append([s.name, "failed", s.reason, ""])
            else:
                staged.append(s)
        report = self._ingest(staged, progress, rows) if staged else None
        extracted = self._extract(document_ids(report) if report else [], progress)
        if report:
            for item in report.items:
                name = _display_source(item.source, self.store.dir / "uploads")
                rows.append([name, {"ingested": "added"}.get(item.status, item.status), item.reason,
                             extracted.get(item.doc_id or "", "")])
        progress(1.0, "Done")
        return UploadResult(_summary(rows), rows)

    def _ingest(self, staged: list, progress: Progress, rows: list[list[str]]):
        """The ingest report of the staged files; None (each file a failed row) when the store refused them."""
        from qa_app.app.ingest import ingest

        done = [0]

        def on_event(event) -> None:
            if isinstance(event, ItemIngested):
                done[0] += 1
                progress(0.05 + 0.45 * min(1.0, done[0] / len(staged)), f"Ingesting ({done[0]} read)")

        progress(0.05, f"Ingesting {len(staged)} file(s)")
        try:
            return ingest(self.store, [str(s.path) for s in staged], on_event=on_event)
        except QaAppError as exc:
            rows += [[s.name, "failed", str(exc), ""] for s in staged]
            return None

    def _extract(self, doc_ids: list[str], progress: Progress) -> dict[str, str]:
        """Extract records from these documents with the configured extractor; doc id -> outcome."""
        from qa_app.app.extract import ExtractRequest, extract, open_extractor

        if not doc_ids:
            return {}
        out: dict[str, str] = {}
        label, n = [""], [0]

        def on_event(event) -> None:
            if isinstance(event, ExtractionStarted):
                label[0] = event.model
                progress(0.5, f"Extracting records with {event.model}")
            elif isinstance(event, ArticleExtracted):
                o = event.outcome
                n[0] += 1
                out[o.doc_id] = o.status if not o.reason else f"{o.status}: {o.reason}"
                progress(0.5 + 0.45 * n[0] / len(doc_ids), f"Extracting records with {label[0]} ({n[0]}/{len(doc_ids)})")

        try:
            result = extract(self.store, open_extractor(self.extractor_spec, self.settings),
                             ExtractRequest(doc_ids=doc_ids), on_event=on_event)
            for a in result.batch.articles:
                if a.status == "ok":
                    out[a.doc_id] = f"{_plural(len(a.meetings), 'meeting')}, {_plural(len(a.commitments), 'commitment')}"
        except QaAppError as exc:
            log.warning("extraction failed: %s", exc)
            out.update({d: f"extraction failed: {exc}" for d in doc_ids if d not in out})
        return out

    # --- status -------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {**self.reader.docs.counts(), **self.reader.records.counts()}

    def status_html(self) -> str:
        docs = self.reader.docs.counts()
        recs = self.reader.records.counts()
        answer = (f"generative — {self.backend.info.name}: {self.backend.info.model}" if self.mode == "generative"
                  else f"extractive (no text generated); configured model: {self.settings.model or 'none (offline default)'}")
        rows = [
            ("Answers", answer),
            ("Extraction of uploads", self.extractor_spec),
            ("Embedder", self.store.identity),
            ("Vector index", self.settings.chroma_url or "embedded Chroma (in the store)"),
            ("Store", str(self.store.dir)),
            ("Articles", docs["documents"]),
            ("Chunks", docs["chunks"]),
            ("Articles with records", recs["extracted_articles"]),
            ("Meetings", recs["meetings"]),
            ("Commitments", recs["commitments"]),
            ("Merged events", recs["events"]),
            ("Upload limit", f"{self.settings.max_file_bytes:,} bytes; types {' '.join(UPLOAD_SUFFIXES)}"),
        ]
        return H.key_value_table(rows)


def _display_source(source: str, uploads: Path) -> str:
    """'…/uploads/STAMP/name.jsonl:3' -> 'name.jsonl:3'."""
    try:
        return str(Path(source).relative_to(uploads).name)
    except ValueError:
        return H.source_name(source)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _summary(rows: list[list[str]]) -> str:
    counts = {k: sum(1 for r in rows if r[1] == k) for k in ("added", "skipped", "failed")}
    return f"added {counts['added']}, skipped {counts['skipped']}, failed {counts['failed']}"
