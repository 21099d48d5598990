"""`python -m bench 12 --quick` (remote_turn) runs end to end against a real `interviewer serve`
and prints the overhead with its baseline measured in the same run."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bench.common import ROOT


@pytest.mark.slow
def test_python_m_bench_12_quick_prints_the_remote_turn_overhead() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "12", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT / "bench" / "results")},
        check=False,
    )
    out = proc.stdout
    # a figure, the local baseline and a ratio (whether it meets the goal is the table's say)
    assert re.search(
        r"12 remote turn\s+remote over local, answer -> first token, p50\s+-?[\d,.]+ ms\s+"
        r"local turn, answer -> first token, p50\s+[\d,.]+ ms\s+-?[\d.]+x\s+< 10 ms",
        out,
    ), out + proc.stderr[-2000:]
    assert re.search(r"p95 -?[\d.]+ ms; remote turn p50 [\d.]+ ms", out), out
    assert " error " not in out, out
