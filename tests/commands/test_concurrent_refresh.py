"""Ten real CLI processes at once, right after the access token expired, on SQLite and
PostgreSQL (issue 11, item 19): every one succeeds, the login survives, nothing reads "database
is locked", and a genuine replay of the old token afterwards still ends the login.

Each process imports the app first and then waits at a gate; the gate opens once all are ready
and the token has expired, so all ten refresh in the same instant. (Twenty processes simply
started together spent ~30 s of CPU on imports and reached the refresh one by one, spread over
seconds on two cores: a weaker race than ten released at once.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import select

from interviewer_tui.store.tables import RefreshToken
from tests.support.cli import Cli, register_alice

COMMANDS = 10

# The console script's own entry point, released by the gate file (argv: gate, ready, command).
GATED = """
import pathlib, sys, time
import interviewer_tui.cli, interviewer_tui.commands.common, interviewer_tui.edge.login
from interviewer_tui.entry import main
gate, ready, command = sys.argv[1:4]
pathlib.Path(ready).touch()
while not pathlib.Path(gate).exists():
    time.sleep(0.002)
sys.argv = ["interviewer", command]
main()
"""


def _session_file(home: Path) -> Path:
    (path,) = (home / "state" / "sessions").glob("*.json")
    return path


def _wait_until_access_expired(path: Path) -> None:
    expires = json.loads(path.read_text())["access_expires_at"]
    deadline = time.monotonic() + 10
    while time.time() < expires + 1:  # +1: the database's clock may lag ours by a little
        assert time.monotonic() < deadline
        time.sleep(0.05)


def _rows(db_url: str) -> list[RefreshToken]:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    ctx = AppContext(settings=load_settings(database_url=db_url))
    try:
        return list(ctx.tx(lambda s: s.exec(select(RefreshToken)).all()))
    finally:
        ctx.close()


def ten_at_once_after_expiry(
    cli: Cli, env: dict[str, str], session: Path
) -> list[tuple[str, str, str, int]]:
    """COMMANDS processes (whoami and history in turn) released together once the access token
    in `session` has expired: (command, stdout, stderr, exit code) of each."""
    gate = cli.cwd / "gate"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", GATED, str(gate), str(cli.cwd / f"ready-{i}"),
             "whoami" if i % 2 else "history"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=cli.cwd,
        )
        for i in range(COMMANDS)
    ]  # fmt: skip
    deadline = time.monotonic() + 120
    while len(list(cli.cwd.glob("ready-*"))) < COMMANDS:
        assert time.monotonic() < deadline, [p.poll() for p in procs]
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        time.sleep(0.05)
    _wait_until_access_expired(session)
    gate.touch()
    return [(str(p.args[-1]), *p.communicate(timeout=180), p.returncode) for p in procs]  # type: ignore[index]


@pytest.mark.slow
def test_ten_commands_at_once_after_expiry_all_succeed_and_keep_the_login(
    home_cli: Cli, db_url: str
) -> None:
    register_alice(home_cli, db_url, INTERVIEWER_ACCESS_TOKEN_TTL="1")
    session = _session_file(home_cli.home)
    before = session.with_name("before.bak")
    shutil.copy2(session, before)

    env = {k: v for k, v in home_cli.env.items() if k != "INTERVIEWER_ACCESS_TOKEN_TTL"}
    results = ten_at_once_after_expiry(home_cli, env, session)
    failed = [r for r in results if r[3] != 0]
    assert failed == [], failed
    assert not any("locked" in r[2] or "reuse" in r[2] for r in results)

    rows = _rows(db_url)
    assert all(r.revoked_at is None for r in rows)
    assert len(rows) == 2  # one rotation for ten commands: the others used its session
    still = home_cli("whoami")
    assert still.returncode == 0, still.stderr

    # A genuine replay: the copy from before the refresh, presented now, ends the whole login.
    shutil.copy2(before, session)
    replayed = home_cli("whoami")
    assert replayed.returncode == 3
    assert "refresh token reuse detected" in replayed.stderr
    assert all(r.revoked_at is not None for r in _rows(db_url))
    os.remove(before)
