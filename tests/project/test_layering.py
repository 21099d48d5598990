"""The layering contracts in pyproject.toml hold, and they really catch a shell that reaches past
the services into the store (or a headless path that pulls in Textual)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "interviewer_tui", tmp_path / "interviewer_tui")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_every_contract() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "injected", "broken"),
    [
        (
            "scripted/answers.py",
            "import interviewer_tui.store.users",
            "interviewer_tui.scripted is not allowed to import interviewer_tui.store",
        ),
        (
            "commands/config_cmd.py",
            "from interviewer_tui.store import engine",
            "interviewer_tui.commands is not allowed to import interviewer_tui.store",
        ),
        (
            "ui/text.py",
            "from interviewer_tui.store.tables import Interview",
            "interviewer_tui.ui is not allowed to import interviewer_tui.store",
        ),
        (
            "commands/config_cmd.py",
            "from interviewer_tui.services import interviews",
            "interviewer_tui.commands is not allowed to import interviewer_tui.services.interviews",
        ),
        (
            "services/export.py",
            "import textual.app",
            "interviewer_tui.services is not allowed to import textual",
        ),
        (
            "core/text.py",
            "from interviewer_tui.errors import AppError",
            "interviewer_tui.core is not allowed to import interviewer_tui.errors",
        ),
        (
            "services/client/outbox.py",
            "import sqlalchemy",
            "interviewer_tui.services.client is not allowed to import sqlalchemy",
        ),
        (
            "services/client/app.py",
            "from interviewer_tui.services import accounts",
            "interviewer_tui.services.client is not allowed to import "
            "interviewer_tui.services.accounts",
        ),
        (
            "services/signing.py",
            "from interviewer_tui.auth.session_store import database_key",
            "interviewer_tui.services is not allowed to import interviewer_tui.auth.session_store",
        ),
        (
            "services/logins.py",
            "from interviewer_tui.auth.session_store import SessionStore",
            "interviewer_tui.services is not allowed to import interviewer_tui.auth.session_store",
        ),
        (
            "services/client/http.py",
            "from interviewer_tui.edge.login import StoredLogin",
            "interviewer_tui.services is not allowed to import interviewer_tui.edge",
        ),
        (
            "commands/account.py",
            "from interviewer_tui.auth.session_store import SessionStore",
            "interviewer_tui.commands is not allowed to import interviewer_tui.auth.session_store",
        ),
        (
            "services/accounts.py",
            "import keyring",
            "interviewer_tui.services is not allowed to import keyring",
        ),
        (
            "store/types.py",
            "from interviewer_tui.services import views",
            "interviewer_tui.store is not allowed to import interviewer_tui.services",
        ),
    ],
)
def test_a_forbidden_import_fails_the_check(
    tmp_path: Path, module: str, injected: str, broken: str
) -> None:
    tree = _copy(tmp_path)
    target = tree / "interviewer_tui" / module
    target.write_text(target.read_text() + f"\n{injected}  # injected by the test\n")

    result = _lint(tree)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 broken" in result.stdout
    assert broken in " ".join(result.stdout.split())  # lint-imports wraps long lines
