"""Helpers for running the installed `interviewer` script as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import AliasChoices

from interviewer_tui.config import Settings

REPO = Path(__file__).resolve().parents[2]
Run = Callable[..., subprocess.CompletedProcess[str]]


def interviewer_script() -> str:
    script = Path(sys.executable).with_name("interviewer")
    if not script.is_file():
        pytest.fail(f"the console script is not installed next to {sys.executable}")
    return str(script)


def run_interviewer(
    *args: str, cwd: Path | None = None, **env: str | None
) -> subprocess.CompletedProcess[str]:
    """The script's exit code, stdout and stderr; no stdin and CI=true, as in CI.

    Keyword arguments set environment variables; `None` removes one."""
    merged: dict[str, str | None] = {**os.environ, "CI": "true", "NO_COLOR": "1", **env}
    full_env = {k: v for k, v in merged.items() if v is not None}
    return subprocess.run(
        [interviewer_script(), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=60,
        check=False,
    )


def setting_env_names() -> dict[str, str]:
    """Environment name -> field name, for every setting."""
    names = {}
    for field_name, field in Settings.model_fields.items():
        alias = field.validation_alias
        assert isinstance(alias, AliasChoices), f"{field_name} has no environment name"
        names[str(alias.choices[0])] = field_name
    return names
