"""`interviewer db upgrade|current|downgrade`: schema migrations on the configured database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from sqlalchemy import Engine

db_app = typer.Typer(help="Database schema migrations.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


def _engine() -> Engine:
    from interviewer_tui.commands.common import build_context
    from interviewer_tui.store.engine import make_engine

    ctx = build_context()
    return make_engine(ctx.settings.effective_database_url, pool=False)


@db_app.command()
def upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Migrate the schema up to REVISION (default: the newest)."""
    from interviewer_tui.store.engine import engine_label
    from interviewer_tui.store.migrate import current_revision
    from interviewer_tui.store.migrate import upgrade as do_upgrade

    engine = _engine()
    do_upgrade(engine, revision)
    typer.echo(f"{engine_label(engine)} is at revision {current_revision(engine)}")


@db_app.command()
def current() -> None:
    """Show the schema revision of the database and whether it is up to date."""
    from interviewer_tui.store.engine import engine_label
    from interviewer_tui.store.migrate import current_revision, head_revision, known_revisions

    engine = _engine()
    rev = current_revision(engine)
    head = head_revision(engine)
    if rev == head:
        state = "up to date"
    elif rev is not None and rev not in known_revisions(engine):
        state = f"unknown to this version of interviewer, whose head is {head}"
    else:
        state = f"out of date, head is {head}"
    typer.echo(f"{engine_label(engine)}: revision {rev or '(empty)'} ({state})")


# `ignore_unknown_options` lets `interviewer db downgrade -1` mean a revision, not an option.
@db_app.command(context_settings={"ignore_unknown_options": True})
def downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. -1 or base.")],
) -> None:
    """Migrate the schema down to REVISION."""
    from interviewer_tui.store.engine import engine_label
    from interviewer_tui.store.migrate import current_revision
    from interviewer_tui.store.migrate import downgrade as do_downgrade

    engine = _engine()
    do_downgrade(engine, revision)
    typer.echo(f"{engine_label(engine)} is at revision {current_revision(engine) or '(empty)'}")
