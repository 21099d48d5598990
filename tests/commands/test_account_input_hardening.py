"""Secrets out of `ps`, bounded password input, length as typed, and a private signing key
(issue 11, item 21). The commands run as real subprocesses of the installed entry point."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from interviewer_tui.auth import passwords, tokens
from interviewer_tui.errors import UsageError, ValidationError
from interviewer_tui.store.tables import User
from tests.support.cli import Cli, register_alice
from tests.support.contexts import signed
from tests.support.mail import Mailbox, reset_code
from tests.support.users import NEW_PASSWORD, PASSWORD, make_user


def _registered(home_cli: Cli, db_url: str) -> None:
    register_alice(home_cli, db_url)


def _ok(proc: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    return proc


def test_reset_reads_the_code_from_standard_input_not_the_command_line(
    home_cli: Cli, db_url: str, smtp_server: Mailbox
) -> None:
    _registered(home_cli, db_url)
    home_cli.env.update(SMTP_HOST=smtp_server.host, SMTP_PORT=str(smtp_server.port))
    home_cli.env["SMTP_STARTTLS"] = "false"
    _ok(home_cli("password", "forgot", "--email", "alice@example.com"))
    code = reset_code(smtp_server.bodies()[-1])

    reset = _ok(
        home_cli("password", "reset", "--password-stdin", stdin=f"{code}\n{NEW_PASSWORD}\n")
    )
    assert "every session ended" in reset.stdout
    assert code not in reset.stdout + reset.stderr
    _ok(home_cli("login", "-u", "alice", "--password-stdin", stdin=NEW_PASSWORD + "\n"))


def test_the_token_option_is_documented_as_leaking_and_warns(home_cli: Cli) -> None:
    helped = _ok(home_cli("password", "reset", "--help"))
    assert "ps" in helped.stdout
    assert "history" in helped.stdout
    used = home_cli("password", "reset", "--token", "made-up-code", "--password-stdin",
               stdin=NEW_PASSWORD + "\n")  # fmt: skip
    assert used.returncode == 3
    assert "shell history" in used.stderr
    assert "made-up-code" not in used.stderr


def test_a_huge_password_is_refused_before_any_hashing_and_counts_no_failure(
    home_cli: Cli, db_url: str, actx: Any
) -> None:
    _registered(home_cli, db_url)
    huge = "x" * 5_000_000
    proc = home_cli("login", "-u", "alice", "--password-stdin", stdin=huge + "\n")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == (
        f"error: the password is too long: at most {passwords.MAX_INPUT_LENGTH} characters"
    )
    user = actx.tx(lambda s: s.exec(select(User)).one())
    assert user.failed_logins == 0
    _ok(home_cli("login", "-u", "alice", "--password-stdin", stdin=PASSWORD + "\n"))


def test_oversized_input_is_refused_by_every_password_entry_point(actx: Any) -> None:
    make_user(actx, "alice")
    signed(actx).login(identifier="alice", password=PASSWORD)
    long = "y" * (passwords.MAX_INPUT_LENGTH + 1)
    calls = [
        lambda: signed(actx).login(identifier="alice", password=long),
        lambda: signed(actx).login(identifier="nobody", password=long),
        lambda: signed(actx).change_password(current_password=long, new_password=NEW_PASSWORD),
        lambda: signed(actx).delete_account(password=long),
        lambda: passwords.hash_password(long),
        lambda: passwords.verify_password(passwords.DUMMY_HASH, long),
    ]
    for call in calls:
        with pytest.raises(ValidationError, match="too long"):
            call()
    assert signed(actx).current_user().username == "alice"


def test_length_is_measured_on_what_was_typed_not_after_nfkc() -> None:
    """U+FDFA is one character that NFKC expands to 18: twenty of them are 20 typed characters."""
    typed = "\ufdfa" * 20
    assert len(passwords.normalise(typed)) > passwords.MAX_LENGTH
    passwords.check_new_password(typed, username="alice", email="alice@example.com")
    encoded = passwords.hash_password(typed)
    assert passwords.verify_password(encoded, typed)
    with pytest.raises(ValidationError, match="too long"):
        passwords.check_new_password("\ufdfa" * 257, username="alice", email="alice@example.com")


def test_a_signing_key_readable_by_others_is_refused_with_the_fix(tmp_path: Path) -> None:
    data = tmp_path / "data"
    tokens.load_secret(None, data)
    path = data / tokens.SECRET_FILE
    os.chmod(path, 0o644)
    with pytest.raises(UsageError) as info:
        tokens.load_secret(None, data)
    message = info.value.message
    assert str(path) in message
    assert "0644" in message
    assert f"chmod 600 {path}" in message
    assert path.read_text().strip() not in message
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # left for the owner to judge
    os.chmod(path, 0o600)
    assert tokens.load_secret(None, data)


def test_a_group_readable_signing_key_stops_the_cli_with_exit_2(
    home_cli: Cli, sqlite_url: str
) -> None:
    _registered(home_cli, sqlite_url)
    path = home_cli.home / "data" / tokens.SECRET_FILE
    os.chmod(path, 0o640)
    who = home_cli("whoami")
    assert who.returncode == 2
    assert "readable by other users" in who.stderr
    assert "Traceback" not in who.stderr
