"""Preferences of the terminal app that outlive a run (the theme), kept in the state directory.

One small JSON file, `<state dir>/ui.json`. It holds no secrets, so it follows the umask like any
preference file. A missing, unreadable or corrupt file means "no preference", never an error: a
theme is not worth refusing to start over.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer_tui.services.context import AppContext

FILE_NAME = "ui.json"
MAX_THEME_NAME = 64


def _read(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def saved_theme(ctx: AppContext) -> str | None:
    return read_theme(ctx.settings.paths.state)


def read_theme(state_dir: Path) -> str | None:
    """The theme kept in `state_dir` (the remote client has a state dir but no context)."""
    theme = _read(state_dir / FILE_NAME).get("theme")
    if isinstance(theme, str) and 0 < len(theme) <= MAX_THEME_NAME:
        return theme
    return None


def save_theme(ctx: AppContext, theme: str) -> None:
    write_theme(ctx.settings.paths.state, theme)


def write_theme(state_dir: Path, theme: str) -> None:
    _write(state_dir, "theme", theme[:MAX_THEME_NAME])


def take_model_check_offer(ctx: AppContext) -> bool:
    """True exactly once per state directory, on a computer with a model key set: the first run
    of the TUI offers `interviewer model check` then, and never asks again."""
    settings = ctx.settings
    if settings.openai_api_key is None or settings.use_offline:
        return False
    state = settings.paths.state
    if _read(state / FILE_NAME).get("model_check_offered") is True:
        return False
    _write(state, "model_check_offered", True)
    return True


def _write(state_dir: Path, key: str, value: object) -> None:
    """Write atomically (temp file + rename), so a crash mid-write leaves the old file."""
    path = state_dir / FILE_NAME
    data = _read(path)
    data[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
