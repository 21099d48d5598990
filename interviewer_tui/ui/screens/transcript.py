"""A past interview's conversation, read-only, opened at its end; resume it if it is unfinished."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label

from interviewer_tui.ui.screens.base import AppScreen, PaletteCommand
from interviewer_tui.ui.text import plain, when
from interviewer_tui.ui.widgets.transcript import Transcript, topic_line

if TYPE_CHECKING:
    from interviewer_tui.services.views import InterviewDetail


class TranscriptScreen(AppScreen):
    SUB_TITLE = "Transcript"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resume", "Resume"),
        Binding("y", "copy", "Copy all"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, interview_id: int) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.detail: InterviewDetail | None = None

    def body(self) -> ComposeResult:
        yield Label("Loading…", id="transcript-meta", markup=False)
        yield Transcript(id="transcript")

    def on_mount(self) -> None:
        self.sub_title = f"Transcript #{self.interview_id}"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="transcript")
    def load(self) -> None:
        try:
            detail = self.backend.get_interview(
                user_id=self.user_id, interview_id=self.interview_id
            )
        except Exception as exc:
            self.from_thread(self.iapp.show_error, exc)
            return
        self.from_thread(self.show, detail)

    def show(self, detail: InterviewDetail) -> None:
        self.detail = detail
        self.refresh_bindings()
        s = detail.summary
        state = s.status.replace("_", " ")
        hint = "  (r resumes)" if s.status in ("in_progress", "paused") else ""
        self.query_one("#transcript-meta", Label).update(
            plain(
                f"#{s.id} · {when(s.created_at)} · {s.difficulty} · {topic_line(s.topics)} · "
                f"{state}{hint}"
            )
        )
        transcript = self.query_one(Transcript)
        shown = transcript.load(detail.messages)
        last = shown[-1] if shown else transcript.add_note("No messages yet.")
        last.focus(scroll_visible=False)  # tab / shift+tab walk the messages; c copies one

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.detail is not None and self.detail.summary.status in (
                "in_progress",
                "paused",
            )
        return True

    def action_resume(self) -> None:
        if self.detail is None:
            return
        self.dismiss()
        self.iapp.resume_interview(self.interview_id)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.query_one(Transcript).all_text())
        self.notify("Transcript copied to the clipboard.", timeout=2)

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> list[PaletteCommand]:
        return [("Copy transcript", "Copy the whole conversation", self.action_copy)]
