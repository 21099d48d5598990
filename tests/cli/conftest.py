"""Helpers to drive the installed `interviewer` entry point in real subprocesses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = "correct horse battery staple 42"


def interviewer_bin() -> list[str]:
    exe = shutil.which("interviewer", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "interviewer_tui"]


@dataclass
class Cli:
    env: dict[str, str]
    cwd: Path

    def run(
        self,
        *args: str,
        input: str | bytes | None = None,
        timeout: float = 60,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        data = input.encode() if isinstance(input, str) else input
        proc = subprocess.run(
            [*interviewer_bin(), *args],
            input=data,
            capture_output=True,
            timeout=timeout,
            env={**self.env, **(env or {})},
            cwd=self.cwd,
        )
        return subprocess.CompletedProcess(
            proc.args,
            proc.returncode,
            proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"),
        )

    def popen(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [*interviewer_bin(), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**self.env, **(env or {})},
            cwd=self.cwd,
        )

    def login_new_user(self, username: str = "alice") -> None:
        email = f"{username}@example.com"
        reg = self.run(
            "register",
            "--username",
            username,
            "--email",
            email,
            "--password-stdin",
            input=PASSWORD + "\n",
        )
        assert reg.returncode == 0, reg.stderr
        log = self.run("login", "--username", username, "--password-stdin", input=PASSWORD + "\n")
        assert log.returncode == 0, log.stderr


def base_env(home: Path, db_url: str | None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "INTERVIEWER_", "SMTP_")) and k != "DATABASE_URL"
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
    return env


@pytest.fixture
def cli(tmp_path: Path, db_url: str) -> Cli:
    """A CLI bound to a fresh INTERVIEWER_HOME on SQLite or PostgreSQL (both, parametrized)."""
    home = tmp_path / "cli-home"
    env = base_env(home, None if db_url.startswith("sqlite") else db_url)
    if not db_url.startswith("sqlite"):
        subprocess.run(
            [*interviewer_bin(), "db", "upgrade"],
            env=env,
            check=True,
            capture_output=True,
            cwd=tmp_path,
        )
    return Cli(env=env, cwd=tmp_path)


@pytest.fixture
def sqlite_cli(tmp_path: Path) -> Cli:
    return Cli(env=base_env(tmp_path / "cli-home", None), cwd=tmp_path)


@pytest.fixture
def logged_in(sqlite_cli: Cli) -> Cli:
    sqlite_cli.login_new_user()
    return sqlite_cli


Factory = Callable[..., Cli]
