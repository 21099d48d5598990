"""The `interviewer` console script.

With no arguments on a terminal it opens the TUI straight away, without importing Typer or
loading settings first (both happen later, off the first frame). Anything else goes to the Typer
CLI in cli.py: commands, shell completion (whose scripts run `interviewer` with no arguments and
the words in environment variables), and a bare `interviewer` without a terminal, which prints a
short help and exits 2 instead of starting a full-screen app nobody can see.
"""

from __future__ import annotations

import sys


def main() -> None:
    from interviewer_tui.terminal import completing, tui_unavailable

    argv = sys.argv[1:]
    if argv or completing() or tui_unavailable() is not None:
        from interviewer_tui.cli import main as cli_main

        cli_main(argv)
        return
    from interviewer_tui.exits import guarded

    def run() -> int:
        from interviewer_tui.services.context import AppContext
        from interviewer_tui.ui.launch import run_tui

        run_tui(AppContext())
        return 0

    sys.exit(guarded(run))


if __name__ == "__main__":
    main()
