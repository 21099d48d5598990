"""What every command shares: building the context, safe output, and error-to-exit-code mapping."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from interviewer_tui.edge.login import StoredLogin
    from interviewer_tui.services.account_views import Identity
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.port import Application


def build_context() -> AppContext:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    return AppContext(settings=load_settings())


def build_app() -> Application:
    """The application port every command calls (STYLE.md 2: built here, passed down): this
    computer's database, or the `interviewer serve` chosen by the settings or the last
    `interviewer login --server`."""
    from interviewer_tui.services.select import build

    return build(build_context())


def open_login() -> StoredLogin:
    """The application port with this computer's login for it (`edge/login.py`): the command
    resolves who acts from it once, then passes that into every port call."""
    from interviewer_tui.edge.login import StoredLogin
    from interviewer_tui.services.select import build

    ctx = build_context()
    return StoredLogin(build(ctx), ctx)


def signed_in(login: StoredLogin) -> int:
    """The acting user's id, resolved once at the shell's edge (exit 3 when nobody is logged
    in); every interview use case then takes it as an argument."""
    return login.current_user().id


def acting(login: StoredLogin) -> Identity:
    """The acting user and their login, for a command that opens an interview: the login (its
    token family) owns the interview's lease, so ending it frees what it held."""
    return login.identity()


def lazy_context() -> AppContext:
    """A context whose settings load on first use: for the TUI, which paints first."""
    from interviewer_tui.services.context import AppContext

    return AppContext()


def err(message: str) -> None:
    from interviewer_tui.exits import err as _err

    _err(message)


def fail(message: str, code: int) -> NoReturn:
    err(f"error: {message}")
    raise typer.Exit(code)


def console(*, stderr: bool = False, plain: bool = False) -> Console:
    """A Rich console that honours NO_COLOR, TERM=dumb and pipes; never interprets markup."""
    from rich.console import Console

    no_color = plain or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(
        stderr=stderr,
        markup=False,
        emoji=False,
        highlight=False,
        no_color=no_color,
        force_terminal=False if plain else None,
        soft_wrap=False,
    )


def open_tui(**options: Any) -> None:
    """Open the terminal app; see ui/launch.run_tui for the options."""
    from interviewer_tui.ui.launch import run_tui

    run_tui(lazy_context(), **options)


def _drop_validator_wording(exc: Exception) -> None:
    """Typer 0.29 checks choices through pydantic, whose message starts "Value error, "; a user
    who typed `--difficulty nope` should read only what is wrong and what is allowed."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message.startswith(_VALIDATOR_PREFIX):
        exc.message = message.removeprefix(_VALIDATOR_PREFIX)  # type: ignore[attr-defined]


_VALIDATOR_PREFIX = "Value error, "


def run_cli(app: typer.Typer, argv: list[str] | None) -> int:
    """Run the Typer app without its own exception handling so that we decide every exit code."""
    from interviewer_tui.errors import ExitCode
    from interviewer_tui.exits import guarded

    command = typer.main.get_command(app)

    def invoke() -> int:
        try:
            rv = command.main(args=argv, prog_name="interviewer", standalone_mode=False)
        except typer.Exit as exc:
            return int(exc.exit_code)
        except typer.Abort:
            err("interrupted")
            return int(ExitCode.INTERRUPTED)
        except typer.TyperException as exc:  # usage errors from the parser
            _drop_validator_wording(exc)
            show = getattr(exc, "show", None)
            if callable(show):
                show()
            else:
                err(f"error: {exc.format_message()}")
            return int(getattr(exc, "exit_code", ExitCode.USAGE))
        if isinstance(rv, int) and not isinstance(rv, bool):
            if rv == ExitCode.INTERRUPTED:  # Typer turns a stray Ctrl-C into Exit(130)
                err("interrupted")
            return rv
        return 0

    return guarded(invoke)
