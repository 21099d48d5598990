"""Whether the full-screen terminal app can run here, decided once for the CLI and the entry point.

Imports nothing heavy: the console script calls it before Typer or Textual is loaded.
"""

from __future__ import annotations

import os
import sys

SHORT_HELP = """\
usage: interviewer [COMMAND] [OPTIONS]

With no command, interviewer opens its full-screen terminal app, which needs a terminal
({reason}). Without one, run an interview line by line:

  interviewer start --plain             # questions on stdout, answers from stdin
  interviewer start --json --answers F  # JSON Lines events, answers from a file
  interviewer --help                    # every command
"""


WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def tui_unavailable() -> str | None:
    """Why the TUI cannot run (stdin or stdout is not a terminal, or TERM=dumb), or None.

    Under `interviewer web` textual-serve runs the app with Textual's web driver, which talks to
    the browser over these pipes: no terminal is needed there."""
    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return "stdin and stdout must both be a terminal"
    if os.environ.get("TERM", "").lower() == "dumb":
        return "TERM=dumb cannot show it"
    return None


def completing() -> bool:
    """True when a shell runs us to complete a word (Typer's `_INTERVIEWER_COMPLETE`)."""
    return "_INTERVIEWER_COMPLETE" in os.environ
