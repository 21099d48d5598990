"""`python -m bench cli_reads --quick` runs end to end: the baselines, the three read commands on
SQLite and against a real `interviewer serve`, and the import check of each mode."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bench.common import ROOT


@pytest.mark.slow
def test_python_m_bench_cli_reads_quick_prints_every_row() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "cli_reads", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT / "bench" / "results")},
        check=False,
    )
    out = proc.stdout
    assert "minimal Typer app --help (the baseline)" in out, proc.stderr[-2000:]
    for mode in ("SQLite", "remote (interviewer serve)"):
        for command in ("history", "show 1", "whoami"):
            # a figure, the baseline and a ratio (whether it meets the goal is the table's say)
            assert re.search(
                rf"{re.escape(mode)}: interviewer {command}\s+[\d,.]+ ms\s+minimal Typer app "
                r"--help\s+[\d,.]+ ms\s+[\d.]+x",
                out,
            ), out
        assert re.search(rf"{re.escape(mode)}: forbidden imports on history\s+0 modules", out), out
    assert " error " not in out, out
