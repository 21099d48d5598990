"""The TUI as a client of a real `interviewer serve` process (issue 15): register on the server,
a short interview to its report, the status bar naming the server, and the server's database
holding each answer once. One server process for the module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from interviewer_tui.ui.app import InterviewerApp
from interviewer_tui.ui.widgets.status_bar import StatusBar
from tests.server.conftest import Server
from tests.support.remote import candidate_messages, serve
from tests.ui.helpers import on_screen, wait_for
from tests.ui.pilot_steps import answer, interview, messages, new_interview, register

FIRST = "A token bucket per API key in Redis, refilled lazily by a Lua script, 429 when empty."
SECOND = "A B-tree keeps keys sorted, so a range scan walks neighbouring leaf pages."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("tui-server")
    found = serve(root, f"sqlite:///{root / 'server.db'}")
    yield found
    found.stop()


def _client_context(server: Server, home: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """This computer as a client: INTERVIEWER_SERVER set, no database URL of its own."""
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    for name, value in {
        "INTERVIEWER_HOME": str(home),
        "INTERVIEWER_SERVER": server.base,
        "INTERVIEWER_SESSION_STORE": "file",
        "INTERVIEWER_OFFLINE": "true",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return AppContext(load_settings())


async def test_tui_against_a_server_interview_to_report_each_answer_once(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _client_context(server, tmp_path / "client", monkeypatch)
    app = InterviewerApp(ctx)
    try:
        async with app.run_test(size=(110, 36)) as pilot:
            await register(pilot, "tui")
            await new_interview(pilot, questions=2)
            screen = interview(pilot)
            interview_id = screen.runner.interview_id
            bar = screen.query_one(StatusBar).render().plain
            assert f"server {urlsplit(server.base).netloc}" in bar, bar
            assert bar.startswith("Q 1/2"), bar

            await answer(pilot, FIRST)
            assert len(messages(pilot, "feedback")) == 1
            await answer(pilot, SECOND)
            await wait_for(pilot, on_screen(pilot, "ReportScreen"), timeout=30, what="report")
            report = pilot.app.screen
            await wait_for(pilot, lambda: report.detail is not None, what="report data")
            assert report.query_one("DataTable").row_count == 2
    finally:
        ctx.close()
    stored = [c for k, c in candidate_messages(server.database_url, interview_id) if k == "answer"]
    assert stored == [FIRST, SECOND], stored
    # nothing of the interview lives in a database here: the client keeps only its outbox
    assert [p.name for p in (tmp_path / "client").rglob("*.db")] == ["outbox.db"]
