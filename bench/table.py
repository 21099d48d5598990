"""Rendering result rows: an aligned text table for the terminal, Markdown for the README."""

from __future__ import annotations

from bench.common import Row


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit in ("ms",) and abs(value) < 10:
        return f"{value:.2f} {unit}"
    if abs(value) >= 1000 or float(value).is_integer():
        return f"{value:,.0f} {unit}".strip()
    return f"{value:.1f} {unit}".strip()


def _verdict(row: Row) -> str:
    return {True: "ok", False: "MISS", None: ""}[row.ok]


def _cells(row: Row) -> list[str]:
    ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
    return [
        row.bench,
        row.name,
        "pending" if row.pending else _num(row.value, row.unit),
        row.baseline_name or "",
        _num(row.baseline, row.unit) if row.baseline is not None else "",
        ratio,
        row.goal,
        _verdict(row),
        row.note,
    ]


HEADERS = [
    "benchmark",
    "figure",
    "value",
    "baseline",
    "baseline value",
    "ratio",
    "goal",
    "",
    "note",
]


def render_text(rows: list[Row]) -> str:
    table = [HEADERS] + [_cells(r) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS) - 1)]
    out = []
    last_bench = None
    for n, line in enumerate(table):
        cells = list(line)
        if n and cells[0] == last_bench:
            cells[0] = ""
        else:
            last_bench = cells[0]
        out.append(
            "  ".join(c.ljust(w) for c, w in zip(cells[:-1], widths, strict=True))
            + ("  " + cells[-1] if cells[-1] else "")
        )
        if n == 0:
            out.append("-" * (sum(widths) + 2 * len(widths)))
    return "\n".join(r.rstrip() for r in out)


def render_markdown(rows: list[Row]) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|")

    out = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    last_bench = None
    for row in rows:
        cells = [esc(c) for c in _cells(row)]
        if cells[0] == last_bench:
            cells[0] = ""
        else:
            last_bench = cells[0]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)
