"""Terminal output: progress bars and summaries (rich)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

# soft_wrap: never insert line breaks, so each report line stays one line when piped
# (rich otherwise hard-wraps at 80 columns when the output is not a terminal).
console = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


class ItemProgress:
    """A spinner with a running count; a bar when the total is known. Off when not a terminal."""

    def __init__(self, label: str, total: int | None = None, enabled: bool = True):
        self.enabled = enabled and console.is_terminal
        self.label, self.total = label, total
        self._progress = None
        self._task = None

    def __enter__(self):
        if self.enabled:
            self._progress = Progress(SpinnerColumn(), TextColumn(self.label), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), console=console, transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task(self.label, total=self.total)
        return self

    def advance(self, *_args) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.__exit__(*exc)
        return False


def print_ingest_report(report, store_dir: Path) -> None:
    for item in report.items:
        if item.status == "failed":
            console.print(f"[red]failed[/red]  {escape(item.source)}: {escape(item.reason)}")
        elif item.status == "skipped":
            console.print(f"[yellow]skipped[/yellow] {escape(item.source)}: {escape(item.reason)}")
        elif item.reason:
            console.print(f"[green]ingested[/green] {escape(item.source)} ({escape(item.reason)})")
    console.print(
        f"ingested {report.count('ingested')}, skipped {report.count('skipped')} (already present or repeated), "
        f"failed {report.count('failed')}; {report.chunks} chunks indexed in {escape(str(store_dir))}"
    )


class ExtractDisplay:
    """What `qa-app extract` shows while it runs: the ingest report when it ingested first, a
    progress bar, and each failed article as soon as it fails."""

    def __init__(self, store_dir: Path):
        self.store_dir = store_dir
        self._bar: ItemProgress | None = None

    def __enter__(self):
        return self

    def on_event(self, event) -> None:
        from qa_app.app.progress import ArticleExtracted, ExtractionStarted, IngestFinished

        if isinstance(event, IngestFinished):
            print_ingest_report(event.report, self.store_dir)
        elif isinstance(event, ExtractionStarted):
            self._bar = ItemProgress(f"Extracting with {event.model}", total=event.total).__enter__()
        elif isinstance(event, ArticleExtracted):
            if self._bar is not None:
                self._bar.advance()
            if event.outcome.status == "failed":
                console.print(f"[red]failed[/red]  {escape(event.outcome.source)}: {escape(event.outcome.reason)}")

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.__exit__(*exc)
        return False


def print_hits(hits) -> None:
    if not hits:
        out.print("No matching chunks. Is anything ingested in this store?")
        return
    for rank, h in enumerate(hits, start=1):
        out.print(f"[bold]{rank}. {escape(h.title or '(untitled)')}[/bold]  [dim]{h.language} · {escape(h.published or 'no date')} · "
                  f"{escape(h.source)} [{h.start}:{h.end}] · score {h.score:.4f}[/dim]")
        out.print("   " + escape(h.text.replace("\n", " ")[:600]))


def print_extract_report(batch, events, written, show_failures: bool = True) -> None:
    for o in batch.outcomes:
        if show_failures and o.status == "failed":
            console.print(f"[red]failed[/red]  {escape(o.source)}: {escape(o.reason)}")
    meetings = sum(len(a.meetings) for a in batch.articles)
    commitments = sum(len(a.commitments) for a in batch.articles)
    rejected = sum(len(a.rejected) for a in batch.articles)
    console.print(
        f"done {batch.count('done')}, cached {batch.count('cached')}, failed {batch.count('failed')}; "
        f"{meetings} meetings, {commitments} commitments, {rejected} items rejected by grounding; "
        f"{len(events)} events after merging"
    )
    for path in written:
        console.print(f"wrote {escape(str(path))}")


def print_answer(answer) -> None:
    out.print(escape(answer.answer))
    for c in answer.citations:
        out.print(f"  [{c.n}] {escape(c.title or '(untitled)')} · {c.language} · {escape(c.published or 'no date')} · "
                  f"{escape(c.source)} [{c.start}:{c.end}]", style="dim")
        if getattr(answer, "source", "") == "records":  # the answer is not a quote: show the sentence
            out.print(f"      “{escape(c.quote)}”", style="dim")
    if answer.abstained and answer.closest:
        out.print("Closest passages:", style="dim")
        for c in answer.closest:
            out.print(f"  - {escape(c.quote[:200])} ({escape(c.title or c.source)})", style="dim")
    for note in answer.notes:
        out.print(escape(note), style="italic dim")


def print_records(rows) -> None:
    """`qa-app records` as a table (IndexedRecord rows)."""
    from rich.table import Table

    from qa_app.ui.html import date_label

    if not rows:
        out.print("No records match.")
        return
    wide = out if out.is_terminal else Console(width=200, soft_wrap=True)
    table = Table(show_lines=False)
    for col in ("kind", "date", "countries", "what", "who / mechanism", "evidence", "id"):
        table.add_column(col, overflow="fold")
    for r in rows:
        who = "; ".join(p.name + (f" ({p.role})" if p.role else "") for p in r.people)
        mech = f"{r.mechanism} (round {r.round})" if r.mechanism and r.round else (r.mechanism or "")
        first = r.evidence[0].quote if r.evidence else ""
        table.add_row(r.kind, date_label(r.date_value, r.date_precision), ",".join(r.countries), r.title,
                      " | ".join(x for x in (who, mech) if x), first[:120], r.id)
    wide.print(table, markup=False)
    wide.print(f"{len(rows)} record(s)", markup=False)


def print_eval_report(report: dict) -> None:
    """The eval report as a table and its summary line on standard output."""
    from rich.table import Table

    from qa_app.evaluation.report import summary_line, table_rows

    target = out if out.is_terminal else Console(width=max(out.width, 160), soft_wrap=True)  # piped: no squeezing
    header, rows = table_rows(report)
    table = Table(title="qa-app eval", show_lines=False)
    for i, h in enumerate(header):
        table.add_column(escape(h), overflow="fold", no_wrap=i == 0)
    for row in rows:
        table.add_row(*(escape(c) for c in row))
    target.print(table)
    target.print(escape(summary_line(report)))
