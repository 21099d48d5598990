"""`interviewer --help` and `--version` stay fast: they never import the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("textual", "openai", "sqlmodel", "sqlalchemy", "alembic", "psycopg", "argon2", "keyring")
# (plain `pydantic` is not listed: Typer itself loads it to render a sub-command's help)
HEAVY += ("jwt", "pydantic_settings", "rich", "httpx", "httpx2")

PROBE = """
import json, sys
from interviewer_tui.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["db", "--help"],
        ["config", "--help"],
        ["db", "upgrade", "--help"],
    ],
)
def test_help_and_version_import_no_heavy_library(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "the command printed nothing"
    loaded = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert loaded.isdisjoint(HEAVY), f"imported: {sorted(loaded & set(HEAVY))}"
    assert "interviewer_tui" in loaded  # the probe really ran our CLI
