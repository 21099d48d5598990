"""Entry point used by the CLI: build the app from a context and run it in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.ui.app import StartOptions


def start_options_from(options: dict[str, Any]) -> StartOptions | None:
    """Turn `interviewer start` / `resume` keyword options into StartOptions (None: just open).

    Accepts `start_options` (a validated InterviewOptions) or the raw fields difficulty, topics,
    questions, language, length_minutes, job_description; `offline`; `resume_id` as an id or
    "latest".
    """
    from interviewer_tui.ui.app import StartOptions

    given = {k: v for k, v in options.items() if v is not None}
    if not given or given == {"offline": False}:
        return None
    unknown = set(given) - set(StartOptions.__dataclass_fields__) - {"start_options"}
    if unknown:
        raise TypeError(f"run_tui got unknown options: {', '.join(sorted(unknown))}")
    if "start_options" in given:
        given["options"] = given.pop("start_options")
    if given.get("resume_id") == "latest":
        given.pop("resume_id")
        given["resume"] = True
    if "topics" in given:
        given["topics"] = tuple(given["topics"])
    return StartOptions(**given)


def run_tui(ctx: AppContext, **start_options: Any) -> None:
    """Open the TUI; with options it goes straight to that interview after login."""
    from interviewer_tui.ui.app import InterviewerApp

    app = InterviewerApp(ctx, start=start_options_from(start_options))
    _pause_on_hangup()
    try:
        app.run()
    finally:
        if _in_browser():  # the tab was closed (textual-serve's "quit"): a hang-up, not a choice
            from interviewer_tui.services.select import pause_all_open

            pause_all_open()
        ctx.close()
    if app.return_code:  # Textual already printed what went wrong
        raise SystemExit(app.return_code)


def _in_browser() -> bool:
    """Driven by `interviewer web` (Textual's web driver) rather than a terminal."""
    import os

    from interviewer_tui.terminal import WEB_DRIVER

    return os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def _pause_on_hangup() -> None:
    """SIGHUP (the SSH connection or tmux window went away): save the open interview as paused
    (on the server for a remote one, else kept paused here with its unsent answers) and end at
    once. There is no terminal left to restore or to draw on, so waiting for the app
    to wind down would only risk being killed before the pause is written."""
    import contextlib
    import os
    import signal

    def hangup(signum: int, _frame: object) -> None:
        from interviewer_tui.services.select import pause_all_open

        pause_all_open()
        os._exit(128 + signum)

    with contextlib.suppress(ValueError, OSError):  # not the main thread
        signal.signal(signal.SIGHUP, hangup)
