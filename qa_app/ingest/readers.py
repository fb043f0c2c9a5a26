"""Turn paths (files, folders, JSONL, stdin) into raw articles, reporting every bad item.

Readers never raise for one bad item: they yield a `ReadFailure` naming the item and
carry on, so every good file is still ingested.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# A well-formed UTF-8 sequence of two to four bytes (RFC 3629).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)

# Magic numbers of common binary formats that get renamed to .txt.
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b")


@dataclass
class RawArticle:
    """One article as read, before cleaning."""

    source: str  # path, path:line for JSONL, or "<stdin>"
    text: str  # plain text (for HTML: the main text extracted by trafilatura)
    kind: str  # "text" | "html" | "jsonl"
    title: str | None = None
    url: str | None = None
    published: str | None = None
    given_id: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "decoded as cp1252"


@dataclass
class ReadFailure:
    source: str
    reason: str


@dataclass
class ReadSkip:
    source: str
    reason: str


ReadResult = RawArticle | ReadFailure | ReadSkip


def decode_bytes(data: bytes, source: str, max_bytes: int) -> tuple[str | None, str | None, list[str]]:
    """(text, failure reason, notes) for a file's bytes."""
    problem = _file_problem(data, max_bytes)
    if problem:
        return None, problem, []
    try:
        return data.decode("utf-8-sig"), None, []
    except UnicodeDecodeError as exc:
        pos = exc.start
    # A file that holds valid UTF-8 multi-byte characters is UTF-8 with corrupt bytes:
    # decoding it as cp1252 would silently turn every ’ or é into mojibake, so reject it.
    if _UTF8_MULTIBYTE.search(data):
        return None, f"invalid UTF-8 at byte {pos}; save the file as UTF-8", []
    # Scraped pages in legacy encodings are common: fall back to cp1252 when the bytes
    # decode cleanly and contain no control characters; otherwise reject.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, f"invalid UTF-8 at byte {pos} and not cp1252 either", []
    if any(ord(c) < 32 and c not in "\n\r\t\f" for c in text):
        return None, f"invalid UTF-8 at byte {pos}", []
    return text, None, [f"invalid UTF-8 at byte {pos}; decoded as cp1252"]


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page, through trafilatura."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    info = {"title": None, "published": None, "url": None}
    if meta is not None:
        info = {"title": meta.title, "published": meta.date, "url": meta.url}
    return text, info


def _article_from_text(source: str, text: str, kind: str, notes: list[str]) -> ReadResult:
    if kind == "html":
        body, meta = html_to_text(text)
        if not body.strip():
            return ReadFailure(source, "HTML page has no main text")
        return RawArticle(source, body, "html", title=meta["title"], published=meta["published"], url=meta["url"], notes=notes)
    return RawArticle(source, text, "text", notes=notes)


# Fields of a JSONL line and the types each may have (null is always allowed).
_JSONL_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "text": str, "html": str, "title": str, "url": str, "published": str, "id": (str, int),
}


def _read_jsonl(source: str, data: bytes) -> Iterator[ReadResult]:
    # Lines are decoded one by one, so a line with invalid UTF-8 fails alone and the
    # good lines around it are still read.
    for lineno, raw_line in enumerate(data.splitlines(), start=1):
        where = f"{source}:{lineno}"
        if not raw_line.strip():
            continue
        try:
            line = raw_line.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield ReadFailure(where, f"invalid UTF-8 at byte {exc.start} of the line")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"malformed JSON ({exc.msg}: column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield ReadFailure(where, "JSONL line is not an object")
            continue
        # A number or list where a string belongs would crash cleaning or metadata later.
        bad = [k for k, t in _JSONL_FIELD_TYPES.items() if obj.get(k) is not None and not isinstance(obj[k], t)]
        if bad:
            yield ReadFailure(where, f'field "{bad[0]}" must be a string, not {type(obj[bad[0]]).__name__}')
            continue
        body, kind = obj.get("text"), "text"
        if not (body or "").strip() and obj.get("html"):  # an empty "text" beside an "html"
            body, kind = obj["html"], "html"
        if not isinstance(body, str) or not body.strip():
            yield ReadFailure(where, 'no "text" or "html" field with content')
            continue
        item = _article_from_text(where, body, kind, [])
        if isinstance(item, RawArticle):
            item.title = obj.get("title") or item.title
            item.url = obj.get("url") or item.url
            item.published = obj.get("published") or item.published
            item.given_id = None if obj.get("id") is None else str(obj["id"])
            item.kind = "jsonl"
        yield item


def _read_file(path: Path, max_bytes: int) -> Iterator[ReadResult]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield ReadFailure(source, f"unsupported file type {suffix or '(none)'}; expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadFailure(source, f"file too large ({size:,} bytes > limit {max_bytes:,}; set QA_APP_MAX_FILE_BYTES)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(source, f"cannot read: {exc.strerror or exc}")
        return
    yield from _read_bytes(source, suffix, data, max_bytes)


def _read_bytes(source: str, suffix: str, data: bytes, max_bytes: int) -> Iterator[ReadResult]:
    if suffix in JSONL_SUFFIXES:
        reason = _file_problem(data, max_bytes)
        if reason:
            yield ReadFailure(source, reason)
        else:
            yield from _read_jsonl(source, data)
        return
    text, reason, notes = decode_bytes(data, source, max_bytes)
    if reason:
        yield ReadFailure(source, reason)
        return
    yield _article_from_text(source, text, "html" if suffix in HTML_SUFFIXES else "text", notes)


def _file_problem(data: bytes, max_bytes: int) -> str | None:
    """Why these bytes cannot be an article whatever their encoding, or None."""
    if not data.strip():
        return "empty file"
    if len(data) > max_bytes:
        return f"file too large ({len(data):,} bytes > limit {max_bytes:,}; set QA_APP_MAX_FILE_BYTES)"
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        return "binary file, not text"
    return None


def _walk(folder: Path) -> list[Path]:
    """Supported files under `folder`, skipping hidden files and folders (.git, .venv...)."""
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read_inputs(paths: Iterable[str], max_bytes: int, stdin: bytes | None = None) -> Iterator[ReadResult]:
    """Every article from `paths`, plus a failure or skip for every bad or repeated item."""
    seen: set[Path] = set()
    for given in paths:
        if given == "-":
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            suffix = ".html" if data.lstrip()[:1] == b"<" else ".txt"
            yield from _read_bytes("<stdin>", suffix, data, max_bytes)
            continue
        path = Path(given)
        if not path.exists():
            yield ReadFailure(given, "no such file or directory")
            continue
        files = _walk(path) if path.is_dir() else [path]
        if path.is_dir() and not files:
            yield ReadFailure(given, "folder holds no .txt, .md, .html, .htm or .jsonl file")
        for f in files:
            key = f.resolve()
            if key in seen:
                yield ReadSkip(str(f), "path given twice; read once")
                continue
            seen.add(key)
            yield from _read_file(f, max_bytes)
