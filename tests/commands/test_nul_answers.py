"""An answer holding NUL (or other control bytes) typed into line mode, on SQLite and on
PostgreSQL: saved without them, and the interview resumes and finishes. Before, PostgreSQL
refused the row ("cannot use database ...", exit 5) and every resume failed the same way."""

from __future__ import annotations

import json

from tests.support.cli import Cli


def _events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_an_answer_with_nul_is_saved_and_the_interview_resumes(cli: Cli) -> None:
    cli.login_new_user()
    first = cli.run(
        "start",
        "--questions",
        "2",
        "--offline",
        "--json",
        input=b"a cache\x00 with a TTL\r\nand \x1b[31minvalidation\x1b[0m\x07\n.\n",
    )
    assert first.returncode == 0, first.stderr
    events = _events(first.stdout)
    assert [e["event"] for e in events][-1] == "paused"
    interview_id = events[0]["interview_id"]

    second = cli.run("resume", str(interview_id), "--json", input="B-tree\x00 indexes\n.\n" * 6)
    assert second.returncode == 0, second.stderr
    assert _events(second.stdout)[-1]["event"] == "report", second.stdout

    shown = json.loads(cli.run("show", str(interview_id), "--json").stdout)
    answers = [m["content"] for m in shown["messages"] if m["kind"] == "answer"]
    assert answers[0] == "a cache with a TTL\nand invalidation"
    assert len(answers) > 1 and set(answers[1:]) == {"B-tree indexes"}
