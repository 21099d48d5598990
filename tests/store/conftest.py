"""Fixtures for the store tests: a migrated engine on each backend, and a sample user's rows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from interviewer_tui.store.engine import make_engine
from interviewer_tui.store.migrate import upgrade


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a database migrated to head, once on SQLite and once on PostgreSQL."""
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()
