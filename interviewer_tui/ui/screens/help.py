"""F1 / `?`: every key of the screen underneath, including those the footer has no room for."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

# Keys a screen does not declare but a person should know (handled by widgets or Textual).
ALWAYS = (
    ("tab / shift+tab", "Move between fields and buttons"),
    ("^p", "Command palette: every action by name, and themes"),
)


def key_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(key, what it does) for each binding active on `screen` now, shown or not, in order."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    app = screen.app
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.action == "command_palette":
            continue
        if not (binding.show or _declared_by_us(active.node, binding)):
            continue  # a Textual widget's hidden editing keys (cursor moves...): noise here
        key = app.get_key_display(binding)
        what = binding.tooltip or binding.description
        row = (key, what + ("" if active.enabled else " (not now)"))
        if row not in seen:
            seen.add(row)
            rows.append(row)
    return rows + [row for row in ALWAYS if row not in seen]


def _declared_by_us(node: object, binding: Binding) -> bool:
    for cls in type(node).__mro__:
        if cls.__module__.startswith("interviewer_tui"):
            for declared in cls.__dict__.get("BINDINGS", ()):
                if isinstance(declared, Binding) and declared.action == binding.action:
                    return True
    return False


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss(None)", "Close", show=False),
    ]

    def __init__(self, title: str, rows: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max((len(key) for key, _ in self.rows), default=4) + 2
        table = Text()
        for key, what in self.rows:
            table.append(key.ljust(width), style="bold")
            table.append(what + "\n")
        with Vertical(classes="dialog-box", id="help-box"):
            yield Label(f"Keys: {self.title_text}", id="help-title", markup=False)
            with VerticalScroll(id="help-keys"):
                yield Static(table, id="help-table")
            yield Label("esc, F1 or ? closes this.", id="help-close", markup=False)
