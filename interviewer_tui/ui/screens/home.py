"""Home: continue an unfinished interview, start a new one, recent interviews, trend, weak spots."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Label

from interviewer_tui.core.models import PASS_SCORE
from interviewer_tui.core.topics import title
from interviewer_tui.ui.screens.base import AppScreen, PaletteCommand
from interviewer_tui.ui.text import day, plain, short, when
from interviewer_tui.ui.widgets.review_panel import ReviewPanel
from interviewer_tui.ui.widgets.score import percent_band_class
from interviewer_tui.ui.widgets.transcript import topic_line
from interviewer_tui.ui.widgets.trend import ScoreTrend

if TYPE_CHECKING:
    from interviewer_tui.services.views import Dashboard, InterviewSummary

BAND_STYLE = {"band-pass": "green", "band-borderline": "yellow", "band-fail": "red"}


def score_cell(percent: int | None) -> Text:
    if percent is None:
        return Text("—", style="dim")
    return Text(f"{percent}%", style=BAND_STYLE.get(percent_band_class(percent), ""))


def summary_row(s: InterviewSummary, *, level: bool = True) -> tuple[Text, ...]:
    cells = [Text(day(s.created_at)), Text(short(topic_line(s.topics), 24))]
    if level:
        cells.append(Text(s.difficulty))
    return (*cells, score_cell(s.score), Text(s.status.replace("_", " ")))


def weak_text(topics: tuple[tuple[str, int], ...]) -> str:
    """The topics below the pass bar, weakest first; a topic at or above it is never "weak"."""
    if not topics:
        return "Complete an interview to see where to practise."
    bar = 10 * PASS_SCORE
    weak = [(t, pct) for t, pct in topics if pct < bar][:5]
    if not weak:
        return f"None: every topic you answered is at or above the pass bar ({bar}%)."
    return "\n".join(f"{pct:>3}%  {title(t)}" for t, pct in weak)


class HomeScreen(AppScreen):
    SUB_TITLE = "Home"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New interview"),
        Binding("c", "resume", "Continue"),
        Binding("h", "history", "History"),
        # off the footer (it must keep ^q and F1 at 80 columns): the review card says "press p"
        Binding("p", "practice", "Practice", show=False),
        Binding("r", "refresh", "Refresh", show=False),
        Binding("ctrl+o", "logout", "Log out"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.dashboard: Dashboard | None = None

    def body(self) -> ComposeResult:
        with VerticalScroll(id="home"):
            user = self.iapp.user
            yield Label(
                plain(f"Welcome, {user.username}." if user else "Welcome."),
                id="home-greeting",
            )
            with Horizontal(id="home-resume", classes="card"):
                yield Label("", id="home-resume-text", markup=False)
                yield Button("Continue (c)", variant="warning", id="home-resume-button")
            with Horizontal(id="home-actions"):
                yield Button("New interview (n)", variant="primary", id="home-new")
                yield Button("History (h)", id="home-history")
            with Horizontal(id="home-panels"):
                with Vertical(id="home-recent", classes="card"):
                    yield DataTable(id="recent-table", cursor_type="row", zebra_stripes=True)
                    yield Label(
                        "No interviews yet: press n to start one.", id="recent-empty", markup=False
                    )
                with Vertical(id="home-side"):
                    yield ScoreTrend(id="home-trend")
                    with Vertical(id="home-weak", classes="card"):
                        yield Label("", id="home-weak-text", markup=False)
                    yield ReviewPanel(id="home-review")

    def on_mount(self) -> None:
        self.query_one("#home-recent").border_title = "Recent interviews"
        self.query_one("#home-weak").border_title = "Weakest topics"
        self.query_one("#home-resume").display = False
        table = self.query_one("#recent-table", DataTable)
        table.add_columns("Date", "Topics", "Score", "Status")
        self.query_one("#home-new", Button).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.dashboard is not None:
            self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="home")
    def load(self) -> None:
        try:
            data = self.backend.dashboard(user_id=self.user_id)
        except Exception as exc:
            self.from_thread(self.iapp.show_error, exc)
            return
        self.from_thread(self.show_dashboard, data)
        try:
            review = self.backend.progress(user_id=self.user_id)
        except Exception as exc:
            self.from_thread(self.iapp.show_error, exc)
            return
        self.from_thread(self.query_one(ReviewPanel).set_progress, review)

    def show_dashboard(self, data: Dashboard) -> None:
        self.dashboard = data
        user = self.iapp.user
        if user is not None and (data.recent or data.unfinished is not None):
            # "back" only for someone who has practised here before, not a first login
            self.query_one("#home-greeting", Label).update(plain(f"Welcome back, {user.username}."))
        card = self.query_one("#home-resume")
        if data.unfinished is not None:
            u = data.unfinished
            self.query_one("#home-resume-text", Label).update(
                f"Unfinished interview #{u.id}: {u.difficulty}, {topic_line(u.topics)}, "
                f"{u.answered}/{u.number_questions} answered, last active {when(u.updated_at)}"
            )
            card.display = True
            self.query_one("#home-resume-button", Button).focus()
        else:
            card.display = False
        table = self.query_one("#recent-table", DataTable)
        table.clear()
        for s in data.recent:
            table.add_row(*summary_row(s, level=False), key=str(s.id))
        table.display = bool(data.recent)
        self.query_one("#recent-empty").display = not data.recent
        self.query_one(ScoreTrend).set_trend(data.trend)
        self.query_one("#home-weak-text", Label).update(weak_text(data.weakest_topics))

    @on(Button.Pressed, "#home-new")
    def action_new(self) -> None:
        self.iapp.open_setup()

    @on(Button.Pressed, "#home-history")
    def action_history(self) -> None:
        self.iapp.open_history()

    @on(Button.Pressed, "#home-resume-button")
    def action_resume(self) -> None:
        if self.dashboard is None or self.dashboard.unfinished is None:
            self.notify("No unfinished interview.", timeout=3)
            return
        self.iapp.resume_interview(self.dashboard.unfinished.id)

    def action_practice(self) -> None:
        self.iapp.start_practice()

    def action_refresh(self) -> None:
        self.load()

    def action_logout(self) -> None:
        self.iapp.log_out()

    @on(DataTable.RowSelected, "#recent-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key is None or self.dashboard is None:
            return
        summary = next((s for s in self.dashboard.recent if str(s.id) == key), None)
        if summary is None:
            return
        if summary.status == "completed":
            self.iapp.open_report(summary.id)
        else:
            self.iapp.open_transcript(summary.id)

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            ("Refresh dashboard", "Reload the home screen", self.load),
            ("Practice", "A short session on the points due for review (p)", self.action_practice),
        ]
