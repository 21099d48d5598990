"""`interviewer web`: the terminal app in a browser, one app process per tab (textual-serve).

textual-serve starts the command it is given for each websocket and relays the app's screen to
xterm.js in the page. What it leaves to us, and this module adds:

- **Who may drive an app.** Each tab gets an app running as the operator, logged in with the
  operator's saved session. A page on any other site could open a websocket to 127.0.0.1 and
  drive that app (cross-site websocket hijacking), or reach it under its own name through DNS
  rebinding. So every request must name this server in `Host` (a loopback name, or the public
  URL's host), and a websocket must come from a page of this server (`Origin`).
- **URLs the browser can use.** The page's websocket and static URLs follow the address the
  browser used (localhost or 127.0.0.1, or the public URL behind a TLS reverse proxy), not the
  bind address, which for 0.0.0.0 is no address at all.
- **Headers and logs.** The page may not be framed (a framing page could steer keystrokes), and
  errors are logged without the local variables rich tracebacks would print.

Imports textual-serve (aiohttp) only; the app itself runs in the child processes.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import shlex
import sys
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

log = logging.getLogger("interviewer.web")

SHUTDOWN_SECONDS = 10  # for the open tabs' apps to quit when the server is stopped

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def is_loopback(host: str) -> bool:
    """True for a name or address that only this machine can reach (localhost, 127/8, ::1)."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command() -> str:
    """The shell command textual-serve runs for each tab: this interpreter's own
    `python -m interviewer_tui`, so a venv that is not on PATH works, with the environment (and
    so the configuration, the database or the server) that `interviewer web` itself was given."""
    return shlex.join([sys.executable, "-m", "interviewer_tui"])


def _hostname(netloc: str) -> str:
    """The host part of a `Host` header value or URL netloc (IPv6 brackets removed)."""
    return (urlsplit(f"//{netloc}").hostname or "").lower()


class WebServer(Server):
    """textual-serve's server with the host, origin and header checks described above."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        public_url: str | None = None,
        any_host: bool = False,
    ) -> None:
        super().__init__(command, host=host, port=port, title="interviewer", public_url=public_url)
        self.configured_public_url = public_url.rstrip("/") if public_url else None
        # names a browser may use in Host: loopback ones (when bound there) and the public URL's
        self.any_host = any_host
        self.public_host = _hostname(urlsplit(public_url).netloc) if public_url else None
        self._sessions: set[asyncio.Task[Any]] = set()  # one websocket handler per open tab

    # ---- checks --------------------------------------------------------------------------------

    def host_allowed(self, host_header: str) -> bool:
        if self.any_host:
            return True
        name = _hostname(host_header)
        return bool(name) and (is_loopback(name) or name == self.public_host)

    def origin_allowed(self, request: web.Request) -> bool:
        """A websocket may come only from this server's own page: its Origin is the address
        the request was sent to, or the public URL."""
        origin = request.headers.get("Origin")
        if not origin:
            return False
        origin = origin.rstrip("/").lower()
        allowed = {f"{request.scheme}://{request.host}".lower()}
        if self.configured_public_url:
            parts = urlsplit(self.configured_public_url)
            allowed.add(f"{parts.scheme}://{parts.netloc}".lower())
        return origin in allowed

    # ---- textual-serve hooks -------------------------------------------------------------------

    def initialize_logging(self) -> None:
        logging.basicConfig(level="INFO", format="%(asctime)s %(name)s: %(message)s")
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # a line per static file

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints a logo and its own URL here; `interviewer web` said it already."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl-C or SIGTERM: end every tab's session now. Left alone, aiohttp waits for each
        websocket handler (which runs until its browser tab closes) before giving up on it, and
        the apps are killed with the loop instead of quitting (drafts saved, interviews paused)."""
        sessions = list(self._sessions)
        for task in sessions:
            task.cancel()  # textual-serve's handler then tells its app to quit and waits for it
        if sessions:
            await asyncio.wait(sessions, timeout=SHUTDOWN_SECONDS)

    async def _make_app(self) -> web.Application:
        app: web.Application = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        if not self.host_allowed(request.host):
            log.warning("refused a request for host %r", request.host[:200])
            return web.Response(status=403, text="This server does not answer to that host name.")
        if request.path == "/ws" and not self.origin_allowed(request):
            log.warning(
                "refused a websocket from origin %r", request.headers.get("Origin", "")[:200]
            )
            return web.Response(status=403, text="Open interviewer web from its own address.")
        if request.path == "/ws":
            task = asyncio.current_task()
            assert task is not None  # a request handler always runs in a task
            self._sessions.add(task)
            try:
                return await handler(request)
            finally:
                self._sessions.discard(task)
        response = await handler(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's page, with its URLs on the address the browser used (or the public
        URL, when a reverse proxy stands in front)."""
        base = self.configured_public_url or f"{request.scheme}://{request.host}"
        websocket = "wss" if base.startswith("https:") else "ws"
        font_size = request.query.get("fontsize", "16")
        context: dict[str, Any] = {
            "font_size": int(font_size) if font_size.isdigit() and len(font_size) < 3 else 16,
            "app_websocket_url": f"{websocket}:{base.split(':', 1)[1]}/ws",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": "interviewer"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)
