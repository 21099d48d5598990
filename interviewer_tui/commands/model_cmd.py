"""`interviewer model check`: what the configured endpoint supports, and what to change."""

from __future__ import annotations

from typing import Annotated

import typer

model_app = typer.Typer(help="Check the model endpoint.", no_args_is_help=True)

_MARKS = {"ok": "ok  ", "warn": "warn", "fail": "FAIL", "skipped": "skip"}


def register(app: typer.Typer) -> None:
    app.add_typer(model_app, name="model")


@model_app.command("check")
def check(
    model: Annotated[
        str | None, typer.Option("--model", help="Check this model instead of INTERVIEWER_MODEL.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """List the endpoint's models, make one streamed and one json_schema call, report what works.

    Exit 0 when interviews will work (warnings are degraded features), 4 when something they need
    fails, 2 without an API key.
    """
    import json
    from dataclasses import asdict

    from interviewer_tui.commands.common import build_app
    from interviewer_tui.errors import ExitCode

    result = build_app().check_model(model=model)
    if as_json:
        payload = {
            "endpoint": result.endpoint,
            "model": result.model,
            "usable": result.usable,
            "checks": [asdict(c) for c in result.checks],
        }
        typer.echo(json.dumps(payload))
    else:
        typer.echo(f"endpoint: {result.endpoint}")
        typer.echo(f"model:    {result.model}")
        for c in result.checks:
            typer.echo(f"  {_MARKS[c.status]}  {c.name:<13}{c.detail}")
            if c.advice:
                typer.echo(f"        {'':<13}-> {c.advice}")
        verdict = (
            "interviews will work with this endpoint"
            if result.usable
            else "interviews will NOT work until the FAIL lines are fixed"
        )
        typer.echo(verdict)
    if not result.usable:
        raise typer.Exit(int(ExitCode.MODEL))
