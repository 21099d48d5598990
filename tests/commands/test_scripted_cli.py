"""`interviewer start/resume/history/show/export/topics` through real subprocesses."""

from __future__ import annotations

import json
import queue
import signal
import threading
import time

import pytest

from tests.support.cli import Cli

ANSWERS = (
    "I'd start by clarifying requirements.\n\nThen, with code:\n"
    "```python\ndef lru(cap):\n    return {}\n```\n"
    "Unicode too: naïve café — 日本語 ✓\n.\n"
    "Indexes on the foreign keys; a B-tree on (user_id, created_at).\n.\n"
)


def _events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_offline_plain_interview_end_to_end(cli: Cli) -> None:
    cli.login_new_user()
    res = cli.run(
        "start", "--difficulty", "hard", "--questions", "2", "--offline", "--plain", input=ANSWERS
    )
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "Q1/2" in out and "Q2/2" in out
    assert out.count("Score: ") >= 2 and "Report" in out and "Overall: " in out
    assert "offline" in out
    assert "\x1b" not in out + res.stderr


def test_json_events_are_valid_and_complete(cli: Cli) -> None:
    cli.login_new_user()
    res = cli.run("start", "--questions", "2", "--offline", "--json", input=ANSWERS)
    assert res.returncode == 0, res.stderr
    events = _events(res.stdout)
    names = [e["event"] for e in events]
    assert names[0] == "started" and names[-1] == "report"
    assert names.count("answer") == 2 and names.count("feedback") >= 2
    iid = events[0]["interview_id"]
    for e in events:
        assert e["interview_id"] == iid
        if e["event"] in ("question", "followup"):
            assert {"number", "total", "topic", "text"} <= e.keys() and e["text"]
        if e["event"] == "feedback":
            assert (
                0 <= e["score"] <= 10
                and e["feedback"]
                and e["band"] in ("pass", "borderline", "fail")
            )
    report = events[-1]
    assert 0 <= report["overall_percent"] <= 100 and report["provider"] == "offline"
    assert 3 <= len(report["strengths"]) <= 5 and 3 <= len(report["improvements"]) <= 5


def test_eof_mid_interview_pauses_then_resume_finishes(logged_in: Cli) -> None:
    first = logged_in.run(
        "start", "--questions", "2", "--offline", "--json", input="only the first answer\n.\n"
    )
    assert first.returncode == 0, first.stderr
    events = _events(first.stdout)
    assert events[-1]["event"] == "paused"
    iid = events[0]["interview_id"]
    hist = logged_in.run("history", "--json")
    assert json.loads(hist.stdout.splitlines()[0])["status"] == "paused"

    second = logged_in.run("resume", str(iid), "--json", input="the second answer\n.\n")
    assert second.returncode == 0, second.stderr
    names = [e["event"] for e in _events(second.stdout)]
    assert names[0] == "started" and names[-1] == "report" and names.count("answer") == 1
    shown = json.loads(logged_in.run("show", str(iid), "--json").stdout)
    answers = [m["content"] for m in shown["messages"] if m["kind"] == "answer"]
    assert answers == ["only the first answer", "the second answer"]


def test_200kb_paste_is_refused_clearly_and_interview_survives(logged_in: Cli) -> None:
    paste = ("SELECT * FROM t; -- " + "x" * 80 + "\n") * 2000  # ~200 KB
    res = logged_in.run("start", "--questions", "1", "--offline", "--plain", input=paste + ".\n")
    assert res.returncode == 2
    assert "too long" in res.stderr and "Traceback" not in res.stderr
    again = logged_in.run("resume", "--plain", input="a short answer instead\n.\n")
    assert again.returncode == 0, again.stderr
    assert "Overall: " in again.stdout


def test_skip_and_end_commands(logged_in: Cli) -> None:
    res = logged_in.run(
        "start",
        "--questions",
        "3",
        "--offline",
        "--json",
        input="/skip\n.\nsomething about caching and TTLs\n.\n/end\n.\n",
    )
    assert res.returncode == 0, res.stderr
    events = _events(res.stdout)
    assert [e["kind"] for e in events if e["event"] == "answer"] == ["skip", "answer"]
    assert events[-1]["event"] == "report" and events[-1]["answered"] == 2


def test_answers_file(logged_in: Cli, tmp_path) -> None:
    path = tmp_path / "answers.txt"
    path.write_text(ANSWERS, encoding="utf-8")
    res = logged_in.run("start", "--questions", "2", "--offline", "--json", "--answers", str(path))
    assert res.returncode == 0, res.stderr
    assert _events(res.stdout)[-1]["event"] == "report"
    missing = logged_in.run("start", "--offline", "--plain", "--answers", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "nope" in missing.stderr


def test_history_show_export_topics(logged_in: Cli, tmp_path) -> None:
    res = logged_in.run(
        "start",
        "--questions",
        "1",
        "--offline",
        "--json",
        input="Cache-aside with TTLs and invalidation on writes.\n.\n/end\n.\n",
    )
    iid = _events(res.stdout)[0]["interview_id"]
    hist = logged_in.run("history")
    assert hist.returncode == 0 and str(iid) in hist.stdout and "completed" in hist.stdout
    assert logged_in.run("history", "--status", "paused", "--json").stdout == ""
    md = logged_in.run("show", str(iid))
    assert md.returncode == 0 and f"# Interview {iid}" in md.stdout
    out = tmp_path / "export.json"
    exp = logged_in.run("export", str(iid), "--format", "json", "-o", str(out))
    assert exp.returncode == 0, exp.stderr
    data = json.loads(out.read_text())
    assert data["interview"]["id"] == iid and data["report"]["overall_percent"] is not None
    topics = logged_in.run("topics")
    assert "system_design" in topics.stdout and "lang_go" in topics.stdout


def test_another_user_cannot_see_my_interview(logged_in: Cli) -> None:
    res = logged_in.run("start", "--questions", "1", "--offline", "--json", input="x y z\n.\n")
    iid = _events(res.stdout)[0]["interview_id"]
    logged_in.login_new_user("mallory")
    for args in (("show", str(iid)), ("export", str(iid)), ("resume", str(iid), "--plain")):
        r = logged_in.run(*args, input="")
        assert r.returncode == 2 and "not found" in r.stderr, args
    assert logged_in.run("history", "--json").stdout == ""


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ("start", "--difficulty", "insane", "--plain"),
            "'insane' is not one of 'easy', 'medium', 'hard'",
        ),
        (("start", "--questions", "0", "--plain"), "between 1 and 30"),
        (("start", "--topic", "astrology", "--plain"), "unknown topic"),
        (("history", "--limit", "0"), "limit"),
        (("nonsense",), "No such command"),
    ],
)
def test_usage_errors_exit_2(logged_in: Cli, args, needle) -> None:
    res = logged_in.run(*args, input="")
    assert res.returncode == 2
    assert needle in res.stderr and "Traceback" not in res.stderr
    assert "Value error" not in res.stderr  # the validator's wording is not the user's business


def test_not_logged_in_exits_3(sqlite_cli: Cli) -> None:
    res = sqlite_cli.run("start", "--offline", "--plain", input="")
    assert res.returncode == 3
    assert "not logged in: run `interviewer login`" in res.stderr


def test_database_unavailable_exits_5(logged_in: Cli) -> None:
    db = logged_in.cwd / "cli-home" / "data" / "interviewer.db"
    for path in db.parent.glob("interviewer.db*"):
        path.unlink()
    db.write_bytes(b"this is not a database" * 100)
    res = logged_in.run("history")
    assert res.returncode == 5, res.stderr
    assert "interviewer.db" in res.stderr and "Traceback" not in res.stderr


def test_unreachable_postgres_exits_5_without_the_password(logged_in: Cli) -> None:
    res = logged_in.run(
        "db", "current", env={"DATABASE_URL": "postgresql://u:hunter2@127.0.0.1:1/db"}
    )
    assert res.returncode == 5
    assert "hunter2" not in res.stdout + res.stderr and "127.0.0.1:1" in res.stderr


def test_model_down_exits_4_and_interview_is_resumable(logged_in: Cli) -> None:
    env = {
        "OPENAI_API_KEY": "sk-test-not-a-real-key",
        "OPENAI_BASE_URL": "http://127.0.0.1:1/v1",
        "INTERVIEWER_OPENAI_MAX_RETRIES": "0",
        "INTERVIEWER_OPENAI_TIMEOUT": "2",
    }
    res = logged_in.run("start", "--questions", "1", "--json", input="", env=env)
    assert res.returncode == 4, res.stderr
    assert "sk-test-not-a-real-key" not in res.stdout + res.stderr
    events = _events(res.stdout)
    assert events[-2]["event"] == "error" and events[-2]["code"] == 4
    hist = json.loads(logged_in.run("history", "--json").stdout.splitlines()[0])
    assert hist["status"] == "paused" and hist["provider"] == "openai"


def test_ctrl_c_while_waiting_for_an_answer_exits_130_and_saves(logged_in: Cli) -> None:
    proc = logged_in.popen("start", "--questions", "2", "--offline", "--json")
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"first answer about caching\n.\n")
    proc.stdin.flush()
    lines: queue.Queue[bytes] = queue.Queue()
    # never a bare readline in the test: a child waiting for input would hang it for ever
    threading.Thread(target=lambda: [lines.put(b) for b in proc.stdout], daemon=True).start()
    seen: list[dict] = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            seen.append(json.loads(line))
            if seen[-1]["event"] == "followup":  # the interviewer probes: answer that too
                proc.stdin.write(b"more about the cache: a TTL and invalidation on write\n.\n")
                proc.stdin.flush()
            if seen[-1]["event"] == "question" and seen[-1]["number"] == 2:
                break
        assert seen and seen[-1].get("number") == 2, seen
    except BaseException:
        proc.kill()
        proc.wait(timeout=30)
        raise
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err and b"interrupted" in err
    hist = json.loads(logged_in.run("history", "--json").stdout.splitlines()[0])
    assert hist["status"] == "paused" and hist["answered"] == 1


def test_unexpected_error_exits_1_with_a_crash_log_not_a_traceback(capsys, tmp_path) -> None:
    from interviewer_tui.exits import guarded

    def boom() -> int:
        raise RuntimeError("secret internals")

    assert guarded(boom) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: unexpected RuntimeError (details in ")
    assert "Traceback" not in err and "secret internals" not in err
    log = next((tmp_path / "home" / "state").glob("crash.log"))
    assert "secret internals" in log.read_text() and (log.stat().st_mode & 0o777) == 0o600


def test_unusable_home_is_a_clear_error(logged_in: Cli, tmp_path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    res = logged_in.run("history", env={"INTERVIEWER_HOME": str(not_a_dir)})
    assert res.returncode in (2, 3, 5)
    assert "Traceback" not in res.stderr and res.stderr.strip().startswith("error:")


def test_cli_commands_never_import_textual(logged_in: Cli) -> None:
    code = (
        "import sys, atexit\n"
        "atexit.register(lambda: print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr))\n"
        "from interviewer_tui.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    import subprocess
    import sys as _sys

    for args in (["start", "--offline", "--plain", "--questions", "1"], ["history"], ["topics"]):
        proc = subprocess.run(
            [_sys.executable, "-c", code, *args],
            input=b"an answer\n.\n",
            capture_output=True,
            env=logged_in.env,
            cwd=logged_in.cwd,
            timeout=60,
        )
        assert proc.stderr.decode().strip().endswith("CLEAN"), (args, proc.stderr.decode()[-500:])


def test_full_interview_against_the_local_openai_compatible_server(cli: Cli) -> None:
    """The real SDK over HTTP: streamed turns, structured grading, a 429 and a cut stream on
    the way, usage saved per message; nothing duplicated in the transcript."""
    from tests.fakes.openai_server import FakeOpenAIServer

    cli.login_new_user()
    with FakeOpenAIServer(chunk_chars=6) as server:
        server.configure(score=8)
        server.inject_script("429@turn:retry_after=0.01;cut@turn")
        env = {
            "OPENAI_API_KEY": "sk-test-secret-key-123",
            "OPENAI_BASE_URL": server.base_url,
            "INTERVIEWER_MODEL": "fake-model",
            "INTERVIEWER_OPENAI_MAX_RETRIES": "3",
            "INTERVIEWER_OPENAI_TIMEOUT": "5",
        }
        res = cli.run(
            "start", "--questions", "3", "--json", input=ANSWERS + "third\n.\n/end\n.\n", env=env
        )
        assert res.returncode == 0, res.stderr
        assert server.pending_faults() == []
        assert server.requests_of("structured")
    assert "sk-test-secret-key-123" not in res.stdout + res.stderr
    events = _events(res.stdout)
    names = [e["event"] for e in events]
    assert names[0] == "started" and events[0]["provider"] == "openai"
    assert names.count("retry") == 2 and names[-1] == "report"
    assert all(e["score"] == 8 for e in events if e["event"] == "feedback")
    iid = events[0]["interview_id"]
    shown = json.loads(cli.run("show", str(iid), "--json").stdout)
    kinds = [m["kind"] for m in shown["messages"]]
    texts = [
        m["content"]
        for m in shown["messages"]
        if m["author"] == "interviewer" and m["kind"] != "feedback"
    ]
    assert len(texts) == len(set(texts)), "a retried turn was saved twice"
    assert kinds.count("answer") == 3
    assert kinds.count("question") == 3
    assert [m["seq"] for m in shown["messages"]] == list(range(1, len(kinds) + 1))
    assert all(m["tokens"] > 0 for m in shown["messages"] if m["author"] == "interviewer")
    assert shown["interview"]["status"] == "completed" and shown["report"]["model"] == "fake-model"


def test_rejected_api_key_exits_4_with_a_clear_message(logged_in: Cli) -> None:
    from tests.fakes.openai_server import FakeOpenAIServer

    with FakeOpenAIServer(api_key="the-right-key") as server:
        env = {"OPENAI_API_KEY": "sk-wrong-key-456", "OPENAI_BASE_URL": server.base_url}
        res = logged_in.run("start", "--questions", "1", "--plain", input="", env=env)
    assert res.returncode == 4
    assert "API key was rejected" in res.stderr
    assert "sk-wrong-key-456" not in res.stdout + res.stderr and "Traceback" not in res.stderr
    assert "resume" in res.stderr


WIRE_TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z"


def test_history_show_and_export_print_one_timestamp_format(logged_in: Cli) -> None:
    """Scripts parse timestamps from any of the JSON outputs the same way (README "JSON")."""
    import re

    res = logged_in.run(
        "start", "--questions", "1", "--offline", "--json", input="Cache-aside, TTLs.\n.\n"
    )
    iid = _events(res.stdout)[0]["interview_id"]
    listed = json.loads(logged_in.run("history", "--json").stdout.splitlines()[0])
    shown = json.loads(logged_in.run("show", str(iid), "--json").stdout)
    exported = json.loads(logged_in.run("export", str(iid), "-f", "json").stdout)

    stamps = [listed["created_at"], shown["interview"]["created_at"]]
    stamps.append(exported["interview"]["created_at"])
    assert all(re.fullmatch(WIRE_TIME, s) for s in stamps), stamps
    assert len(set(stamps)) == 1, stamps
    assert listed["updated_at"] == shown["interview"]["updated_at"]
    for message in shown["messages"]:
        assert re.fullmatch(WIRE_TIME, message["created_at"]), message["created_at"]
