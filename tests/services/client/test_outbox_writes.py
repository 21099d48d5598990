"""The outbox's cost on a turn's critical path (bench 12): an answer sent to a real server and
confirmed waits for the disk once, when it is kept before sending; the first send's attempt count
and the confirmation's delete do not make the next token wait for another fsync."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.client.test_faults import _client_app
from tests.support.remote import candidate_messages, serve
from tests.support.users import PASSWORD

ANSWER = "A B-tree keeps keys sorted so a range scan walks neighbouring leaf pages."


def _durable_writes(statements: list[str]) -> int:
    """Write transactions committed while `synchronous=FULL` (each one an fsync in WAL mode)."""
    full, count = True, 0
    for sql in statements:
        text = sql.strip().upper()
        if text.startswith("PRAGMA SYNCHRONOUS="):
            full = text.endswith("FULL")
        elif text == "BEGIN IMMEDIATE" and full:
            count += 1
    return count


def test_an_answer_sent_and_confirmed_waits_for_the_disk_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interviewer_tui.core.plan import normalise_options

    url = f"sqlite:///{tmp_path / 'server.db'}"
    server = serve(tmp_path / "srv", url)
    try:
        app = _client_app(monkeypatch, tmp_path / "client", server.base)
        user = app.register_and_login(username="disk", email="disk@example.com", password=PASSWORD)
        runner = app.start_interview(
            user_id=user.user.id, options=normalise_options(questions=2), offline=True
        )
        list(runner.advance())
        statements: list[str] = []
        app.outbox._open().set_trace_callback(statements.append)
        saved = runner.answer(ANSWER)
        assert saved.seq > 0  # confirmed by the server
        assert app.outbox.pending(user_id=user.user.id) == []
        assert _durable_writes(statements) == 1, statements
        list(runner.advance())
        runner.close()
        app.close()
        assert candidate_messages(url, runner.interview_id) == [("answer", ANSWER)]
    finally:
        server.stop()
