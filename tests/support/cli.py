"""Running `interviewer` as a user does: the installed script in a child process, or the same
entry point in this process.

`Cli` is the one subprocess harness (the CLI, auth and resilience tests all use it); its
environment comes from `isolated_env` (a test's own INTERVIEWER_HOME, the 0600 file session
store, never a keyring), `inherited_env` (the test's own, already isolated environment) or
`ci_env` (the inherited environment, as CI runs the script).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.users import PASSWORD

REPO = Path(__file__).resolve().parents[2]


def interviewer_exe() -> list[str]:
    """The `interviewer` console script of the venv running the tests (or `python -m`)."""
    exe = Path(sys.executable).with_name("interviewer")
    if exe.is_file():
        return [str(exe)]
    found = shutil.which("interviewer")
    return [found] if found else [sys.executable, "-m", "interviewer_tui"]


def interviewer_script() -> str:
    """The path of the installed console script (the first word of `interviewer_exe()`)."""
    return interviewer_exe()[0]


def isolated_env(home: Path, db_url: str | None = None, **extra: str) -> dict[str, str]:
    """The inherited environment without any OPENAI_/INTERVIEWER_/SMTP_/PYTEST_ setting, on
    `home`, the file session store, no keyring, no colours."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "INTERVIEWER_", "SMTP_", "PYTEST_")) and k != "DATABASE_URL"
    }
    env.update(
        INTERVIEWER_HOME=str(home),
        INTERVIEWER_SESSION_STORE="file",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        NO_COLOR="1",
        TERM="dumb",
        COLUMNS="100",
        INTERVIEWER_OPENAI_MAX_RETRIES="1",
    )
    if db_url:
        env["DATABASE_URL"] = db_url
    env.update(extra)
    return env


def inherited_env(home: Path, **extra: str) -> dict[str, str]:
    """This test's own environment (already isolated by the autouse fixture, DATABASE_URL
    included) minus SMTP_/PYTEST_, on `home`, the file session store, no keyring."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SMTP_", "PYTEST_"))}
    env.update(
        INTERVIEWER_HOME=str(home),
        INTERVIEWER_SESSION_STORE="file",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        NO_COLOR="1",
        COLUMNS="200",
    )
    env.update(extra)
    return env


def ci_env(**env: str | None) -> dict[str, str]:
    """The inherited environment as CI has it (CI=true, no colours); `None` removes a name."""
    merged: dict[str, str | None] = {**os.environ, "CI": "true", "NO_COLOR": "1", **env}
    return {k: v for k, v in merged.items() if v is not None}


def _completed(proc: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


@dataclass
class Cli:
    """The installed `interviewer` in child processes, with one environment and working folder.

    `run(*args, input=...)` and `cli(*args, stdin=..., NAME=value)` are the same call; every
    run's output is kept in `transcript` so a test can check that no secret was ever printed.
    """

    env: dict[str, str]
    cwd: Path
    transcript: list[str] = field(default_factory=list)

    def run(
        self,
        *args: str,
        input: str | bytes | None = None,
        timeout: float = 60,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> subprocess.CompletedProcess[str]:
        data = input.encode() if isinstance(input, str) else input
        proc = _completed(
            subprocess.run(
                [*interviewer_exe(), *args],
                input=data,  # None: the test process's own stdin, as a shell would pass it
                capture_output=True,
                timeout=timeout,
                env={**self.env, **(env or {})},
                cwd=cwd or self.cwd,
                check=False,
            )
        )
        # only what the app printed: the arguments may hold a code the test passed on purpose
        self.transcript.append(
            f"$ interviewer {args[0] if args else ''}\n{proc.stdout}{proc.stderr}"
        )
        return proc

    def __call__(
        self, *args: str, stdin: str | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return self.run(*args, input=stdin if stdin is not None else "", env=env)

    def popen(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [*interviewer_exe(), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**self.env, **(env or {})},
            cwd=self.cwd,
        )

    @property
    def home(self) -> Path:
        return Path(self.env["INTERVIEWER_HOME"])

    def output(self) -> str:
        return "\n".join(self.transcript)

    @contextlib.contextmanager
    def as_this_process(self) -> Iterator[None]:
        """Run code here as the child would: the CLI's environment and working folder.

        For a test's setup (migrating, registering the user a test starts from), which is not
        what the test is about: the same use cases the commands call, without a child process's
        ~1.5 s of imports each."""
        saved_env, saved_cwd = dict(os.environ), os.getcwd()
        os.environ.clear()
        os.environ.update(self.env)
        os.chdir(self.cwd)
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved_env)
            os.chdir(saved_cwd)

    def upgrade_db(self) -> None:
        """Migrate a PostgreSQL database first (SQLite migrates itself), as `db upgrade` does."""
        with self.as_this_process():
            from interviewer_tui.config import load_settings
            from interviewer_tui.store.engine import make_engine
            from interviewer_tui.store.migrate import upgrade

            engine = make_engine(load_settings().effective_database_url)
            try:
                upgrade(engine)
            finally:
                engine.dispose()

    def login_new_user(self, username: str = "alice", password: str = PASSWORD) -> None:
        """What `interviewer register` then `interviewer login` leave behind (an account and its
        sessions in this CLI's session store), through the port the commands call."""
        with self.as_this_process():
            from interviewer_tui.commands.common import open_login

            login = open_login()
            try:
                login.register_and_login(
                    username=username, email=f"{username}@example.com", password=password
                )
                login.login(identifier=username, password=password)
            finally:
                login.app.close()


def register_alice(cli: Cli, db_url: str, **env: str) -> None:
    """alice registered and logged in through the installed CLI on `db_url` (PostgreSQL migrated
    first), as a user would start; `env` goes to the `register` process only."""
    cli.env["DATABASE_URL"] = db_url
    if not db_url.startswith("sqlite"):
        migrated = cli("db", "upgrade")
        assert migrated.returncode == 0, migrated.stderr
    made = cli(
        "register", "-u", "alice", "-e", "alice@example.com", "--password-stdin",
        stdin=PASSWORD + "\n", **env,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr


def make_cli(home: Path, cwd: Path, db_url: str | None = None, **extra: str) -> Cli:
    """A `Cli` on its own INTERVIEWER_HOME and database (PostgreSQL migrated first)."""
    cli = Cli(env=isolated_env(home, db_url, **extra), cwd=cwd)
    if db_url and not db_url.startswith("sqlite"):
        cli.upgrade_db()
    return cli


def run_interviewer(
    *args: str, cwd: Path | None = None, **env: str | None
) -> subprocess.CompletedProcess[str]:
    """The script as CI runs it: no stdin, the inherited environment plus `env`."""
    if not Path(interviewer_exe()[0]).name.startswith("interviewer"):
        pytest.fail(f"the console script is not installed next to {sys.executable}")
    return subprocess.run(
        [*interviewer_exe(), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=ci_env(**env),
        timeout=60,
        check=False,
    )


@dataclass(frozen=True)
class InProcess:
    returncode: int
    stdout: str
    stderr: str


def run_in_process(*args: str, stdin: str = "") -> InProcess:
    """`interviewer ARGS` through the real entry point in this process (the test's environment):
    faster than a child process, and a test can patch what the process would hold."""
    from interviewer_tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin = old_stdin
    return InProcess(code, out.getvalue(), err.getvalue())
