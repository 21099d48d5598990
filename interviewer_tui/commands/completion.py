"""Shell completion values for options and arguments (bash, zsh, fish, through Typer).

A completion runs on every Tab press, so each function here answers fast and never fails: topic
ids come from the built-in catalog; interview ids are read from the local store for the user
logged in on this computer, and anything that goes wrong (not logged in, no database yet, a server
that does not answer within the deadline) gives no candidates instead of a message, a traceback
or a hang. Commands, options and difficulty values are completed by Typer itself.
"""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer_tui.services.views import InterviewSummary

Candidate = tuple[str, str]  # (value, help shown by zsh and fish)

# How long the keyring and the database get (imports and settings come before, unlimited): a Tab
# that finds the database server down waits this long, then offers nothing.
ID_DEADLINE_SECONDS = 3.0
MAX_IDS = 50


def complete_topic(incomplete: str) -> list[Candidate]:
    """Topic ids for `--topic`, with their titles."""
    from interviewer_tui.core.topics import CATALOG

    return [(t.id, t.title) for t in CATALOG if t.id.startswith(incomplete.lower())]


def complete_interview_id(incomplete: str) -> list[Candidate]:
    """Ids of your interviews (for `show`, `export`), newest first."""
    return _ids(incomplete, unfinished_only=False)


def complete_unfinished_id(incomplete: str) -> list[Candidate]:
    """Ids of your paused or in-progress interviews (for `resume`)."""
    return _ids(incomplete, unfinished_only=True)


def _ids(incomplete: str, *, unfinished_only: bool) -> list[Candidate]:
    try:
        lookup = _lookup()
    except Exception:  # no usable settings: nothing to offer
        return []
    candidates: list[Candidate] = []
    for row in _within(ID_DEADLINE_SECONDS, lookup) if lookup else ():
        if unfinished_only and row.status not in ("paused", "in_progress"):
            continue
        if str(row.id).startswith(incomplete):
            topics = ", ".join(row.topics)
            candidates.append((str(row.id), f"{row.created_at:%Y-%m-%d} {row.status} {topics}"))
    return candidates


def _lookup() -> Callable[[], list[InterviewSummary]] | None:
    """Load settings and import what the lookup needs here, so the deadline only covers what can
    hang (the keyring, the database server); None when there is no database to read."""
    from pathlib import Path

    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.local import LocalApplication, preload

    preload()

    settings = load_settings()
    if settings.database_url is None and not Path(settings.paths.default_database).is_file():
        return None  # never create (or migrate) a database just to complete a word

    def my_interviews() -> list[InterviewSummary]:
        from interviewer_tui.edge.login import StoredLogin

        ctx = AppContext(settings=settings)
        app = LocalApplication(ctx)
        try:
            user_id = StoredLogin(app, ctx).current_user().id
            return app.list_interviews(user_id=user_id, limit=MAX_IDS)
        finally:
            app.close()

    return my_interviews


def _within(seconds: float, fn: Callable[[], list[InterviewSummary]]) -> list[InterviewSummary]:
    """`fn()` run in a daemon thread, its output and errors swallowed; [] if it fails or is slow.

    A daemon thread, so a keyring or a database that hangs cannot keep the shell waiting: the
    process exits as soon as the candidates are printed.
    """
    result: list[list[InterviewSummary]] = []

    def run() -> None:
        with contextlib.suppress(BaseException):
            result.append(fn())

    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        worker = threading.Thread(target=run, name="complete-ids", daemon=True)
        worker.start()
        worker.join(seconds)
    return result[0] if result else []
