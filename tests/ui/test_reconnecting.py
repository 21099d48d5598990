"""The TUI while PostgreSQL is unreachable mid-interview: it says "reconnecting…" where the user
is looking (the interview's status line, and a notification) instead of looking frozen, then
"connected again", and the answer typed during the outage is saved once."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from interviewer_tui.ui.app import InterviewerApp
from interviewer_tui.ui.widgets.answer_editor import AnswerEditor
from interviewer_tui.ui.widgets.status_bar import StatusBar
from tests.support.contexts import make_context
from tests.support.tcp_proxy import TcpProxy
from tests.ui.helpers import wait_for
from tests.ui.pilot_steps import interview, messages, new_interview, register, wait_for_turn

pytestmark = pytest.mark.postgres

ANSWER = "Cache-aside with a TTL; on a write, delete the key so the next read refills it."


def _notes(pilot: Any) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def test_database_away_mid_interview_shows_reconnecting_then_carries_on(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = make_url(pg_url)
    with TcpProxy((real.host or "127.0.0.1", real.port or 5432)) as proxy:
        through_proxy = real.set(host="127.0.0.1", port=proxy.port)
        ctx = make_context(through_proxy.render_as_string(hide_password=False), monkeypatch)
        app = InterviewerApp(ctx)
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                await register(pilot)
                await new_interview(pilot, questions=2)
                bar = interview(pilot).query_one(StatusBar)
                assert "reconnecting" not in bar.render().plain

                proxy.cut()  # every pooled connection dropped, new ones refused
                editor = interview(pilot).query_one(AnswerEditor)
                editor.focus()
                editor.insert(ANSWER)
                await pilot.press("ctrl+j")
                await wait_for(
                    pilot,
                    lambda: bar.render().plain.startswith("reconnecting… (try"),
                    what="reconnecting… on the status line",
                )
                assert any(n.startswith("Lost the connection to") for n in _notes(pilot))
                assert not messages(pilot, "feedback"), "nothing was graded while away"

                proxy.restore()
                await wait_for(pilot, lambda: messages(pilot, "feedback"), timeout=30, what="grade")
                await wait_for_turn(pilot)
                assert "reconnecting" not in bar.render().plain
                assert any(n.startswith("Connected again to") for n in _notes(pilot))
        finally:
            ctx.close()

    engine = create_engine(real)
    with engine.connect() as conn:
        saved = (
            conn.execute(text("SELECT content FROM messages WHERE author = 'candidate'"))
            .scalars()
            .all()
        )
    engine.dispose()
    assert saved == [ANSWER], "the answer typed during the outage is saved exactly once"
