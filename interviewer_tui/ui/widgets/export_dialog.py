"""Where to export an interview: format (Markdown or JSON), path, and whether to overwrite.

The rules are the CLI's (`services/export.py`): a directory gets `interview-N.md`/`.json`, the
suffix must not contradict the format, an existing file is kept unless "Overwrite" is ticked, and
the file is created 0600.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet

from interviewer_tui.errors import AppError, ConflictError
from interviewer_tui.services.export import (
    EXTENSION,
    SUFFIXES,
    default_name,
    resolve_target,
    write_private,
)

if TYPE_CHECKING:
    from interviewer_tui.ui.screens.base import AppScreen


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    fmt: str  # "markdown" or "json"
    force: bool


class ExportDialog(ModalScreen[ExportChoice | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, interview_id: int, fmt: str = "markdown") -> None:
        super().__init__(classes="dialog")
        self.interview_id = interview_id
        self.fmt = fmt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(f"Export interview #{self.interview_id}", classes="dialog-text")
            with RadioSet(id="export-format"):
                yield RadioButton("Markdown", value=self.fmt == "markdown", id="fmt-markdown")
                yield RadioButton("JSON", value=self.fmt == "json", id="fmt-json")
            yield Input(
                str(Path.cwd() / default_name(self.interview_id, self.fmt)),
                placeholder="file or directory",
                id="export-path",
            )
            yield Checkbox("Overwrite an existing file", id="export-force")
            yield Label("", id="export-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = "json" if event.pressed.id == "fmt-json" else "markdown"
        field = self.query_one("#export-path", Input)
        path = Path(field.value)
        if path.suffix.lower() in SUFFIXES:  # keep the name, follow the format
            field.value = str(path.with_suffix("." + EXTENSION[self.fmt]))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def _export(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        raw = self.query_one("#export-path", Input).value.strip()
        try:
            path, fmt = resolve_target(
                Path(raw).expanduser() if raw else Path.cwd(), self.fmt, self.interview_id
            )
        except AppError as exc:
            self.query_one("#export-error", Label).update(exc.message)
            return
        assert path is not None
        force = self.query_one("#export-force", Checkbox).value
        self.dismiss(ExportChoice(path=path, fmt=fmt, force=force))

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


def export_to_file(
    screen: AppScreen, backend: Any, user_id: int, interview_id: int, choice: ExportChoice
) -> None:
    """From a worker thread: write the export the dialog chose and say how it went."""
    try:
        text = backend.export_interview(user_id=user_id, interview_id=interview_id, fmt=choice.fmt)
        write_private(choice.path, text, force=choice.force)
    except ConflictError:
        screen.from_thread(
            screen.notify,
            f"{choice.path} already exists: export again and tick Overwrite, or pick a new name.",
            severity="warning",
            timeout=8,
        )
        return
    except Exception as exc:
        screen.from_thread(screen.iapp.show_error, exc)
        return
    screen.from_thread(screen.notify, f"Exported to {choice.path}", timeout=6)
