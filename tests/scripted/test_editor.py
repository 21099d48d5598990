"""Long answers in $EDITOR: `/edit` in line mode, with a shell script as the editor."""

from __future__ import annotations

import json
from pathlib import Path

from interviewer_tui.services.editor import edit_text, editor_command
from tests.support.cli import Cli

EDITED = "A long answer from my editor.\n\nCache-aside with a TTL; invalidate on writes."


def _editor(tmp_path: Path, name: str, *, status: int = 0, write: str | None = None) -> str:
    """A script that records what it was given (text and file mode), then writes `write`."""
    script = tmp_path / f"{name}.sh"
    body = [
        "#!/bin/sh",
        '[ "$1" = --flag ] || exit 9',
        f'cp "$2" "{tmp_path}/{name}.seen"',
        f'stat -c %a "$2" > "{tmp_path}/{name}.mode"',
    ]
    if write is not None:
        (tmp_path / f"{name}.new").write_text(write)
        body.append(f'cp "{tmp_path}/{name}.new" "$2"')
    body.append(f"exit {status}")
    script.write_text("\n".join(body) + "\n")
    return f"sh '{script}' --flag"  # shlex-split, like git: a command with its arguments


def test_edit_command_resolution() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "nano"}) == ["code", "--wait"]
    assert editor_command({"EDITOR": "'my editor' -n"}) == ["my editor", "-n"]
    assert editor_command({}) == ["vi"]


def test_edit_text_round_trip_in_a_0600_file(tmp_path: Path) -> None:
    env = {"EDITOR": _editor(tmp_path, "ed", write="new text\n\n")}
    assert edit_text("old draft", env=env) == "new text"
    assert (tmp_path / "ed.seen").read_text() == "old draft\n"
    assert (tmp_path / "ed.mode").read_text().strip() == "600"


def test_slash_edit_saves_the_draft_before_and_uses_the_editor_text(
    cli: Cli, tmp_path: Path
) -> None:
    cli.login_new_user()
    failing = _editor(tmp_path, "fail", status=3)
    first = cli.run(
        "start",
        "--questions",
        "1",
        "--offline",
        "--plain",
        input="half an answer\nsecond line\n/edit\n",
        env={"EDITOR": failing},
    )
    assert first.returncode == 0, first.stderr
    assert "editor exited with status 3; the draft was kept" in first.stderr
    assert (tmp_path / "fail.seen").read_text() == "half an answer\nsecond line\n"

    # a new process: the editor opens on the draft the first one saved before it ran the editor
    good = _editor(tmp_path, "good", write=EDITED + "\n")
    second = cli.run("resume", "--json", input="/edit\n", env={"VISUAL": good, "EDITOR": "no"})
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "good.seen").read_text() == "half an answer\nsecond line\n"
    assert (tmp_path / "good.mode").read_text().strip() == "600"
    assert "answer from the editor: 3 lines" in second.stderr
    events = [json.loads(line) for line in second.stdout.splitlines()]
    assert any(e["event"] == "feedback" for e in events)
    iid = events[0]["interview_id"]
    shown = json.loads(cli.run("show", str(iid), "--json").stdout)
    answers = [m["content"] for m in shown["messages"] if m["author"] == "candidate"]
    assert answers == [EDITED]
