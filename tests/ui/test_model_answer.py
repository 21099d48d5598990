"""The report's `a` key: a model answer for the highlighted question, on real services."""

from __future__ import annotations

from typing import Any

from interviewer_tui.llm.offline import find_question
from interviewer_tui.ui.app import InterviewerApp
from tests.ui.helpers import on_screen, wait_for
from tests.ui.pilot_steps import answer, new_interview, register


async def test_report_shows_the_reference_answer_for_the_highlighted_question(ctx: Any) -> None:
    app = InterviewerApp(ctx)
    async with app.run_test(size=(100, 36)) as pilot:
        await register(pilot)
        await new_interview(pilot, questions=1)
        await answer(pilot, "I would measure first, then add an index on the hot column")
        if not on_screen(pilot, "ReportScreen")():
            await pilot.press("ctrl+o")  # a follow-up came: end the interview here
            await wait_for(pilot, on_screen(pilot, "ConfirmDialog"), what="end dialog")
            await pilot.press("y")
        await wait_for(pilot, on_screen(pilot, "ReportScreen"), what="report")
        report = pilot.app.screen
        await wait_for(pilot, lambda: report.detail is not None, what="report data")
        await pilot.press("a")
        await wait_for(pilot, on_screen(pilot, "ModelAnswerDialog"), what="model answer")
        dialog = pilot.app.screen
        question = report.detail.questions[0]
        bank = find_question(question.question, question.topic)
        assert bank is not None
        shown = str(dialog.query_one("#model-answer").render())
        assert bank.reference[:60] in " ".join(shown.split())
        assert "measure first" in str(dialog.query_one("#model-answer-yours").render())
        await pilot.press("escape")
        await wait_for(pilot, on_screen(pilot, "ReportScreen"), what="back to the report")
