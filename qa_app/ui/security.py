"""Safe defaults of the web UI: loopback unless authenticated, and an upload allowlist."""

from __future__ import annotations

import ipaddress
import logging
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from qa_app.errors import ConfigError

log = logging.getLogger(__name__)

AUTH_ENV = "QA_APP_UI_AUTH"  # read by Settings.ui_auth; named in messages
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


def resolve_auth(host: str, auth: str | None, insecure_no_auth: bool, env_auth: str | None = None) -> tuple[str, str] | None:
    """Credentials for the UI, or None for no login.

    `auth` is --auth, `env_auth` the QA_APP_UI_AUTH setting (`Settings.ui_auth`). Loopback
    needs none. Any other address needs one of them, and refuses to start without it unless
    --insecure-no-auth is given."""
    if auth:
        creds = parse_auth(auth, "--auth")
    elif env_auth:
        creds = parse_auth(env_auth, AUTH_ENV)
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


# --- Host and Origin checks (DNS rebinding, cross-site requests) ---

ALLOWED_HOSTS_ENV = "QA_APP_UI_ALLOWED_HOSTS"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
_WILDCARDS = frozenset({"0.0.0.0", "::", ""})
_STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class HostPolicy:
    """Which Host names the UI answers to. `check` is off only for a wildcard bind
    (0.0.0.0) with no allowed names configured: then any address of the machine is valid,
    and a login is required anyway."""

    allowed: frozenset[str]
    check: bool


def host_policy(bind_host: str, extra: list[str] | tuple[str, ...] = ()) -> HostPolicy:
    names = {n.strip().lower().strip("[]") for n in extra if n.strip()}
    bind = bind_host.strip().lower().strip("[]")
    if bind in _WILDCARDS:
        return HostPolicy(frozenset(names | LOOPBACK_NAMES), check=bool(names))
    allowed = names | {bind}
    if is_loopback(bind):
        allowed |= LOOPBACK_NAMES
    return HostPolicy(frozenset(allowed), check=True)


def _split_host(value: str) -> tuple[str, int | None]:
    """('host', port) of a Host header or URL authority ('[::1]:7860' -> ('::1', 7860))."""
    value = value.strip().lower()
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif value.count(":") == 1:
        host, _, port = value.partition(":")
    else:
        host, port = value, ""
    return host, int(port) if port.isdigit() else None


def refusal(method: str, headers: dict[str, str], policy: HostPolicy, websocket: bool = False) -> str | None:
    """Why a request must be refused, or None. `headers` have lower-case names."""
    from urllib.parse import urlsplit

    host_header = headers.get("host", "")
    host, port = _split_host(host_header)
    if policy.check and host not in policy.allowed:
        return (f"Host {host_header!r} is not an address this UI serves (a page on another site may be trying to "
                f"reach it); to allow a name, start it with --allowed-host NAME or set {ALLOWED_HOSTS_ENV}")
    site = headers.get("sec-fetch-site", "")
    navigation = headers.get("sec-fetch-mode", "") == "navigate" and method in ("GET", "HEAD")
    if site == "cross-site" and not navigation:
        return "cross-site request"
    if not (websocket or method.upper() in _STATE_CHANGING):
        return None
    origin = headers.get("origin")
    if origin is None:
        return None  # not sent by a browser page (curl, scripts): the Host check above applies
    if origin == "null":
        return "request from an opaque origin (a sandboxed frame or a local file)"
    parts = urlsplit(origin)
    default = 443 if parts.scheme == "https" else 80
    if (parts.hostname or "", parts.port or default) != (host, port or default):
        return f"cross-origin request from {origin}"
    return None


class RequestGuard:
    """ASGI middleware that answers 403 to refused requests (see `refusal`)."""

    def __init__(self, app, policy: HostPolicy):
        self.app = app
        self.policy = policy

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        websocket = scope["type"] == "websocket"
        reason = refusal(scope.get("method", "GET"), headers, self.policy, websocket=websocket)
        if reason is None:
            return await self.app(scope, receive, send)
        log.warning("refused %s %s: %s", scope.get("method", "WS"), scope.get("path", ""), reason)
        if websocket:
            await send({"type": "websocket.close", "code": 1008})
            return
        body = f"403 Forbidden: {reason}\n".encode()
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def guard_middleware(bind_host: str, allowed_hosts: list[str] | tuple[str, ...] = ()) -> list:
    """The middleware list for the UI's app (gradio's `app_kwargs={"middleware": ...}`)."""
    from starlette.middleware import Middleware

    return [Middleware(RequestGuard, policy=host_policy(bind_host, allowed_hosts))]
