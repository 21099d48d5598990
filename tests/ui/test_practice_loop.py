"""The practice loop in the TUI, on a real SQLite database with the real services and the offline
interviewer: practice from home (`p`), retry a question and regrade from the report (`r`, `g`),
and a résumé file in the setup form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from interviewer_tui.ui.app import InterviewerApp
from interviewer_tui.ui.widgets.status_bar import StatusBar
from tests.ui.helpers import on_screen, wait_for
from tests.ui.pilot_steps import answer, interview, messages, new_interview, register, wait_for_turn

SIZE = (100, 36)
THIN = "I am not sure; maybe put a cache in front of it."


def _notes(pilot: Any) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def _answer_until_report(pilot: Any) -> None:
    """Thin answers draw probing follow-ups; answer until the report is shown."""
    for _ in range(6):
        if type(pilot.app.screen).__name__ == "ReportScreen":
            break
        await answer(pilot, THIN)
    await wait_for(pilot, on_screen(pilot, "ReportScreen"), what="report")
    await wait_for(pilot, lambda: pilot.app.screen.detail is not None, what="report data")


def _make_due(db_url: str) -> int:
    """Time passing: every review item falls due (the schedule is tested on a clock elsewhere)."""
    engine = create_engine(db_url)
    with engine.begin() as conn:
        past = conn.execute(text("SELECT MIN(due_at) FROM review_items")).scalar_one()
        assert past is not None, "the graded answer put its missed points up for review"
        conn.execute(text("UPDATE review_items SET due_at = '2000-01-01 00:00:00.000000'"))
        due = int(conn.execute(text("SELECT COUNT(*) FROM review_items")).scalar_one())
    engine.dispose()
    return due


async def test_retry_regrade_and_practice_from_the_tui(sqlite_ctx: Any) -> None:
    app = InterviewerApp(sqlite_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot)
        await wait_for(pilot, lambda: pilot.app.screen.dashboard is not None, what="dashboard")
        await pilot.press("p")  # nothing answered yet: nothing to review
        await wait_for(
            pilot, lambda: any("nothing is due" in n for n in _notes(pilot)), what="notice"
        )
        assert type(pilot.app.screen).__name__ == "HomeScreen"

        await new_interview(pilot, questions=1)
        asked = messages(pilot, "question")[0].text
        await _answer_until_report(pilot)
        report = pilot.app.screen
        first_id = report.interview_id
        first_score = report.detail.questions[0].score

        await pilot.press("g")  # regrade offline: a dialog beside the originals
        await wait_for(pilot, on_screen(pilot, "RegradeDialog"), what="regrade dialog")
        dialog = pilot.app.screen
        assert dialog.query_one("#regrade-table").row_count == 1
        total = str(dialog.query_one("#regrade-total").render())
        assert "the originals are kept" in total and "/10" in total
        await pilot.press("escape")
        await wait_for(pilot, on_screen(pilot, "ReportScreen"), what="back on the report")

        await pilot.press("r")  # retry the highlighted question (Q1)
        await wait_for(pilot, on_screen(pilot, "InterviewScreen"), what="the retry")
        await wait_for_turn(pilot)
        assert messages(pilot, "question")[0].text == asked, "the same question, asked again"
        await _answer_until_report(pilot)
        retry = pilot.app.screen
        assert retry.interview_id != first_id, "a new attempt; the first stays as it was"
        await wait_for(
            pilot, lambda: retry.query_one("#report-retry").display, what="the comparison"
        )
        line = str(retry.query_one("#report-retry").render())
        assert line.startswith(f"Retry of interview #{first_id}, Q1: {first_score}/10 → ")
        detail = pilot.app.backend.get_interview(user_id=pilot.app.user.id, interview_id=first_id)
        assert detail.questions[0].score == first_score, "the original grade is untouched"

        await pilot.press("escape")  # back to the first attempt's report, where r was pressed
        await wait_for(
            pilot, lambda: getattr(pilot.app.screen, "interview_id", None) == first_id, what="1st"
        )
        await pilot.press("escape")
        await wait_for(pilot, on_screen(pilot, "HomeScreen"), what="home")
        due = _make_due(str(sqlite_ctx.engine.url))
        await pilot.press("p")
        await wait_for(pilot, on_screen(pilot, "InterviewScreen"), what="the practice session")
        await wait_for_turn(pilot)
        bar = interview(pilot).query_one(StatusBar)
        assert bar.total == min(due, 5), "one question per due point, five at most"


async def test_a_resume_file_in_the_setup_form_tailors_the_interview(
    sqlite_ctx: Any, tmp_path: Path
) -> None:
    cv = tmp_path / "cv.md"
    cv.write_text("# Ada\nBuilt a payments ledger in Go on PostgreSQL; led the Kafka migration.\n")
    app = InterviewerApp(sqlite_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot)
        await wait_for(pilot, lambda: pilot.app.screen.dashboard is not None, what="dashboard")
        await pilot.press("n")
        await wait_for(pilot, on_screen(pilot, "SetupScreen"), what="setup")
        setup = pilot.app.screen
        setup.query_one("#setup-questions").value = "1"
        setup.query_one("#setup-resume-path").value = str(tmp_path / "missing.pdf")
        await pilot.press("ctrl+s")
        error = setup.query_one("#setup-resume-error")
        await wait_for(pilot, lambda: "cannot read the résumé" in str(error.render()), what="err")
        assert pilot.app.focused is setup.query_one("#setup-resume-path")
        assert type(pilot.app.screen).__name__ == "SetupScreen", "nothing started"

        setup.query_one("#setup-resume-path").value = str(cv)
        await pilot.press("ctrl+s")
        await wait_for(pilot, on_screen(pilot, "InterviewScreen"), what="the interview")
        await wait_for_turn(pilot, timeout=30)
        runner = interview(pilot).runner
        assert runner.options.resume is not None and "payments ledger" in runner.options.resume
        stored = pilot.app.backend.get_interview(
            user_id=pilot.app.user.id, interview_id=runner.interview_id
        )
        assert "payments ledger" in (stored.options.resume or "")
