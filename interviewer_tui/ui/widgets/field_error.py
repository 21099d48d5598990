"""An inline error line under a field (or a form's status line): shown while it has text, hidden
(no blank line) when not.

Textual's `:empty` pseudo-class matches widgets without children, not labels without text, so a
CSS rule cannot do this: a `.field-error:empty { display: none }` rule hid every error for good.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Label


class FieldError(Label):
    def __init__(self, *, id: str, classes: str = "field-error") -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.display = False

    def update(self, content: Any = "", *args: Any, **kwargs: Any) -> None:
        super().update(content, *args, **kwargs)
        self.display = bool(str(content).strip())
