"""`python -m interviewer_tui` runs the same entry point as the `interviewer` script."""

from interviewer_tui.entry import main

if __name__ == "__main__":
    main()
