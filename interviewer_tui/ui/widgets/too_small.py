"""Shown instead of a screen's content when the terminal is below the size we can lay out."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 20


class TooSmall(Static):
    """Hidden by CSS unless the screen carries a `-tiny-w` / `-tiny-h` breakpoint class."""

    def __init__(self) -> None:
        super().__init__(
            f"Terminal too small.\nResize to at least {MIN_WIDTH}x{MIN_HEIGHT}.\n(ctrl+q quits)",
            markup=False,
        )
