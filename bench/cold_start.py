"""1. Cold start: `interviewer --help`/`--version` against a minimal Typer app and `python -c pass`.

Goal: within 1.2x of the minimal two-command Typer app. We report two baselines: Typer's defaults
(Rich-formatted help, what most Typer apps ship) and the same app with Rich help off (what we ship),
so the ratio cannot flatter us. A second check lists any heavy library `--help` imported.
"""

from __future__ import annotations

import json
import subprocess

from bench.common import BENCH, Config, Row, base_env, interleaved, median, ms, python, script

NAME = "cold start"
GOAL = 1.2
HEAVY = (
    "openai",
    "sqlalchemy",
    "sqlmodel",
    "textual",
    "argon2",
    "keyring",
    "psycopg",
    "alembic",
    "pydantic",
    "httpx2",
    "rich",
)

_PROBE = """
import json, sys
from interviewer_tui.cli import app
from interviewer_tui.commands.common import run_cli
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    run_cli(app, [sys.argv[1]])
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(json.loads(sys.argv[2])))
print(json.dumps(heavy))
"""


def heavy_imports(flag: str) -> list[str]:
    out = subprocess.run(
        [python(), "-c", _PROBE, flag, json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        env=base_env(),
    ).stdout
    return list(json.loads(out.strip().splitlines()[-1]))


def run(cfg: Config) -> list[Row]:
    runs = cfg.n(21, 7)
    cmds = {
        "python -c pass": [python(), "-c", "pass"],
        "typer": [python(), str(BENCH / "fixtures" / "minimal_typer.py"), "--help"],
        "typer-plain": [python(), str(BENCH / "fixtures" / "minimal_typer_plain.py"), "--help"],
        "--help": [script("interviewer"), "--help"],
        "--version": [script("interviewer"), "--version"],
    }
    samples = interleaved(cmds, runs, warmup=2, env=base_env())
    med = {k: ms(median(v)) for k, v in samples.items()}
    rows: list[Row] = [Row(NAME, "python -c pass", med["python -c pass"], note=f"{runs} runs")]
    for flag in ("--help", "--version"):
        for base, label in (
            ("typer", "minimal Typer app --help"),
            ("typer-plain", "minimal Typer app, Rich help off"),
        ):
            ratio = med[flag] / med[base]
            rows.append(
                Row(
                    NAME,
                    f"interviewer {flag}",
                    med[flag],
                    baseline_name=label,
                    baseline=med[base],
                    goal=f"<= {GOAL}x",
                    ok=ratio <= GOAL,
                    note=f"{med[flag] - med['python -c pass']:.0f} ms above bare Python",
                )
            )
    for flag in ("--help", "--version"):
        heavy = heavy_imports(flag)
        rows.append(
            Row(
                NAME,
                f"heavy imports on {flag}",
                float(len(heavy)),
                unit="modules",
                goal="0",
                ok=not heavy,
                note=", ".join(heavy) or "none of " + "/".join(HEAVY[:6]),
            )
        )
    return rows
