"""The `interviewer` console script.

With no arguments it opens the TUI straight away, without importing Typer or loading settings
first (both happen later, off the first frame). Anything else goes to the Typer CLI in cli.py.
"""

from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if argv:
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
