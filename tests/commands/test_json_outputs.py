"""The JSON outputs in process, on SQLite and PostgreSQL: one wire format for timestamps whatever
the database gives back (PostgreSQL's timestamptz, SQLite's naive text)."""

from __future__ import annotations

import json
import re

from interviewer_tui.core.models import InterviewOptions
from tests.support.cli import run_in_process
from tests.support.contexts import signed
from tests.support.users import PASSWORD, make_user

WIRE_TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z"


def test_history_and_show_json_agree_on_both_databases(ctx) -> None:
    make_user(ctx, "dana")
    app = signed(ctx)
    user = app.login(identifier="dana", password=PASSWORD).user
    runner = app.start_interview(
        user_id=user.id, options=InterviewOptions(topics=("caching",), questions=1), offline=True
    )
    list(runner.advance())
    runner.close()

    listed = run_in_process("history", "--json")
    assert listed.returncode == 0, listed.stderr
    row = json.loads(listed.stdout.splitlines()[0])
    shown = run_in_process("show", str(row["id"]), "--json")
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)

    assert re.fullmatch(WIRE_TIME, row["created_at"]), row["created_at"]
    assert document["interview"]["created_at"] == row["created_at"]
    assert [m["kind"] for m in document["messages"]] == ["question"]
    assert re.fullmatch(WIRE_TIME, document["messages"][0]["created_at"])


def test_progress_json_writes_the_same_timestamps(ctx) -> None:
    """`progress --json` (and every JSON Lines event) goes through the wire codec too."""
    make_user(ctx, "erin")
    app = signed(ctx)
    user = app.login(identifier="erin", password=PASSWORD).user
    runner = app.start_interview(
        user_id=user.id, options=InterviewOptions(topics=("caching",), questions=1), offline=True
    )
    list(runner.advance())
    runner.answer("Not sure, a cache maybe.")
    list(runner.advance())
    runner.close()

    shown = run_in_process("progress", "--json")
    assert shown.returncode == 0, shown.stderr
    profile = json.loads(shown.stdout)
    assert profile["next_due"], "the missed points are scheduled"
    for item in profile["next_due"]:
        assert re.fullmatch(WIRE_TIME, item["due_at"]), item["due_at"]
