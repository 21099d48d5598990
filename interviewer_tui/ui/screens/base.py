"""What every screen shares: header, footer, the too-small hint and a typed handle on the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from interviewer_tui.ui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from interviewer_tui.services.port import Application
    from interviewer_tui.ui.app import InterviewerApp

PaletteCommand = tuple[str, str, Callable[[], Any]]


class AppScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield TooSmall()
        yield from self.body()
        yield Footer(compact=True)

    def body(self) -> ComposeResult:
        yield from ()

    @property
    def iapp(self) -> InterviewerApp:
        from interviewer_tui.ui.app import InterviewerApp

        return cast(InterviewerApp, self.app)

    @property
    def backend(self) -> Application:
        return self.iapp.backend

    @property
    def user_id(self) -> int:
        user = self.iapp.user
        if user is None:  # screens past login are only pushed with a user
            raise RuntimeError("no user signed in")
        return user.id

    def from_thread(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run `fn` on the UI thread; quietly drop it if the app already closed."""
        self.iapp.from_thread(fn, *args, **kwargs)

    def palette_commands(self) -> list[PaletteCommand]:
        """Extra command-palette entries while this screen is on top."""
        return []
