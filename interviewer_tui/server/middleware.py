"""The ASGI middlewares every request passes: security headers and a structured access log
(`AccessLog`, outermost), and a body size limit with JSON-only bodies (`BodyLimits`, inside CORS).

The order is the point: AccessLog -> CORS -> BodyLimits -> BugsAsJSON -> routes. A refusal from
BodyLimits (413, 415, a bad Content-Length) and the JSON 500 that BugsAsJSON makes of a bug then
pass through CORS on their way out, so a browser client can read them instead of seeing an opaque
network error (Starlette's own last-resort handler sits outside every middleware, CORS included);
and AccessLog still logs and stamps every response, CORS preflights included.

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
log = logging.getLogger("interviewer.server")

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


def is_api_path(path: str) -> bool:
    """The API and its documents, as opposed to the web client's files (SPA fallback)."""
    return path.startswith(API_PREFIXES) or path in API_PATHS


API_PREFIXES = ("/api/", "/v1/")
API_PATHS = frozenset({"/api", "/v1", "/openapi.json", "/docs", "/healthz", "/readyz"})
# the web client's own pages: no framing, but its scripts, styles and fonts may load
CLIENT_CSP = (b"content-security-policy", b"frame-ancestors 'none'")


class AccessLog:
    """Security headers on every response, and one JSON log line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 0}
        path: str = scope.get("path", "")
        docs = path in ("/docs", "/docs/oauth2-redirect")
        api = is_api_path(path)

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = list(message.get("headers", []))
                headers += SECURITY_HEADERS
                client_file = not api and message["status"] < 400  # the web client's page
                if not docs:
                    headers.append(CLIENT_CSP if client_file else API_CSP)
                if not client_file and not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append(NO_STORE)
                message = {**message, "headers": headers}
            await send(message)

        try:
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


class BodyLimits:
    """Bodies of at most `max_body` bytes, and JSON only; anything else is a JSON 4xx."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        body, refusal = await self._read_body(scope, receive)
        if refusal is not None:
            start, end = refusal
            await send(start)
            await send(end)
            return
        await self.app(scope, _replay(body, receive), send)

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


class BugsAsJSON:
    """An unhandled exception as `{"error": "internal server error"}` (500), inside CORS.

    The trace goes to the server log; the body never holds it. Once a response has started (a
    stream), there is nothing left to replace, so the error propagates and the connection ends.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception:
            if started:
                raise
            log.exception("unexpected error on %s %s", scope["method"], scope.get("path", ""))
            start, end = _json_error(500, "internal server error")
            await send(start)
            await send(end)
