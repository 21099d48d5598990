"""Use cases: the only API that the CLI and the TUI call."""
