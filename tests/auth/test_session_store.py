"""The local session store: OS keyring, the 0600 file fallback, and a keyring that hangs."""

from __future__ import annotations

import stat
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from interviewer_tui.auth.session_store import (
    KEYRING_SERVICE,
    SessionStore,
    StoredSession,
    database_key,
)
from interviewer_tui.errors import UsageError

SESSION = StoredSession(
    user_id=3,
    username="alice",
    refresh_token="refresh-secret-value",
    access_token="access-secret-value",
    access_expires_at=datetime(2026, 1, 5, 9, 15, tzinfo=UTC),
)


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


class HangingKeyring(MemoryKeyring):
    """Like a locked Secret Service over SSH: every call blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(30)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait(30)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def hanging_keyring() -> Iterator[HangingKeyring]:
    previous = keyring.get_keyring()
    backend = HangingKeyring()
    keyring.set_keyring(backend)
    yield backend
    backend.release.set()
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """What PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring gives on a headless box."""
    from keyring.backends.fail import Keyring as FailKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    yield
    keyring.set_keyring(previous)


def _store(tmp_path: Path, mode: str = "auto", key: str = "db1", **kw: float) -> SessionStore:
    return SessionStore(mode=mode, database_key=key, state_dir=tmp_path / "state", **kw)  # type: ignore[arg-type]


def test_without_a_keyring_auto_falls_back_to_a_0600_file_with_a_notice_once(
    tmp_path: Path, no_keyring: None
) -> None:
    store = _store(tmp_path)
    saved = store.save(SESSION)
    assert saved.store == "file"
    assert saved.notice is not None
    assert "no OS keyring" in saved.notice
    assert str(store.path) in saved.notice
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "state").stat().st_mode) == 0o700
    assert store.load() == SESSION
    assert _store(tmp_path).save(SESSION).notice is None  # only the first time


def test_forced_file_mode_never_asks_the_keyring_and_gives_no_notice(
    tmp_path: Path, hanging_keyring: HangingKeyring
) -> None:
    store = _store(tmp_path, mode="file")
    started = time.monotonic()
    saved = store.save(SESSION)
    assert (saved.store, saved.notice) == ("file", None)
    assert store.load() == SESSION
    store.clear()
    assert store.load() is None
    assert time.monotonic() - started < 1


def test_keyring_is_used_when_it_works(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    store = _store(tmp_path)
    saved = store.save(SESSION)
    assert (saved.store, saved.notice) == ("keyring", None)
    assert not store.path.exists()
    assert (KEYRING_SERVICE, "session:db1") in memory_keyring.items
    assert store.load() == SESSION
    assert store.location() == "keyring"
    store.clear()
    assert memory_keyring.items == {}
    assert store.load() is None


def test_a_hanging_keyring_is_abandoned_within_the_bound(
    tmp_path: Path, hanging_keyring: HangingKeyring
) -> None:
    store = _store(tmp_path, keyring_timeout=0.3)
    started = time.monotonic()
    saved = store.save(SESSION)
    assert saved.store == "file"
    assert saved.notice is not None
    assert time.monotonic() - started < 2
    # the file now wins in auto mode: later loads do not wait for the keyring at all
    started = time.monotonic()
    assert _store(tmp_path, keyring_timeout=5).load() == SESSION
    assert time.monotonic() - started < 1


def test_a_hanging_keyring_with_no_file_means_not_logged_in_not_a_hang(
    tmp_path: Path, hanging_keyring: HangingKeyring
) -> None:
    started = time.monotonic()
    assert _store(tmp_path, keyring_timeout=0.3).load() is None
    assert time.monotonic() - started < 2


def test_forced_keyring_mode_says_so_when_there_is_none(tmp_path: Path, no_keyring: None) -> None:
    store = _store(tmp_path, mode="keyring")
    with pytest.raises(UsageError, match="INTERVIEWER_SESSION_STORE=file"):
        store.save(SESSION)
    with pytest.raises(UsageError, match="keyring"):
        store.load()
    assert not store.path.exists()


def test_sessions_are_kept_per_database(tmp_path: Path, no_keyring: None) -> None:
    one = _store(tmp_path, key=database_key("postgresql://u:pw@db.example:5432/team"))
    two = _store(tmp_path, key=database_key(f"sqlite:///{tmp_path / 'x.db'}"))
    one.save(SESSION)
    assert two.load() is None
    assert one.path != two.path


def test_database_key_ignores_password_and_driver_spelling_but_not_the_database() -> None:
    base = database_key("postgresql://u:pw@db.example:5432/team")
    assert database_key("postgresql+psycopg://u:other@db.example:5432/team") == base
    assert database_key("postgres://u@db.example:5432/team") == base
    assert database_key("postgresql://u:pw@db.example:5432/other") != base
    assert database_key("postgresql://v:pw@db.example:5432/team") != base


def test_a_loosened_file_is_tightened_and_garbage_is_no_session(
    tmp_path: Path, no_keyring: None
) -> None:
    store = _store(tmp_path, mode="file")
    store.save(SESSION)
    store.path.chmod(0o644)
    assert store.load() == SESSION
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    store.path.write_text("{not json")
    assert store.load() is None


def test_tokens_never_show_in_repr() -> None:
    text = repr(SESSION)
    assert "refresh-secret-value" not in text
    assert "access-secret-value" not in text
    assert "alice" in text
