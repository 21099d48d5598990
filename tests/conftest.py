"""Shared fixtures: a throwaway PostgreSQL database per test session, SQLite files per test, an
isolated INTERVIEWER_HOME so no test touches the real user's data or keyring, and the CLI harness.

The directories under tests/ mirror the package (tests/auth tests interviewer_tui/auth, ...);
tests/project checks the repository's own promises (README, CI, .env.example, layering contracts,
packaging), tests/resilience injects faults under the whole app (killed processes, a restarted
PostgreSQL, a vanished SQLite file, a failing model), and tests/bench checks bench/.
"""

from __future__ import annotations

import os
import random
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import Cli, inherited_env, make_cli, run_interviewer
from tests.support.clock import FakeClock
from tests.support.contexts import context_like, make_context
from tests.support.mail import Mailbox
from tests.support.net import free_port
from tests.support.settings import Run

# the fake OpenAI-compatible server's fixtures (openai_server, openai_env), for every directory
pytest_plugins = ["tests.fakes.fixtures"]

SEED_VAR = "INTERVIEWER_TEST_SEED"


@pytest.hookimpl(tryfirst=True)  # before hypothesis's plugin reads --hypothesis-seed
def pytest_configure(config: pytest.Config) -> None:
    """One seed for every random choice of the run (the kill test's kill points, hypothesis):
    INTERVIEWER_TEST_SEED replays a run; otherwise a new one, printed in the header. Set in the
    environment here, before pytest-xdist starts its workers, so they all share it."""
    if not os.environ.get(SEED_VAR, "").isdigit():
        os.environ[SEED_VAR] = str(random.SystemRandom().randrange(10**6))
    if getattr(config.option, "hypothesis_seed", None) is None and hasattr(
        config.option, "hypothesis_seed"
    ):
        config.option.hypothesis_seed = int(os.environ[SEED_VAR])


def pytest_report_header(config: pytest.Config) -> str:
    seed = os.environ[SEED_VAR]
    return f"interviewer test seed: {seed} (replay the run with {SEED_VAR}={seed})"


def run_seed() -> int:
    """The run's seed (see pytest_configure)."""
    return int(os.environ[SEED_VAR])


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> random.Random:
    """Random choices for one test: the run's seed and the test's id, so a test draws the same
    whatever ran before it on its worker."""
    return random.Random(f"{run_seed()}:{request.node.nodeid}")


PG_ADMIN_URL = os.environ.get(
    "INTERVIEWER_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _pg_reachable() -> str | None:
    """None when reachable, else the reason."""
    import psycopg

    from interviewer_tui.store.engine import normalise_url

    url = normalise_url(PG_ADMIN_URL)
    try:
        with psycopg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            dbname=url.database or "postgres",
            connect_timeout=3,
        ):
            return None
    except Exception as exc:
        return str(exc).splitlines()[0]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own INTERVIEWER_HOME and never sees the developer's settings."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    from interviewer_tui.config import Settings

    for field in Settings.model_fields.values():  # every setting, not only the common ones
        for var in getattr(field.validation_alias, "choices", ()):
            if var != "INTERVIEWER_HOME":
                monkeypatch.delenv(str(var), raising=False)
    for var in ("SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_FROM", "SMTP_STARTTLS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    # the 0600 file unless a test asks for a keyring; the real keyring is never touched
    monkeypatch.setenv("INTERVIEWER_SESSION_STORE", "file")
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A fresh database on the test PostgreSQL server, dropped at the end of the session."""
    reason = _pg_reachable()
    if reason is not None:
        if os.environ.get("INTERVIEWER_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required but unreachable: {reason}")
        pytest.skip(f"!!! PostgreSQL unreachable, PostgreSQL tests SKIPPED: {reason}")
    from sqlalchemy import create_engine, text

    from interviewer_tui.store.engine import normalise_url

    admin = normalise_url(PG_ADMIN_URL)
    name = f"interviewer_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def pg_url(pg_server_url: str) -> str:
    """The session's PostgreSQL database, emptied (schema dropped) before each test."""
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return pg_server_url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Run the test once on a SQLite file and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at head, migrated once per session (per worker) and copied per test."""
    from interviewer_tui.store.engine import make_engine
    from interviewer_tui.store.migrate import upgrade

    path = tmp_path_factory.mktemp("migrated") / "head.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def _migrated_pg_template(pg_server_url: str) -> Iterator[str]:
    """A PostgreSQL database at head, migrated once per session, that tests' databases are
    created from (CREATE DATABASE ... TEMPLATE copies it in a fraction of a migration's time)."""
    from sqlalchemy import create_engine, text

    from interviewer_tui.store.engine import make_engine, normalise_url
    from interviewer_tui.store.migrate import upgrade

    url = normalise_url(pg_server_url)
    name = f"{url.database}_head"
    admin = create_engine(normalise_url(PG_ADMIN_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        engine = make_engine(url.set(database=name).render_as_string(hide_password=False))
        upgrade(engine)
        engine.dispose()
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def migrated_db_url(db_url: str, request: pytest.FixtureRequest) -> str:
    """`db_url` (both backends) already at head: a copy of a database migrated once per session.
    The migrations themselves are tested from empty in tests/store/test_migrations.py."""
    from sqlalchemy import create_engine, text

    from interviewer_tui.store.engine import normalise_url

    url = normalise_url(db_url)
    if url.get_backend_name() == "sqlite":
        shutil.copyfile(request.getfixturevalue("_migrated_sqlite"), str(url.database))
        return db_url
    template = request.getfixturevalue("_migrated_pg_template")
    admin = create_engine(normalise_url(PG_ADMIN_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}" TEMPLATE "{template}"'))
    admin.dispose()
    return db_url


@pytest.fixture
def ctx(migrated_db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """An AppContext on a migrated database (both backends), offline model."""
    context = make_context(migrated_db_url, monkeypatch, migrate=False)
    yield context
    context.close()


# -- the installed CLI in child processes (tests/support/cli.py) ------------------------------------


@pytest.fixture
def cli(tmp_path: Path, db_url: str) -> Cli:
    """A CLI bound to a fresh INTERVIEWER_HOME on SQLite or PostgreSQL (both, parametrized)."""
    return make_cli(
        tmp_path / "cli-home", tmp_path, None if db_url.startswith("sqlite") else db_url
    )


@pytest.fixture
def sqlite_cli(tmp_path: Path) -> Cli:
    """A CLI on a fresh INTERVIEWER_HOME and its default SQLite file."""
    return make_cli(tmp_path / "cli-home", tmp_path)


@pytest.fixture
def logged_in(sqlite_cli: Cli) -> Cli:
    """`sqlite_cli` with a registered, logged-in user."""
    sqlite_cli.login_new_user()
    return sqlite_cli


@pytest.fixture
def run() -> Run:
    """Runs the installed `interviewer` script as CI does (no stdin, the inherited environment)."""
    return run_interviewer


@pytest.fixture
def home_cli(tmp_path: Path, _isolated_home: Path) -> Cli:
    """The installed app in child processes on this test's own environment: its INTERVIEWER_HOME,
    and the database a context of the test (`actx`) has put in DATABASE_URL."""
    return Cli(env=inherited_env(_isolated_home), cwd=tmp_path)


# -- accounts and sessions: a clock the test moves, a second computer, a real SMTP server ---------


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def actx(migrated_db_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """An AppContext on a migrated database (SQLite and PostgreSQL) whose clock the test moves."""
    context = make_context(migrated_db_url, monkeypatch, clock=clock, migrate=False)
    yield context
    context.close()


@pytest.fixture
def second_computer(actx: Any, tmp_path: Path) -> Iterator[Any]:
    """Same database, another INTERVIEWER_HOME: a second computer with its own session store."""
    other = context_like(actx, home=tmp_path / "second-computer")
    yield other
    other.close()


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """A real SMTP server on 127.0.0.1 (no TLS, no auth); SMTP_* point at it."""
    from aiosmtpd.controller import Controller

    box = Mailbox("127.0.0.1", free_port())
    controller = Controller(box, hostname=box.host, port=box.port)
    controller.start()
    monkeypatch.setenv("SMTP_HOST", box.host)
    monkeypatch.setenv("SMTP_PORT", str(box.port))
    monkeypatch.setenv("SMTP_STARTTLS", "false")
    try:
        yield box
    finally:
        controller.stop()
