"""History: past interviews with search and a status filter; open, resume, export, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, Select

from interviewer_tui.ui.screens.base import AppScreen, PaletteCommand
from interviewer_tui.ui.screens.home import summary_row
from interviewer_tui.ui.widgets.dialogs import ConfirmDialog
from interviewer_tui.ui.widgets.export_dialog import ExportChoice, ExportDialog, export_to_file

if TYPE_CHECKING:
    from interviewer_tui.services.views import InterviewSummary

STATUSES = [
    ("All", "all"),
    ("Completed", "completed"),
    ("In progress", "in_progress"),
    ("Paused", "paused"),
    ("Abandoned", "abandoned"),
]
SEARCH_DEBOUNCE = 0.3


class HistoryScreen(AppScreen):
    SUB_TITLE = "History"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=False),
        Binding("r", "resume", "Resume"),
        Binding("e", "export", "Export"),
        Binding("d", "delete", "Delete"),
        Binding("slash", "search", "Search"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, InterviewSummary] = {}
        self._search_timer: Timer | None = None

    def body(self) -> ComposeResult:
        with Vertical(id="history"):
            with Horizontal(id="history-filters"):
                yield Input(placeholder="/ search topics, status, model…", id="history-search")
                yield Select(STATUSES, value="all", allow_blank=False, id="history-status")
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            yield Label("", id="history-empty", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("#", key="id")
        table.add_columns("Date", "Topics", "Level", "Score", "Status")
        table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def _filters(self) -> tuple[str | None, str]:
        status = self.query_one("#history-status", Select).value
        search = self.query_one("#history-search", Input).value.strip()
        return (None if status in ("all", Select.NULL) else str(status)), search

    @work(thread=True, exclusive=True, exit_on_error=False, group="history")
    def load(self) -> None:
        status, search = self._filters()
        try:
            rows = self.backend.list_interviews(
                user_id=self.user_id, status=status, search=search or None
            )
        except Exception as exc:
            self.from_thread(self.iapp.show_error, exc)
            return
        self.from_thread(self.show_rows, rows)

    def show_rows(self, rows: list[InterviewSummary]) -> None:
        from rich.text import Text

        table = self.query_one(DataTable)
        table.clear()
        self.rows = {str(r.id): r for r in rows}
        for r in rows:
            table.add_row(Text(str(r.id)), *summary_row(r), key=str(r.id))
        self.query_one("#history-empty", Label).update(
            "" if rows else "Nothing matches. Clear the search, or press escape."
        )

    @on(Input.Changed, "#history-search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, self.load)

    @on(Input.Submitted, "#history-search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(Select.Changed, "#history-status")
    def _status_changed(self) -> None:
        self.load()

    def _selected(self) -> InterviewSummary | None:
        table = self.query_one(DataTable)
        if not self.rows or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key or "")

    @on(DataTable.RowSelected, "#history-table")
    def action_open(self) -> None:
        summary = self._selected()
        if summary is None:
            return
        if summary.status == "completed":
            self.iapp.open_report(summary.id)
        else:
            self.iapp.open_transcript(summary.id)

    def action_resume(self) -> None:
        summary = self._selected()
        if summary is None:
            return
        if summary.status in ("completed", "abandoned"):
            self.notify(f"Interview #{summary.id} is {summary.status}: nothing to resume.")
            return
        self.iapp.resume_interview(summary.id)

    def action_search(self) -> None:
        self.query_one("#history-search", Input).focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_export(self) -> None:
        summary = self._selected()
        if summary is not None:
            interview_id = summary.id

            def chosen(choice: ExportChoice | None) -> None:
                if choice is not None:
                    self._export(interview_id, choice)

            self.app.push_screen(ExportDialog(interview_id), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _export(self, interview_id: int, choice: ExportChoice) -> None:
        export_to_file(self, self.backend, self.user_id, interview_id, choice)

    def action_delete(self) -> None:
        summary = self._selected()
        if summary is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes and summary is not None:
                self._delete(summary.id)

        self.app.push_screen(
            ConfirmDialog(
                f"Delete interview #{summary.id} and its transcript? This cannot be undone.",
                yes="Delete",
                no="Keep",
            ),
            confirmed,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="delete")
    def _delete(self, interview_id: int) -> None:
        try:
            self.backend.delete_interview(user_id=self.user_id, interview_id=interview_id)
        except Exception as exc:
            self.from_thread(self.iapp.show_error, exc)
            return
        self.from_thread(self.notify, f"Deleted interview #{interview_id}.", timeout=3)
        self.from_thread(self.load)

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            ("Search history", "Filter past interviews", self.action_search),
            (
                "Export selected interview",
                "As Markdown or JSON, where you choose",
                self.action_export,
            ),
            ("Delete selected interview", "Asks first", self.action_delete),
        ]
