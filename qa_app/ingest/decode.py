"""Bytes to text: byte order marks, UTF-8, legacy cp1252, and what makes bytes no article at all."""

from __future__ import annotations

import codecs
import re

# A well-formed UTF-8 sequence of two to four bytes (RFC 3629).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


# Byte order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


# Magic numbers of common binary formats that get renamed to .txt.
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b")



def bom(data: bytes) -> tuple[int, str, str] | None:
    """(length of the mark, codec, name) when `data` starts with a byte order mark."""
    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            return len(mark), codec, name
    return None



def decode_bom(data: bytes, max_bytes: int) -> tuple[str | None, str | None, list[str]] | None:
    """(text, failure reason, notes) for bytes that start with a byte order mark, else None."""
    found = bom(data)
    if found is None:
        return None
    skip, codec, name = found
    if len(data) > max_bytes:
        return None, too_large(len(data), max_bytes), []
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        return None, f"invalid {name} at byte {exc.start + skip} (the file starts with a {name} byte order mark)", []
    if not text.strip():
        return None, "empty file", []
    if "\x00" in text[:8192]:
        return None, "binary file, not text", []
    return text, None, [] if name == "UTF-8" else [f"decoded as {name} (byte order mark)"]



def decode_bytes(data: bytes, source: str, max_bytes: int) -> tuple[str | None, str | None, list[str]]:
    """(text, failure reason, notes) for a file's bytes: UTF-8, UTF-16 or UTF-32 with a byte
    order mark, UTF-8, or legacy cp1252."""
    with_bom = decode_bom(data, max_bytes)
    if with_bom is not None:
        return with_bom
    problem = file_problem(data, max_bytes)
    if problem:
        return None, problem, []
    try:
        return data.decode("utf-8"), None, []
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



def too_large(size: int, max_bytes: int) -> str:
    return f"file too large ({size:,} bytes > limit {max_bytes:,}; set QA_APP_MAX_FILE_BYTES)"



def file_problem(data: bytes, max_bytes: int, nul_ok: bool = False) -> str | None:
    """Why these bytes cannot be an article whatever their encoding, or None."""
    if not data.strip(b" \t\r\n\f\v\x00" if nul_ok else None):
        return "empty file"
    if len(data) > max_bytes:
        return too_large(len(data), max_bytes)
    if data.startswith(_BINARY_MAGIC) or (not nul_ok and b"\x00" in data[:8192]):
        return "binary file, not text"
    return None
