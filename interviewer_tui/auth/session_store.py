"""Where this computer keeps the logged-in session: the OS keyring, or a 0600 file as a fallback.

One entry per database (a hash of its URL without the password), so two profiles never clash.
Keyring backends can hang (a locked or unreachable Secret Service over SSH), so every keyring
call runs in a daemon thread and is abandoned after a few seconds. In `auto` mode a session file
that already exists wins without asking the keyring at all, which keeps headless boxes fast.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from interviewer_tui.auth.login_tokens import LoginTokens, database_key
from interviewer_tui.errors import UsageError

StoredSession = LoginTokens  # the name the store's callers and tests have used
__all__ = ["KeyringUnavailable", "Saved", "SessionStore", "StoredSession", "database_key"]

Mode = Literal["auto", "keyring", "file"]
KEYRING_SERVICE = "interviewer"
KEYRING_TIMEOUT = 2.5
REFRESH_LOCK_TIMEOUT = 30.0
T = TypeVar("T")


@dataclass(frozen=True)
class Saved:
    store: Literal["keyring", "file"]
    notice: str | None = None


class KeyringUnavailable(Exception):
    """No usable keyring backend (none installed, locked, or it did not answer in time)."""


def run_bounded(fn: Callable[[], T], timeout: float) -> T:
    """Run `fn` in a daemon thread; KeyringUnavailable if it fails or outlasts `timeout`."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, name="keyring-call", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise KeyringUnavailable(f"the keyring did not answer within {timeout:g} s")
    if "error" in box:
        error = box["error"]
        raise KeyringUnavailable(type(error).__name__)
    return box["value"]  # type: ignore[return-value]


class SessionStore:
    def __init__(
        self,
        *,
        mode: Mode,
        database_key: str,
        state_dir: Path,
        keyring_timeout: float = KEYRING_TIMEOUT,
    ) -> None:
        self.mode: Mode = mode
        self.key = database_key
        self.state_dir = state_dir
        self.keyring_timeout = keyring_timeout
        self._keyring_broken = False

    @property
    def path(self) -> Path:
        return self.state_dir / "sessions" / f"{self.key}.json"

    @property
    def _notice_marker(self) -> Path:
        return self.state_dir / "sessions" / ".keyring-fallback-noticed"

    @property
    def _account(self) -> str:
        return f"session:{self.key}"

    def location(self) -> Literal["keyring", "file"]:
        """Where the current session lives (or would be saved) without calling the keyring."""
        if self.mode == "file" or (self.mode == "auto" and self.path.exists()):
            return "file"
        if self.mode == "auto" and self._keyring_broken:
            return "file"
        return "keyring"

    def load(self) -> LoginTokens | None:
        if self.mode == "file" or (self.mode == "auto" and self.path.exists()):
            return self._load_file()
        try:
            text = self._keyring_get()
        except KeyringUnavailable as exc:
            if self.mode == "keyring":
                raise _forced_keyring_error(exc) from None
            return None
        return LoginTokens.from_json(text) if text else None

    def save(self, session: LoginTokens) -> Saved:
        if self.mode != "file":
            try:
                self._keyring_set(session.to_json())
            except KeyringUnavailable as exc:
                if self.mode == "keyring":
                    raise _forced_keyring_error(exc) from None
            else:
                self._remove_file()
                return Saved("keyring")
        self._write_file(session.to_json())
        return Saved("file", self._fallback_notice())

    @contextlib.contextmanager
    def refresh_lock(self, timeout: float = REFRESH_LOCK_TIMEOUT) -> Iterator[None]:
        """Held across a refresh: of the commands on this computer that find the access token
        expired at once, one rotates the refresh token and saves the result while the others
        wait, then read that saved session instead of presenting the rotated token (which the
        database would take for a stolen copy)."""
        from interviewer_tui.auth.file_lock import LockError, LockTimeout, exclusive

        folder = self._ensure_dir()
        try:
            with exclusive(folder / f"{self.key}.lock", timeout=timeout):
                yield
        except LockTimeout:
            raise UsageError(
                f"another interviewer command kept the session busy for {timeout:g} s: try again"
            ) from None
        except LockError as exc:
            raise UsageError(f"cannot lock the session: {exc}") from None

    def clear(self) -> None:
        """Forget the local session everywhere it may be; never fails."""
        self._remove_file()
        if self.mode != "file" and not self._keyring_broken:
            with contextlib.suppress(KeyringUnavailable):
                self._keyring_delete()

    # -- keyring -------------------------------------------------------------------------------

    def _call_keyring(self, fn: Callable[[], T]) -> T:
        if self._keyring_broken:
            raise KeyringUnavailable("the keyring failed earlier in this process")
        try:
            return run_bounded(fn, self.keyring_timeout)
        except KeyringUnavailable:
            self._keyring_broken = True
            raise

    def _keyring_get(self) -> str | None:
        account = self._account

        def get() -> str | None:
            import keyring

            value = keyring.get_password(KEYRING_SERVICE, account)
            return str(value) if value is not None else None

        return self._call_keyring(get)

    def _keyring_set(self, value: str) -> None:
        account = self._account

        def put() -> None:
            import keyring

            keyring.set_password(KEYRING_SERVICE, account, value)

        self._call_keyring(put)

    def _keyring_delete(self) -> None:
        account = self._account

        def delete() -> None:
            import keyring
            from keyring.errors import PasswordDeleteError

            with contextlib.suppress(PasswordDeleteError):
                keyring.delete_password(KEYRING_SERVICE, account)

        self._call_keyring(delete)

    # -- file ----------------------------------------------------------------------------------

    def _ensure_dir(self) -> Path:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for part in (self.state_dir, folder):
                if part.stat().st_mode & 0o077:
                    os.chmod(part, 0o700)
        except OSError as exc:
            raise UsageError(f"cannot create {folder} for the session: {exc.strerror}") from None
        return folder

    def _load_file(self) -> LoginTokens | None:
        try:
            if self.path.stat().st_mode & 0o077:
                os.chmod(self.path, 0o600)  # someone loosened it; tighten before reading
            text = self.path.read_text("utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise UsageError(f"cannot read the session file {self.path}: {exc.strerror}") from None
        return LoginTokens.from_json(text)

    def _write_file(self, text: str) -> None:
        folder = self._ensure_dir()
        tmp = folder / f".{self.key}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise UsageError(f"cannot write the session file {self.path}: {exc.strerror}") from None

    def _remove_file(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def _fallback_notice(self) -> str | None:
        if self.mode != "auto":
            return None
        marker = self._notice_marker
        if marker.exists():
            return None
        with contextlib.suppress(OSError):
            marker.touch(mode=0o600)
        return (
            f"no OS keyring is available, so the session is kept in {self.path} (readable only by "
            "you); set INTERVIEWER_SESSION_STORE=file to silence this or =keyring to require one"
        )


def _forced_keyring_error(exc: KeyringUnavailable) -> UsageError:
    return UsageError(
        f"INTERVIEWER_SESSION_STORE=keyring but the OS keyring is not usable ({exc}): unlock or "
        "install a keyring backend, or set INTERVIEWER_SESSION_STORE=file"
    )
