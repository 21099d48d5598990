"""`interviewer db upgrade|current|downgrade`: schema migrations on the configured database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from interviewer_tui.services.context import AppContext

db_app = typer.Typer(help="Database schema migrations.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


def _context() -> AppContext:
    from interviewer_tui.commands.common import build_context

    return build_context()


@db_app.command()
def upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Migrate the schema up to REVISION (default: the newest)."""
    from interviewer_tui.services import schema

    state = schema.upgrade(_context(), revision)
    typer.echo(f"{state.database} is at revision {state.revision}")


@db_app.command()
def current() -> None:
    """Show the schema revision of the database and whether it is up to date."""
    from interviewer_tui.services import schema

    state = schema.schema_state(_context())
    if state.up_to_date:
        verdict = "up to date"
    elif not state.known:
        verdict = f"unknown to this version of interviewer, whose head is {state.head}"
    else:
        verdict = f"out of date, head is {state.head}"
    typer.echo(f"{state.database}: revision {state.revision or '(empty)'} ({verdict})")


# `ignore_unknown_options` lets `interviewer db downgrade -1` mean a revision, not an option.
@db_app.command(context_settings={"ignore_unknown_options": True})
def downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. -1 or base.")],
) -> None:
    """Migrate the schema down to REVISION."""
    from interviewer_tui.services import schema

    state = schema.downgrade(_context(), revision)
    typer.echo(f"{state.database} is at revision {state.revision or '(empty)'}")
