"""Fixtures for the CLI tests: `run` runs the installed `interviewer` script in a child process."""

from __future__ import annotations

import pytest

from tests.cli_basics.helpers import Run, run_interviewer


@pytest.fixture
def run() -> Run:
    return run_interviewer
