"""Interview-screen behaviour that needs no database: code mode, submit keys, confirmations.

Uses the fixed-data runner (tests/ui/fixed_data.py) so each test checks one UI rule quickly; the
real services are exercised by test_flows.py and test_model_server.py.
"""

from __future__ import annotations

from typing import Any

from interviewer_tui.ui.app import InterviewerApp
from interviewer_tui.ui.widgets.answer_editor import AnswerEditor
from tests.ui.fixed_data import FixedBackend, frozen_clock
from tests.ui.helpers import on_screen, wait_for
from tests.ui.pilot_steps import messages


async def open_interview(pilot: Any) -> Any:
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")
    await pilot.press("c")
    await wait_for(
        pilot,
        lambda: type(pilot.app.screen).__name__ == "InterviewScreen" and pilot.app.screen._loaded,
        what="interview",
    )
    return pilot.app.screen


async def test_code_mode_submits_a_fenced_answer_with_alt_enter() -> None:
    backend = FixedBackend()
    answers: list[str] = []
    backend.runner.answer = lambda text: (answers.append(text), backend.runner.transcript()[1])[1]
    app = InterviewerApp(backend=backend, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot)
        editor = screen.query_one(AnswerEditor)
        editor.clear()
        await pilot.press("ctrl+t")
        await wait_for(pilot, on_screen(pilot, "ChoiceDialog"), what="language picker")
        await pilot.press("down", "enter")  # Python
        await wait_for(pilot, lambda: editor.code_language == "python", what="code mode")
        assert editor.language == "python" and "code: python" in str(editor.border_title)
        editor.insert("def f():\n    return 1")
        await pilot.press("alt+enter")
        await wait_for(pilot, lambda: answers, what="submitted")
        assert answers == ["```python\ndef f():\n    return 1\n```"]


async def test_empty_answer_is_refused_inline() -> None:
    app = InterviewerApp(backend=FixedBackend(), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot)
        screen.query_one(AnswerEditor).clear()
        await pilot.press("ctrl+j")
        error = screen.query_one("#answer-error")
        await wait_for(pilot, lambda: "The answer is empty" in str(error.render()))
        await pilot.pause()
        assert error.display and error.region.height >= 1  # on screen, not only in the widget
        assert not screen._busy


async def test_draft_is_saved_after_a_pause_in_typing() -> None:
    backend = FixedBackend()
    app = InterviewerApp(backend=backend, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot)
        screen.query_one(AnswerEditor).insert(" two queues")
        await wait_for(pilot, lambda: backend.runner.drafts, what="draft saved")
        assert backend.runner.drafts[-1] == "A queue with two queues"


async def test_skip_asks_first_and_no_keeps_the_question() -> None:
    app = InterviewerApp(backend=FixedBackend(), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(pilot)
        before = len(messages(pilot))
        await pilot.press("ctrl+n")
        await wait_for(pilot, on_screen(pilot, "ConfirmDialog"), what="skip confirmation")
        assert "counts as 0" in pilot.app.screen.question
        await pilot.press("n")
        await wait_for(pilot, on_screen(pilot, "InterviewScreen"))
        assert len(messages(pilot)) == before


async def test_status_bar_counts_against_the_time_box() -> None:
    from datetime import timedelta

    from interviewer_tui.ui.widgets.status_bar import StatusBar
    from tests.ui.fixed_data import NOW

    late = NOW + timedelta(minutes=20)  # the fixed interview started 12 minutes before NOW
    app = InterviewerApp(backend=FixedBackend(), clock=lambda: late)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot)
        text = screen.query_one(StatusBar).render().plain
        assert text.startswith("Q 3/4")
        assert "32:05 / 30:00 time is up" in text
        assert "1,234 tok" in text
