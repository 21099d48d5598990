"""Steps a person takes in the TUI, written once for the pilot tests (keyboard only)."""

from __future__ import annotations

from typing import Any

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from interviewer_tui.ui.widgets.answer_editor import AnswerEditor
from interviewer_tui.ui.widgets.transcript import ChatMessage
from tests.support.users import PASSWORD
from tests.ui.helpers import on_screen, wait_for


async def type_text(pilot: Pilot[Any], text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def register(pilot: Pilot[Any], username: str = "alice", *, then: str = "HomeScreen") -> None:
    await wait_for(pilot, on_screen(pilot, "AuthScreen"), what="auth screen")
    await pilot.press("ctrl+r")
    screen = pilot.app.screen
    await wait_for(pilot, lambda: pilot.app.focused.id == "register-username", what="focus")
    await type_text(pilot, username)  # typed; the long fields are filled (the tmux test types)
    await pilot.press("enter")
    screen.query_one("#register-email").value = f"{username}@example.com"
    screen.query_one("#register-password").value = PASSWORD
    screen.query_one("#register-confirm").value = PASSWORD
    screen.query_one("#register-confirm").focus()
    await pilot.press("enter")
    await wait_for(pilot, on_screen(pilot, then), what=f"{then} after register")


async def new_interview(pilot: Pilot[Any], *, questions: int) -> None:
    await wait_for(pilot, lambda: pilot.app.screen.dashboard is not None, what="dashboard")
    await pilot.press("n")
    await wait_for(pilot, on_screen(pilot, "SetupScreen"), what="setup")
    pilot.app.screen.query_one("#setup-questions").focus()
    await type_text(pilot, str(questions))
    await pilot.press("ctrl+s")
    await wait_for_turn(pilot)


def interview(pilot: Pilot[Any]) -> Any:
    screen = pilot.app.screen
    assert type(screen).__name__ == "InterviewScreen", type(screen).__name__
    return screen


async def wait_for_turn(pilot: Pilot[Any], timeout: float = 20) -> None:
    """Until the interviewer has finished speaking and waits for the candidate (or it is over)."""

    def ready() -> bool:
        screen = pilot.app.screen
        if type(screen).__name__ == "ReportScreen":
            return True
        return (
            type(screen).__name__ == "InterviewScreen"
            and screen._loaded
            and not screen._busy
            and (screen.runner.awaiting_answer or screen._failed)
        )

    await wait_for(pilot, ready, timeout=timeout, what="the candidate's turn")


def shown(widget: Widget) -> str:
    """The text a widget draws on screen now (its lines at its current size)."""
    strips = widget.render_lines(Region(0, 0, *widget.size))
    return "\n".join(strip.text.rstrip() for strip in strips)


def messages(pilot: Pilot[Any], kind: str | None = None) -> list[ChatMessage]:
    found = list(pilot.app.screen.query(ChatMessage))
    return [m for m in found if kind is None or m.kind == kind]


async def answer(pilot: Pilot[Any], text: str) -> None:
    editor = pilot.app.screen.query_one(AnswerEditor)
    editor.focus()
    editor.insert(text)
    await pilot.press("ctrl+j")
    await wait_for(
        pilot,
        lambda: type(pilot.app.screen).__name__ == "ReportScreen" or not pilot.app.screen._busy,
        what="answer processed",
    )
    await wait_for_turn(pilot)
