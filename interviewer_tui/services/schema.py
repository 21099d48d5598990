"""Schema migrations as use cases: what `interviewer db upgrade|current|downgrade` call.

The shells never build an engine themselves (import-linter contract `shells-not-store`): this
module opens a pool-less one from the context's settings, runs one migration step and reports
where the database stands, with the URL's password never in the text.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine

    from interviewer_tui.services.context import AppContext


@dataclass(frozen=True)
class SchemaState:
    database: str  # e.g. "SQLite file /home/me/.local/share/interviewer/interviewer.db"
    revision: str | None  # None: an empty database
    head: str | None
    known: bool  # False: a revision this version of interviewer has never heard of

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.head


@contextmanager
def _engine(ctx: AppContext) -> Iterator[Engine]:
    """A separate, pool-less engine: migrations must not run through the app's own pool, which
    (on SQLite) would migrate itself to head first."""
    from interviewer_tui.store.engine import make_engine

    engine = make_engine(ctx.settings.effective_database_url, pool=False)
    try:
        yield engine
    finally:
        engine.dispose()


def _state(engine: Engine) -> SchemaState:
    from interviewer_tui.store.engine import engine_label
    from interviewer_tui.store.migrate import current_revision, head_revision, known_revisions

    rev = current_revision(engine)
    return SchemaState(
        database=engine_label(engine),
        revision=rev,
        head=head_revision(engine),
        known=rev is None or rev in known_revisions(engine),
    )


def schema_state(ctx: AppContext) -> SchemaState:
    with _engine(ctx) as engine:
        return _state(engine)


def upgrade(ctx: AppContext, revision: str = "head") -> SchemaState:
    from interviewer_tui.store import migrate

    with _engine(ctx) as engine:
        migrate.upgrade(engine, revision)
        return _state(engine)


def downgrade(ctx: AppContext, revision: str) -> SchemaState:
    from interviewer_tui.store import migrate

    with _engine(ctx) as engine:
        migrate.downgrade(engine, revision)
        return _state(engine)
