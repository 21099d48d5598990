"""The TUI home shows what is due for review and a score sparkline per topic (real services)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Sparkline

from interviewer_tui.ui.app import InterviewerApp
from interviewer_tui.ui.widgets.review_panel import ReviewPanel
from tests.ui.helpers import on_screen, wait_for
from tests.ui.pilot_steps import answer, new_interview, register


async def test_home_shows_due_items_and_topic_trend(ctx: Any, tmp_path: Path) -> None:
    app = InterviewerApp(ctx)
    async with app.run_test(size=(110, 40)) as pilot:
        await register(pilot)
        home = pilot.app.screen
        await wait_for(pilot, lambda: home.dashboard is not None, what="dashboard")
        assert not home.query_one(ReviewPanel).display  # nothing tracked: home looks as before
        await new_interview(pilot, questions=1)
        await answer(pilot, "I would add a cache somewhere")
        if not on_screen(pilot, "ReportScreen")():
            await pilot.press("ctrl+o")  # a follow-up came: end the interview here
            await wait_for(pilot, on_screen(pilot, "ConfirmDialog"), what="end dialog")
            await pilot.press("y")
        await wait_for(pilot, on_screen(pilot, "ReportScreen"), what="report")
        pilot.app.go_home()  # type: ignore[attr-defined]
        await wait_for(pilot, on_screen(pilot, "HomeScreen"), what="home")
        home = pilot.app.screen
        panel = home.query_one(ReviewPanel)
        await wait_for(pilot, lambda: panel.display, what="review panel")
        text = str(panel.query_one("#review-due").render())
        assert "due today" in text and "points tracked" in text and "•" in text
        await wait_for(pilot, lambda: bool(panel.query(Sparkline)), what="topic sparkline")
        await wait_for(pilot, lambda: bool(home.query("HeaderTitle")), what="header composed")
        pilot.app.save_screenshot(str(tmp_path / "home.svg"))
        svg = (tmp_path / "home.svg").read_text().replace("&#160;", " ")
        assert "Review (interviewer practice)" in svg and "due today" in svg
