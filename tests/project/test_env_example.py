""".env.example documents every setting, with its true default, and is safe to copy to `.env`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from interviewer_tui.config import Settings, load_settings
from tests.support.settings import REPO, setting_env_names

EXAMPLE = REPO / ".env.example"
LINE = re.compile(r"^# ([A-Z][A-Z0-9_]+)=(.*)$")


def _documented() -> dict[str, list[str]]:
    """env name -> the example values shown for it (`# NAME=value` lines)."""
    found: dict[str, list[str]] = {}
    for line in EXAMPLE.read_text("utf-8").splitlines():
        if match := LINE.match(line):
            found.setdefault(match[1], []).append(match[2])
    return found


def test_every_setting_is_documented_and_nothing_else() -> None:
    assert set(_documented()) == set(setting_env_names())


@pytest.mark.parametrize("env_name", sorted(setting_env_names()))
def test_each_setting_has_a_comment_and_its_real_default(env_name: str) -> None:
    text = EXAMPLE.read_text("utf-8")
    block = text.split(f"\n# {env_name}=")[0].rsplit("\n\n", 1)[-1]
    assert "Default:" in block, f"the comment above {env_name} does not give its default"

    field_name = setting_env_names()[env_name]
    default = Settings.model_fields[field_name].default
    if default is None:
        return
    shown = _documented()[env_name]
    assert any(getattr(Settings(**{env_name: value}), field_name) == default for value in shown), (
        f".env.example shows no line with the default of {env_name} ({default!r})"
    )


def test_copying_the_example_to_dotenv_changes_nothing(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / ".env")  # tests run in tmp_path (see tests/conftest.py)
    assert load_settings() == Settings(_env_file=None)  # type: ignore[call-arg]
