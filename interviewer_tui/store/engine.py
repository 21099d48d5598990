"""Engine setup for SQLite (embedded default) and PostgreSQL (psycopg 3), and the translation of
driver errors into one readable line that names host and database but never the password."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from interviewer_tui.errors import DatabaseError

SQLITE_BUSY_TIMEOUT_MS = 5000
POOL_SIZE = 20  # PostgreSQL connections kept per process, idle or not (see make_engine)
POOL_OVERFLOW = 0  # none opened and closed beyond them: a request waits for one instead
# Execution option marking a connection whose transactions only read (see `reading`).
READ_ONLY = "interviewer_read_only"
T = TypeVar("T")


def normalise_url(raw: str) -> URL:
    """Accept `postgresql://`, `postgres://` and `postgresql+psycopg://`; always use psycopg 3."""
    try:
        url = make_url(raw.strip())
    except (ArgumentError, ValueError):
        raise DatabaseError(
            "invalid DATABASE_URL: expected postgresql://user@host:port/dbname or sqlite:///path"
        ) from None
    if url.host and "@" in url.host:
        # An unescaped '@' in the password splits it: part of the password would end up in the
        # host name and then in our error messages.
        raise DatabaseError(
            "invalid DATABASE_URL: write '@' in the user name or password as %40"
        ) from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url.set(drivername="sqlite")
    raise DatabaseError(
        f"unsupported database '{backend}' in DATABASE_URL: use postgresql or sqlite"
    )


def describe(url: URL) -> str:
    """`database 'x' on host:port` or `SQLite file /path`: for error messages, never a password."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database or ':memory:'}"
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    return f"database '{url.database or ''}' on {host}{port}"


def make_engine(raw_url: str, *, pool: bool = True, sqlite_synchronous: str = "full") -> Engine:
    url = normalise_url(raw_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, synchronous=sqlite_synchronous)
    # No pre-ping: it costs a round trip on every checkout (7 per answer on the server).
    # A pooled connection that died since (a PostgreSQL restart) fails its first statement
    # instead, which invalidates the pool, and `run_in_session` runs the transaction again once
    # on a fresh connection: nothing of it was sent, so that is safe.
    # The pool keeps every connection it opens, up to POOL_SIZE (opened on demand: a command that
    # needs one opens one). With SQLAlchemy's default (5 kept, 10 more opened for a burst and
    # closed as they came back) a server under load opened 157 PostgreSQL sessions, a backend
    # fork and a login each, in 21 s at 50 candidates (one per 4 answers); now about 20.
    kwargs: dict[str, Any] = {
        "pool_pre_ping": False,
        "pool_size": POOL_SIZE,
        "max_overflow": POOL_OVERFLOW,
    }
    if not pool:
        kwargs = {"poolclass": NullPool}
    connect_args = {"connect_timeout": 5, "application_name": "interviewer"}
    engine = create_engine(url, connect_args=connect_args, **kwargs)
    return engine


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would use the umask, often 0644):
    it holds password hashes and session rows. SQLite gives -wal/-shm the same mode."""
    import contextlib
    import os

    # exists already, or cannot be made: the connect that follows reports any real problem
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _sqlite_engine(url: URL, *, synchronous: str = "full") -> Engine:
    level = "NORMAL" if synchronous.lower() == "normal" else "FULL"
    if url.database and url.database != ":memory:":
        path = Path(url.database).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise DatabaseError(
                f"cannot create the folder for {describe(url)}: {exc.strerror}"
            ) from None
        _create_private(path)
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    )
    guard = (
        _FileGuard(Path(url.database or "").expanduser(), describe(url)) if _is_file(url) else None
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # Use the driver's own transaction handling off: we emit BEGIN IMMEDIATE ourselves so a
        # writer waits on the busy timeout instead of failing half way through a transaction.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA synchronous={level}")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.close()
        if guard is not None:
            guard.opened()

    @event.listens_for(engine, "commit")
    def _still_the_same_file(_conn: Any) -> None:
        if guard is not None:
            guard.check()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Writers take the write lock up front (waiting on the busy timeout); readers do not
        # take it at all: in WAL mode they read a snapshot and never wait for, nor block, a
        # writer. Taking it for reads too made twenty commands at once queue on one lock, and
        # some gave up with "database is locked" (issue 11, item 19).
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _is_file(url: URL) -> bool:
    return bool(url.database) and url.database != ":memory:" and "mode=memory" not in str(url)


class FileVanishedError(DatabaseError):
    """The SQLite file was deleted or replaced under an open connection."""


class _FileGuard:
    """Notices the SQLite file being deleted or replaced while we hold it open.

    SQLite writes through its open descriptor, so after `rm` (or a restore that puts a new file
    under the same name) every commit still "succeeds" into a file nobody can reach again. The
    identity (st_dev, st_ino) of the path is taken when the first connection opens it and checked
    before every commit (one stat, a few microseconds) and every later connect; a change stops
    the commit, so nothing unsaved is ever acknowledged.
    """

    def __init__(self, path: Path, label: str) -> None:
        self._path = path
        self._label = label
        self._identity: tuple[int, int] | None = None

    def _current(self) -> tuple[int, int] | None:
        import os

        try:
            st = os.stat(self._path)
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def opened(self) -> None:
        if self._identity is None:
            self._identity = self._current()
        else:
            self.check()

    def check(self) -> None:
        if self._identity is not None and self._current() != self._identity:
            raise FileVanishedError(
                f"the {self._label} was deleted or replaced while interviewer was using it: "
                "the last step was not saved (restore the file, or start again)"
            )


def engine_label(engine: Engine) -> str:
    return describe(engine.url)


def translate(exc: BaseException, engine: Engine) -> DatabaseError:
    """Turn a driver error into a one-line DatabaseError; the URL's password never appears."""
    where = engine_label(engine)
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    lowered = text.lower()
    if "authentication failed" in lowered or re.search(r'role ".*" does not exist', lowered):
        user = f" for user '{engine.url.username}'" if engine.url.username else ""
        reason = f"authentication failed{user} (check the user and password)"
    elif "failed to resolve host" in lowered or "name or service not known" in lowered:
        reason = f"the host name '{engine.url.host}' cannot be resolved"
    elif "does not exist" in lowered and "database" in lowered:
        reason = "the database does not exist"
    elif "connection refused" in lowered or "could not connect" in lowered or "timeout" in lowered:
        reason = "the server is not reachable (is it running?)"
    elif "database is locked" in lowered:
        reason = "the database is locked by another process; try again in a moment"
    elif "readonly database" in lowered:
        reason = "the file is read-only (check its permissions and its folder's)"
    elif "unable to open database file" in lowered:
        reason = "the file cannot be opened (check the path and permissions)"
    else:
        reason = _scrub(text, engine)
    return DatabaseError(f"cannot use {where}: {reason}")


def _scrub(text: str, engine: Engine) -> str:
    password = engine.url.password
    if password:
        text = text.replace(str(password), "***")
    return text


@contextlib.contextmanager
def db_errors(engine: Engine) -> Iterator[None]:
    """Wrap a unit of work so driver failures surface as DatabaseError (exit code 5)."""
    try:
        yield
    except DatabaseError:
        raise
    except (OperationalError, DBAPIError) as exc:
        raise translate(exc, engine) from None
    except SQLAlchemyError as exc:
        if isinstance(exc.__cause__, OSError) or "connect" in str(exc).lower():
            raise translate(exc, engine) from None
        raise


def reading(engine: Engine) -> Engine:
    """The same engine (same pool) for transactions that only read: on SQLite they begin
    DEFERRED instead of IMMEDIATE. A write inside one would fail fast when busy, so use it only
    for work that never writes."""
    return engine.execution_options(**{READ_ONLY: True})


Reconnecting = Callable[[int, float, str], None]
"""Told (attempt, seconds until the next try, which database) before each reconnect wait, and
(0, 0.0, database) once a transaction that had to wait has gone through: connected again."""

_CONNECTION_LOST = (
    "connection refused",
    "could not connect",
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "connection is lost",
    "the connection is closed",
    "consuming input failed",
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "connection timeout expired",
    "ssl connection has been closed",
)


def is_connection_loss(exc: BaseException, engine: Engine) -> bool:
    """A PostgreSQL server that went away or is restarting: worth waiting for. Authentication
    failures, missing databases and SQLite errors are not."""
    if engine.url.get_backend_name() == "sqlite":
        return False
    if getattr(exc, "connection_invalidated", False):
        return True
    if not isinstance(exc, (OperationalError, DBAPIError)):
        return False
    text = str(getattr(exc, "orig", None) or exc).lower()
    return any(marker in text for marker in _CONNECTION_LOST)


def run_in_session(
    engine: Engine,
    fn: Callable[[Session], T],
    *,
    reconnect_for: float = 0.0,
    on_reconnect: Reconnecting | None = None,
) -> T:
    """Run `fn` in one transaction: committed if it returns, rolled back if it raises.

    When the connection to PostgreSQL is lost before the commit was sent (a server restart,
    say), the whole transaction is run again on a new connection, with backoff, for up to
    `reconnect_for` seconds: nothing of it was saved, so running it again is safe (`fn` must not
    keep state between calls). A failure during the COMMIT itself is never retried: the server
    may have saved it, and a second run could save it twice.
    """
    import time

    deadline = time.monotonic() + reconnect_for
    attempt = 0
    stale_retried = False
    while True:
        committing = False
        try:
            with Session(engine, expire_on_commit=False) as session:
                session.begin()
                result = fn(session)
                committing = True
                session.commit()
            if attempt and on_reconnect is not None:
                on_reconnect(0, 0.0, describe(engine.url))
            return result
        except DatabaseError:
            raise
        except SQLAlchemyError as exc:
            stale = not (stale_retried or committing) and getattr(
                exc, "connection_invalidated", False
            )
            if stale:  # a pooled connection that died while idle: one fresh try, at once
                stale_retried = True
                continue
            left = deadline - time.monotonic()
            if committing or left <= 0 or not is_connection_loss(exc, engine):
                with db_errors(engine):
                    raise
                raise  # pragma: no cover  (db_errors re-raises whatever it does not translate)
            attempt += 1
            delay = min(0.25 * 2 ** (attempt - 1), 2.0, left)
            if on_reconnect is not None:
                on_reconnect(attempt, delay, describe(engine.url))
            time.sleep(delay)
