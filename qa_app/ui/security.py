"""Safe defaults of the web UI: loopback unless authenticated, and an upload allowlist."""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from qa_app.errors import ConfigError

log = logging.getLogger(__name__)

AUTH_ENV = "QA_APP_UI_AUTH"
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything, so it is not loopback
        return False


def parse_auth(value: str, where: str) -> tuple[str, str]:
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ConfigError(f"{where}: expected USER:PASS with a non-empty user and password")
    return user, password


def resolve_auth(host: str, auth: str | None, insecure_no_auth: bool, environ=None) -> tuple[str, str] | None:
    """Credentials for the UI, or None for no login.

    Loopback needs none. Any other address needs --auth USER:PASS or QA_APP_UI_AUTH, and
    refuses to start without them unless --insecure-no-auth is given."""
    environ = os.environ if environ is None else environ
    if auth:
        creds = parse_auth(auth, "--auth")
    elif environ.get(AUTH_ENV):
        creds = parse_auth(environ[AUTH_ENV], AUTH_ENV)
    else:
        creds = None
    if creds is None and not is_loopback(host):
        if not insecure_no_auth:
            raise ConfigError(
                f"refusing to serve the UI on {host} without a login: give --auth USER:PASS or set {AUTH_ENV}=user:pass "
                "(or --insecure-no-auth to serve it to anyone who can reach this address)"
            )
        log.warning("serving the UI on %s with no login (--insecure-no-auth)", host)
    return creds


@dataclass
class Staged:
    path: Path | None  # where the upload was copied, or None when it was refused
    name: str
    reason: str = ""


def safe_name(name: str) -> str:
    """A file name with no directory part and nothing but [A-Za-z0-9._-]."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload"
    return cleaned[:120]


def stage_upload(src: Path, original_name: str, folder: Path, max_bytes: int) -> Staged:
    """Check one uploaded file (type allowlist, size limit) and copy it into a new folder under `folder`."""
    name = safe_name(original_name)
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return Staged(None, name, f"file type {suffix or '(none)'} is not accepted; use {' '.join(UPLOAD_SUFFIXES)}")
    try:
        size = src.stat().st_size
    except OSError as exc:
        return Staged(None, name, f"cannot read the upload: {exc.strerror or exc}")
    if size > max_bytes:
        return Staged(None, name, f"file too large ({size:,} bytes > limit {max_bytes:,})")
    dst = folder / datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f") / name
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return Staged(dst, name)
