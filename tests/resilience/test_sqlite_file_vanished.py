"""The SQLite file deleted or replaced while an interview runs. SQLite keeps writing to the open,
now nameless, file, so before this the run went on, exited 0 and printed a report, and afterwards
nothing of it existed. Now the first commit after the file changed stops the run: exit 5, one
line naming the file, no acknowledgement or report for what was not saved."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.cli import Cli

from .conftest import unique_turns
from .helpers import answer_block, events

ANSWERS = [
    "Cache-aside with a TTL, and delete on write so readers refill it from the database.",
    "Optimistic locking with a version column; the loser retries with the fresh row.",
]


def _read_until(proc: object, name: str) -> list[dict[str, object]]:
    stdout = proc.stdout  # type: ignore[attr-defined]
    seen: list[dict[str, object]] = []
    while not seen or seen[-1]["event"] != name:
        line = stdout.readline()
        assert line, f"the client stopped before a {name!r} event"
        seen += events(line)
    return seen


def _delete(db: Path) -> None:
    db.unlink()


def _replace(db: Path) -> None:
    """What a restore from backup or a sync tool does: a new file under the same name."""
    copy = db.with_suffix(".restored")
    shutil.copyfile(db, copy)
    os.replace(copy, db)


@pytest.mark.parametrize("change", [_delete, _replace], ids=["deleted", "replaced"])
def test_the_sqlite_file_changing_mid_run_stops_with_exit_5(
    sqlite_rcli: Cli, fake: FakeOpenAIServer, change: object
) -> None:
    fake.configure(turn_texts=unique_turns())
    db = Path(sqlite_rcli.env["DATABASE_URL"].removeprefix("sqlite:///"))
    client = sqlite_rcli.popen("start", "--questions", "2", "--json")
    seen = _read_until(client, "question")  # the run is under way, the file open
    change(db)  # type: ignore[operator]
    script = "".join(answer_block(a) for a in ANSWERS)
    out, err = client.communicate(script.encode(), timeout=60)
    message = err.decode(errors="replace")
    after = events(out)
    assert client.returncode == 5, message
    lines = message.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in message, message
    assert f"SQLite file {db}" in lines[0] and "deleted or replaced" in lines[0], lines[0]
    names = [e["event"] for e in after]
    assert "answer" not in names and "report" not in names, names  # nothing claimed as saved
    assert "paused" not in names, names  # it could not be saved as paused either
    assert names[-1] == "error" and after[-1]["code"] == 5
    assert seen[0]["event"] == "started"
