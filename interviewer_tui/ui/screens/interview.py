"""The interview: streamed interviewer turns, the answer editor, feedback, skip / end / pause.

Threading: every runner call happens in a thread worker holding `_runner_lock` (the runner is not
thread-safe, and a draft save must never interleave with a model step). The worker pulls the
turn's events from `runner.advance()` and posts them with the thread-safe `post_message`; the UI
thread only renders. Leaving mid-turn stops pulling, which cancels the model step.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer

from interviewer_tui.core.models import EMPTY_ANSWER, is_blank
from interviewer_tui.errors import ModelError, ValidationError
from interviewer_tui.ui.messages import AdvanceDone, Note, RunEventMessage, TranscriptLoaded
from interviewer_tui.ui.screens.base import AppScreen, PaletteCommand
from interviewer_tui.ui.text import plain
from interviewer_tui.ui.widgets.answer_editor import LANGUAGES, AnswerEditor
from interviewer_tui.ui.widgets.chat_message import ChatMessage
from interviewer_tui.ui.widgets.dialogs import ChoiceDialog, ConfirmDialog
from interviewer_tui.ui.widgets.field_error import FieldError
from interviewer_tui.ui.widgets.status_bar import StatusBar
from interviewer_tui.ui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from interviewer_tui.services.events import MessageSaved
    from interviewer_tui.services.port import RunningInterview
    from interviewer_tui.services.views import MessageView

DRAFT_DEBOUNCE = 1.0
UTTERANCES = frozenset({"question", "followup", "clarification"})
LEAVE_QUESTION = (
    "Leave this interview?\n\nYour progress is saved (including your draft answer). "
    "Continue it later from Home, or with `interviewer resume`."
)


class InterviewScreen(AppScreen):
    SUB_TITLE = "Interview"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Short labels so the footer keeps ^q Quit and F1 Help at 80 columns; the tooltip is the
        # long form, shown on hover and in the F1 help screen.
        Binding("ctrl+n", "skip", "Skip", tooltip="Skip this question (asks first; counts as 0)"),
        Binding("ctrl+o", "end", "End", tooltip="End the interview early (asks first)"),
        Binding("ctrl+t", "language", "Code", tooltip="Code mode: pick a language"),
        Binding("ctrl+r", "retry", "Retry", tooltip="Retry after the model failed"),
        Binding("escape", "pause", "Pause", tooltip="Pause and leave (progress is saved)"),
    ]

    def __init__(self, runner: RunningInterview) -> None:
        super().__init__()
        self.runner = runner
        self._runner_lock = threading.Lock()
        self._busy = False
        self._failed = False
        self._leaving = False
        self._stream: ChatMessage | None = None
        self._turn_kind = ""
        self._draft_text = ""
        self._draft_dirty = False
        self._draft_timer: Timer | None = None
        self._loaded = False

    def body(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Transcript(id="transcript")
        yield FieldError(id="answer-error")
        yield AnswerEditor(id="answer")

    def on_mount(self) -> None:
        self.sub_title = f"Interview #{self.runner.interview_id}"
        status = self.query_one(StatusBar)
        status.time_box = self.runner.options.length_minutes
        status.server = self._server_label()
        self._update_status(activity="loading…")
        self.query_one(AnswerEditor).focus()
        self.set_interval(1, self._tick)
        self._tick()
        self._step("load")

    # ------------------------------------------------------------------ status

    def _server_label(self) -> str:
        """host:port of the server this interview runs on ("" on this computer's database)."""
        from urllib.parse import urlsplit

        try:
            url = self.iapp.backend.server
        except Exception:  # a test double without the property: local
            return ""
        return urlsplit(url).netloc if url else ""

    def _now(self) -> datetime:
        return self.iapp.clock()

    def _tick(self) -> None:
        started = self.runner.started_at
        elapsed = (self._now() - started).total_seconds() if started.tzinfo else 0
        self.query_one(StatusBar).elapsed = int(elapsed)

    def _update_status(self, *, activity: str | None = None, warning: bool = False) -> None:
        status = self.query_one(StatusBar)
        status.question = self.runner.question_number
        status.total = self.runner.total_questions
        status.topic = self.runner.topic
        status.tokens = self.runner.tokens_used
        if activity is not None:
            status.activity = activity
            status.warning = warning

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return self._failed and not self._busy
        if action in ("skip", "end"):
            return None if self._busy or self.runner.finished else True
        return True

    # ------------------------------------------------------------------ worker

    @work(thread=True, exclusive=True, exit_on_error=False, group="turn")
    def _step(self, action: str, text: str = "") -> None:
        """One user action and then the model's steps, all under the runner lock."""
        with self._runner_lock:
            try:
                if action == "load":
                    views = tuple(self.runner.transcript())
                    self.post_message(TranscriptLoaded(self.runner.draft or "", views))
                elif action == "answer":
                    view = self.runner.answer(text)
                    self.post_message(RunEventMessage(self._saved(view)))
                elif action == "skip":
                    number = self.runner.question_number
                    self.runner.skip()
                    self.post_message(Note(f"You skipped question {number} (it counts as 0)."))
                elif action == "end":
                    self.runner.end()
                    self.post_message(Note("You ended the interview early."))
                if not self.runner.finished and not self.runner.awaiting_answer:
                    with contextlib.closing(self.runner.advance()) as turn:
                        for event in turn:
                            if self._leaving:
                                return  # closing the turn cancels the model step
                            self.post_message(RunEventMessage(event))
            except Exception as exc:
                if not self._leaving:  # leaving aborts the step on purpose: nothing to show
                    self.post_message(AdvanceDone(exc))
                return
        self.post_message(AdvanceDone())

    def _start(self, action: str, text: str = "") -> bool:
        if self._busy:
            self.notify("Wait for the interviewer to finish.", timeout=3)
            return False
        if self._leaving:
            return False
        self._failed = False
        self._set_busy(True)
        self._step(action, text)
        return True

    # ------------------------------------------------------------------ events from the worker

    @on(RunEventMessage)
    def _event(self, message: RunEventMessage) -> None:
        from interviewer_tui.services.events import (
            Evaluated,
            MessageSaved,
            TurnDelta,
            TurnRetry,
            TurnStarted,
        )

        event = message.event
        transcript = self.query_one(Transcript)
        if isinstance(event, TurnStarted):
            self._turn_kind = event.kind
            status = self.query_one(StatusBar)
            status.question, status.total, status.topic = (
                event.question_number,
                event.total,
                event.topic,
            )
            if event.kind in UTTERANCES:
                self._stream = transcript.start_stream(event.kind, event.question_number)
                status.activity, status.warning = "interviewer is typing…", False
            elif event.kind == "evaluation":
                status.activity, status.warning = "evaluating your answer…", False
            else:
                status.activity, status.warning = "writing your report…", False
        elif isinstance(event, TurnDelta):
            if self._stream is not None and self._turn_kind in UTTERANCES:
                self._stream.append(event.text)
        elif isinstance(event, TurnRetry):
            if self._stream is not None:
                self._stream.discard()
            self._update_status(
                activity=f"retrying… (attempt {event.attempt}: {event.reason})", warning=True
            )
        elif isinstance(event, MessageSaved):
            view = event.message
            if view.author == "interviewer" and view.kind in UTTERANCES and self._stream:
                self._stream.finish(view.content)
                self._stream = None
            else:
                transcript.add_view(view)
                if view.author == "candidate" and self._loaded:
                    self._clear_editor()
            self.query_one(StatusBar).tokens = self.runner.tokens_used
        elif isinstance(event, Evaluated):
            transcript.add_feedback(
                event.question_number, event.score, event.feedback, event.covered, event.missed
            )

    @on(AdvanceDone)
    def _done(self, message: AdvanceDone) -> None:
        self._set_busy(False)
        error = message.error
        if self._stream is not None:  # a turn that never completed: its text is void
            self._stream.remove()
            self._stream = None
        if error is not None:
            self._show_failure(error)
            return
        if self.runner.finished:
            self._finish()
            return
        self._update_status(activity="your turn")
        if self._draft_dirty:
            self._save_draft_soon(0.05)

    def _show_failure(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.query_one("#answer-error", FieldError).update(plain(error.message))
            self._update_status(activity="your turn")
            return
        transcript = self.query_one(Transcript)
        if isinstance(error, ModelError):
            self._failed = True
            self.refresh_bindings()
            transcript.add_note(
                f"**The interviewer model is unavailable:** {error.message}\n\n"
                "Your interview is saved. Press **ctrl+r** to try again, or **esc** to leave "
                "and resume later."
            )
            self._update_status(activity="model unavailable: ctrl+r retries", warning=True)
        else:
            self._failed = True
            self.refresh_bindings()
            self._update_status(activity="something failed: ctrl+r retries", warning=True)
        self.iapp.show_error(error)

    def _finish(self) -> None:
        report = self.runner.report()
        interview_id = self.runner.interview_id
        if report is None:
            self.notify("Interview ended with nothing answered: it was not scored.", timeout=6)
            self._close_and(self.iapp.go_home)
        else:
            self._close_and(lambda: self.iapp.open_report(interview_id, replace=True))

    @on(TranscriptLoaded)
    def _loaded_transcript(self, message: TranscriptLoaded) -> None:
        self.query_one(Transcript).load(message.messages)
        if message.draft:
            editor = self.query_one(AnswerEditor)
            editor.load_text(message.draft)
            editor.move_cursor(editor.document.end)
            self._draft_text = message.draft
        self._loaded = True

    @on(Note)
    def _note(self, message: Note) -> None:
        self.query_one(Transcript).add_note(message.text)

    # ------------------------------------------------------------------ answering

    @on(AnswerEditor.Submitted)
    def _submit(self, message: AnswerEditor.Submitted) -> None:
        message.stop()
        error = self.query_one("#answer-error", FieldError)
        if is_blank(message.text):
            error.update(f"{EMPTY_ANSWER.capitalize()} with ctrl+n.")
            return
        if self._failed:
            error.update("The interviewer is not ready: press ctrl+r to retry first.")
            return
        error.update("")
        self._start("answer", message.text)

    def _clear_editor(self) -> None:
        editor = self.query_one(AnswerEditor)
        editor.clear()
        self.query_one("#answer-error", FieldError).update("")

    @on(AnswerEditor.EditorRequested)
    def _open_editor(self, message: AnswerEditor.EditorRequested) -> None:
        message.stop()
        if self._busy or self.runner.finished:
            self.query_one("#answer-error", FieldError).update(
                "Wait for the interviewer to finish, then press ctrl+e again."
            )
            return
        self._edit_externally(message.text)

    @work(thread=True, exclusive=False, exit_on_error=False, group="draft")
    def _edit_externally(self, draft: str) -> None:
        """Save the draft, suspend the app for the editor, save what comes back, show it."""
        from textual.app import SuspendNotSupported

        from interviewer_tui.errors import UsageError

        try:
            with self._runner_lock:
                self.runner.save_draft(draft)  # before: a crashed editor loses nothing
            text = self.app.call_from_thread(self._suspended_edit, draft)
            with self._runner_lock:
                self.runner.save_draft(text)  # after
        except SuspendNotSupported:
            self.from_thread(
                self.notify, "This terminal cannot hand over to an editor.", severity="warning"
            )
            return
        except UsageError as exc:
            self.from_thread(self.notify, exc.message, severity="warning")
            return
        except Exception as exc:
            self.from_thread(self.notify, f"Draft not saved: {exc}", severity="warning")
            return
        self.from_thread(self._load_edited, text)

    def _suspended_edit(self, draft: str) -> str:
        from interviewer_tui.services.editor import edit_text

        with self.app.suspend():
            return edit_text(draft)

    def _load_edited(self, text: str) -> None:
        editor = self.query_one(AnswerEditor)
        editor.load_text(text)
        editor.move_cursor(editor.document.end)
        editor.focus()
        self._draft_text = text
        self._draft_dirty = False

    @on(AnswerEditor.Changed, "#answer")
    def _edited(self) -> None:
        if not self._loaded:
            return
        self._draft_text = self.query_one(AnswerEditor).text
        self._draft_dirty = True
        self._save_draft_soon(DRAFT_DEBOUNCE)

    def _save_draft_soon(self, delay: float) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(delay, self._save_draft_now)

    def _save_draft_now(self) -> None:
        if self._busy or self._leaving or not self._draft_dirty:
            return  # flushed again when the model step finishes
        self._draft_dirty = False
        self._save_draft()

    @work(thread=True, exclusive=False, exit_on_error=False, group="draft")
    def _save_draft(self) -> None:
        with self._runner_lock:
            try:
                self.runner.save_draft(self._draft_text)
            except Exception as exc:
                self.from_thread(self.notify, f"Draft not saved: {exc}", severity="warning")

    # ------------------------------------------------------------------ actions

    def action_skip(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._start("skip")

        if not self._busy:
            self.app.push_screen(
                ConfirmDialog(f"Skip question {self.runner.question_number}? It counts as 0."),
                confirmed,
            )

    def action_end(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._start("end")

        if not self._busy:
            self.app.push_screen(
                ConfirmDialog(
                    "End the interview now? The report covers the questions you answered."
                ),
                confirmed,
            )

    def action_retry(self) -> None:
        if self._failed:
            self.query_one(Transcript).add_note("Retrying…")
            self._start("advance")

    def action_language(self) -> None:
        editor = self.query_one(AnswerEditor)

        def chosen(language: str | None) -> None:
            if language is not None:
                editor.set_code_language(language)
            editor.focus()

        self.app.push_screen(
            ChoiceDialog(
                "Answer as (code mode highlights the language):", LANGUAGES, editor.code_language
            ),
            chosen,
        )

    async def action_pause(self) -> None:
        await self.leave(then=self.iapp.go_home)

    async def leave_for_quit(self) -> None:
        await self.leave(then=self.app.exit)

    async def leave(self, *, then: Callable[[], Any]) -> None:
        if self._leaving:
            return
        if self.runner.finished:
            self._close_and(then)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._leaving = True
                self.query_one(StatusBar).activity = "saving…"
                self._close_and(then)

        self.app.push_screen(ConfirmDialog(LEAVE_QUESTION, yes="Leave", no="Stay"), confirmed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="close")
    def _close_and(self, then: Callable[[], Any]) -> None:
        """Save the draft and release the interview, then navigate (or quit)."""
        self._leaving = True
        with self._runner_lock:
            try:
                if self._draft_dirty and not self.runner.finished:
                    self.runner.save_draft(self._draft_text)
                self.runner.close()
            except Exception as exc:
                self.from_thread(self.iapp.show_error, exc)
        self.from_thread(then)

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            ("Skip question", "Skip the current question (counts as 0)", self.action_skip),
            ("End interview early", "Go to the report now", self.action_end),
            ("Pause and leave", "Save and go back home; resume later", self.action_pause),
            ("Code mode / language", "Highlight the answer as code", self.action_language),
            ("Copy transcript", "Copy the whole conversation", self.copy_transcript),
        ]

    def copy_transcript(self) -> None:
        self.app.copy_to_clipboard(self.query_one(Transcript).all_text())
        self.notify("Transcript copied to the clipboard.", timeout=2)

    def _saved(self, view: MessageView) -> MessageSaved:
        from interviewer_tui.services.events import MessageSaved

        return MessageSaved(view, self.runner.total_questions, self.runner.topic)
