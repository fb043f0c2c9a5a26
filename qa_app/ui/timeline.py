"""A timeline of meetings as an inline SVG: one row per country group, coloured by it.

A date known only to the month or year is drawn at the start of that period, with a faint
bar over the whole period and a label such as '2025 (year)'. Nothing is fetched from the
network: the chart is plain SVG text, and every label goes through html.escape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from qa_app.schemas.records import Event
from qa_app.ui.html import date_label, esc
from qa_app.ui.tables import period

# Tableau 10: distinguishable, and readable on white.
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
WIDTH, LEFT, RIGHT, TOP, ROW = 960, 190, 70, 16, 50
CHAR = 7.0  # approximate width of a label character at font-size 11


@dataclass
class Point:
    id: str
    title: str
    start: date
    end: date
    label: str  # '2024-02-26', '2023-10 (month)', '2025 (year)'
    group: str  # the countries, e.g. 'CHN–RUS'
    status: str
    sources: list[str]


def country_group(countries: list[str]) -> str:
    return "–".join(sorted(countries)) if countries else "(no country)"


def points(events: list[Event], titles: dict[str, str]) -> tuple[list[Point], list[Event]]:
    """(dated points, undated events)."""
    dated, undated = [], []
    for e in events:
        span = period(e.date.value)
        if span is None:
            undated.append(e)
            continue
        dated.append(Point(e.id, e.title, span[0], span[1], date_label(e.date.value, e.date.precision),
                           country_group(e.countries), e.status, [titles.get(d, d) for d in e.doc_ids]))
    dated.sort(key=lambda p: (p.group, p.start))
    return dated, undated


def _ticks(lo: date, hi: date) -> list[date]:
    years = hi.year - lo.year
    step = 3 if years <= 2 else 12 * max(1, (years + 1) // 8)  # months: quarterly when short, yearly or sparser when long
    out, y, m = [], lo.year, 1
    while True:
        d = date(y, m, 1)
        if d > hi:
            break
        if d >= lo:
            out.append(d)
        m += step
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return out


def _tick_label(d: date, lo: date, hi: date) -> str:
    return str(d.year) if hi.year - lo.year > 2 else f"{d.year}-{d.month:02d}"


def _marker(x: float, y: float, color: str, status: str) -> str:
    if status == "planned":  # not held (yet): hollow
        return f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="#fff" stroke="{color}" stroke-width="2.5"/>'
    if status == "referenced":  # mentioned in passing: a diamond
        return (f'<rect x="{x - 5:.1f}" y="{y - 5}" width="10" height="10" fill="{color}" '
                f'transform="rotate(45 {x:.1f} {y})"/>')
    return f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="{color}"/>'


def render_svg(pts: list[Point], undated: int = 0) -> str:
    """The chart; a short message instead when nothing has a resolved date."""
    if not pts:
        extra = f" ({undated} meetings have no resolved date)" if undated else ""
        return f'<p class="qa-empty">No dated meetings to plot{esc(extra)}.</p>'
    groups = list(dict.fromkeys(p.group for p in pts))
    colors = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    lo = date(min(p.start for p in pts).year, 1, 1)
    hi = date(max(p.end for p in pts).year, 12, 31)
    span = (hi - lo).days or 1
    inner = WIDTH - LEFT - RIGHT

    def x(d: date) -> float:
        return LEFT + inner * (d - lo).days / span

    height = TOP + ROW * len(groups) + 70
    axis_y = TOP + ROW * len(groups) + 4
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="qa-timeline" viewBox="0 0 {WIDTH} {height}" '
           f'width="100%" font-family="sans-serif" role="img" aria-label="Timeline of {len(pts)} meetings">']
    for t in _ticks(lo, hi):
        out.append(f'<line x1="{x(t):.1f}" y1="{TOP - 6}" x2="{x(t):.1f}" y2="{axis_y}" stroke="#e5e7eb"/>'
                   f'<text x="{x(t):.1f}" y="{axis_y + 16}" font-size="12" text-anchor="middle" fill="#4b5563">'
                   f'{esc(_tick_label(t, lo, hi))}</text>')
    out.append(f'<line x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" stroke="#9ca3af"/>')
    for row, g in enumerate(groups):
        y = TOP + ROW * row + ROW // 2
        out.append(f'<text x="{LEFT - 10}" y="{y + 4}" font-size="13" text-anchor="end" font-weight="600" '
                   f'fill="{colors[g]}">{esc(g)}</text>'
                   f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#f3f4f6"/>')
        out.extend(_row_points([p for p in pts if p.group == g], y, colors[g], x))
    ly = axis_y + 44
    out.append(f'<g font-size="12" fill="#374151">{_marker(LEFT + 6, ly - 4, "#6b7280", "held")}'
               f'<text x="{LEFT + 18}" y="{ly}">held</text>{_marker(LEFT + 76, ly - 4, "#6b7280", "planned")}'
               f'<text x="{LEFT + 88}" y="{ly}">planned</text>{_marker(LEFT + 160, ly - 4, "#6b7280", "referenced")}'
               f'<text x="{LEFT + 172}" y="{ly}">referenced (mentioned in passing)</text>'
               f'<rect x="{LEFT + 400}" y="{ly - 9}" width="30" height="10" fill="#6b7280" opacity="0.25"/>'
               f'<text x="{LEFT + 436}" y="{ly}">date known only to the month or year</text></g>')
    out.append("</svg>")
    return "".join(out)


def _row_points(row: list[Point], y: int, color: str, x) -> list[str]:
    """The points of one row; points at the same period and status share one marker ('×2')."""
    groups: dict[tuple, list[Point]] = {}
    for p in row:
        groups.setdefault((p.start, p.end, p.status, p.label), []).append(p)
    out, free_from = [], {"above": -1e9, "below": -1e9}  # where the next label may start, per side
    for (start, end, status, label), same in sorted(groups.items(), key=lambda kv: kv[0][:2]):
        x0, x1 = x(start), x(end)
        text = label + (f" ×{len(same)}" if len(same) > 1 else "")
        tips = [f"{p.title} — {p.label} — {p.status} — sources: {'; '.join(p.sources)}" for p in same]
        parts = [f"<title>{esc(chr(10).join(tips))}</title>"]
        if x1 - x0 > 2:  # month or year precision: the whole period, faintly
            parts.append(f'<rect x="{x0:.1f}" y="{y - 5}" width="{x1 - x0:.1f}" height="10" fill="{color}" opacity="0.22" rx="3"/>')
        parts.append(_marker(x0, y, color, status))
        side = "above" if x0 >= free_from["above"] or free_from["above"] <= free_from["below"] else "below"
        free_from[side] = x0 + CHAR * len(text) + 8
        ty = y - 10 if side == "above" else y + 19
        width = CHAR * len(text)
        anchor = ' text-anchor="end"' if x0 + width > WIDTH - 4 else ""  # keep labels inside the chart
        tx = x0 - 4 if anchor else x0 + 2
        parts.append(f'<text x="{tx:.1f}" y="{ty}" font-size="11" fill="#111827"{anchor}>{esc(text)}</text>')
        ids = " ".join(p.id for p in same)
        out.append(f'<g class="qa-point" data-event="{esc(ids)}">{"".join(parts)}</g>')
    return out
