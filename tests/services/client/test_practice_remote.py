"""The practice loop through `interviewer serve`: progress, model answers, regrade, retry and
practice from a client that holds no database, against a real server process (SQLite behind it;
the services tests cover both backends)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import Cli
from tests.support.remote import remote_cli, serve
from tests.support.users import PASSWORD

THIN = "I think you would add a cache somewhere in front of it.\n.\n"


def _events(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_progress_model_answer_regrade_retry_and_practice_over_the_server(tmp_path: Path) -> None:
    # its own server, with the default access-token lifetime: the module's servers refresh on
    # every command (1 s tokens), and this journey's seven commands would meet the per-address
    # limit on refreshes
    server = serve(tmp_path / "server", f"sqlite:///{tmp_path / 'server.db'}")
    try:
        _journey(remote_cli(server, tmp_path / "home", tmp_path), tmp_path)
    finally:
        server.stop()


def _journey(cli: Cli, tmp_path: Path) -> None:
    made = cli("register", "-u", "pat", "-e", "pat@example.com", "--password-stdin",
               stdin=PASSWORD + "\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    answers = tmp_path / "answers.txt"
    answers.write_text(THIN * 4)

    run = cli("start", "--questions", "1", "--offline", "--json", "--answers", str(answers))
    assert run.returncode == 0, run.stderr
    events = _events(run.stdout)
    interview_id = int(events[0]["interview_id"])  # type: ignore[arg-type]
    assert events[-1]["event"] == "report", [e["event"] for e in events]

    progress = cli("progress", "--json")
    assert progress.returncode == 0, progress.stderr
    profile = json.loads(progress.stdout)
    assert profile["items"] > 0, "the missed points are tracked on the server"

    shown = cli("show", str(interview_id), "--model-answer", "1", "--json")
    assert shown.returncode == 0, shown.stderr
    model_answer = json.loads(shown.stdout)
    assert model_answer["source"] == "reference" and model_answer["text"]

    regraded = cli("regrade", str(interview_id), "--offline", "--json")
    assert regraded.returncode == 0, regraded.stderr
    result = json.loads(regraded.stdout)
    assert result["interview_id"] == interview_id and len(result["questions"]) == 1

    retried = cli("retry", str(interview_id), "1", "--json", "--answers", str(answers))
    assert retried.returncode == 0, retried.stderr
    compared = _events(retried.stdout)[-1]
    assert compared["event"] == "retry_compared"
    assert compared["original_interview"] == interview_id
    assert compared["retry_interview"] != interview_id

    practised = cli("practice", "--ahead", "2", "--json", "--answers", str(answers))
    assert practised.returncode == 0, practised.stderr
    started = _events(practised.stdout)[0]
    assert started["event"] == "started" and int(started["questions"]) >= 1  # type: ignore[arg-type]
    assert "review 1:" in practised.stderr, "the due points are listed first"
