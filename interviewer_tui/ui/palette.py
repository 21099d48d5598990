"""Command palette entries for the main actions (and the current screen's own)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from interviewer_tui.ui.app import InterviewerApp
    from interviewer_tui.ui.screens.base import PaletteCommand


class MainCommands(Provider):
    def _commands(self) -> list[PaletteCommand]:
        app = cast("InterviewerApp", self.app)
        return app.palette_commands(self.screen)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
