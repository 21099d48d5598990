"""Report: overall score, per-question table, strengths, improvements, practice; copy and export."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Markdown

from interviewer_tui.core.report_outline import report_lists
from interviewer_tui.core.topics import title
from interviewer_tui.core.words import count
from interviewer_tui.ui.screens.base import AppScreen, PaletteCommand
from interviewer_tui.ui.text import clean, short
from interviewer_tui.ui.widgets.export_dialog import ExportChoice, ExportDialog, export_to_file
from interviewer_tui.ui.widgets.score import ScoreBadge

if TYPE_CHECKING:
    from interviewer_tui.services.views import AttemptComparison, InterviewDetail

BAND_STYLE = {"pass": "green", "borderline": "yellow", "fail": "red", "none": "dim"}


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {clean(i)}" for i in items) or "- (none)"


def report_markdown(detail: InterviewDetail) -> str:
    """The prose half of the report as Markdown (the table is drawn separately)."""
    report = detail.report
    if report is None:
        return "_This interview has no report yet._"
    parts = [clean(report.summary)]
    for heading, items in report_lists(
        report.strengths, report.improvements, report.suggested_topics
    ):
        parts += ["", f"### {heading}", _bullets(items)]
    return "\n".join(parts)


class ReportScreen(AppScreen):
    SUB_TITLE = "Report"
    BINDINGS: ClassVar[list[BindingType]] = [
        # short labels keep ^q Quit and F1 Help in an 80-column footer; tooltips are the long form
        Binding("y", "copy", "Copy", tooltip="Copy the report to the clipboard"),
        Binding("m", "export('markdown')", "Save .md", tooltip="Export the report as Markdown"),
        Binding("j", "export('json')", "Save .json", tooltip="Export the report as JSON"),
        Binding("t", "transcript", "Transcript"),
        # hidden from the footer (the footer is full); in the palette and the README key table
        Binding("a", "model_answer", "Model answer", show=False),
        Binding("r", "retry", "Retry question", show=False),
        Binding("g", "regrade", "Regrade offline", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, interview_id: int) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.detail: InterviewDetail | None = None

    def body(self) -> ComposeResult:
        with VerticalScroll(id="report"):
            with Horizontal(id="report-head"):
                yield Label("Overall", id="report-overall-label")
                yield ScoreBadge(None, percent=True, id="report-score")
                yield Label("Loading the report…", id="report-meta", markup=False)
            yield Label("", id="report-retry", markup=False)
            yield DataTable(id="report-table", cursor_type="row", zebra_stripes=True)
            yield Markdown("", id="report-body")

    def on_mount(self) -> None:
        self.sub_title = f"Report #{self.interview_id}"
        table = self.query_one(DataTable)
        table.add_columns("#", "Topic", "Score", "Feedback")
        table.focus()
        self.query_one("#report-retry").display = False
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="report")
    def load(self) -> None:
        try:
            detail = self.backend.get_interview(
                user_id=self.user_id, interview_id=self.interview_id
            )
        except Exception as exc:
            self.from_thread(self.iapp.show_error, exc)
            return
        self.from_thread(self.show, detail)
        if detail.summary.number_questions == 1:  # a retry is a one-question interview
            try:
                comparison = self.backend.compare_attempts(
                    user_id=self.user_id, retry_id=self.interview_id
                )
            except Exception:  # not a retry (or not served): nothing to compare
                return
            self.from_thread(self.show_comparison, comparison)

    def show_comparison(self, c: AttemptComparison) -> None:
        """A retry's report leads with how it compares with the first attempt."""
        label = self.query_one("#report-retry", Label)
        before, after = c.original.score, c.retry.score
        line = f"Retry of interview #{c.original_interview}, Q{c.original.number}: "
        if before is None or after is None:
            line += "not graded on both attempts"
        else:
            delta = after - before
            verdict = "better" if delta > 0 else "worse" if delta < 0 else "the same score"
            line += f"{before}/10 → {after}/10 ({verdict}"
            line += f" by {count(abs(delta), 'point')})" if delta else ")"
        label.update(line)
        label.display = True

    def show(self, detail: InterviewDetail) -> None:
        self.detail = detail
        report = detail.report
        s = detail.summary
        self.query_one(ScoreBadge).set_score(report.overall_percent if report else s.score)
        answered = report.answered if report else s.answered
        self.query_one("#report-meta", Label).update(
            f"{answered}/{s.number_questions} answered · {s.difficulty} · {s.provider}: {s.model}"
        )
        table = self.query_one(DataTable)
        table.clear()
        width = max(20, self.size.width - 40)
        questions = report.questions if report else detail.questions
        for q in questions:
            from interviewer_tui.core.scoring import band

            score = Text("skipped" if q.skipped else ("—" if q.score is None else f"{q.score}/10"))
            score.stylize(BAND_STYLE[band(q.score)])
            table.add_row(
                Text(str(q.number)),
                Text(short(title(q.topic), 22)),
                score,
                Text(short(q.feedback or "", width)),
                key=str(q.number),
            )
        self.query_one("#report-body", Markdown).update(report_markdown(detail))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.dismiss()
        else:
            self.iapp.go_home()

    def action_transcript(self) -> None:
        self.iapp.open_transcript(self.interview_id)

    def _selected_question(self) -> int | None:
        table = self.query_one(DataTable)
        if self.detail is None or table.row_count == 0:
            return None
        row = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(str(row.value))

    def action_retry(self) -> None:
        """Answer the highlighted question again (a new attempt; this grade stays)."""
        number = self._selected_question()
        if number is not None:
            self.iapp.start_retry(self.interview_id, number)

    def action_regrade(self) -> None:
        if self.detail is not None:
            self._regrade()

    @work(thread=True, exclusive=True, exit_on_error=False, group="regrade")
    def _regrade(self) -> None:
        from interviewer_tui.ui.widgets.regrade_dialog import RegradeDialog

        self._in_dialog(
            "Grading the answers again, offline…",
            lambda: RegradeDialog(
                self.backend.regrade(
                    user_id=self.user_id, interview_id=self.interview_id, offline=True
                )
            ),
        )

    def action_model_answer(self) -> None:
        number = self._selected_question()
        if number is not None:
            self._model_answer(number)

    @work(thread=True, exclusive=True, exit_on_error=False, group="model-answer")
    def _model_answer(self, number: int) -> None:
        from interviewer_tui.ui.widgets.model_answer_dialog import ModelAnswerDialog

        self._in_dialog(
            f"Fetching a model answer for Q{number}…",
            lambda: ModelAnswerDialog(
                self.backend.model_answer(
                    user_id=self.user_id, interview_id=self.interview_id, question_number=number
                )
            ),
        )

    def _in_dialog(self, doing: str, fetch: Callable[[], Screen[None]]) -> None:
        """In a worker: say what is being fetched, fetch it, show it over the report; a refusal
        (UsageError: not graded yet, nothing to regrade) is a warning, anything else an error."""
        from interviewer_tui.errors import UsageError

        self.from_thread(self.notify, doing, timeout=3)
        try:
            dialog = fetch()
        except UsageError as exc:
            self.from_thread(self.notify, exc.message, severity="warning", timeout=6)
            return
        except Exception as exc:
            self.from_thread(self.iapp.show_error, exc)
            return
        self.from_thread(self.app.push_screen, dialog)

    def action_copy(self) -> None:
        self._export("markdown", to_clipboard=True)

    def action_export(self, fmt: str) -> None:
        """Ask where (and in which format) to write the export, then write it."""

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export_to(choice)

        self.app.push_screen(ExportDialog(self.interview_id, fmt), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _export(self, fmt: str, *, to_clipboard: bool) -> None:
        try:
            text = self.backend.export_interview(
                user_id=self.user_id, interview_id=self.interview_id, fmt=fmt
            )
        except Exception as exc:
            self.from_thread(self.iapp.show_error, exc)
            return
        self.from_thread(self.app.copy_to_clipboard, text)
        self.from_thread(self.notify, "Report copied to the clipboard.", timeout=3)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _export_to(self, choice: ExportChoice) -> None:
        export_to_file(self, self.backend, self.user_id, self.interview_id, choice)

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            (
                "Model answer",
                "A strong answer to the highlighted question (a)",
                self.action_model_answer,
            ),
            (
                "Retry question",
                "Answer the highlighted question again; this grade stays (r)",
                self.action_retry,
            ),
            (
                "Regrade offline",
                "Grade these answers again with the offline interviewer (g)",
                self.action_regrade,
            ),
            ("Copy report", "Copy the report as Markdown", self.action_copy),
            (
                "Export report as Markdown",
                "Choose where to write interview-N.md",
                lambda: self.action_export("markdown"),
            ),
            (
                "Export report as JSON",
                "Choose where to write interview-N.json",
                lambda: self.action_export("json"),
            ),
        ]
