"""What every command shares: building the context, safe output, and error-to-exit-code mapping."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from interviewer_tui.services.context import AppContext


def build_context() -> AppContext:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    return AppContext(settings=load_settings())


def err(message: str) -> None:
    """One line on stderr, with any terminal escape sequence in it neutralised."""
    from interviewer_tui.core.text import sanitize_terminal

    print(sanitize_terminal(message), file=sys.stderr, flush=True)


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

    run_tui(build_context(), **options)


def run_cli(app: typer.Typer, argv: list[str] | None) -> int:
    """Run the Typer app without its own exception handling so that we decide every exit code."""
    from interviewer_tui.errors import AppError, ExitCode

    command = typer.main.get_command(app)
    try:
        rv = command.main(args=argv, prog_name="interviewer", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        err("interrupted")
        return int(ExitCode.INTERRUPTED)
    except typer.TyperException as exc:  # usage errors from the parser
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err(f"error: {exc.format_message()}")
        return int(getattr(exc, "exit_code", ExitCode.USAGE))
    except AppError as exc:
        err(f"error: {exc.message}")
        return int(exc.exit_code)
    except KeyboardInterrupt:
        err("interrupted")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): exit quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the last line of defence: a message and a log, not a traceback
        path = _log_crash(exc)
        where = f" (details in {path})" if path else ""
        err(f"error: unexpected {type(exc).__name__}{where}")
        return int(ExitCode.UNEXPECTED)
    if isinstance(rv, int) and not isinstance(rv, bool):
        if rv == ExitCode.INTERRUPTED:  # Typer turns a stray Ctrl-C into Exit(130)
            err("interrupted")
        return rv
    return 0


def _log_crash(exc: BaseException) -> str | None:
    import traceback

    from interviewer_tui.config import Paths

    try:
        state = Paths.resolve().state
        state.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = state / "crash.log"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)))
        return str(path)
    except OSError:
        return None
