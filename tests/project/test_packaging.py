"""A non-editable install (`pip install .`) carries the migrations and can migrate a database."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from interviewer_tui.store.migrate import HEAD_REVISION
from tests.support.settings import REPO


def _pip(*args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_wheel_ships_the_migrations_and_can_migrate(tmp_path: Path) -> None:
    # --no-build-isolation: hatchling comes with the test extras, so this works offline
    _pip(
        "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path / "dist"), str(REPO)
    )
    (wheel,) = (tmp_path / "dist").glob("interviewer_tui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "interviewer_tui/_migrations/env.py" in names
    assert "interviewer_tui/_migrations/script.py.mako" in names
    versions = {n for n in names if n.startswith("interviewer_tui/_migrations/versions/")}
    shipped = {p.name for p in (REPO / "migrations" / "versions").glob("*.py")}
    assert {n.rsplit("/", 1)[1] for n in versions} == shipped
    assert not any("__pycache__" in n or n.startswith("tests/") for n in names)

    # Install it on its own (dependencies come from this environment) and migrate from elsewhere.
    target = tmp_path / "site"
    _pip("install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel))
    env = {**os.environ, "PYTHONPATH": str(target), "CI": "true"}
    code = (
        "import interviewer_tui, sys\n"
        "from interviewer_tui.store.migrate import migrations_dir\n"
        "print(interviewer_tui.__file__)\n"
        "print(migrations_dir())\n"
        "from interviewer_tui.cli import main\n"
        "main(['db', 'upgrade'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    package_file, migrations, upgraded = result.stdout.splitlines()
    assert Path(package_file).is_relative_to(target)
    assert Path(migrations) == target / "interviewer_tui" / "_migrations"
    assert upgraded.endswith(f"is at revision {HEAD_REVISION}")
