"""A regrade's grades beside the originals, in a dialog over the report (esc closes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from interviewer_tui.core.topics import title
from interviewer_tui.ui.text import clean, short

if TYPE_CHECKING:
    from interviewer_tui.services.views import RegradeResult


def total_line(result: RegradeResult) -> str:
    old = sum(q.original.score or 0 for q in result.questions)
    new = sum(q.score for q in result.questions)
    most = 10 * len(result.questions)
    changed = sum(1 for q in result.questions if q.delta != 0)
    return (
        f"Total {old}/{most} → {new}/{most} ({new - old:+d}) · {changed} of "
        f"{len(result.questions)} grades changed · the originals are kept"
    )


class RegradeDialog(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss(None)", "Close")]

    def __init__(self, result: RegradeResult) -> None:
        super().__init__(classes="dialog")
        self.result = result

    def compose(self) -> ComposeResult:
        r = self.result
        with Vertical(classes="dialog-box", id="regrade-box"):
            yield Label(
                clean(f"Regrade · {r.original_grader} → {r.grader} · esc closes"),
                markup=False,
                classes="dialog-text",
            )
            yield DataTable(id="regrade-table", cursor_type="row", zebra_stripes=True)
            yield Label(total_line(r), id="regrade-total", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Topic", "Was", "Now", "Δ", "New feedback")
        for q in self.result.questions:
            table.add_row(
                Text(str(q.number)),
                Text(short(title(q.topic), 18)),
                Text(f"{q.original.score}/10" if q.original.score is not None else "—"),
                Text(f"{q.score}/10"),
                Text(f"{q.delta:+d}", style="bold" if q.delta else ""),
                Text(short(clean(q.feedback), 60)),
                key=str(q.number),
            )
        table.focus()
