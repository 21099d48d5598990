"""`interviewer config show`: the effective settings, secrets masked, and where each came from."""

from __future__ import annotations

import typer

config_app = typer.Typer(help="Inspect configuration.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")


@config_app.command("show")
def show() -> None:
    """Print every setting, its value (secrets masked) and its source."""
    from rich.table import Table

    from interviewer_tui.commands.common import console
    from interviewer_tui.config import describe_settings, load_settings

    settings = load_settings()
    rows = describe_settings(settings)
    paths = settings.paths
    dirs = [("data dir", paths.data), ("config dir", paths.config), ("state dir", paths.state)]
    out = console()
    if not out.is_terminal:
        # In a pipe a table would be cut to 80 columns; tab-separated lines lose nothing.
        for row in rows:
            typer.echo("\t".join(row))
        for label, path in dirs:
            typer.echo(f"{label}\t{path}")
        return
    table = Table("setting", "value", "from", box=None, pad_edge=False)
    for name, value, origin in rows:
        table.add_row(name, value, origin, end_section=False)
    out.print(table)
    out.print("\n" + "\n".join(f"{label + ':':<12}{path}" for label, path in dirs))
