"""Turn paths (files, folders, JSONL, stdin) into raw articles, reporting every bad item.

Readers never raise for one bad item: they yield a `ReadFailure` naming the item and
carry on, so every good file is still ingested.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from qa_app.ingest.decode import bom, decode_bytes, file_problem, too_large

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

#: Longest JSONL line read, in bytes (QA_APP_MAX_LINE_BYTES); longer lines are reported and skipped.
DEFAULT_MAX_LINE_BYTES = 2_000_000


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


def _jsonl_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(line number, UTF-8 bytes) of every line. A file with a UTF-16/32 byte order mark is
    decoded as a whole first; a UTF-8 mark is dropped."""
    found = bom(data)
    if found is not None:
        skip, codec, _ = found
        data = data[skip:] if codec == "utf-8" else data[skip:].decode(codec, errors="replace").encode("utf-8")
    yield from enumerate(data.splitlines(), start=1)


def _read_jsonl(source: str, data: bytes, max_line_bytes: int) -> Iterator[ReadResult]:
    # Lines are decoded one by one, so a line with invalid UTF-8 fails alone and the
    # good lines around it are still read.
    for lineno, raw_line in _jsonl_lines(data):
        where = f"{source}:{lineno}"
        if len(raw_line) > max_line_bytes:
            yield ReadFailure(where, f"line too long ({len(raw_line):,} bytes > limit {max_line_bytes:,}; "
                                     "set QA_APP_MAX_LINE_BYTES)")
            continue
        if not raw_line.strip():
            continue
        yield _isolated(where, lambda: _jsonl_item(where, raw_line))


def _jsonl_item(where: str, raw_line: bytes) -> ReadResult:
    try:
        line = raw_line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ReadFailure(where, f"invalid UTF-8 at byte {exc.start} of the line")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadFailure(where, f"malformed JSON ({exc.msg}: column {exc.colno})")
    except RecursionError:
        return ReadFailure(where, "malformed JSON (nested too deeply)")
    if not isinstance(obj, dict):
        return ReadFailure(where, "JSONL line is not an object")
    # A number or list where a string belongs would crash cleaning or metadata later.
    bad = [k for k, t in _JSONL_FIELD_TYPES.items() if obj.get(k) is not None and not isinstance(obj[k], t)]
    if bad:
        return ReadFailure(where, f'field "{bad[0]}" must be a string, not {type(obj[bad[0]]).__name__}')
    body, kind = obj.get("text"), "text"
    if not (body or "").strip() and obj.get("html"):  # an empty "text" beside an "html"
        body, kind = obj["html"], "html"
    if not isinstance(body, str) or not body.strip():
        return ReadFailure(where, 'no "text" or "html" field with content')
    item = _article_from_text(where, body, kind, [])
    if isinstance(item, RawArticle):
        item.title = obj.get("title") or item.title
        item.url = obj.get("url") or item.url
        item.published = obj.get("published") or item.published
        item.given_id = None if obj.get("id") is None else str(obj["id"])
        item.kind = "jsonl"
    return item


def unexpected_reason(exc: BaseException) -> str:
    """A one-line reason for an error nobody planned for, naming what to do where we can."""
    text = " ".join(str(exc).split())[:200]
    if isinstance(exc, ModuleNotFoundError):
        return f"missing Python module {exc.name!r}; reinstall qa-app (pip install -e .) so that its dependencies are present"
    if isinstance(exc, ImportError):
        return f"a Python module failed to import ({text}); reinstall qa-app (pip install -e .)"
    if isinstance(exc, MemoryError):
        return "out of memory while reading this item"
    return f"unexpected error ({type(exc).__name__}{': ' + text if text else ''})"


def _isolated(source: str, read) -> ReadResult:
    """Run one item's reader; an unexpected error fails that item alone."""
    try:
        return read()
    except Exception as exc:  # noqa: BLE001 - the boundary of one input item
        log.debug("reading %s failed", source, exc_info=True)
        return ReadFailure(source, unexpected_reason(exc))


def _special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, or None for a regular file."""
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def _not_regular(kind: str) -> str:
    return f"{kind}, not a regular file; only regular files are read"


def _stat_problem(path: Path, exc: OSError) -> str:
    """A one-line reason a path cannot be looked at."""
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link points back to itself); fix or remove the link"
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            return f"broken symlink (points to {os.readlink(path)}, which does not exist)"
        return "no such file or directory"
    if exc.errno == errno.EACCES:
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"


def _read_file(path: Path, max_bytes: int, max_line_bytes: int) -> Iterator[ReadResult]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        yield ReadFailure(source, _stat_problem(path, exc))
        return
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        kind = _special_kind(st.st_mode)
        if kind:
            yield ReadFailure(source, _not_regular(kind))
            return
        if suffix not in SUPPORTED_SUFFIXES:
            yield ReadFailure(source, f"unsupported file type {suffix or '(none)'}; expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}")
            return
        if st.st_size > max_bytes:
            yield ReadFailure(source, too_large(st.st_size, max_bytes))
            return
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            yield ReadFailure(source, f"cannot read: {exc.strerror or exc}")
            return
    yield from _read_bytes(source, suffix, data, max_bytes, max_line_bytes)


def _read_bytes(source: str, suffix: str, data: bytes, max_bytes: int, max_line_bytes: int) -> Iterator[ReadResult]:
    if suffix in JSONL_SUFFIXES:
        found = bom(data)
        reason = file_problem(data[found[0]:] if found and found[1] != "utf-8" else data, max_bytes,
                               nul_ok=bool(found and found[1] != "utf-8"))
        if reason:
            yield ReadFailure(source, reason)
        else:
            yield from _read_jsonl(source, data, max_line_bytes)
        return
    text, reason, notes = decode_bytes(data, source, max_bytes)
    if reason:
        yield ReadFailure(source, reason)
        return
    yield _isolated(source, lambda: _article_from_text(source, text, "html" if suffix in HTML_SUFFIXES else "text", notes))


def _walk(folder: Path, seen_dirs: set[tuple[int, int]]) -> Iterator[Path | ReadResult]:
    """Supported regular files under `folder` in name order, skipping hidden files and folders
    (.git, .venv...), and a failure or skip for every entry that cannot be read: FIFOs,
    sockets and devices, broken links, symlink loops, links back to a folder already read."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield ReadFailure(str(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            st = path.stat()  # follows links
        except OSError as exc:
            yield ReadFailure(str(path), _stat_problem(path, exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                yield ReadSkip(str(path), "symlink to a folder already read (a cycle); not followed")
                continue
            seen_dirs.add(key)
            yield from _walk(path, seen_dirs)
        elif not stat.S_ISREG(st.st_mode):
            yield ReadFailure(str(path), _not_regular(_special_kind(st.st_mode) or "not a regular file"))
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path


def _expand(given: str) -> Iterator[Path | ReadResult]:
    """The files one command-line path stands for, with failures for what cannot be read."""
    path = Path(given)
    try:
        st = path.stat()
    except OSError as exc:
        yield ReadFailure(given, _stat_problem(path, exc))
        return
    if not stat.S_ISDIR(st.st_mode):
        yield path
        return
    found = False
    for item in _walk(path, {(st.st_dev, st.st_ino)}):
        found = found or isinstance(item, Path)
        yield item
    if not found:
        yield ReadFailure(given, "folder holds no .txt, .md, .html, .htm or .jsonl file")


def read_inputs(paths: Iterable[str], max_bytes: int, stdin: bytes | None = None,
                max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[ReadResult]:
    """Every article from `paths`, plus a failure or skip for every bad or repeated item.

    Each item is read under its own error boundary: an unexpected error fails that item
    with a one-line reason and the others are still read."""
    seen: set[Path] = set()
    for given in paths:
        if given == "-":
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            suffix = ".html" if data.lstrip()[:1] == b"<" else ".txt"
            yield from _guarded("<stdin>", lambda: _read_bytes("<stdin>", suffix, data, max_bytes, max_line_bytes))
            continue
        for f in _expand(given):
            if not isinstance(f, Path):
                yield f
                continue
            key = f.resolve()
            if key in seen:
                yield ReadSkip(str(f), "path given twice; read once")
                continue
            seen.add(key)
            yield from _guarded(str(f), lambda: _read_file(f, max_bytes, max_line_bytes))


def _guarded(source: str, items) -> Iterator[ReadResult]:
    """Items of one input; an unexpected error ends that input with a failure, not the run."""
    try:
        yield from items()
    except Exception as exc:  # noqa: BLE001 - the boundary of one input
        log.debug("reading %s failed", source, exc_info=True)
        yield ReadFailure(source, unexpected_reason(exc))
