"""`python -m interviewer_tui` runs the same CLI as the `interviewer` script."""

from interviewer_tui.cli import main

if __name__ == "__main__":
    main()
