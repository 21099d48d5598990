"""Turning any failure into one line on stderr and the documented exit code.

Shared by the Typer CLI and the TUI fast path; imports nothing heavy, so it is safe at startup.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from interviewer_tui.errors import AppError, ExitCode


def err(message: str) -> None:
    """One line on stderr: credentials in URLs masked, terminal escape sequences dropped."""
    from interviewer_tui.core.redact import redact
    from interviewer_tui.core.text import sanitize_terminal

    print(sanitize_terminal(redact(message)), file=sys.stderr, flush=True)


def guarded(run: Callable[[], int]) -> int:
    """Call `run`; map our errors, Ctrl-C, a closed pipe and anything unexpected to exit codes."""
    try:
        return run()
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
    except OSError as exc:
        if exc.filename is None:
            return _unexpected(exc)
        # a file or folder we cannot use (permissions, a file where a folder should be): the
        # user can fix that, so it is a usage error, named, not an "unexpected" crash
        err(f"error: {describe_os_error(exc)}")
        return int(ExitCode.USAGE)
    except Exception as exc:  # the last line of defence: a message and a log, not a traceback
        return _unexpected(exc)


def _unexpected(exc: Exception) -> int:
    path = log_crash(exc)
    where = f" (details in {path})" if path else ""
    err(f"error: unexpected {type(exc).__name__}{where}")
    return int(ExitCode.UNEXPECTED)


def describe_os_error(exc: OSError) -> str:
    """`cannot use PATH: Permission denied`, saying which of our directories it is in."""
    from pathlib import Path

    from interviewer_tui.config import Paths

    path = Path(os.fsdecode(exc.filename))
    reason = exc.strerror or type(exc).__name__
    hint = ""
    try:
        paths = Paths.resolve()
        for label, root in (("state", paths.state), ("data", paths.data), ("config", paths.config)):
            if path == root or root in path.parents:
                hint = f" (check the {label} dir {root}: it must be yours and readable/writable)"
                break
    except Exception:  # the hint is a courtesy; never fail while reporting a failure
        hint = ""
    return f"cannot use {path}: {reason}{hint}"


def log_crash(exc: BaseException) -> str | None:
    """Append the traceback to crash.log (0600) in the state dir, never to the screen; URLs in it
    (a base URL in an SDK error, a database URL) have their credentials masked."""
    import traceback

    from interviewer_tui.config import Paths
    from interviewer_tui.core.redact import redact

    try:
        state = Paths.resolve().state
        state.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = state / "crash.log"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(redact("".join(traceback.format_exception(exc))))
        return str(path)
    except OSError:
        return None
