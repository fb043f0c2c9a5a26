"""Resolving date hits to ISO values with a precision, against the publication date.

Resolution never uses today's date: relative expressions count from the publication date,
year-less dates take their year from it or from other dates in the article, and otherwise
stay unresolved (value None).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from qa_app.nlp.date_hits import Hit
from qa_app.nlp.date_lexicon import Lang


@dataclass
class DateValue:
    value: str | None
    end: str | None
    precision: str | None  # "day" | "month" | "year" | None
    text: str
    resolution: str  # "absolute" | "relative_to_published" | "year_from_context" | "unresolved"


def iso(d: dt.date, precision: str) -> str:
    return {"day": d.isoformat(), "month": f"{d.year:04d}-{d.month:02d}", "year": f"{d.year:04d}"}[precision]


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day(s: str | None) -> int | None:
    return int(re.match(r"\d+", s).group()) if s else None


def year_of(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    return y + 2000 if y < 100 else y


def _unresolved(text: str) -> DateValue:
    return DateValue(None, None, None, text, "unresolved")


@dataclass
class Context:
    published: dt.date | None
    lang: Lang
    text: str
    future: bool = False  # the sentence announces something planned
    # "Xi was due to speak at a dinner on Wednesday": what was to come at some moment before the page
    # was written may be just before or just after it; a bare weekday is then the nearest one
    expected_then: bool = False


WEEKDAY_YEARS = 6  # how far from the base year a weekday may move a year-less date


def _far_after(d: dt.date, ctx: Context) -> bool:
    """A reported (not announced) date more than a month after publication is not the one meant."""
    return bool(ctx.published and not ctx.future and (d - ctx.published).days > 31)


def _pick_year(month: int, day: int, wd: int | None, base: int, ctx: Context) -> tuple[dt.date | None, str]:
    """A year-less date: the base year, adjusted by weekday or by distance to publication."""
    cands = [(y, safe_date(y, month, day)) for y in (base, base - 1, base + 1)]
    cands = [(y, d) for y, d in cands if d]
    if not cands:
        return None, "invalid"
    if wd is not None:
        # The weekday fixes the year: the nearest year in which that day falls on it, looking
        # back first for a report ("Rabu (13/7)" in a page published in January 2024 is 2022).
        order = [base, base + 1] if ctx.future else [base, base - 1]
        order += [y for k in range(1, WEEKDAY_YEARS + 1) for y in ((base - k, base + k) if not ctx.future else (base + k, base - k))]
        for y in dict.fromkeys(order):
            d = safe_date(y, month, day)
            if d and d.weekday() == wd and not _far_after(d, ctx):
                return d, "ok" if y == base else "adjusted"
        return cands[0][1], "mismatch"
    d = cands[0][1]
    if ctx.published and cands[0][0] == base:
        # "had been due in early February": a plan told in the past may lie before the report
        if (not ctx.future or ctx.expected_then) and (d - ctx.published).days > 183:
            d = safe_date(base - 1, month, day) or d
        elif ctx.future and not ctx.expected_then and (ctx.published - d).days > 31:
            d = safe_date(base + 1, month, day) or d
    return d, "none"


def month_of(lang: Lang, s: str | None) -> int | None:
    return lang.months.get(s.lower().rstrip(".")) if s else None


def weekday_of(lang: Lang, s: str | None) -> int | None:
    return lang.weekdays.get(s.lower()) if s else None


def _dmy_parts(h: Hit, lang: Lang) -> tuple[int, int] | None:
    a, b = int(h.g["a"]), int(h.g["b"])
    day, month = (b, a) if lang.date_order.startswith("M") else (a, b)
    if not (1 <= month <= 12):
        day, month = month, day
    return (day, month) if 1 <= month <= 12 and 1 <= day <= 31 else None


def resolve_hit(h: Hit, ctx: Context, year_for) -> DateValue:
    """DateValue of one hit; `year_for()` gives (context year, source) for year-less dates."""
    text = ctx.text[h.start:h.end]
    lang, g, k = ctx.lang, h.g, h.kind
    if k in ("year", "year_range"):
        y1 = int(g.get("y") or g.get("y1"))
        end = g.get("y2")
        return DateValue(f"{y1:04d}", end and f"{int(end):04d}", "year", text, "absolute")
    if k == "month_year":
        return DateValue(f"{int(g['y']):04d}-{month_of(lang, g['m']):02d}", None, "month", text, "absolute")
    if k == "iso":
        d = safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return DateValue(d.isoformat(), None, "day", text, "absolute") if d else _unresolved(text)
    if k in ("relative", "relative_n"):
        return _resolve_relative(h, ctx, text)
    if k in ("weekday", "wd_pair"):
        return _resolve_weekday(h, ctx, text)
    if k == "month":
        return _resolve_month(h, ctx, text, year_for)
    parts = _day_parts(h, lang)
    if not parts:
        return _unresolved(text)
    dv = _resolve_day(h, ctx, text, parts, year_for)
    if k == "wd_numeric" and h.extra.get("weekday_check") != "ok":
        # "Monday (3/6)": day/month or month/day, whichever falls on that weekday
        d, m = parts[0], parts[1]
        if d <= 12 and d != m:
            first = dict(h.extra)
            other = _resolve_day(h, ctx, text, (m, d, None, None), year_for)
            if h.extra.get("weekday_check") == "ok":
                return other
            h.extra.clear()
            h.extra.update(first)
    return dv


def _day_parts(h: Hit, lang: Lang) -> tuple[int, int, int | None, int | None] | None:
    """(day, month, end day, end month) of a day-precision hit."""
    g, k = h.g, h.kind
    if k in ("numeric", "wd_numeric"):
        parts = _dmy_parts(h, lang)
        return (parts[0], parts[1], None, None) if parts else None
    if k in ("dm_dm_range", "md_md_range"):
        return _day(g["d1"]), month_of(lang, g["m1"]), _day(g["d2"]), month_of(lang, g["m2"])
    if k in ("dm_range", "md_range"):
        return _day(g["d1"]), month_of(lang, g["m"]), _day(g["d2"]), month_of(lang, g["m"])
    return _day(g["d"]), month_of(lang, g["m"]), None, None


def _resolve_day(h: Hit, ctx: Context, text: str, parts, year_for) -> DateValue:
    """A day or a day range: its own year, else one from year_for(), checked against a weekday."""
    d1, m1, d2, m2 = parts
    g = h.g
    wd = weekday_of(ctx.lang, g.get("wd"))
    year = year_of(g.get("y"))
    if year:
        if d2 is not None and m2 != m1:  # "30 Desember [2023] - 2 Januari 2024": the start may be a year earlier
            year = year_of(g.get("y1")) or (year if (m1, d1) <= (m2, d2) else year - 1)
        start = safe_date(year, m1, d1)
        if not start:
            return _unresolved(text)
        if wd is not None:
            h.extra["weekday_check"] = "ok" if start.weekday() == wd else "mismatch"
        resolution = "absolute"
    else:
        base, source = year_for()
        if base is None:
            return _unresolved(text)
        start, check = _pick_year(m1, d1, wd, base, ctx)
        if not start:
            return _unresolved(text)
        if wd is not None:
            h.extra["weekday_check"] = check
        h.extra["year_source"] = source
        resolution = _year_resolution(source)
    end = None
    if d2 is not None:
        e = safe_date(start.year, m2, d2)
        if e and e < start:
            e = safe_date(start.year + 1, m2, d2)  # the range crosses New Year
        end = e.isoformat() if e and e >= start else None
    return DateValue(start.isoformat(), end, "day", text, resolution)


def _says_last(text: str, h: Hit, lang: Lang) -> bool:
    return bool(lang.last_before.search(text[max(0, h.start - 6):h.start]) or lang.last_after.match(text[h.end:h.end + 12]))


def _resolve_month(h: Hit, ctx: Context, text: str, year_for) -> DateValue:
    month = month_of(ctx.lang, h.g["m"])
    base, source = year_for()
    if base is None or not month:
        return DateValue(None, None, None, text, "unresolved")
    d, _ = _pick_year(month, 1, None, base, ctx)
    if ctx.published and source == "published" and _says_last(ctx.text, h, ctx.lang):
        year = ctx.published.year - (1 if month >= ctx.published.month else 0)
        d = dt.date(year, month, 1)
    h.extra["year_source"] = source
    return DateValue(iso(d, "month"), None, "month", text, _year_resolution(source))


def _year_resolution(source: str) -> str:
    """A year stated in the same sentence makes the date absolute; otherwise it is inferred."""
    return "absolute" if source == "sentence" else "year_from_context"


def _shift(d: dt.date, amount: int, unit: str) -> tuple[dt.date, dt.date | None, str]:
    """(start, end, precision) of `d` moved by amount units."""
    if unit == "day":
        return d + dt.timedelta(days=amount), None, "day"
    if unit == "week":
        # "pekan depan", "earlier in the week" name no day: the month of that week's Monday
        monday = d - dt.timedelta(days=d.weekday()) + dt.timedelta(weeks=amount)
        return dt.date(monday.year, monday.month, 1), None, "month"
    if unit == "month":
        idx = d.year * 12 + d.month - 1 + amount
        return dt.date(idx // 12, idx % 12 + 1, 1), None, "month"
    return dt.date(d.year + amount, 1, 1), None, "year"


def _weekend(d: dt.date, amount: int, future: bool) -> tuple[dt.date, dt.date, str]:
    """Saturday and Sunday of the weekend meant: -1 the one gone by ("last weekend", "akhir pekan
    lalu"), 1 the one to come, 0 ("over the weekend", "this weekend") the nearest in the sentence's
    tense; on a Saturday or Sunday, 0 is the weekend of the report."""
    on_weekend = d.weekday() >= 5
    last_saturday = _on_or_before(d, 5)
    if amount == 0 and on_weekend:
        saturday = last_saturday
    elif amount > 0 or (amount == 0 and future):
        saturday = _after(d, 5) if not on_weekend else last_saturday + dt.timedelta(days=7)
    else:
        saturday = last_saturday - dt.timedelta(days=7) if on_weekend else last_saturday
    return saturday, saturday + dt.timedelta(days=1), "day"


def _resolve_relative(h: Hit, ctx: Context, text: str) -> DateValue:
    if h.kind == "relative":
        amount, unit = ctx.lang.relative[h.g["rel"].lower()]
    else:
        n = h.g["n"].lower()
        amount = -(int(n) if n.isdigit() else ctx.lang.number_words[n])
        unit = ctx.lang.units[h.g["unit"].lower()]
    if not ctx.published:
        return DateValue(None, None, None, text, "unresolved")
    if unit == "weekend":
        start, end, precision = _weekend(ctx.published, amount, ctx.future)
    else:
        start, end, precision = _shift(ctx.published, amount, unit)
    return DateValue(iso(start, precision), end and end.isoformat(), precision, text, "relative_to_published")


def _on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _after(anchor: dt.date, weekday: int) -> dt.date:
    """The first such weekday after the anchor day."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def _resolve_weekday(h: Hit, ctx: Context, text: str) -> DateValue:
    anchor = h.extra.get("_anchor") or ctx.published
    if not anchor:
        return DateValue(None, None, None, text, "unresolved")
    g = h.g
    if h.kind == "wd_pair":
        w1, w2 = weekday_of(ctx.lang, g["w1"]), weekday_of(ctx.lang, g["w2"])
        if ctx.future:  # "will take place from Monday to Tuesday": the coming ones, from the day of writing
            first = _after(anchor - dt.timedelta(days=1), w1)
            return DateValue(first.isoformat(), _after(first - dt.timedelta(days=1), w2).isoformat(), "day", text,
                             "relative_to_published")
        later = _on_or_before(anchor, w2)
        earlier = _on_or_before(later - dt.timedelta(days=1), w1) if w1 != w2 else later
        return DateValue(earlier.isoformat(), later.isoformat(), "day", text, "relative_to_published")
    w = weekday_of(ctx.lang, g["w"])
    mod = (g.get("pre") or g.get("post") or "").lower()
    direction = ctx.lang.modifiers.get(mod)
    if direction == "next":
        d = _after(anchor, w)
    elif ctx.future and ctx.expected_then and direction is None:
        back, ahead = _on_or_before(anchor, w), _after(anchor, w)
        d = back if (anchor - back) <= (ahead - anchor) else ahead
    elif ctx.future and direction != "past":
        d = _after(anchor - dt.timedelta(days=1), w)  # "will meet on Sunday", written on a Sunday: that day
    elif direction == "past":
        d = _on_or_before(anchor - dt.timedelta(days=1), w)  # "last Wednesday", written on a Wednesday: a week ago
    else:
        d = _on_or_before(anchor, w)
    return DateValue(d.isoformat(), None, "day", text, "relative_to_published")

