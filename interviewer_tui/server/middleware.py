"""One ASGI middleware for what every request shares: a body size limit, JSON-only bodies,
security headers and a structured access log.

The log line names method, path (never the query string: reset and verification tokens travel
there in links), status, duration and client address; it never holds a header or a body, so no
token, password or key can reach it.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("interviewer.access")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
API_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
NO_STORE = (b"cache-control", b"no-store")
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _json_error(status: int, message: str) -> tuple[dict[str, Any], dict[str, Any]]:
    body = json.dumps({"error": message}).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
    }
    return start, {"type": "http.response.body", "body": body}


class Guard:
    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 0}
        path: str = scope.get("path", "")
        docs = path in ("/docs", "/docs/oauth2-redirect")

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = list(message.get("headers", []))
                headers += SECURITY_HEADERS
                if not docs:
                    headers.append(API_CSP)
                if not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append(NO_STORE)
                message = {**message, "headers": headers}
            await send(message)

        try:
            refusal = None
            if scope["method"] in BODY_METHODS:
                body, refusal = await self._read_body(scope, receive)
                if refusal is None:
                    receive = _replay(body, receive)
            if refusal is not None:
                start, end = refusal
                await send_wrapped(start)
                await send_wrapped(end)
            else:
                await self.app(scope, receive, send_wrapped)
        finally:
            client = scope.get("client")
            access_log.info(
                json.dumps(
                    {
                        "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                        "id": uuid.uuid4().hex[:12],
                        "method": scope["method"],
                        "path": path,
                        "status": status["code"],
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "client": client[0] if client else None,
                    },
                    separators=(",", ":"),
                )
            )

    async def _read_body(
        self, scope: Scope, receive: Receive
    ) -> tuple[bytes, tuple[dict[str, Any], dict[str, Any]] | None]:
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        declared = headers.get(b"content-length")
        too_big = _json_error(413, f"the request body is larger than {self.max_body} bytes")
        if declared is not None:
            try:
                if int(declared) > self.max_body:
                    return b"", too_big
            except ValueError:
                return b"", _json_error(400, "invalid Content-Length")
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return b"", too_big
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if body:
            ctype = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
            if ctype != b"application/json" and not ctype.endswith(b"+json"):
                return b"", _json_error(415, "send the request body as application/json")
        return body, None


def _replay(body: bytes, upstream: Receive) -> Receive:
    """The body we already read, then the real channel (a stream must still see a disconnect)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await upstream()

    return receive
