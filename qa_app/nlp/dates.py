"""Dates: find them with exact spans and resolve them to ISO values with a precision.

Month and weekday names come from dateparser's locale data (plus lex_dates.json);
the patterns are our own regexes, because on news text ``dateparser.search`` is slow
(~25 ms an article) and both misses ("Selasa, 13 Agustus 2024", "Senin dan Selasa")
and invents dates ("Sun" the surname, "may", "2+2", "20th"). dateparser is still used
for its locale data, for languages without a lexicon here (``search_dates`` with a
RELATIVE_BASE), and as the fallback parser of :func:`resolve_date`.

Resolution never uses today's date: relative expressions are resolved against the
publication date, year-less dates take their year from the publication date or from
other dates in the article, and otherwise stay unresolved (value None).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from qa_app.nlp.lexicon import load
from qa_app.nlp.mentions import Mention, make

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "se": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4,
                 "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10}
_UNITS = {"day": "day", "days": "day", "hari": "day", "week": "week", "weeks": "week", "minggu": "week",
          "pekan": "week", "month": "month", "months": "month", "bulan": "month", "year": "year",
          "years": "year", "tahun": "year"}


@dataclass
class DateValue:
    value: str | None
    end: str | None
    precision: str | None  # "day" | "month" | "year" | None
    text: str
    resolution: str  # "absolute" | "relative_to_published" | "year_from_context" | "unresolved"


# --- lexicon and patterns ------------------------------------------------------------------


@dataclass
class _Lang:
    months: dict[str, int]  # lower-case name/abbreviation -> month
    full_months: frozenset[str]
    weekdays: dict[str, int]  # lower-case name -> 0 (Monday) .. 6
    patterns: list[tuple[str, re.Pattern]]
    anchors: frozenset[str]  # lower-case words a date pattern can start with (besides digits)
    relative: dict[str, tuple[int, str]]  # phrase -> (signed amount, unit)
    date_order: str
    month_preps: frozenset[str]
    ambiguous_weekdays: dict[str, frozenset[str]]
    not_year_after: frozenset[str]
    relative_blockers: frozenset[str]
    covered: bool
    capitalised: bool  # month/weekday names need a capital letter  # a lexicon exists for this language


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _locale_info(language: str) -> dict[str, Any]:
    from dateparser.languages.loader import default_loader

    try:
        return default_loader.get_locale(language).info
    except Exception:  # unknown language code
        return {}


def _relative_phrases(info: dict[str, Any]) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for key, phrases in (info.get("relative-type") or {}).items():
        m = re.fullmatch(r"(in )?(\d+) (day|week|month|year)( ago)?", key)
        if not m or not m.group(4):
            continue  # only "N ago" phrases: "in 1 year" / "1 year" ("setahun") read as durations in news
        amount = int(m.group(2)) * (-1 if m.group(4) else 1)
        for p in phrases:
            if re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", p) and len(p) > 3:
                out[p.lower()] = (amount, m.group(3))
    return out


_RELATED_LANGS = {"ms": ("id",), "id": ("ms",)}  # Malay and Indonesian share most date words


@lru_cache(maxsize=16)
def _lang(language: str) -> _Lang:
    lex = load("dates")
    covered = language in lex["nouns"]
    infos = [_locale_info(language)] + ([_locale_info("en")] if language != "en" else [])
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    full: set[str] = set()
    relative: dict[str, tuple[int, str]] = {}
    for info in infos:
        for i, key in enumerate(_MONTHS):
            names = [n for n in info.get(key, []) if n.replace(".", "").isalpha() and len(n) >= 3]
            for n in names:
                months.setdefault(n.lower(), i + 1)
            if names:
                full.add(max(names, key=len).lower())
        for i, key in enumerate(_WEEKDAYS):
            for n in info.get(key, []):
                if n.replace("'", "").isalpha() and len(n) >= 4:
                    weekdays.setdefault(n.lower(), i)
        for p, v in _relative_phrases(info).items():
            relative.setdefault(p, v)
    for lang in {language, "en", *_RELATED_LANGS.get(language, ())}:
        for phrase, (amount, unit) in lex["extra_relative"].get(lang, {}).items():
            relative.setdefault(phrase, (amount, unit))
    for lang in {language, "en"}:
        for key, names in lex["extra_months"].get(lang, {}).items():
            for n in names:
                months.setdefault(n.lower(), _MONTHS.index(key) + 1)
                if len(n) >= 4:
                    full.add(n.lower())
        for key, names in lex["extra_weekdays"].get(lang, {}).items():
            for n in names:
                weekdays.setdefault(n.lower(), _WEEKDAYS.index(key))
    full.discard("may") if language != "en" else None
    nouns = {k: [] for k in ("day", "month", "year")}
    ranges = set()
    for lang in {language, "en"}:
        for k, v in lex["nouns"].get(lang, {}).items():
            nouns[k].extend(v)
        ranges.update(lex["range_words"].get(lang, []))
    order = (infos[0].get("date_order") or "DMY") if infos and infos[0] else "DMY"
    patterns = _build_patterns(months, full, weekdays, nouns, ranges, relative)
    starts = set(months) | set(weekdays) | {w for v in nouns.values() for w in v} | \
        {p.split()[0] for p in relative} | {"last", "next", "this", "tanggal", "tgl"} | \
        {w for w in _NUMBER_WORDS if len(w) > 2}
    anchors = frozenset(re.split(r"[^\w]", w.lower())[0] for w in starts)
    month_preps = {"in", "on", "since", "until", "by", "during", "from", "to", "early", "late", "mid",
                   "last", "next", "this", "end", "of", "pada", "sejak", "hingga", "sampai", "selama",
                   "awal", "akhir", "pertengahan", "bulan", "hingga", "akhir", "medio", "per"}
    return _Lang(months, frozenset(full), weekdays, patterns, anchors, relative, order, frozenset(month_preps),
                 {k.lower(): frozenset(v) for k, v in lex["ambiguous_weekdays"].items()},
                 frozenset(lex["not_year_after"]), frozenset(lex["relative_blockers_before"]), covered,
                 language in lex["capitalised_names"])


def _build_patterns(months, full, weekdays, nouns, ranges, relative) -> list[tuple[str, re.Pattern]]:
    M = rf"(?:{_alt(months)})\.?"
    MF = rf"(?:{_alt(full)})"
    W = rf"(?:{_alt(weekdays)})"
    D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    Y = r"(?:1[89]\d\d|20\d\d|21\d\d)(?!\d)"
    R = rf"\s*(?:{_alt(ranges)})\s*"
    dn = _alt(nouns["day"]) or "(?!x)x"
    mn = _alt(nouns["month"]) or "(?!x)x"
    yn = _alt(nouns["year"]) or "(?!x)x"
    B = r"(?<![\w/+.-])"  # start boundary
    wd = rf"(?:(?P<wd>{W})\s*,?\s+)?"
    spec = [
        ("dm_dm_range", rf"{B}(?P<d1>{D})\s+(?P<m1>{M})(?:\s+(?P<y1>{Y}))?{R}(?P<d2>{D})\s+(?P<m2>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("md_md_range", rf"{B}(?P<m1>{M})\s+(?P<d1>{D})(?:,?\s+(?P<y1>{Y}))?{R}(?P<m2>{M})\s+(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("dm_range", rf"{B}{wd}(?P<d1>{D}){R}(?P<d2>{D})\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("md_range", rf"{B}(?P<m>{M})\s+(?P<d1>{D}){R}(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("dmy", rf"{B}{wd}(?:(?:tanggal|tgl\.?)\s+)?(?P<d>{D})\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("mdy", rf"{B}{wd}(?P<m>{M})\s+(?P<d>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("wd_numeric", rf"(?P<wd>{W})\s*\(\s*(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})(?:[/.-](?P<y>\d{{2}}|\d{{4}}))?\s*\)"),
        ("numeric", rf"{B}{wd}(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})[/.-](?P<y>(?:19|20)\d\d)(?![\d/])"),
        ("iso", rf"{B}(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
        ("month_year", rf"{B}(?:(?P<noun>{mn})\s+)?(?P<m>{M})\s+(?:(?:{yn})\s+)?(?P<y>{Y})"),
        ("relative_n", rf"{B}(?P<n>\d{{1,3}}|{_alt(_NUMBER_WORDS)})\s+(?P<unit>{_alt(_UNITS)})\s+(?:yang\s+)?(?P<dir>ago|lalu|silam|yang lalu)\b"),
        ("relative", rf"{B}(?P<rel>{_alt(relative)})\b" if relative else r"(?!x)x"),
        ("wd_pair", rf"{B}(?:(?P<noun>{dn})\s+)?(?P<w1>{W}){R}(?P<w2>{W})\b"),
        ("weekday", rf"{B}(?:(?P<pre>last|next|this)\s+)?(?:(?P<noun>{dn})\s+)?(?P<w>{W})\b(?:\s+(?P<post>lalu|depan|ini)\b)?"),
        ("year_range", rf"{B}(?:(?P<noun>{yn})\s+)?(?P<y1>{Y})\s*(?:-|–|—|to|until|hingga|sampai)\s*(?P<y2>{Y})(?![\w+/%])"),
        ("year", rf"{B}(?:(?P<noun>{yn})\s+)?(?P<y>{Y})(?![\w+/%]|[.,]\d|-\d)"),
        ("month", rf"{B}(?:(?P<noun>{mn})\s+)?(?P<m>{MF})\b(?!\s*\d)"),
    ]
    return [(name, re.compile(p, re.IGNORECASE)) for name, p in spec]


# --- raw hits -------------------------------------------------------------------------------


@dataclass
class _Hit:
    kind: str
    start: int
    end: int
    g: dict[str, str | None]
    priority: int
    value: DateValue | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _capitalised(s: str | None) -> bool:
    return s is None or s[:1].isupper()


def _valid(hit: _Hit, text: str, lang: _Lang) -> bool:
    g = hit.g
    for k in ("m", "m1", "m2", "wd", "w", "w1", "w2"):
        if lang.capitalised and g.get(k) and not _capitalised(g[k]):
            return False  # "may", "march", "sun" as ordinary words
    for k in ("w", "w1", "w2", "wd"):
        word = (g.get(k) or "").lower()
        if word in lang.ambiguous_weekdays:
            after = re.match(r"\s+(\w+)", text[hit.end:hit.end + 20])
            if (g.get("post") or "").lower() in lang.ambiguous_weekdays[word] or (
                    after and after.group(1).lower() in lang.ambiguous_weekdays[word]):
                return False  # "minggu lalu" = last week
    if hit.kind in ("year", "year_range"):
        after = re.match(r"\s*(%|[^\W\d_]+)", text[hit.end:hit.end + 20])
        if after and after.group(1).lower() in lang.not_year_after:
            return False
    if hit.kind == "relative":
        before = re.search(r"([^\W\d_]+)\s+$", text[max(0, hit.start - 20):hit.start])
        if before and before.group(1).lower() in lang.relative_blockers:
            return False  # "puluhan tahun ini" = these decades
    if hit.kind == "month":
        before = re.search(r"([^\W\d_]+)[\s-]*$", text[max(0, hit.start - 20):hit.start])
        if not g.get("noun") and not (before and before.group(1).lower() in lang.month_preps):
            return False
    return True


def _raw_hits(text: str, lang: _Lang) -> list[_Hit]:
    """Every pattern tried at every anchor (a digit or a date word), then overlaps resolved."""
    hits: list[_Hit] = []
    from qa_app.text.tokens import word_tokens as tokenize

    positions = [t.start for t in tokenize(text) if t.text[0].isdigit() or t.text.lower() in lang.anchors]
    for priority, (kind, rx) in enumerate(lang.patterns):
        for pos in positions:
            m = rx.match(text, pos)
            if m and m.end() > m.start():
                h = _Hit(kind, m.start(), m.end(), m.groupdict(), priority)
                if _valid(h, text, lang):
                    hits.append(h)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.priority))
    out: list[_Hit] = []
    last_end = -1
    for h in hits:
        if h.start >= last_end:
            out.append(h)
            last_end = h.end
    return out


# --- resolution -------------------------------------------------------------------------------


def _iso(d: dt.date, precision: str) -> str:
    return {"day": d.isoformat(), "month": f"{d.year:04d}-{d.month:02d}", "year": f"{d.year:04d}"}[precision]


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day(s: str | None) -> int | None:
    return int(re.match(r"\d+", s).group()) if s else None


def _year(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    return y + 2000 if y < 100 else y


@dataclass
class _Context:
    published: dt.date | None
    lang: _Lang
    text: str
    future: bool = False  # the sentence announces something planned


WEEKDAY_YEARS = 6  # how far from the base year a weekday may move a year-less date


def _far_after(d: dt.date, ctx: _Context) -> bool:
    """A reported (not announced) date more than a month after publication is not the one meant."""
    return bool(ctx.published and not ctx.future and (d - ctx.published).days > 31)


def _pick_year(month: int, day: int, wd: int | None, base: int, ctx: _Context) -> tuple[dt.date | None, str]:
    """A year-less date: the base year, adjusted by weekday or by distance to publication."""
    cands = [(y, _safe_date(y, month, day)) for y in (base, base - 1, base + 1)]
    cands = [(y, d) for y, d in cands if d]
    if not cands:
        return None, "invalid"
    if wd is not None:
        # The weekday fixes the year: the nearest year in which that day falls on it, looking
        # back first for a report ("Rabu (13/7)" in a page published in January 2024 is 2022).
        order = [base, base + 1] if ctx.future else [base, base - 1]
        order += [y for k in range(1, WEEKDAY_YEARS + 1) for y in ((base - k, base + k) if not ctx.future else (base + k, base - k))]
        for y in dict.fromkeys(order):
            d = _safe_date(y, month, day)
            if d and d.weekday() == wd and not _far_after(d, ctx):
                return d, "ok" if y == base else "adjusted"
        return cands[0][1], "mismatch"
    d = cands[0][1]
    if ctx.published and cands[0][0] == base:
        if not ctx.future and (d - ctx.published).days > 183:
            d = _safe_date(base - 1, month, day) or d
        elif ctx.future and (ctx.published - d).days > 31:
            d = _safe_date(base + 1, month, day) or d
    return d, "none"


def _month(lang: _Lang, s: str | None) -> int | None:
    return lang.months.get(s.lower().rstrip(".")) if s else None


def _weekday(lang: _Lang, s: str | None) -> int | None:
    return lang.weekdays.get(s.lower()) if s else None


def _dmy_parts(h: _Hit, lang: _Lang) -> tuple[int, int] | None:
    a, b = int(h.g["a"]), int(h.g["b"])
    day, month = (b, a) if lang.date_order.startswith("M") else (a, b)
    if not (1 <= month <= 12):
        day, month = month, day
    return (day, month) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _resolve_hit(h: _Hit, ctx: _Context, year_for) -> DateValue:
    """DateValue of one hit; `year_for()` gives (context year, source) for year-less dates."""
    text = ctx.text[h.start:h.end]
    lang, g, k = ctx.lang, h.g, h.kind
    if k in ("year", "year_range"):
        y1 = int(g.get("y") or g.get("y1"))
        end = g.get("y2")
        return DateValue(f"{y1:04d}", end and f"{int(end):04d}", "year", text, "absolute")
    if k == "month_year":
        return DateValue(f"{int(g['y']):04d}-{_month(lang, g['m']):02d}", None, "month", text, "absolute")
    if k == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return DateValue(d.isoformat(), None, "day", text, "absolute") if d else _unresolved(text)
    if k in ("relative", "relative_n"):
        return _resolve_relative(h, ctx, text)
    if k in ("weekday", "wd_pair"):
        return _resolve_weekday(h, ctx, text)
    if k == "month":
        return _resolve_month(h, ctx, text, year_for)
    parts = _day_parts(h, lang)
    return _resolve_day(h, ctx, text, parts, year_for) if parts else _unresolved(text)


def _unresolved(text: str) -> DateValue:
    return DateValue(None, None, None, text, "unresolved")


def _day_parts(h: _Hit, lang: _Lang) -> tuple[int, int, int | None, int | None] | None:
    """(day, month, end day, end month) of a day-precision hit."""
    g, k = h.g, h.kind
    if k in ("numeric", "wd_numeric"):
        parts = _dmy_parts(h, lang)
        return (parts[0], parts[1], None, None) if parts else None
    if k in ("dm_dm_range", "md_md_range"):
        return _day(g["d1"]), _month(lang, g["m1"]), _day(g["d2"]), _month(lang, g["m2"])
    if k in ("dm_range", "md_range"):
        return _day(g["d1"]), _month(lang, g["m"]), _day(g["d2"]), _month(lang, g["m"])
    return _day(g["d"]), _month(lang, g["m"]), None, None


def _resolve_day(h: _Hit, ctx: _Context, text: str, parts, year_for) -> DateValue:
    """A day or a day range: its own year, else one from year_for(), checked against a weekday."""
    d1, m1, d2, m2 = parts
    g = h.g
    wd = _weekday(ctx.lang, g.get("wd"))
    year = _year(g.get("y"))
    if year:
        if d2 is not None and m2 != m1:  # "30 Desember [2023] - 2 Januari 2024": the start may be a year earlier
            year = _year(g.get("y1")) or (year if (m1, d1) <= (m2, d2) else year - 1)
        start = _safe_date(year, m1, d1)
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
        e = _safe_date(start.year, m2, d2)
        if e and e < start:
            e = _safe_date(start.year + 1, m2, d2)  # the range crosses New Year
        end = e.isoformat() if e and e >= start else None
    return DateValue(start.isoformat(), end, "day", text, resolution)


_LAST_BEFORE = re.compile(r"\b(?:last|past)\s+$", re.IGNORECASE)
_LAST_AFTER = re.compile(r"^\s+(?:lalu|lepas|yang lalu)\b", re.IGNORECASE)


def _says_last(text: str, h: _Hit) -> bool:
    return bool(_LAST_BEFORE.search(text[max(0, h.start - 6):h.start]) or _LAST_AFTER.match(text[h.end:h.end + 12]))


def _resolve_month(h: _Hit, ctx: _Context, text: str, year_for) -> DateValue:
    month = _month(ctx.lang, h.g["m"])
    base, source = year_for()
    if base is None or not month:
        return DateValue(None, None, None, text, "unresolved")
    d, _ = _pick_year(month, 1, None, base, ctx)
    if ctx.published and source == "published" and _says_last(ctx.text, h):
        year = ctx.published.year - (1 if month >= ctx.published.month else 0)
        d = dt.date(year, month, 1)
    h.extra["year_source"] = source
    return DateValue(_iso(d, "month"), None, "month", text, _year_resolution(source))


def _year_resolution(source: str) -> str:
    """A year stated in the same sentence makes the date absolute; otherwise it is inferred."""
    return "absolute" if source == "sentence" else "year_from_context"


def _shift(d: dt.date, amount: int, unit: str) -> tuple[dt.date, dt.date | None, str]:
    """(start, end, precision) of `d` moved by amount units."""
    if unit == "day":
        return d + dt.timedelta(days=amount), None, "day"
    if unit == "week":
        monday = d - dt.timedelta(days=d.weekday()) + dt.timedelta(weeks=amount)
        return monday, monday + dt.timedelta(days=6), "day"
    if unit == "month":
        idx = d.year * 12 + d.month - 1 + amount
        return dt.date(idx // 12, idx % 12 + 1, 1), None, "month"
    return dt.date(d.year + amount, 1, 1), None, "year"


def _resolve_relative(h: _Hit, ctx: _Context, text: str) -> DateValue:
    if h.kind == "relative":
        amount, unit = ctx.lang.relative[h.g["rel"].lower()]
    else:
        n = h.g["n"].lower()
        amount = -(int(n) if n.isdigit() else _NUMBER_WORDS[n])
        unit = _UNITS[h.g["unit"].lower()]
    if not ctx.published:
        return DateValue(None, None, None, text, "unresolved")
    start, end, precision = _shift(ctx.published, amount, unit)
    return DateValue(_iso(start, precision), end and end.isoformat(), precision, text, "relative_to_published")


def _on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _after(anchor: dt.date, weekday: int) -> dt.date:
    """The first such weekday after the anchor day."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def _resolve_weekday(h: _Hit, ctx: _Context, text: str) -> DateValue:
    anchor = h.extra.get("_anchor") or ctx.published
    if not anchor:
        return DateValue(None, None, None, text, "unresolved")
    g = h.g
    if h.kind == "wd_pair":
        w1, w2 = _weekday(ctx.lang, g["w1"]), _weekday(ctx.lang, g["w2"])
        if ctx.future:  # "will take place from Monday to Tuesday": the coming ones
            first = _after(anchor, w1)
            return DateValue(first.isoformat(), _after(first - dt.timedelta(days=1), w2).isoformat(), "day", text,
                             "relative_to_published")
        later = _on_or_before(anchor, w2)
        earlier = _on_or_before(later - dt.timedelta(days=1), w1) if w1 != w2 else later
        return DateValue(earlier.isoformat(), later.isoformat(), "day", text, "relative_to_published")
    w = _weekday(ctx.lang, g["w"])
    mod = (g.get("pre") or g.get("post") or "").lower()
    if mod in ("next", "depan") or (ctx.future and mod not in ("last", "lalu", "lepas")):
        d = _after(anchor, w)
    else:
        d = _on_or_before(anchor, w)
    return DateValue(d.isoformat(), None, "day", text, "relative_to_published")


# --- public API --------------------------------------------------------------------------------


def _parse_published(published: str | dt.date | None) -> dt.date | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(published))
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


_ABSOLUTE_KINDS = ("dm_dm_range", "md_md_range", "dm_range", "md_range", "dmy", "mdy", "numeric", "iso", "month_year", "year",
                   "year_range", "wd_numeric")


def _explicit_year(h: _Hit) -> int | None:
    if h.kind not in _ABSOLUTE_KINDS:
        return None
    y = h.g.get("y") or h.g.get("y1")
    return _year(y) if y else None


def _sentence_flags(text: str, lang_code: str) -> list[tuple[int, int, int | None, bool]]:
    """(start, end, offset of the first future cue or None, has_report_cue) per sentence."""
    import bisect

    from qa_app.text.sentences import sentences_of as sentences
    from qa_app.text.tokens import word_tokens as tokenize

    future, report = _cue_sets()
    sents = sentences(text)
    starts = [s.start for s in sents]
    flags = [[s.start, s.end, None, False] for s in sents]
    for t in tokenize(text):
        word = t.text.lower()
        col = 2 if word in future else 3 if word in report else 0
        if col:
            i = bisect.bisect_right(starts, t.start) - 1
            if i >= 0 and t.end <= flags[i][1]:
                flags[i][col] = True if col == 3 else (t.start if flags[i][2] is None else flags[i][2])
    return [tuple(f) for f in flags]


@lru_cache(maxsize=1)
def _cue_sets() -> tuple[frozenset[str], frozenset[str]]:
    lex = load("dates")
    return frozenset(w.lower() for w in lex["future_cues"]), frozenset(w.lower() for w in lex["report_cues"])


@lru_cache(maxsize=8)
def _cue_re(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"\b(?:{_alt(words)})\b", re.IGNORECASE)


def _sentence_of(flags, pos: int):
    for f in flags:
        if f[0] <= pos < f[1]:
            return f
    return None


@dataclass
class _Years:
    """Where a year-less date takes its year: publication, else explicit years nearby."""

    published: dt.date | None
    years: list[tuple[int, int]]  # (offset, year) of dates that state their year

    def for_date(self, pos: int, sent: tuple | None):
        def year_for() -> tuple[int | None, str]:
            if self.published:
                return self.published.year, "published"
            before = [(s, y) for s, y in self.years if s < pos]
            after = [(s, y) for s, y in self.years if s > pos]
            if before:
                s, y = before[-1]
                return y, "sentence" if sent and s >= sent[0] else "context"
            if after:
                s, y = after[0]
                return y, "sentence" if sent and s < sent[1] else "context"
            return None, "none"
        return year_for


def _report_anchor(h: _Hit, dv: DateValue, sent: tuple | None, hits: list[_Hit]) -> tuple[int, dt.date] | None:
    """'demikian laporan Kementerian ... pada Rabu': the report day, when its sentence has one weekday."""
    if h.kind != "weekday" or not dv.value or not sent or not sent[3]:
        return None
    in_sentence = [x for x in hits if x.kind in ("weekday", "wd_pair") and sent[0] <= x.start < sent[1]]
    return (sent[0], dt.date.fromisoformat(dv.value)) if len(in_sentence) == 1 else None


def find_dates(text: str, language: str = "en", published: str | dt.date | None = None,
               use_search: bool | None = None) -> list[Mention]:
    """Date mentions; value = ISO value (or None when unresolved), extra = DateValue fields.

    extra also holds "pattern", "phrase" (the words with a preposition right before
    them: "pada hari Senin dan Selasa"), and where they apply "weekday_check" (ok |
    adjusted | mismatch), "year_source" (published | sentence | context) and "anchor"
    (report_day: weekdays after "laporan ... pada Rabu" count back from that Wednesday).
    use_search: also run ``dateparser.search.search_dates`` (default: only for languages
    with no lexicon in lex_dates.json).
    """
    lang = _lang(language)
    pub = _parse_published(published)
    hits = _raw_hits(text, lang)
    flags = _sentence_flags(text, language)
    years = _Years(pub, [(h.start, _explicit_year(h)) for h in hits if _explicit_year(h)])
    anchor = None
    out: list[Mention] = []
    for h in hits:
        sent = _sentence_of(flags, h.start)
        # announced only when the future word comes first: "signed on Monday a pact that will ..." is past
        ctx = _Context(pub, lang, text, future=bool(sent and sent[2] is not None and sent[2] < h.start))
        if h.kind in ("weekday", "wd_pair") and anchor and sent and anchor[0] < sent[0]:
            h.extra["_anchor"] = anchor[1]
            h.extra["anchor"] = "report_day"
        dv = _resolve_hit(h, ctx, years.for_date(h.start, sent))
        anchor = anchor or _report_anchor(h, dv, sent, hits)
        extra = {**asdict(dv), "pattern": h.kind, "phrase": _phrase(text, h.start, h.end)}
        extra.update({k: v for k, v in h.extra.items() if not k.startswith("_")})
        out.append(make("date", text, h.start, h.end, dv.value, extra))
    out = _join_relative_years(text, out)
    if use_search or (use_search is None and not lang.covered):
        out.extend(_search_fallback(text, language, pub, out))
        out.sort(key=lambda m: m.start)
    return out


_LEAD = re.compile(r"(?:^|(?<=\W))(?:pada|on|in|at|since|from|until|till|by|during|sejak|semenjak|hingga|sehingga|sampai|"
                   r"selama|tanggal|depuis|jusqu'au|jusqu'en|le)\s+$",
                   re.IGNORECASE)


def _phrase(text: str, start: int, end: int) -> str:
    """The date words with a preposition right before them ("pada hari Senin dan Selasa")."""
    m = _LEAD.search(text, max(0, start - 12), start)
    return text[m.start() if m else start:end]


def resolve_date(words: str, language: str = "en", published: str | dt.date | None = None,
                 context_year: int | None = None) -> DateValue:
    """Resolve one date expression ("Senin (19/9)", "on Tuesday", "Oktober 2023").

    `words` may carry a few words around the date ("akan digelar pada bulan Oktober");
    a future cue among them keeps a year-less date from moving into the past.
    Year-less dates take the publication year, else `context_year`; relative ones
    need the publication date. Expressions our patterns do not cover go to dateparser,
    and a result that depends on the current date is reported as unresolved.
    """
    lang = _lang(language)
    pub = _parse_published(published)
    hits = _raw_hits(words, lang)
    if len(hits) == 1:
        h = hits[0]
        ctx = _Context(pub, lang, words, future=bool(_cue_re(tuple(load("dates")["future_cues"])).search(words)))

        def year_for() -> tuple[int | None, str]:
            if pub:
                return pub.year, "published"
            return (context_year, "context") if context_year else (None, "none")

        dv = _resolve_hit(h, ctx, year_for)
        return DateValue(dv.value, dv.end, dv.precision, words, dv.resolution)
    return _dateparser_resolve(words, language, pub, context_year)


# --- dateparser fallbacks ------------------------------------------------------------------------

_PROBE_BASES = (dt.datetime(2001, 1, 10), dt.datetime(2013, 7, 20))


def _dateparser_data(words: str, language: str, base: dt.datetime):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False}
    langs = [language] if language == "en" else [language, "en"]
    try:
        parser = DateDataParser(languages=langs, settings=settings)
    except ValueError:  # a language dateparser does not know
        parser = DateDataParser(settings=settings)
    return parser.get_date_data(words)


def _dateparser_resolve(words: str, language: str, pub: dt.date | None, context_year: int | None) -> DateValue:
    """dateparser with two fixed bases: a result that moves with the base is relative."""
    probes = [_dateparser_data(words, language, base) for base in _PROBE_BASES]
    first, second = probes[0].date_obj, probes[1].date_obj
    if first is None:
        return DateValue(None, None, None, words, "unresolved")
    precision = probes[0].period if probes[0].period in ("day", "month", "year") else "day"
    if first == second:
        return DateValue(_iso(first.date(), precision), None, precision, words, "absolute")
    if pub:
        data = _dateparser_data(words, language, dt.datetime.combine(pub, dt.time()))
        if data.date_obj is None:
            return DateValue(None, None, None, words, "unresolved")
        return DateValue(_iso(data.date_obj.date(), precision), None, precision, words, "relative_to_published")
    same_day = (first.month, first.day) == (second.month, second.day)
    if context_year and same_day and first.year != second.year:
        d = _safe_date(context_year, first.month, first.day)
        if d:
            return DateValue(_iso(d, precision), None, precision, words, "year_from_context")
    return DateValue(None, None, None, words, "unresolved")


def _search_fallback(text: str, language: str, pub: dt.date | None, found: list[Mention]) -> list[Mention]:
    """dateparser.search.search_dates for what our patterns missed (languages without a lexicon)."""
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"}
    if pub:
        settings["RELATIVE_BASE"] = dt.datetime.combine(pub, dt.time())
    langs = [language] if language == "en" else [language, "en"]
    try:
        results = search_dates(text, languages=langs, settings=settings) or []
    except Exception:  # unsupported language code
        return []
    out: list[Mention] = []
    pos = 0
    for phrase, _ in results:
        start = text.find(phrase, pos)
        if start < 0:
            continue
        pos = start + len(phrase)
        end = start + len(phrase)
        if any(m.start < end and start < m.end for m in found + out):
            continue
        if not re.search(r"\d{4}|[^\W\d_]{4,}\s+\d|\d\s+[^\W\d_]{3,}", phrase):
            continue  # lone numbers and short words ("2+2", "Sun", "may") are not dates
        dv = resolve_date(phrase, language, pub)
        out.append(make("date", text, start, end, dv.value, {**asdict(dv), "pattern": "dateparser_search"}))
    return out


_CALENDAR_LANGUAGES = ("en", "id", "ms", "fr")


def parse_calendar_words(text: str) -> str | None:
    """ISO day of a bare calendar date in words: "10 February 2022", "Tue 29 Jul 2025",
    "July 8 2024", "Khamis 20 Jun 2024". Every word must be a day, a month, a year or a
    weekday; anything else means the text is not just a date."""
    words = [w.strip(".").lower() for w in re.split(r"[\s,]+", text) if w.strip(".")]
    for code in _CALENDAR_LANGUAGES:
        lang = _lang(code)
        day = month = year = None
        ok = True
        for w in words:
            if w.isdigit() and len(w) == 4 and year is None:
                year = int(w)
            elif w.isdigit() and len(w) <= 2 and day is None:
                day = int(w)
            elif w in lang.months and month is None:
                month = lang.months[w]
            elif not _weekday_in(lang, w):
                ok = False
                break
        if ok and day and month and year:
            found = _safe_date(year, month, day)
            return found.isoformat() if found else None
    return None


def _weekday_in(lang: _Lang, word: str) -> bool:
    """A weekday name or its three-letter abbreviation ("tue", "jum'at", "khamis")."""
    w = word.lower().strip(".,")
    if w in lang.weekdays or w.replace("'", "").replace("’", "") in {k.replace("'", "") for k in lang.weekdays}:
        return True
    return len(w) == 3 and any(k.startswith(w) for k in lang.weekdays)


def is_weekday_word(word: str) -> bool:
    return any(_weekday_in(_lang(code), word) for code in _CALENDAR_LANGUAGES)


def _join_relative_years(text: str, found: list[Mention]) -> list[Mention]:
    """"November 29 to 30 last year", "awal April tahun lalu": the year word dates the day or month
    right before it; the two become one mention with that year."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if (prev is not None and m.extra.get("precision") == "year" and m.extra.get("pattern") == "relative"
                and prev.value and prev.extra.get("precision") in ("day", "month")
                and prev.extra.get("resolution") != "absolute" and not text[prev.end:m.start].strip() and m.value):
            out[-1] = _with_year(text, prev, m)
            continue
        out.append(m)
    return out


def _with_year(text: str, m: Mention, year_m: Mention) -> Mention:
    year = int(year_m.value[:4])
    shift = year - int(m.value[:4])

    def moved(v: str | None) -> str | None:
        return f"{int(v[:4]) + shift:04d}{v[4:]}" if v else v

    value, end = moved(m.value), moved(m.extra.get("end"))
    if len(value) == 10 and not _safe_date(int(value[:4]), int(value[5:7]), int(value[8:10])):
        return m  # 29 February of a year without one
    extra = {**m.extra, "value": value, "end": end, "text": text[m.start:year_m.end],
             "resolution": "relative_to_published", "phrase": _phrase(text, m.start, year_m.end)}
    return make("date", text, m.start, year_m.end, value, extra)
