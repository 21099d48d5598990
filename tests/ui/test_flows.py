"""Pilot tests of whole journeys through the TUI on real databases with the real services."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interviewer_tui.ui.app import InterviewerApp, StartOptions
from interviewer_tui.ui.widgets.answer_editor import AnswerEditor
from interviewer_tui.ui.widgets.score import ScoreBadge
from interviewer_tui.ui.widgets.too_small import TooSmall
from tests.ui.helpers import on_screen, wait_for
from tests.ui.pilot_steps import (
    PASSWORD,
    answer,
    interview,
    messages,
    new_interview,
    register,
    shown,
    type_text,
    wait_for_turn,
)

SIZE = (100, 36)


async def test_offline_path_register_interview_report_history(ctx: Any) -> None:
    """register -> set up -> two offline questions -> report -> history (SQLite and PostgreSQL)."""
    app = InterviewerApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot)
        await new_interview(pilot, questions=2)
        first = messages(pilot, "question")
        assert first and first[0].text.strip(), "the first question is shown"
        assert interview(pilot).query_one("StatusBar").render().plain.startswith("Q 1/2")

        await answer(pilot, "I would use a token bucket in Redis with lazy refill")
        feedback = messages(pilot, "feedback")
        assert len(feedback) == 1
        assert f"Feedback · Q1  {feedback[0].score}/10" in shown(feedback[0])
        assert messages(pilot, "answer")[0].text.startswith("I would use a token bucket")

        await answer(pilot, "A B-tree keeps keys sorted so a range scan walks the leaves")
        await wait_for(pilot, on_screen(pilot, "ReportScreen"), what="report")
        report = pilot.app.screen
        await wait_for(pilot, lambda: report.detail is not None, what="report data")
        assert report.query_one(ScoreBadge).render().plain.endswith("%")
        assert report.query_one("DataTable").row_count == 2
        for key in ("m", "j"):  # each asks where; enter takes interview-N.md / .json here
            await pilot.press(key)
            await wait_for(pilot, on_screen(pilot, "ExportDialog"), what="export dialog")
            await pilot.press("enter")
            await wait_for(pilot, on_screen(pilot, "ReportScreen"), what="dialog closed")
        exported = [Path(f"interview-{report.interview_id}.{ext}") for ext in ("md", "json")]
        await wait_for(pilot, lambda: all(p.exists() for p in exported), what="exports")
        assert json.loads(exported[1].read_text(encoding="utf-8"))
        await pilot.press("y")
        await wait_for(pilot, lambda: pilot.app.clipboard, what="report copied")

        await pilot.press("escape")
        await wait_for(pilot, on_screen(pilot, "HomeScreen"))
        await pilot.press("h")
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "rows", None), what="history")
        rows = list(pilot.app.screen.rows.values())
        assert [r.status for r in rows] == ["completed"]


async def test_resume_unfinished_interview_keeps_transcript_and_draft(sqlite_ctx: Any) -> None:
    app = InterviewerApp(sqlite_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot)
        await new_interview(pilot, questions=3)
        await answer(pilot, "My first answer about the topic")
        question_two = messages(pilot, "question")[-1].text
        editor = pilot.app.screen.query_one(AnswerEditor)
        editor.focus()
        await type_text(pilot, "half an answer")
        await pilot.press("escape")
        await wait_for(pilot, on_screen(pilot, "ConfirmDialog"), what="leave confirmation")
        assert "progress is saved" in pilot.app.screen.question
        await pilot.press("y")
        await wait_for(pilot, on_screen(pilot, "HomeScreen"), what="home")
        home = pilot.app.screen
        await wait_for(pilot, lambda: home.dashboard and home.dashboard.unfinished, what="card")
        assert home.query_one("#home-resume").display

        await pilot.press("c")
        await wait_for_turn(pilot)
        assert messages(pilot, "answer")[0].text == "My first answer about the topic"
        assert messages(pilot, "question")[-1].text == question_two
        assert len(messages(pilot, "feedback")) == 1
        assert pilot.app.screen.query_one(AnswerEditor).text == "half an answer"


async def test_draft_is_saved_while_typing(sqlite_ctx: Any) -> None:
    """A crash after typing loses nothing: the draft is in the database within seconds."""
    from sqlmodel import select

    from interviewer_tui.store.tables import Interview

    app = InterviewerApp(sqlite_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot)
        await new_interview(pilot, questions=1)
        pilot.app.screen.query_one(AnswerEditor).focus()
        await type_text(pilot, "unsent thoughts")

        def saved() -> bool:
            rows = sqlite_ctx.tx(lambda s: [i.draft_answer for i in s.exec(select(Interview))])
            return rows == ["unsent thoughts"]

        await wait_for(pilot, saved, timeout=10, what="draft in the database")


async def test_wrong_password_is_an_inline_message(sqlite_ctx: Any) -> None:
    from interviewer_tui.services import accounts

    accounts.register(sqlite_ctx, username="bob", email="bob@example.com", password=PASSWORD)
    app = InterviewerApp(sqlite_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, on_screen(pilot, "AuthScreen"))
        await type_text(pilot, "bob")
        await pilot.press("enter")
        await type_text(pilot, "not the password")
        await pilot.press("enter")
        status = pilot.app.screen.query_one("#login-status")
        await wait_for(pilot, lambda: "invalid" in str(status.render()), what="error message")
        assert type(pilot.app.screen).__name__ == "AuthScreen"
        assert pilot.app.screen.query_one("#login-password").value == ""
        await type_text(pilot, PASSWORD)
        await pilot.press("enter")
        await wait_for(pilot, on_screen(pilot, "HomeScreen"), what="home after login")


async def test_database_down_is_a_message_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:9/interviewer")
    ctx = AppContext(settings=load_settings())
    app = InterviewerApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        # the database error wins over "not logged in" (issue 11 item 11): it is shown on the
        # splash, with r to retry, instead of a login form that could not work
        await wait_for(pilot, on_screen(pilot, "SplashScreen"))
        error = pilot.app.screen.query_one("#splash-error")
        await wait_for(pilot, lambda: "not reachable" in str(error.render()), what="db error")
        assert "r to retry" in str(error.render())
        assert app.is_running
        await pilot.press("r")
        await wait_for(pilot, lambda: "not reachable" in str(error.render()), what="again")
        assert app.is_running


async def test_start_options_go_straight_to_the_interview(sqlite_ctx: Any) -> None:
    app = InterviewerApp(sqlite_ctx, start=StartOptions(questions=1, offline=True))
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot, then="InterviewScreen")
        await wait_for_turn(pilot)
        assert interview(pilot).runner.total_questions == 1


async def test_palette_copy_and_tiny_terminal(sqlite_ctx: Any) -> None:
    app = InterviewerApp(sqlite_ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await register(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "history")
        await pilot.press("enter")
        await wait_for(pilot, on_screen(pilot, "HistoryScreen"), what="history via palette")
        await pilot.press("escape")
        await new_interview(pilot, questions=1)
        question = messages(pilot, "question")[0]
        question.focus()
        await pilot.press("c")
        assert pilot.app.clipboard == question.text

        screen = pilot.app.screen
        hint = screen.query_one(TooSmall)
        await pilot.resize_terminal(40, 12)
        await wait_for(pilot, lambda: hint.styles.display == "block", what="too-small hint")
        assert screen.query_one(AnswerEditor).styles.display == "none"
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: hint.styles.display == "none", what="hint gone")
        assert screen.query_one(AnswerEditor).styles.display == "block"
        assert pilot.app.is_running
