"""The account commands through real subprocesses of the installed `interviewer` entry point, on
SQLite and PostgreSQL: the refresh-token reuse scenario, a full tour whose every line of output is
searched for secrets, and import hygiene of `--help`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.cli import Cli
from tests.support.mail import Mailbox, reset_code
from tests.support.users import NEW_PASSWORD, PASSWORD, WRONG_PASSWORD


def _prepare(home_cli: Cli, db_url: str) -> None:
    home_cli.env["DATABASE_URL"] = db_url
    if not db_url.startswith("sqlite"):
        migrated = home_cli("db", "upgrade")
        assert migrated.returncode == 0, migrated.stderr


def _session_file(home: Path) -> Path:
    files = list((home / "state" / "sessions").glob("*.json"))
    assert len(files) == 1, files
    return files[0]


def _wait_until_access_expired(path: Path) -> None:
    expires = json.loads(path.read_text())["access_expires_at"]
    deadline = time.monotonic() + 5
    while time.time() < expires:
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_refresh_token_reuse_end_to_end(home_cli: Cli, db_url: str) -> None:
    """Log in, keep a copy of the session, let a command refresh it, put the copy back: the next
    command detects the reuse, the whole login is ended, and it exits 3 with a clear message."""
    _prepare(home_cli, db_url)
    home_cli.env["INTERVIEWER_ACCESS_TOKEN_TTL"] = "1"
    done = home_cli(
        "register",
        "-u",
        "alice",
        "-e",
        "alice@example.com",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert done.returncode == 0, done.stderr
    session = _session_file(home_cli.home)
    saved = session.with_name("copy.bak")
    shutil.copy2(session, saved)

    _wait_until_access_expired(session)
    refreshed = home_cli("whoami")
    assert refreshed.returncode == 0, refreshed.stderr
    assert "user: alice <alice@example.com>" in refreshed.stdout
    old, new = json.loads(saved.read_text()), json.loads(session.read_text())
    assert old["refresh_token"] != new["refresh_token"]
    after_refresh = session.with_name("after-refresh.bak")
    shutil.copy2(session, after_refresh)

    shutil.copy2(saved, session)  # put the old session back
    reused = home_cli("whoami")
    assert reused.returncode == 3
    assert reused.stdout == ""
    assert "refresh token reuse detected" in reused.stderr
    assert "interviewer login" in reused.stderr
    assert "Traceback" not in reused.stderr

    shutil.copy2(after_refresh, session)  # the newer session died with its family
    _wait_until_access_expired(session)
    dead = home_cli("whoami")
    assert dead.returncode == 3
    assert "not logged in (this session was ended after its refresh token was reused)" in (
        dead.stderr
    )
    again = home_cli("whoami")
    assert (again.returncode, again.stderr.strip()) == (
        3,
        "error: not logged in: run `interviewer login`",
    )


def test_every_account_command_and_no_secret_in_any_output(
    home_cli: Cli, sqlite_url: str, smtp_server: Mailbox
) -> None:
    """SQLite only: the output does not depend on the backend, and PostgreSQL runs the same
    services in the other tests here and in the in-process ones."""
    _prepare(home_cli, sqlite_url)
    home_cli.env.update(
        SMTP_HOST=smtp_server.host, SMTP_PORT=str(smtp_server.port), SMTP_STARTTLS="false"
    )
    secrets: set[str] = {PASSWORD, NEW_PASSWORD, WRONG_PASSWORD}

    def remember_session() -> None:
        files = list((home_cli.home / "state" / "sessions").glob("*.json"))
        for path in files:
            data = json.loads(path.read_text())
            secrets.update({data["refresh_token"], data["access_token"]})

    def run(
        *args: str, code: int = 0, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        proc = home_cli(*args, stdin=stdin)
        assert proc.returncode == code, (args, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr
        remember_session()
        return proc

    none = run("whoami", code=3)
    assert none.stderr.strip() == "error: not logged in: run `interviewer login`"
    run(
        "register",
        "-u",
        "alice",
        "-e",
        "alice@example.com",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    weak = run(
        "register",
        "-u",
        "bob",
        "-e",
        "bob@example.com",
        "--password-stdin",
        stdin="password123\n",
        code=2,
    )
    assert "most commonly used" in weak.stderr
    taken = run(
        "register",
        "-u",
        "ALICE",
        "-e",
        "a2@example.com",
        "--password-stdin",
        stdin=NEW_PASSWORD + "\n",
        code=2,
    )
    assert "taken" in taken.stderr
    who = run("whoami")
    assert "user: alice <alice@example.com>" in who.stdout
    assert "session store: file" in who.stdout
    listed = run("sessions")
    assert listed.stdout.count("\n") == 3  # header, one session, footnote
    bad = run("login", "-u", "alice", "--password-stdin", stdin=WRONG_PASSWORD + "\n", code=3)
    assert bad.stderr.strip() == "error: invalid username/email or password"
    run("login", "-e", "ALICE@example.com", "--password-stdin", stdin=PASSWORD + "\n")
    changed = run("password", "change", "--password-stdin", stdin=f"{PASSWORD}\n{NEW_PASSWORD}\n")
    assert "password changed" in changed.stdout
    run("logout")
    run("whoami", code=3)
    run("login", "-u", "alice", "--password-stdin", stdin=NEW_PASSWORD + "\n")

    forgot = run("password", "forgot", "--email", "alice@example.com")
    assert "a reset code has been sent to it" in forgot.stdout
    code = reset_code(smtp_server.bodies()[-1])
    secrets.add(code)
    reset = run("password", "reset", "--password-stdin", stdin=f"{code}\n{PASSWORD}\n")
    assert "every session ended" in reset.stdout
    ended = run("whoami", code=3)
    assert "password was reset" in ended.stderr
    used = run(
        "password",
        "reset",
        f"--token={code}",
        "--password-stdin",
        stdin=NEW_PASSWORD + "\n",
        code=3,
    )
    assert "invalid, already used or expired" in used.stderr

    run("login", "-u", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    run("logout", "--all")
    run("login", "-u", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    refused = run(
        "account", "delete", "--yes", "--password-stdin", stdin=WRONG_PASSWORD + "\n", code=3
    )
    assert "password is wrong" in refused.stderr
    deleted = run("account", "delete", "--yes", "--password-stdin", stdin=PASSWORD + "\n")
    assert "account alice and all its interviews deleted" in deleted.stdout
    gone = run("login", "-u", "alice", "--password-stdin", stdin=PASSWORD + "\n", code=3)
    assert "invalid username/email or password" in gone.stderr

    jwt_secret = (home_cli.home / "data" / "jwt_secret").read_text().strip()
    secrets.add(jwt_secret)
    output = home_cli.output()
    for secret in secrets:
        assert secret not in output, "a secret was printed"
    assert not (home_cli.home / "state" / "crash.log").exists()
    assert len(secrets) >= 10  # passwords, several token pairs, the code and the signing key


def test_no_terminal_and_no_password_stdin_is_a_clear_usage_error(home_cli: Cli) -> None:
    proc = home_cli("login", "-u", "alice")
    assert proc.returncode == 2
    assert "--password-stdin" in proc.stderr
    # the confirmation question must not swallow the piped password
    delete = home_cli("account", "delete", "--password-stdin", stdin=PASSWORD + "\n")
    assert delete.returncode == 2
    assert "--password-stdin needs --yes" in delete.stderr


def test_logging_out_another_computer_and_listing_sessions(
    home_cli: Cli, db_url: str, tmp_path: Path
) -> None:
    _prepare(home_cli, db_url)
    laptop = Cli(
        env={**home_cli.env, "INTERVIEWER_HOME": str(tmp_path / "laptop")}, cwd=home_cli.cwd
    )
    assert (
        home_cli(
            "register",
            "-u",
            "alice",
            "-e",
            "alice@example.com",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        ).returncode
        == 0
    )
    assert laptop("login", "-u", "alice", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    rows = [line for line in home_cli("sessions").stdout.splitlines()[1:-1]]
    assert len(rows) == 2
    other = next(line for line in rows if not line.startswith("*")).split()[0]
    revoked = home_cli("sessions", "--revoke", other)
    assert revoked.returncode == 0
    assert f"session {other} ended" in revoked.stdout
    kicked = laptop("whoami")
    assert kicked.returncode == 3
    assert "revoked with `interviewer sessions --revoke`" in kicked.stderr
    unknown = home_cli("sessions", "--revoke", "0000000000000000")
    assert unknown.returncode == 2
    assert "no active session" in unknown.stderr
    assert (
        laptop(
            "login", "-e", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"
        ).returncode
        == 0
    )
    assert home_cli("logout", "--all").returncode == 0
    assert "logged out everywhere" in laptop("whoami").stderr


@pytest.mark.parametrize("args", [["--help"], ["login", "--help"], ["password", "--help"]])
def test_help_imports_no_auth_machinery(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from interviewer_tui.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('jwt', 'keyring', 'argon2', 'sqlalchemy', 'email_validator',\n"
        "         'interviewer_tui.auth.tokens', 'interviewer_tui.auth.session_store',\n"
        "         'interviewer_tui.auth.passwords', 'interviewer_tui.services.accounts',\n"
        "         'interviewer_tui.services.logins', 'interviewer_tui.services.credentials')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr
    assert "Usage:" in proc.stdout
