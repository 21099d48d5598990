"""Ten client processes at once, right after the access token for a real `interviewer serve`
expired: the shells' edge rotates it once for all of them (the session store's file lock), so
every command succeeds and the login survives; two rotations would have read as a stolen
token on the server and ended it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands.test_concurrent_refresh import _session_file, ten_at_once_after_expiry
from tests.support.remote import Servers, remote_cli
from tests.support.users import PASSWORD


@pytest.mark.slow
def test_ten_client_commands_at_once_after_expiry_keep_the_login(
    servers: Servers, tmp_path: Path
) -> None:
    cli = remote_cli(servers.get("sqlite"), tmp_path / "home", tmp_path)
    made = cli("register", "-u", "alice", "-e", "alice@example.com", "--password-stdin",
               stdin=PASSWORD + "\n")  # fmt: skip
    assert made.returncode == 0, made.stderr

    results = ten_at_once_after_expiry(cli, dict(cli.env), _session_file(cli.home))

    failed = [r for r in results if r[3] != 0]
    assert failed == [], failed
    assert not any("reuse" in r[2] for r in results)
    still = cli("whoami")
    assert still.returncode == 0, still.stderr
