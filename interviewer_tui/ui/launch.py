"""Entry point used by the CLI: build the app from a context and run it in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interviewer_tui.services.context import AppContext


def run_tui(ctx: AppContext, **start_options: Any) -> None:
    """Open the TUI. With options (from `interviewer start` on a terminal) it goes straight to an
    interview after login: difficulty, topics, questions, language, length_minutes,
    job_description, offline, resume_id (or resume=True for the latest unfinished one)."""
    from interviewer_tui.ui.app import InterviewerApp, StartOptions

    given = {k: v for k, v in start_options.items() if v is not None}
    start = None
    if given:
        if "topics" in given:
            given["topics"] = tuple(given["topics"])
        known = set(StartOptions.__dataclass_fields__)
        start = StartOptions(**{k: v for k, v in given.items() if k in known})
    app = InterviewerApp(ctx, start=start)
    try:
        app.run()
    finally:
        ctx.close()
