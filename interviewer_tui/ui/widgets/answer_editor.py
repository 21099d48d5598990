"""The multi-line answer editor: prose by default, code mode with highlighting for a language.

Submitting needs a key every terminal sends: ctrl+j (a plain line feed) always works; alt+enter and
ctrl+enter work where the terminal reports them (kitty protocol, modifyOtherKeys).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea

# (label, tree-sitter language or "" for prose); only languages textual[syntax] ships
LANGUAGES: list[tuple[str, str]] = [
    ("Prose (no highlighting)", ""),
    ("Python", "python"),
    ("Go", "go"),
    ("Java", "java"),
    ("JavaScript", "javascript"),
    ("Rust", "rust"),
    ("SQL", "sql"),
    ("Bash", "bash"),
    ("JSON", "json"),
    ("YAML", "yaml"),
]


class AnswerEditor(TextArea):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+j", "submit", "Submit"),
        Binding("alt+enter,ctrl+enter", "submit", "Submit", show=False),
        # overrides TextArea's ctrl+e (line end; the End key still does that)
        # hidden from the footer (kept as it was); listed in the README's key table
        Binding("ctrl+e", "open_editor", "$EDITOR", show=False),
    ]

    @dataclass
    class EditorRequested(Message):
        """Open $VISUAL/$EDITOR on `text` (the screen saves the draft and suspends the app)."""

        text: str

    @dataclass
    class Submitted(Message):
        text: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "",
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder="Type your answer…  (ctrl+j submits, ctrl+t switches to code mode)",
        )
        self.code_language = ""
        self._update_title()

    def _update_title(self) -> None:
        mode = f"code: {self.code_language}" if self.code_language else "prose"
        self.border_title = f"Your answer ({mode})"

    def set_code_language(self, language: str) -> None:
        """'' is prose; otherwise highlight as `language` with line numbers and tab-indent."""
        self.code_language = language if language in self.available_languages else ""
        self.language = self.code_language or None
        self.show_line_numbers = bool(self.code_language)
        self.soft_wrap = not self.code_language
        self.tab_behavior = "indent" if self.code_language else "focus"
        self._update_title()

    def answer_text(self) -> str:
        """What gets submitted: in code mode the answer is fenced so it renders highlighted."""
        text = self.text.strip("\n")
        if self.code_language and text.strip():
            return f"```{self.code_language}\n{text}\n```"
        return text

    def action_open_editor(self) -> None:
        self.post_message(self.EditorRequested(self.text))

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self.answer_text()))
