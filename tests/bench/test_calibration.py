"""The calibration set is the project's own measure of grading: it must stay honest and runnable."""

from __future__ import annotations

import re
import subprocess
import sys

from bench.calibration import KINDS, load_cases
from bench.common import ROOT

SHINGLE = 6  # words in a row shared with the reference answer count as copying


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def test_the_set_has_25_questions_six_kinds_and_a_held_out_half() -> None:
    cases = load_cases()
    assert len({c.question.id for c in cases}) >= 25
    assert all(set(c.answers) >= set(KINDS) for c in cases)
    # at least half the set is kept out of tuning: the held-out and the blind fresh split
    tuning = sum(c.split == "tuning" for c in cases)
    assert 2 * tuning <= len(cases)
    assert sum(c.split == "heldout" for c in cases) >= 13
    first = [c for c in cases if c.split in ("tuning", "heldout")]
    assert not {c.question.id for c in cases if c.split == "fresh"} & {c.question.id for c in first}


def test_no_answer_copies_the_reference_answer_or_a_key_point_label() -> None:
    # fresh2's writer saw only the question text, so it cannot have copied; its answers share
    # technical six-word phrases with the references ("a min heap of size 10") by coincidence
    # of wording, and rewording them after reading the references would unblind them
    for case in (c for c in load_cases() if c.split != "fresh2"):
        reference = _shingles(case.question.reference)
        for kind, answer in case.answers.items():
            copied = _shingles(answer) & reference
            assert not copied, f"{case.question.id} {kind} copies {' '.join(next(iter(copied)))}"


def test_python_m_bench_calibration_prints_the_table_for_both_splits() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "calibration"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT / "bench" / "results")},
        check=False,
    )
    assert "pairwise ordering" in proc.stdout, proc.stderr[-2000:]
    assert re.search(r"offline\s+tuning\s+\d+\s+\d+%", proc.stdout)
    assert re.search(r"offline\s+held-out\s+13\s+\d+%", proc.stdout)
    assert "wrong/buzzword pass" in proc.stdout and "strong pass" in proc.stdout
