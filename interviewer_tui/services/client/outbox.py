"""What the terminal app keeps on this computer while it talks to a server: answers not yet
confirmed (the outbox), drafts, and interviews left paused here while the server was away.

A SQLite file (stdlib `sqlite3`, mode 0600 in the state dir), not a JSON file: the TUI and an
`interviewer resume` in another terminal may touch it at once, and SQLite gives each write a
transaction, a lock and a journal for free, where a JSON file would need a lock file and a
rewrite of everything on each keystroke-debounced draft. `synchronous=FULL`: an answer is on disk
before it is sent, so a crash or a power cut after "sent" never loses it. Rows are keyed by the
server (`ServerTarget.key`) and user, so two servers or two accounts never mix.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interviewer_tui.errors import UsageError

FILE_NAME = "outbox.db"
SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    client_id TEXT PRIMARY KEY,
    server TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    interview_id INTEGER NOT NULL,
    question_number INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS drafts (
    server TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    interview_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (server, user_id, interview_id)
);
CREATE TABLE IF NOT EXISTS paused (
    server TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    interview_id INTEGER NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (server, user_id, interview_id)
);
"""


@dataclass(frozen=True)
class PendingAnswer:
    client_id: str
    interview_id: int
    question_number: int
    text: str


def _now() -> str:
    return datetime.now(UTC).isoformat()


class Outbox:
    """One server's and user's rows in the local store; opened on first use."""

    def __init__(self, state_dir: Path, *, server: str) -> None:
        self.path = state_dir / "client" / FILE_NAME
        self.server = server
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def _open(self) -> sqlite3.Connection:
        if self._conn is None:
            folder = self.path.parent
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                if not self.path.exists():
                    os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
                elif self.path.stat().st_mode & 0o077:
                    os.chmod(self.path, 0o600)
                conn = sqlite3.connect(
                    self.path, timeout=10, isolation_level=None, check_same_thread=False
                )
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.executescript(SCHEMA)
            except (OSError, sqlite3.Error) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                raise UsageError(f"cannot use the local store {self.path}: {reason}") from None
            self._conn = conn
        return self._conn

    @contextlib.contextmanager
    def _tx(self, *, write: bool = True, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction. `write=False`: a read, which takes no write lock (WAL snapshot).
        `durable=False`: a write that may be lost in a power cut without harm, committed
        without waiting for the disk (`synchronous=NORMAL` for it: the WAL is synced later)."""
        with self._lock:
            conn = self._open()
            try:
                if not durable:
                    conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise UsageError(f"cannot write the local store {self.path}: {exc}") from None
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
            finally:
                if not durable:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("PRAGMA synchronous=FULL")

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- answers ------------------------------------------------------------------------------

    def put(self, *, user_id: int, answer: PendingAnswer) -> None:
        """Keep the answer (and drop the draft it came from) before anything is sent: the one
        write of a turn that waits for the disk. It counts as the first attempt (it is sent
        right after), so the first send needs no write of its own."""
        with self._tx() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO answers (client_id, server, user_id, interview_id, "
                "question_number, text, created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                (
                    answer.client_id,
                    self.server,
                    user_id,
                    answer.interview_id,
                    answer.question_number,
                    answer.text,
                    _now(),
                ),
            )
            conn.execute(
                "DELETE FROM drafts WHERE server = ? AND user_id = ? AND interview_id = ?",
                (self.server, user_id, answer.interview_id),
            )

    def confirmed(self, client_id: str) -> None:
        """The server has the answer (it told us its sequence number): forget our copy. Not
        durable: should a power cut bring the row back, it is sent again and the server, which
        dedupes by its id, answers with what it stored (and the next token is not kept waiting
        for the disk)."""
        with self._tx(durable=False) as conn:
            conn.execute("DELETE FROM answers WHERE client_id = ?", (client_id,))

    def rejected(self, *, user_id: int, answer: PendingAnswer) -> None:
        """The server refused it for good: back into the draft, out of the outbox."""
        with self._tx() as conn:
            conn.execute("DELETE FROM answers WHERE client_id = ?", (answer.client_id,))
            conn.execute(
                "INSERT INTO drafts (server, user_id, interview_id, text, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (server, user_id, interview_id) "
                "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (self.server, user_id, answer.interview_id, answer.text, _now()),
            )

    def attempted(self, client_id: str) -> None:
        """Sent once more (a re-send after a failure; `put` counted the first)."""
        with self._tx(durable=False) as conn:
            conn.execute(
                "UPDATE answers SET attempts = attempts + 1 WHERE client_id = ?", (client_id,)
            )

    def pending(self, *, user_id: int, interview_id: int | None = None) -> list[PendingAnswer]:
        """Unconfirmed answers, oldest first (of one interview, or of every one)."""
        query = (
            "SELECT client_id, interview_id, question_number, text FROM answers "
            "WHERE server = ? AND user_id = ?"
        )
        args: tuple[object, ...] = (self.server, user_id)
        if interview_id is not None:
            query += " AND interview_id = ?"
            args = (*args, interview_id)
        with self._tx(write=False) as conn:
            rows = conn.execute(query + " ORDER BY created_at, rowid", args).fetchall()
        return [PendingAnswer(str(r[0]), int(r[1]), int(r[2]), str(r[3])) for r in rows]

    # -- drafts -------------------------------------------------------------------------------

    def draft(self, *, user_id: int, interview_id: int) -> str | None:
        with self._tx(write=False) as conn:
            row = conn.execute(
                "SELECT text FROM drafts WHERE server = ? AND user_id = ? AND interview_id = ?",
                (self.server, user_id, interview_id),
            ).fetchone()
        return str(row[0]) if row and row[0] else None

    def save_draft(self, *, user_id: int, interview_id: int, text: str) -> None:
        with self._tx() as conn:
            if text:
                conn.execute(
                    "INSERT INTO drafts (server, user_id, interview_id, text, updated_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (server, user_id, interview_id) "
                    "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                    (self.server, user_id, interview_id, text, _now()),
                )
            else:
                conn.execute(
                    "DELETE FROM drafts WHERE server = ? AND user_id = ? AND interview_id = ?",
                    (self.server, user_id, interview_id),
                )

    # -- interviews paused here ---------------------------------------------------------------

    def mark_paused(self, *, user_id: int, interview_id: int, reason: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO paused (server, user_id, interview_id, reason, at) VALUES "
                "(?, ?, ?, ?, ?) ON CONFLICT (server, user_id, interview_id) DO UPDATE SET "
                "reason = excluded.reason, at = excluded.at",
                (self.server, user_id, interview_id, reason, _now()),
            )

    def clear_paused(self, *, user_id: int, interview_id: int) -> None:
        with self._tx() as conn:
            conn.execute(
                "DELETE FROM paused WHERE server = ? AND user_id = ? AND interview_id = ?",
                (self.server, user_id, interview_id),
            )

    def paused_here(self, *, user_id: int) -> list[int]:
        """Interviews left paused on this computer (the server was away), newest first."""
        with self._tx(write=False) as conn:
            rows = conn.execute(
                "SELECT interview_id FROM paused WHERE server = ? AND user_id = ? ORDER BY at DESC",
                (self.server, user_id),
            ).fetchall()
        return [int(r[0]) for r in rows]
