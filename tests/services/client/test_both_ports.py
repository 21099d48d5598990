"""The same user journeys through both implementations of the port: this computer's database,
and `interviewer serve` (SQLite and PostgreSQL behind it) through the remote client."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from tests.support.cli import Cli
from tests.support.users import PASSWORD

ANSWERS = (
    "I would put a token bucket per API key in Redis, refilled lazily by a Lua script so the "
    "check and the decrement are atomic, and answer 429 with Retry-After when it is empty.\n.\n"
    "A B-tree index keeps keys sorted, so a range scan walks adjacent leaf pages; a hash index "
    "only serves equality lookups.\n.\n"
)


def _register(cli: Cli, name: str = "alice") -> None:
    done = cli(
        "register",
        "-u",
        name,
        "-e",
        f"{name}@example.com",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert done.returncode == 0, done.stderr


def _session_file(cli: Cli) -> Path:
    found = list((cli.home / "state" / "sessions").glob("*.json"))
    assert len(found) == 1, found
    return found[0]


def _until_access_expired(path: Path) -> None:
    expires = json.loads(path.read_text())["access_expires_at"]
    deadline = time.monotonic() + 5
    while time.time() < expires:
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_account_journey_refresh_and_reuse(port_cli: Cli) -> None:
    """register, whoami (which server), sessions, logout, login; a refresh over HTTP; then a
    stale copy of the session put back: reuse detected, exit 3, the same words either way."""
    cli = port_cli
    remote = cli.env.get("INTERVIEWER_SERVER")
    _register(cli)
    who = cli("whoami")
    assert who.returncode == 0, who.stderr
    assert "user: alice <alice@example.com>" in who.stdout
    assert (f"server: {remote}" in who.stdout) == bool(remote)
    assert cli("logout").returncode == 0
    back = cli("login", "-u", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    assert back.returncode == 0, back.stderr
    assert (f"on {remote}" in back.stdout) == bool(remote)

    session = _session_file(cli)
    stale = session.with_name("stale.bak")
    shutil.copy2(session, stale)
    _until_access_expired(session)
    refreshed = cli("whoami")
    assert refreshed.returncode == 0, refreshed.stderr
    assert (
        json.loads(stale.read_text())["refresh_token"]
        != json.loads(session.read_text())["refresh_token"]
    )
    shutil.copy2(stale, session)
    reused = cli("whoami")
    assert reused.returncode == 3, reused.stderr
    assert "refresh token reuse detected" in reused.stderr
    assert "Traceback" not in cli.output()
    for secret in json.loads(stale.read_text())["refresh_token"], PASSWORD:
        assert secret not in cli.output()


def test_line_mode_interview_then_history_show_export(port_cli: Cli, tmp_path: Path) -> None:
    """A whole interview with --json, then history, show and export print the same documents
    through either port (one wire codec)."""
    cli = port_cli
    _register(cli, "bob")
    answers = tmp_path / "answers.txt"
    answers.write_text(ANSWERS, encoding="utf-8")
    run = cli("start", "--json", "--offline", "--questions", "2", "--answers", str(answers))
    assert run.returncode == 0, run.stderr
    events = [json.loads(line) for line in run.stdout.splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds[0] == "started" and kinds[-1] == "report", kinds
    assert kinds.count("answer") >= 2 and kinds.count("feedback") >= 2
    assert all(e["seq"] > 0 for e in events if e["event"] == "answer")  # stored, with a seq
    interview_id = events[0]["interview_id"]

    history = cli("history", "--json")
    rows = [json.loads(line) for line in history.stdout.splitlines()]
    assert [(r["id"], r["status"]) for r in rows] == [(interview_id, "completed")]
    assert rows[0]["created_at"].endswith("Z")

    shown = cli("show", str(interview_id), "--json")
    assert shown.returncode == 0
    doc = json.loads(shown.stdout)
    assert doc["format"] == "interviewer.export"
    assert doc["interview"]["created_at"] == rows[0]["created_at"]
    said = [m["content"] for m in doc["messages"] if m["author"] == "candidate"]
    assert said[0].startswith("I would put a token bucket")
    missing = cli("export", "999999")
    assert missing.returncode == 2 and "not found" in missing.stderr
