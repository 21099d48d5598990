"""Which implementation of the port a run uses: this computer's database (`services/local.py`)
or an `interviewer serve` (`services/client/`), decided from the settings and the server that
`interviewer login --server` remembered (`services/client/target.py`)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.port import Application, ModelFactory, Reconnecting


def build(ctx: AppContext, model_factory: ModelFactory | None = None) -> Application:
    from interviewer_tui.services.client.target import resolve

    target = resolve(ctx.settings)
    if target is None:
        from interviewer_tui.services.local import LocalApplication

        return LocalApplication(ctx, model_factory)
    from interviewer_tui.services.client.app import RemoteApplication

    return RemoteApplication(target, ctx.settings)


def pause_all_open() -> None:
    """Leave every interview this process has open paused, on this computer's database or on
    the server it came from (SIGHUP: the terminal went away and the process is about to end).
    Only the implementations this run loaded are asked: a hang-up imports nothing heavy."""
    import sys

    if "interviewer_tui.services.client.running" in sys.modules:
        from interviewer_tui.services.client.running import pause_all_open as pause_remote

        pause_remote()
    if "interviewer_tui.services.runner" in sys.modules:
        from interviewer_tui.services.local import pause_all_open as pause_local

        pause_local()


def for_login(
    ctx: AppContext,
    *,
    server: str | None,
    ca_bundle: Path | None,
    insecure_http: bool,
    local: bool,
) -> Application:
    """The application `login`/`register` act on: the server named on the command line, this
    computer's database with `--local`, else what the settings choose."""
    from interviewer_tui.errors import UsageError

    if local and server is not None:
        raise UsageError("give --server URL or --local, not both")
    if local:
        from interviewer_tui.services.local import LocalApplication

        return LocalApplication(ctx)
    if server is None:
        if ca_bundle is not None or insecure_http:
            raise UsageError("--ca-bundle and --insecure-http go with --server URL")
        return build(ctx)
    from interviewer_tui.services.client.app import RemoteApplication
    from interviewer_tui.services.client.target import make_target

    settings = ctx.settings
    target = make_target(
        server,
        ca_bundle=ca_bundle or settings.ca_bundle,
        insecure_http=insecure_http or settings.insecure_http,
    )
    return RemoteApplication(target, settings)


def remember_choice(ctx: AppContext, app: Application) -> None:
    """After a login: the next commands use the same server (or, after `--local`, none)."""
    from interviewer_tui.services.client.target import remember

    target = getattr(app, "target", None)
    remember(ctx.settings, target)


class SelectedApplication:
    """Local or remote, decided on first use: the TUI paints its first frame before settings
    are loaded, and the first use happens in a worker. Every attribute is the chosen one's."""

    def __init__(self, ctx: AppContext, model_factory: ModelFactory | None = None) -> None:
        self._ctx = ctx
        self._model_factory = model_factory
        self._chosen: Application | None = None
        self._listener: Reconnecting | None = None
        self._lock = threading.Lock()

    def chosen(self) -> Application:
        with self._lock:
            if self._chosen is None:
                self._chosen = build(self._ctx, self._model_factory)
                self._chosen.watch_connection(self._listener)
            return self._chosen

    def watch_connection(self, callback: Reconnecting | None) -> None:
        """Kept until the choice is made (the TUI asks on mount, before settings load)."""
        with self._lock:
            self._listener = callback
            chosen = self._chosen
        if chosen is not None:
            chosen.watch_connection(callback)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.chosen(), name)
