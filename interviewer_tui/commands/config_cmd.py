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
    table = Table("setting", "value", "from", box=None, pad_edge=False)
    for name, value, origin in describe_settings(settings):
        table.add_row(name, value, origin)
    out = console()
    out.print(table)
    paths = settings.paths
    out.print(f"\ndata dir:   {paths.data}\nconfig dir: {paths.config}\nstate dir:  {paths.state}")
