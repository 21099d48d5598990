"""Setup: difficulty, topics, number of questions, language, time box, job description, model."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Button,
    Input,
    Label,
    RadioSet,
    SelectionList,
    Switch,
    TextArea,
)
from textual.widgets.selection_list import Selection

from interviewer_tui.core.models import DIFFICULTIES, InterviewOptions
from interviewer_tui.core.plan import MAX_JOB_DESCRIPTION_CHARS, OptionsError, normalise_options
from interviewer_tui.core.topics import CATALOG
from interviewer_tui.core.words import count
from interviewer_tui.ui.screens.base import AppScreen
from interviewer_tui.ui.text import plain
from interviewer_tui.ui.widgets.field_error import FieldError
from interviewer_tui.ui.widgets.marked import MarkedRadioButton, MarkedSelectionList

# option (as `OptionsError.field` names it) -> (the widget to focus, the error line under it)
FIELD_WIDGETS = {
    "difficulty": ("#setup-difficulty", "#setup-difficulty-error"),
    "topics": ("#setup-topics", "#setup-topics-error"),
    "questions": ("#setup-questions", "#setup-row-error"),
    "length_minutes": ("#setup-minutes", "#setup-row-error"),
    "language": ("#setup-language", "#setup-row-error"),
    "job_description": ("#setup-jd", "#setup-jd-error"),
    "jd_path": ("#setup-jd-path", "#setup-jd-error"),
    "resume": ("#setup-resume-path", "#setup-resume-error"),
}


class SetupScreen(AppScreen):
    SUB_TITLE = "New interview"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._labels: dict[bool, tuple[str, str]] = {}  # offline? -> (provider, model name)

    def body(self) -> ComposeResult:
        with VerticalScroll(id="setup", classes="form"):
            yield Label("Difficulty", classes="field-label")
            with RadioSet(id="setup-difficulty"):
                for level in DIFFICULTIES:
                    yield MarkedRadioButton(level.title(), value=level == "medium", name=level)
            yield FieldError(id="setup-difficulty-error")
            yield Label(
                "Topics (space to toggle; none = the default mix of six)", classes="field-label"
            )
            yield MarkedSelectionList(
                *(Selection(t.title, t.id) for t in CATALOG), id="setup-topics"
            )
            yield FieldError(id="setup-topics-error")
            with Horizontal(classes="field-row"):
                with Vertical():
                    yield Label("Questions", classes="field-label")
                    yield Input(
                        id="setup-questions",
                        type="integer",
                        placeholder="auto (2 per topic)",
                        max_length=2,
                    )
                with Vertical():
                    yield Label("Time box (minutes)", classes="field-label")
                    yield Input(
                        id="setup-minutes", type="integer", placeholder="none", max_length=3
                    )
                with Vertical():
                    yield Label("Language", classes="field-label")
                    yield Input(id="setup-language", placeholder="e.g. python, go")
            yield FieldError(id="setup-row-error")
            yield Label("Job description (optional: paste, or load a file)", classes="field-label")
            yield TextArea(id="setup-jd", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="field-row"):
                yield Input(id="setup-jd-path", placeholder="path to a .txt or .md file")
                yield Button("Load file", id="setup-jd-load")
            yield FieldError(id="setup-jd-error")
            yield Label(
                "Résumé (optional: a .txt, .md or .pdf file; questions about your own projects)",
                classes="field-label",
            )
            yield Input(id="setup-resume-path", placeholder="path to your résumé")
            yield FieldError(id="setup-resume-error")
            with Horizontal(id="setup-model-row", classes="field-row"):
                yield Label("Offline interviewer", classes="field-label")
                yield Switch(id="setup-offline", value=False)
                yield Label("", id="setup-model", markup=False)
            yield FieldError(id="setup-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Start interview (ctrl+s)", variant="primary", id="setup-start")
                yield Button("Back (esc)", id="setup-back")

    def on_mount(self) -> None:
        self.query_one("#setup-model", Label).update("checking the interviewer model…")
        self.query_one("#setup-difficulty", RadioSet).focus()
        self._load_model_labels()

    @work(thread=True, exclusive=True, exit_on_error=False, group="model-label")
    def _load_model_labels(self) -> None:
        """Settings are read in a worker: the first use loads them (and may fail)."""
        try:
            labels = {
                offline: self.backend.model_label(offline=offline) for offline in (False, True)
            }
        except Exception as exc:
            self.from_thread(self.iapp.show_error, exc)
            return
        self.from_thread(self._labels_loaded, labels)

    def _labels_loaded(self, labels: dict[bool, tuple[str, str]]) -> None:
        self._labels = labels
        forced = labels[False][0] == "offline"
        switch = self.query_one("#setup-offline", Switch)
        switch.disabled = forced
        if forced and not switch.value:
            switch.value = True  # posts Switch.Changed, which redraws the badge
        else:
            self._show_model()

    @on(Switch.Changed, "#setup-offline")
    def _show_model(self) -> None:
        offline = self.query_one("#setup-offline", Switch).value
        if offline not in self._labels:
            return
        provider, model = self._labels[offline]
        badge = self.query_one("#setup-model", Label)
        badge.set_class(provider == "offline", "badge-offline")
        badge.set_class(provider != "offline", "badge-online")
        if provider == "offline":
            forced = self._labels[False][0] == "offline"
            hint = " (no OPENAI_API_KEY set)" if forced else ""
            badge.update(plain(f" OFFLINE  {model}{hint}"))
        else:
            badge.update(plain(f" ONLINE  {provider}: {model}"))

    def _int(self, input_id: str) -> int | None:
        raw = self.query_one(input_id, Input).value.strip()
        return int(raw) if raw.lstrip("-").isdigit() else None

    def _clear_errors(self) -> None:
        for error in self.query(FieldError):
            error.update("")

    def show_error(self, message: str, field: str | None = None) -> None:
        """Put `message` under the field at fault, focus that field and scroll both into view:
        at 80x24 the form is taller than the screen, and an error below the fold looks like
        ctrl+s did nothing."""
        self._clear_errors()
        target, error_id = FIELD_WIDGETS.get(field or "", ("#setup-start", "#setup-error"))
        error = self.query_one(error_id, FieldError)
        error.update(plain(message))
        widget = self.query_one(target)
        widget.focus()
        self.call_after_refresh(self._reveal, widget, error)

    def _reveal(self, widget: Widget, error: Widget) -> None:
        widget.scroll_visible(animate=False, immediate=True)
        error.scroll_visible(animate=False, immediate=True)

    @on(Button.Pressed, "#setup-start")
    def action_start(self) -> None:
        radio = self.query_one("#setup-difficulty", RadioSet).pressed_button
        difficulty = radio.name if radio is not None and radio.name else "medium"
        topics = self.query_one("#setup-topics", SelectionList).selected
        try:
            options = normalise_options(
                difficulty=difficulty,
                topics=[str(t) for t in topics],
                questions=self._int("#setup-questions"),
                language=self.query_one("#setup-language", Input).value,
                length_minutes=self._int("#setup-minutes"),
                job_description=self.query_one("#setup-jd", TextArea).text,
            )
        except OptionsError as exc:
            self.show_error(str(exc), exc.field)
            return
        self._clear_errors()
        offline = self.query_one("#setup-offline", Switch).value
        resume_path = self.query_one("#setup-resume-path", Input).value.strip()
        if resume_path:
            self._start_with_resume(options, resume_path, offline)
            return
        self.dismiss()
        self.iapp.start_interview(options, offline=offline)

    @work(thread=True, exclusive=True, exit_on_error=False, group="resume")
    def _start_with_resume(self, options: InterviewOptions, raw: str, offline: bool) -> None:
        """Read the résumé off the UI thread (a PDF takes a moment); a file that cannot be used
        is said under its field, and nothing starts."""
        from interviewer_tui.errors import UsageError
        from interviewer_tui.services.resume import read_resume

        try:
            text = read_resume(Path(raw).expanduser())
            tailored = normalise_options(
                difficulty=options.difficulty,
                topics=list(options.topics),
                questions=options.questions,
                language=options.language,
                length_minutes=options.length_minutes,
                job_description=options.job_description,
                resume=text,
            )
        except UsageError as exc:
            self.from_thread(self.show_error, exc.message, "resume")
            return
        except OptionsError as exc:
            self.from_thread(self.show_error, str(exc), "resume")
            return
        self.from_thread(self._begin, tailored, offline)

    def _begin(self, options: InterviewOptions, offline: bool) -> None:
        self.dismiss()
        self.iapp.start_interview(options, offline=offline)

    @on(Button.Pressed, "#setup-back")
    def action_back(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#setup-jd-load")
    @on(Input.Submitted, "#setup-jd-path")
    def _load_jd(self) -> None:
        raw = self.query_one("#setup-jd-path", Input).value.strip()
        if not raw:
            self.show_error("Type the path of the file to load.", "jd_path")
            return
        self._read_file(raw)

    @work(thread=True, exclusive=True, exit_on_error=False, group="jd")
    def _read_file(self, raw: str) -> None:
        path = Path(raw).expanduser()
        try:
            if path.stat().st_size > MAX_JOB_DESCRIPTION_CHARS * 4:
                raise OSError("the file is too large for a job description")
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.from_thread(self.show_error, f"Cannot read {path}: {reason}", "jd_path")
            return
        self.from_thread(self._jd_loaded, text)

    def _jd_loaded(self, text: str) -> None:
        self.query_one("#setup-jd", TextArea).text = text
        self._clear_errors()
        self.notify(f"Loaded {count(len(text), 'character')}.", timeout=3)
