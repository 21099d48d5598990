"""History (search, filter, export, delete, resume from the transcript) and the forgot-password
flow, on a real database (and a real local SMTP server for the reset code)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interviewer_tui.ui.app import InterviewerApp
from tests.support.contexts import signed
from tests.ui.helpers import on_screen, wait_for
from tests.ui.pilot_steps import PASSWORD, type_text, wait_for_turn

SIZE = (100, 36)


def seed(ctx: Any) -> tuple[int, int]:
    """A user (logged in on this machine) with a paused caching interview and an abandoned
    concurrency one; returns their ids."""
    from interviewer_tui.core.plan import normalise_options
    from interviewer_tui.llm.factory import make_model
    from interviewer_tui.services import accounts, interviews

    user = accounts.register(ctx, username="carol", email="carol@example.com", password=PASSWORD)
    signed(ctx).login(identifier="carol", password=PASSWORD)

    def start(topic: str) -> Any:
        return interviews.start_interview(
            ctx,
            user_id=user.id,
            options=normalise_options(topics=[topic], questions=2),
            model=make_model(ctx.settings, offline=True),
        )

    paused = start("caching")
    list(paused.advance())
    paused.close()
    abandoned = start("concurrency")
    list(abandoned.advance())
    abandoned.end()
    abandoned.close()
    return paused.interview_id, abandoned.interview_id


async def open_history(pilot: Any) -> Any:
    await wait_for(pilot, on_screen(pilot, "HomeScreen"), what="home")
    await pilot.press("h")
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "rows", None), what="history rows")
    return pilot.app.screen


async def test_history_search_filter_export_delete(sqlite_ctx: Any, tmp_path: Path) -> None:
    paused_id, abandoned_id = seed(sqlite_ctx)
    app = InterviewerApp(sqlite_ctx)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        assert set(history.rows) == {str(paused_id), str(abandoned_id)}

        await pilot.press("slash")
        await type_text(pilot, "caching")
        await wait_for(pilot, lambda: list(history.rows) == [str(paused_id)], what="search")
        await pilot.press("enter")  # back to the table

        await pilot.press("e")
        await wait_for(pilot, on_screen(pilot, "ExportDialog"), what="export dialog")
        await pilot.press("enter")  # the proposed path: interview-N.md in the working directory
        exported = tmp_path / f"interview-{paused_id}.md"
        await wait_for(pilot, exported.exists, what="exported file")
        assert "Caching" in exported.read_text(encoding="utf-8")
        assert exported.stat().st_mode & 0o777 == 0o600

        history.query_one("#history-search").value = ""
        await wait_for(pilot, lambda: len(history.rows) == 2, what="search cleared")
        history.query_one("#history-status").value = "abandoned"
        await wait_for(pilot, lambda: list(history.rows) == [str(abandoned_id)], what="filter")

        history.query_one("DataTable").focus()
        await pilot.press("d")
        await wait_for(pilot, on_screen(pilot, "ConfirmDialog"), what="delete confirmation")
        await pilot.press("y")
        await wait_for(pilot, lambda: not history.rows, what="row deleted")
        history.query_one("#history-status").value = "all"
        await wait_for(pilot, lambda: list(history.rows) == [str(paused_id)], what="one left")


async def test_open_transcript_read_only_then_resume(sqlite_ctx: Any) -> None:
    paused_id, _ = seed(sqlite_ctx)
    app = InterviewerApp(sqlite_ctx)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        table = history.query_one("DataTable")
        table.focus()
        table.move_cursor(row=list(history.rows).index(str(paused_id)))
        await pilot.press("enter")
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "detail", None), what="transcript")
        transcript = pilot.app.screen
        assert type(transcript).__name__ == "TranscriptScreen"
        assert not transcript.query("AnswerEditor"), "read-only: no editor"
        assert transcript.query("ChatMessage"), "the saved question is shown"
        await pilot.press("r")
        await wait_for_turn(pilot)
        assert pilot.app.screen.runner.interview_id == paused_id


async def test_forgot_password_with_smtp(
    smtp_server: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    mailbox = smtp_server  # the real local SMTP server of the auth tests
    from interviewer_tui.config import load_settings
    from interviewer_tui.services import accounts
    from interviewer_tui.services.context import AppContext
    from tests.support.mail import reset_code

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'reset.db'}")
    monkeypatch.setenv("INTERVIEWER_SESSION_STORE", "file")
    ctx = AppContext(settings=load_settings())
    accounts.register(ctx, username="dave", email="dave@example.com", password=PASSWORD)
    app = InterviewerApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, on_screen(pilot, "AuthScreen"))
        screen = pilot.app.screen
        screen.query_one("TabbedContent").active = "forgot"
        screen.query_one("#forgot-email").focus()
        await type_text(pilot, "dave@example.com")
        await pilot.press("enter")
        await wait_for(pilot, lambda: mailbox.messages, what="the reset email")
        code = reset_code(mailbox.bodies()[-1])
        screen.query_one("#reset-token").value = code
        screen.query_one("#reset-password").value = "a brand new passphrase"
        screen.query_one("#reset-confirm").focus()
        await type_text(pilot, "a brand new passphrase")
        await pilot.press("enter")
        status = screen.query_one("#login-status")
        await wait_for(pilot, lambda: "Password changed" in str(status.render()), what="done")
    ctx.close()
    assert signed(ctx).login(identifier="dave", password="a brand new passphrase").user


async def test_register_shows_the_services_message_under_the_field(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """Inline validation a person can see: the error line is on screen, under the password."""
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'register.db'}")
    app = InterviewerApp(AppContext(settings=load_settings()))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, on_screen(pilot, "AuthScreen"))
        screen = pilot.app.screen
        await pilot.press("ctrl+r")
        for field, value in (
            ("#register-username", "newuser"),
            ("#register-email", "new@example.com"),
            ("#register-password", "password"),
            ("#register-confirm", "password"),
        ):
            screen.query_one(field).value = value
        screen.query_one("#register-confirm").focus()
        await pilot.press("enter")
        error = screen.query_one("#register-password-error")
        await wait_for(pilot, lambda: "commonly used" in str(error.render()), what="the error")
        await pilot.pause()
        assert error.display and error.region.height >= 1
        assert screen.query_one("#register-username-error").region.height == 0
