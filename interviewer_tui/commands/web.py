"""`interviewer web`: serve the terminal app to browsers (textual-serve), one app per tab."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

import typer

INSTALL_HINT = (
    "interviewer web needs textual-serve: pip install 'interviewer-tui[web]' "
    "(or pipx inject interviewer-tui textual-serve)"
)


def register(app: typer.Typer) -> None:
    app.command()(web)


def web(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; anything but loopback needs --allow-remote."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8080,
    public_url: Annotated[
        str | None,
        typer.Option(
            help="The address people open, e.g. https://interviews.example.com, when a reverse "
            "proxy in front terminates TLS; the page's websocket goes there."
        ),
    ] = None,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Listen on a non-loopback address. Anyone who reaches it gets an app running "
            "as you, with your saved login: prefer a TLS proxy on this machine.",
        ),
    ] = False,
) -> None:
    """Serve the terminal app in a browser: each tab runs its own `interviewer` app, with this
    command's environment and configuration (a local database, or a server once logged in)."""
    from interviewer_tui.commands.common import err
    from interviewer_tui.errors import UsageError

    if public_url is not None:
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
            raise UsageError(
                f"--public-url must be http(s)://host[:port] with no path, not {public_url!r}"
            )
    if not gateway_available():
        raise UsageError(INSTALL_HINT)
    from interviewer_tui import web as gateway  # after the cheap checks: aiohttp is not light

    loopback = gateway.is_loopback(host)
    if not loopback and not allow_remote:
        raise UsageError(
            f"refusing to listen on {host}: anyone who can reach it gets an interviewer app "
            "running as you, logged in with your saved session. Keep the default 127.0.0.1 and "
            "put a TLS reverse proxy with its own login in front (see the README), or pass "
            "--allow-remote to do it anyway"
        )
    netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    err(
        f"interviewer web: http://{netloc} · each browser tab runs its own interviewer app · "
        "Ctrl-C stops"
    )
    if not loopback:
        err(
            f"warning: listening on {host}, not loopback: whoever reaches this port uses "
            "interviewer as you. There is no login in front of it, and no TLS."
        )
    server = gateway.WebServer(
        gateway.app_command(), host=host, port=port, public_url=public_url, any_host=not loopback
    )
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or below 1024 without the right
        raise UsageError(f"cannot listen on {netloc}: {exc.strerror or exc}") from None


def gateway_available() -> bool:
    """textual-serve (and its aiohttp) is the optional `web` extra."""
    from importlib.util import find_spec

    try:
        return find_spec("textual_serve") is not None
    except ValueError:  # present in sys.modules as None: imports of it are blocked
        return False
