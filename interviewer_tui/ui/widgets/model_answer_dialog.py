"""A model answer beside the candidate's own, in a dialog over the report (esc closes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from interviewer_tui.ui.text import clean

if TYPE_CHECKING:
    from interviewer_tui.services.model_answers import ModelAnswer


class ModelAnswerDialog(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss(None)", "Close")]

    def __init__(self, answer: ModelAnswer) -> None:
        super().__init__(classes="dialog")
        self.answer = answer

    def compose(self) -> ComposeResult:
        a = self.answer
        where = "the bank's reference answer" if a.source == "reference" else f"by {a.model}"
        with Vertical(classes="dialog-box", id="model-answer-box"):
            yield Label(
                f"Model answer · Q{a.question_number} ({where}) · esc closes",
                markup=False,
                classes="dialog-text",
            )
            with VerticalScroll():
                # Static without markup: model text never becomes Rich markup or escapes
                yield Static(clean(a.question), markup=False, id="model-answer-question")
                yield Static(
                    f"Your answer ({a.score}/10):\n{clean(a.your_answer)}",
                    markup=False,
                    id="model-answer-yours",
                )
                yield Static(f"Model answer:\n{clean(a.text)}", markup=False, id="model-answer")
