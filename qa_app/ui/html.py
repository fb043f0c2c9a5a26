"""HTML that the UI builds itself. Every piece of article text goes through `esc` (html.escape).

Nothing here imports gradio: these helpers are unit-tested on their own.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from html import escape
from pathlib import PurePath

#: Longest paragraph shown around a quote in a source card before it is trimmed.
PARAGRAPH_CONTEXT = 420
_TARGET = re.compile(r"^([A-Za-z0-9_-]{1,64}):(\d{1,9}):(\d{1,9})$")
# Markdown (and GFM autolink) syntax, escaped with a backslash; & < > are HTML-escaped instead.
_MD_PUNCT = "".join(c for c in string.punctuation if c not in "&<>")
_MD_TABLE = str.maketrans({c: "\\" + c for c in _MD_PUNCT})


def esc(value: object) -> str:
    """Text -> HTML text: & < > " ' escaped. None -> ''."""
    return "" if value is None else escape(str(value), quote=True)


def md_escape(text: str) -> str:
    """Text -> Markdown that renders as exactly that text (for the chat, which renders Markdown).

    ASCII punctuation is backslash-escaped (no emphasis, links, autolinks or headings), then
    & < > are HTML-escaped, so markup in an article shows as text."""
    return escape(text.translate(_MD_TABLE), quote=False)


def clamp_span(length: int, start: int, end: int) -> tuple[int, int] | None:
    """The span inside [0, length], or None when it is empty."""
    s, e = max(0, min(start, length)), max(0, min(end, length))
    return (s, e) if s < e else None


def highlight(text: str, start: int, end: int, mark_id: str | None = None) -> str:
    """Escaped `text` with <mark> around text[start:end] (nothing marked when the span is empty)."""
    span = clamp_span(len(text), start, end)
    if span is None:
        return esc(text)
    s, e = span
    ident = f' id="{esc(mark_id)}"' if mark_id else ""
    return f"{esc(text[:s])}<mark{ident}>{esc(text[s:e])}</mark>{esc(text[e:])}"


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The lines (paragraphs of cleaned text) that contain text[start:end]."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last == -1 else last


def quote_in_paragraph(text: str, start: int, end: int, context: int = PARAGRAPH_CONTEXT) -> str:
    """The paragraph around a quote, escaped, with the quote marked; long paragraphs trimmed with '…'."""
    first, last = paragraph_bounds(text, start, end)
    lead = max(first, start - context)
    tail = min(last, end + context)
    body = highlight(text[lead:tail], start - lead, end - lead)
    return ("…" if lead > first else "") + body + ("…" if tail < last else "")


def open_target(doc_id: str, start: int, end: int) -> str:
    """What a clickable quote sends back to the server: 'DOC:START:END'."""
    return f"{doc_id}:{start}:{end}"


_RECORD_TARGET = re.compile(r"^record:([A-Za-z0-9_:.-]{1,100})$")


def record_target(record_id: str) -> str:
    """What a clickable record link sends back: 'record:ID'."""
    return f"record:{record_id}"


def parse_record_target(value: object) -> str | None:
    """'record:ID' -> ID; None for anything else (the browser is not trusted)."""
    m = _RECORD_TARGET.match(str(value or ""))
    return m.group(1) if m else None


def parse_target(value: object) -> tuple[str, int, int] | None:
    """'DOC:START:END' -> (doc, start, end); None for anything else (the browser is not trusted)."""
    m = _TARGET.match(str(value or ""))
    return (m.group(1), int(m.group(2)), int(m.group(3))) if m else None


def date_label(value: str | None, precision: str | None) -> str:
    """'2024-02-26', '2023-10 (month)', '2025 (year)' or 'no date'."""
    if not value:
        return "no date"
    return value if precision in (None, "day") else f"{value} ({precision})"


def source_name(source: str | None) -> str:
    return PurePath(source).name if source else ""


@dataclass
class Quote:
    """One clickable quote: a citation of an answer or the evidence of a record."""

    label: str  # e.g. "[1]"
    doc_id: str
    title: str | None
    published: str | None
    language: str | None
    source: str
    text: str  # the article's cleaned text
    start: int
    end: int


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quote_card(q: Quote, compact: bool = False) -> str:
    """A clickable quote. Full: title, date, language, file and the quote marked in its paragraph.
    Compact (the list above the article viewer): the label, the quote and the title on one line."""
    title = q.title or source_name(q.source) or q.doc_id
    target = esc(open_target(q.doc_id, q.start, q.end))
    head = f'<div class="qa-card{" qa-compact" if compact else ""}" role="button" tabindex="0" data-open="{target}" ' \
           'title="Open the article at this sentence">'
    if compact:
        quote = q.text[max(0, q.start):max(0, q.end)]
        return (f'{head}<span class="qa-label">{esc(q.label)}</span> “{esc(shorten(quote, 160))}” '
                f'<span class="qa-meta">— {esc(shorten(title, 60))}</span></div>')
    meta = " · ".join(x for x in (q.published or "date unknown", (q.language or "?").upper(), source_name(q.source)) if x)
    return (
        f'{head}<div class="qa-card-head"><span class="qa-label">{esc(q.label)}</span> '
        f'<span class="qa-title">{esc(title)}</span></div>'
        f'<div class="qa-meta">{esc(meta)}</div>'
        f'<p class="qa-para">{quote_in_paragraph(q.text, q.start, q.end)}</p></div>'
    )


def quote_panel(heading: str, quotes: list[Quote], notes: list[str] | None = None, empty: str = "",
                compact: bool = False, records: list[RecordLink] | None = None) -> str:
    """Quote cards under a heading (and the records an answer came from); compact panels fold away."""
    cards = [quote_card(q, compact) for q in quotes]
    if records:
        cards.append(f'<div class="qa-panel-head qa-records-head">Records behind this answer ({len(records)}): '
                     f'click one to see its row</div>{record_cards(records)}')
    if not quotes and empty:
        cards.append(f'<p class="qa-empty">{esc(empty)}</p>')
    cards += [f'<p class="qa-note">{esc(n)}</p>' for n in notes or []]
    if compact:
        return f'<details class="qa-panel" open><summary class="qa-panel-head">{esc(heading)}</summary>{"".join(cards)}</details>'
    return f'<div class="qa-panel"><div class="qa-panel-head">{esc(heading)}</div>{"".join(cards)}</div>'


@dataclass
class RecordLink:
    """A record an answer was composed from."""

    record_id: str
    kind: str  # meeting | commitment | event
    label: str
    date: str


def record_cards(links: list[RecordLink]) -> str:
    """Clickable records (data-open='record:ID'): a click shows the record's row in the Records tab."""
    cards = []
    for r in links:
        kind = {"event": "merged event"}.get(r.kind, r.kind)
        cards.append(f'<div class="qa-card qa-compact qa-record" role="button" tabindex="0" '
                     f'data-open="{esc(record_target(r.record_id))}" title="Show this record in the Records tab">'
                     f'<span class="qa-label">{esc(kind)}</span> {esc(r.label)} '
                     f'<span class="qa-meta">— {esc(r.date)} · {esc(r.record_id)}</span></div>')
    return "".join(cards)


def article_html(title: str | None, meta: list[str], text: str, start: int | None = None, end: int | None = None) -> str:
    """The cleaned text of an article, escaped, with the span marked (id qa-mark) for scrolling to it."""
    has_span = start is not None and end is not None and clamp_span(len(text), start, end) is not None
    body = highlight(text, start, end, "qa-mark") if has_span else esc(text)
    where = (f'<div class="qa-meta">Highlighted: characters {int(start)}–{int(end)}</div>' if has_span else "")
    return (
        f'<div class="qa-article-view"><h3 class="qa-article-title">{esc(title or "(untitled)")}</h3>'
        f'<div class="qa-meta">{esc(" · ".join(m for m in meta if m))}</div>{where}'
        f'<div class="qa-article-text">{body}</div></div>'
    )


def key_value_table(rows: list[tuple[str, object]]) -> str:
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f'<table class="qa-kv">{cells}</table>'


def notice(text: str) -> str:
    return f'<div class="qa-notice">{esc(text)}</div>'
