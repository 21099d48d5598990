"""Fixtures for the TUI tests: a migrated SQLite context, polling helpers, and a fixed timezone
so dates in snapshots do not depend on the machine."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def sqlite_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """An AppContext on a fresh SQLite file, which migrates itself on first use (offline model)."""
    from tests.support.contexts import make_context

    db_url = f"sqlite:///{tmp_path / 'tui.db'}"
    context = make_context(db_url, monkeypatch, migrate=False, session_store="file")
    yield context
    context.close()
