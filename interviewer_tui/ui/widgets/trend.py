"""Score trend over time: a sparkline of completed interviews' overall percentages."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Sparkline


class ScoreTrend(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Score trend"

    def compose(self) -> ComposeResult:
        yield Sparkline([], id="trend-line")
        yield Label("No completed interviews yet.", id="trend-caption", markup=False)

    def set_trend(self, trend: tuple[int, ...]) -> None:
        line = self.query_one(Sparkline)
        caption = self.query_one("#trend-caption", Label)
        line.data = list(trend) if len(trend) > 1 else list(trend) * 2
        line.display = bool(trend)
        if not trend:
            caption.update("No completed interviews yet.")
            return
        best, last = max(trend), trend[-1]
        caption.update(f"last {last}%  best {best}%  ({len(trend)} completed)")
