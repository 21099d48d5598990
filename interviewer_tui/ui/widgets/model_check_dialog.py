"""What `interviewer model check` found, in a dialog (the TUI offers it on the first run with a
model key set)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from interviewer_tui.ui.text import clean

if TYPE_CHECKING:
    from interviewer_tui.llm.probe import ProbeResult

MARKS = {"ok": "✓ ok  ", "warn": "! warn", "fail": "✗ FAIL", "skipped": "- skip"}


def check_lines(result: ProbeResult) -> str:
    """The same report as `interviewer model check`, one line per capability."""
    lines = [f"endpoint: {result.endpoint}", f"model:    {result.model}", ""]
    for c in result.checks:
        lines.append(f"{MARKS.get(c.status, c.status)}  {c.name:<13}{c.detail}")
        if c.advice:
            lines.append(f"{'':<8}{'':<13}-> {c.advice}")
    lines.append("")
    lines.append(
        "Interviews will work with this endpoint."
        if result.usable
        else "Interviews will NOT work until the FAIL lines are fixed (or use the offline switch)."
    )
    return clean("\n".join(lines))


class ModelCheckDialog(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,enter", "dismiss(None)", "Close")]

    def __init__(self, result: ProbeResult) -> None:
        super().__init__(classes="dialog")
        self.result = result

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="model-check-box"):
            yield Label("Model check · esc closes", classes="dialog-text", markup=False)
            with VerticalScroll():
                yield Static(check_lines(self.result), markup=False, id="model-check-report")
