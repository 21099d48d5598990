"""The README's promises stay true: CI runs exactly its test command, and its configuration table
names every setting."""

from __future__ import annotations

import os
import re

from tests.support.settings import REPO, setting_env_names

README = (REPO / "README.md").read_text("utf-8")
CI = REPO / ".ci" / "run"


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match[1]


def _shell_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, re.S)]


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    script = CI.read_text("utf-8")
    match = re.search(r'^TEST_COMMAND="(.*)"$', script, re.M)
    assert match, ".ci/run must define TEST_COMMAND"
    assert _shell_blocks(_section("Tests"))[0] == match[1]
    assert 'bash -c "$TEST_COMMAND"' in script
    assert "export INTERVIEWER_REQUIRE_POSTGRES=1" in script


def test_ci_script_stops_at_the_first_failure() -> None:
    script = CI.read_text("utf-8")
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "\nset -euo pipefail\n" in script
    assert os.access(CI, os.X_OK)
    for check in (
        ".venv/bin/ruff check .",
        ".venv/bin/ruff format --check .",
        ".venv/bin/mypy",
        ".venv/bin/lint-imports",
    ):
        assert check in script


def test_quick_start_is_one_command_that_installs_and_runs() -> None:
    first = _shell_blocks(_section("Quick start"))[0]
    assert "\n" not in first
    assert "pip install ." in first
    assert first.endswith("&& interviewer")


def test_the_configuration_table_names_every_setting() -> None:
    table = _section("Configuration")
    for env_name in setting_env_names():
        assert f"| `{env_name}` |" in table, f"README's configuration table lacks {env_name}"


def test_the_json_events_tables_name_every_event_emitted() -> None:
    """Every event `--json` or a server's SSE stream can carry has a row in the README (the
    `turn` and `delta` events of `?deltas=true` too), and the reconnect events name what they
    reach in the neutral `target` field."""
    rows = {
        m[1]: m[2]
        for m in re.finditer(r"^\| `(\w+)` \| .*? \| (.*) \|$", _section("JSON events"), re.M)
    }
    sources = [
        REPO / "interviewer_tui" / "server" / "turns.py",
        REPO / "interviewer_tui" / "server" / "v1.py",
        REPO / "interviewer_tui" / "scripted" / "output.py",
    ]
    emitted: set[str] = set()
    for path in sources:
        text = path.read_text("utf-8")
        emitted |= set(re.findall(r'\b(?:Event|_emit)\(\s*"(\w+)"', text))
    assert {"turn", "delta", "reconnecting", "started"} <= emitted  # the scan finds them
    assert emitted - rows.keys() == set(), "events missing from the README's tables"
    for name in ("reconnecting", "reconnected"):
        assert "`target`" in rows[name], rows[name]
