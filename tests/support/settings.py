"""The settings' environment names (for the README, .env.example and `config show` checks), and
the `run` fixture's type; running the script itself is `tests/support/cli.py`."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

from pydantic import AliasChoices

from interviewer_tui.config import Settings
from tests.support.cli import REPO, interviewer_script, run_interviewer

Run = Callable[..., subprocess.CompletedProcess[str]]
__all__ = ["REPO", "Run", "interviewer_script", "run_interviewer", "setting_env_names"]


def setting_env_names() -> dict[str, str]:
    """Environment name -> field name, for every setting."""
    names = {}
    for field_name, field in Settings.model_fields.items():
        alias = field.validation_alias
        assert isinstance(alias, AliasChoices), f"{field_name} has no environment name"
        names[str(alias.choices[0])] = field_name
    return names
