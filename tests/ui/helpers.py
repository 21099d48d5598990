"""Polling helpers for pilot tests: wait for a condition instead of sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot


async def wait_for(
    pilot: Pilot[Any],
    condition: Callable[[], object],
    *,
    timeout: float = 15.0,
    what: str = "condition",
) -> None:
    """Poll until `condition()` is truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if condition():
                return
        except Exception:  # widgets may not be mounted yet
            pass
        if time.monotonic() > deadline:
            screen = type(pilot.app.screen).__name__
            notes = [n.message for n in pilot.app._notifications]
            raise AssertionError(f"timed out waiting for {what} (screen {screen}, notes {notes})")
        await pilot.pause(0.05)


def on_screen(pilot: Pilot[Any], name: str) -> Callable[[], bool]:
    return lambda: type(pilot.app.screen).__name__ == name


def screen_text(pilot: Pilot[Any]) -> str:
    """What the terminal shows now, as plain text lines (what a person reads, clipping included:
    a widget's own `render_lines` would still hold text its container cuts off)."""
    import io

    from rich.console import Console

    app = pilot.app
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())
