"""Language, title and publication date of an article, each with its provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from qa_app.ingest.clean import CleanResult, is_dateline
from qa_app.ingest.published import published_in_lines
from qa_app.text.language import detect_language


@dataclass
class Field:
    value: str | None
    provenance: str  # "given" | "html" | "detected" | "none"


@dataclass
class ArticleMeta:
    language: Field
    title: Field
    published: Field


_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def date_from_dateline(line: str) -> str | None:
    """ISO date of a dateline such as "Jum'at, 01/03/2024 05:05 WIB" (day first)."""
    m = _DMY.search(line)
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


_FALLBACK_DATE_LANGUAGES = ["en", "id", "ms", "fr", "es", "pt", "de", "nl", "it", "ru", "ar", "zh", "ja", "ko", "vi", "th", "tl"]


def normalize_published(value: str, language: str | None = None) -> str | None:
    """ISO date (YYYY-MM-DD) of a given publication date in any common format."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", value):
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None  # "2024-13-45": not a date
    import dateparser

    langs = [language, "en"] if language and language != "en" else ["en"]
    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(value, languages=langs, settings=settings)
    if parsed is None:
        # Site metadata need not share the article's language ("6 Mei 2024" on an
        # English page): try common news languages (a fixed list; dateparser's full
        # auto-detection costs seconds on its first call).
        parsed = dateparser.parse(value, languages=_FALLBACK_DATE_LANGUAGES, settings=settings)
    return parsed.date().isoformat() if parsed else None


def _dateline_in(raw_head: str) -> str | None:
    for line in raw_head.splitlines()[:8]:
        if is_dateline(line) or re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}[:.]\d{2}", line):
            found = date_from_dateline(line)
            if found:
                return found
    return None


_WORD = re.compile(r"[^\W\d_]{4,}")


def _headline(cleaned: CleanResult) -> str:
    """The first header line that reads like a headline (four words or more, no full stop, no
    photo credit) and shares three words with the start of the body: not the site's name, a
    section or a tagline above it, nor a caption below it. Else the line that shares most (two at
    least), else the first header line."""
    from qa_app.text.sentences import CAPTION

    header = cleaned.header_lines
    at = cleaned.text.find(header[-1]) + len(header[-1])
    body = {w.lower() for w in _WORD.findall(cleaned.text[at:at + 1500])}
    def shared(line: str) -> int:
        if len(line.split()) < 4 or line.rstrip().endswith(".") or CAPTION.match(line):
            return 0
        return len({w.lower() for w in _WORD.findall(line)} & body)
    first = next((line for line in header if shared(line) >= 3), None)
    best = max(header, key=shared)  # the first of equals
    return first or (best if shared(best) >= 2 else header[0])


def build_meta(
    cleaned: CleanResult,
    raw_text: str,
    given_title: str | None,
    given_published: str | None,
    given_source: str,
) -> ArticleMeta:
    language = Field(detect_language(cleaned.text), "detected")
    if given_title:
        title = Field(given_title.strip(), given_source)
    elif cleaned.header_lines:
        title = Field(_headline(cleaned), "detected")
    else:
        first = cleaned.text.split("\n", 1)[0]
        title = Field(first[:120].rstrip() + ("…" if len(first) > 120 else ""), "detected")
    published = Field(None, "none")
    if given_published:
        iso = normalize_published(given_published, language.value)
        if iso:
            published = Field(iso, given_source)
    if published.value is None:
        found = published_in_lines(raw_text) or _dateline_in(raw_text[:2000])
        if found:
            published = Field(found, "detected")
    return ArticleMeta(language, title, published)
