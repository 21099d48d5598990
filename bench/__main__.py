"""`python -m bench [NAME ...] [--quick] [--only N,...]`: run benchmarks, print a table, save JSON.

NAME is a benchmark's module name (`python -m bench calibration`) or number; none means all.

Each benchmark is a module with `NAME` and `run(cfg) -> list[Row]`; one that fails prints an error
row and the others still run. Results go to bench/results/<UTC time>.json and latest.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from datetime import UTC, datetime

from bench.common import RESULTS, Config, Row, machine
from bench.table import render_markdown, render_text

BENCHMARKS: dict[str, str] = {
    "1": "bench.cold_start",
    "2": "bench.tui_first_frame",
    "3": "bench.turn_overhead",
    "4": "bench.prompt_tokens",
    "5": "bench.store_scale",
    "6": "bench.concurrency",
    "7": "bench.tui_transcript",
    "8": "bench.resilience",
    "9": "bench.calibration",
    "10": "bench.server_load",
    "11": "bench.cli_reads",
    "12": "bench.remote_turn",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small data and few runs: a smoke test in about a minute",
    )
    parser.add_argument(
        "names", nargs="*", help="benchmarks to run, by module name or number (default: all)"
    )
    parser.add_argument("--only", default="", help="comma-separated benchmark numbers, e.g. 1,4")
    parser.add_argument("--runs", type=int, default=0, help="repetitions (default per benchmark)")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL parts")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    cfg = Config(
        quick=args.quick, runs=args.runs, postgres=not args.no_postgres, verbose=args.verbose
    )
    by_name = {module.rsplit(".", 1)[-1]: key for key, module in BENCHMARKS.items()}
    named = [by_name.get(n, n) for n in args.names]
    chosen = named + [k.strip() for k in args.only.split(",") if k.strip()] or list(BENCHMARKS)
    unknown = [k for k in chosen if k not in BENCHMARKS]
    if unknown:
        parser.error(
            f"unknown benchmark(s) {', '.join(unknown)}; choose from "
            + ", ".join(f"{k} ({m.rsplit('.', 1)[-1]})" for k, m in BENCHMARKS.items())
        )

    rows: list[Row] = []
    started = time.perf_counter()
    for key in chosen:
        module = importlib.import_module(BENCHMARKS[key])
        name = f"{key} {module.NAME}"
        print(f"-- {name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            got: list[Row] = module.run(cfg)
        except Exception as exc:
            if cfg.verbose:
                traceback.print_exc()
            got = [
                Row(
                    module.NAME,
                    "error",
                    None,
                    ok=False,
                    note=f"{type(exc).__name__}: {_first_line(exc)}",
                )
            ]
        for row in got:
            row.bench = name
        rows.extend(got)
        print(f"   done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)

    info = machine()
    header = (
        f"machine: {info['cores']} cores, {info['ram_gib']} GiB RAM, {info['cpu']}, "
        f"Python {info['python']}, {info['os']}, commit {info['commit']}"
        f"{' (quick mode)' if cfg.quick else ''}"
    )
    print(header)
    print(render_text(rows))
    for row in rows:
        details = row.extra.get("details")
        if details:
            print(f"\n[{row.bench}] {details}")
    if args.markdown:
        print()
        print(render_markdown(rows))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    payload = {
        "when": stamp,
        "quick": cfg.quick,
        "machine": info,
        "seconds": round(time.perf_counter() - started, 1),
        "rows": [r.to_json() for r in rows],
    }
    text = json.dumps(payload, indent=2, default=str)
    (RESULTS / f"{stamp}{'-quick' if cfg.quick else ''}.json").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    print(f"\nresults: {RESULTS / 'latest.json'}", file=sys.stderr)
    failed = [r for r in rows if r.ok is False]
    return 1 if failed else 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:160] if text else ""


if __name__ == "__main__":
    sys.exit(main())
