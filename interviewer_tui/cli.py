"""`interviewer`: the composition root.

Builds settings -> context -> services for each command and turns `AppError`s into one line on
stderr and the documented exit code. Only `typer` is imported at module level so `--help` and
`--version` stay fast; every command imports what it needs when it runs.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from interviewer_tui import __version__
from interviewer_tui.commands import (
    account,
    config_cmd,
    db,
    interview,
    model_cmd,
    practice,
    serve,
    web,
)

app = typer.Typer(
    name="interviewer",
    help=(
        "Practise Backend Engineering interviews with an AI (or offline) interviewer.\n\n"
        "Run `interviewer` with no command to open the terminal app; `interviewer start --plain`"
        " runs an interview line by line (scripts, pipes, SSH)."
    ),
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"interviewer {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """With no command, open the terminal app (on a terminal; elsewhere a short help, exit 2)."""
    if ctx.invoked_subcommand is None:
        from interviewer_tui.terminal import SHORT_HELP, tui_unavailable

        reason = tui_unavailable()
        if reason is not None:
            from interviewer_tui.errors import ExitCode

            typer.echo(SHORT_HELP.format(reason=reason), err=True, nl=False)
            raise typer.Exit(ExitCode.USAGE)
        from interviewer_tui.commands.common import open_tui

        open_tui()


db.register(app)
config_cmd.register(app)
account.register(app)
interview.register(app)
model_cmd.register(app)
practice.register(app)
serve.register(app)
web.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and map every failure to a message and an exit code."""
    from interviewer_tui.commands.common import run_cli

    sys.exit(run_cli(app, argv))
