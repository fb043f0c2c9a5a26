"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol and
misbehaves on purpose: it answers 500, a body that is not JSON, JSON that breaks the
response schema, valid empty records, or hangs, as each test asks.

    with FakeModelServer(["ok", "hang"]) as server:   # first request ok, then hangs
        server.base_url, server.requests, server.seen(n)
"""

from __future__ import annotations

import http.server
import json
import threading

from conftest import free_port

#: What the server does per request: the behaviours are used in turn, the last one repeats.
BEHAVIOURS = ("ok", "500", "not_json", "schema_invalid", "hang")
EMPTY_RECORDS = {"meetings": [], "commitments": []}


def completion_body(content: str) -> bytes:
    return json.dumps({
        "id": "fake-1", "object": "chat.completion", "created": 0, "model": "fake",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }).encode()


class FakeModelServer:
    def __init__(self, behaviours: list[str] | str, port: int | None = None):
        self.behaviours = [behaviours] if isinstance(behaviours, str) else list(behaviours)
        assert all(b in BEHAVIOURS for b in self.behaviours), self.behaviours
        self.requests = 0
        self.bodies: list[dict] = []
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._release = threading.Event()  # set on close: hanging handlers return
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        http.server.ThreadingHTTPServer.allow_reuse_address = True
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True

    def seen(self, n: int, timeout: float = 300) -> bool:
        """Wait until the server has received `n` requests."""
        with self._cond:
            return self._cond.wait_for(lambda: self.requests >= n, timeout=timeout)

    def _next(self, body: dict) -> str:
        with self._cond:
            i = self.requests
            self.requests += 1
            self.bodies.append(body)
            self._cond.notify_all()
        return self.behaviours[min(i, len(self.behaviours) - 1)]

    def _handler(self):
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                behaviour = server._next(json.loads(raw or b"{}"))
                if behaviour == "hang":
                    server._release.wait(600)
                    return
                if behaviour == "500":
                    return self._send(500, json.dumps({"error": {"message": "model crashed", "type": "server_error"}}).encode())
                if behaviour == "not_json":
                    return self._send(200, b"<html>502 upstream exploded, this is not JSON")
                content = {"meetings": "not a list", "commitments": 7} if behaviour == "schema_invalid" else EMPTY_RECORDS
                return self._send(200, completion_body(json.dumps(content)))

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        return False
