"""Model faults injected by the local OpenAI-compatible server, through the real services and the
real `openai` SDK: every transient fault is retried and the interview goes on; when retries run
out the CLI stops with exit code 4 and `resume` continues. Never a duplicated or half-saved turn."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from interviewer_tui.core.plan import normalise_options
from interviewer_tui.errors import ModelError
from interviewer_tui.services import interviews as svc
from interviewer_tui.services.context import AppContext
from interviewer_tui.services.events import RunEvent, TurnRetry
from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.cli import Cli
from tests.support.net import free_port

from .conftest import unique_turns
from .helpers import answer_block, assert_sound, events, read_transcript

ANSWERS = [
    "A token bucket per client in Redis, refilled lazily, with a Lua script for atomicity.",
    "A B-tree keeps keys sorted, so a range scan walks adjacent leaves instead of the table.",
    "I would page the owner, roll back the last deploy, then write a blameless postmortem.",
]


@pytest.fixture
def sctx(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    from interviewer_tui.config import load_settings
    from interviewer_tui.store.engine import make_engine
    from interviewer_tui.store.migrate import upgrade

    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    engine = make_engine(sqlite_url)
    upgrade(engine)
    engine.dispose()
    context = AppContext(settings=load_settings())
    yield context
    context.close()


@pytest.fixture
def user(sctx: AppContext) -> int:
    from interviewer_tui.store.tables import User

    def make(session: object) -> int:
        row = User(
            username="casey", username_key="casey", email="casey@example.com", password_hash="x"
        )
        session.add(row)  # type: ignore[attr-defined]
        session.flush()  # type: ignore[attr-defined]
        assert row.id is not None
        return row.id

    return sctx.tx(make)  # type: ignore[arg-type]


def _model(base_url: str, *, retries: int = 3, timeout: float = 0.5) -> object:
    from interviewer_tui.llm.openai_model import OpenAIInterviewer

    return OpenAIInterviewer(
        api_key="test-key",
        model="fake-model",
        base_url=base_url,
        timeout=timeout,
        max_retries=retries,
        backoff_base=0.01,
        backoff_cap=0.05,
    )


# (fault script injected after question 1 was asked, what it exercises)
TRANSIENT = [
    ("429@turn:retry_after=0.05", "rate limited, with Retry-After"),
    ("429@structured", "rate limited, no Retry-After"),
    ("500@structured", "server error"),
    ("502@turn", "bad gateway"),
    ("503*2@turn", "unavailable twice"),
    ("slow@structured:delay=1.5", "timeout (reply slower than the client timeout)"),
    ("slow@turn:delay=1.5", "timeout on a streamed turn"),
    ("cut@turn", "stream cut half way"),
    ("stall@turn:delay=1.5", "stream stalls half way past the timeout"),
    ("garbage@structured", "malformed JSON from the grader"),
    ("garbage@turn", "malformed SSE line"),
    ("empty@turn", "empty reply to a turn"),
    ("empty@structured", "empty reply from the grader"),
    ("refusal@structured", "refusal from the grader"),
    ("drop", "connection closed without a reply"),
]


@pytest.mark.parametrize(("script", "what"), TRANSIENT, ids=[t[0] for t in TRANSIENT])
def test_transient_fault_is_retried_and_interview_completes(
    sctx: AppContext, user: int, fake: FakeOpenAIServer, script: str, what: str
) -> None:
    texts = unique_turns()
    fake.configure(turn_texts=texts)
    runner = svc.start_interview(
        sctx,
        user_id=user,
        model=_model(fake.base_url),  # type: ignore[arg-type]
        options=normalise_options(questions=2),
    )
    seen: list[RunEvent] = []
    seen.extend(runner.advance())
    fake.inject_script(script)
    for answer in ANSWERS[:2]:
        runner.answer(answer)
        seen.extend(runner.advance())
    assert runner.finished, what
    runner.close()
    assert not fake.pending_faults(), f"the fault was never hit: {what}"
    assert any(f.fault for f in fake.requests), what
    assert any(isinstance(e, TurnRetry) for e in seen), f"no retry reported for {what}"
    status, rows = read_transcript(str(sctx.settings.effective_database_url), runner.interview_id)
    assert status == "completed"
    assert_sound(rows, acked=ANSWERS[:2], full_texts=texts)
    assert [r.kind for r in rows if r.author == "interviewer"].count("feedback") == 2


def test_retries_exhausted_raise_model_error_and_resume_reruns_only_that_step(
    sctx: AppContext, user: int, fake: FakeOpenAIServer
) -> None:
    texts = unique_turns()
    fake.configure(turn_texts=texts)
    runner = svc.start_interview(
        sctx,
        user_id=user,
        model=_model(fake.base_url, retries=2),  # type: ignore[arg-type]
        options=normalise_options(questions=2),
    )
    list(runner.advance())
    fake.inject("500", on="structured", times=3)  # three attempts in all, every one fails
    runner.answer(ANSWERS[0])
    with pytest.raises(ModelError, match="failed after 3 attempts"):
        list(runner.advance())
    runner.close()
    url = str(sctx.settings.effective_database_url)
    status, rows = read_transcript(url, runner.interview_id)
    assert status == "paused"
    assert [r.kind for r in rows] == ["question", "answer"]  # the answer is kept, nothing half

    resumed = svc.resume_interview(
        sctx, user_id=user, interview_id=runner.interview_id, model=_model(fake.base_url)
    )  # type: ignore[arg-type]
    assert not resumed.awaiting_answer  # the pending step is the grading, not a new question
    list(resumed.advance())
    resumed.answer(ANSWERS[1])
    list(resumed.advance())
    assert resumed.finished
    resumed.close()
    _, rows = read_transcript(url, runner.interview_id)
    assert_sound(rows, acked=ANSWERS[:2], full_texts=texts)
    assert [r.kind for r in rows] == [
        "question",
        "answer",
        "feedback",
        "question",
        "answer",
        "feedback",
    ]


# --------------------------------------------------------------------------- through the CLI


@pytest.mark.parametrize(
    "db_url", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_cli_exits_4_when_the_grader_keeps_failing_then_resume_finishes(
    rcli: Cli, fake: FakeOpenAIServer, db_url: str
) -> None:
    texts = unique_turns()
    fake.configure(turn_texts=texts)
    fake.inject("503", on="structured", times=3)  # INTERVIEWER_OPENAI_MAX_RETRIES=2 -> 3 attempts
    first = rcli.run("start", "--questions", "2", "--json", input=answer_block(ANSWERS[0]))
    assert first.returncode == 4, first.stderr
    assert "error:" in first.stderr and "resume" in first.stderr + first.stdout
    evs = events(first.stdout)
    names = [e["event"] for e in evs]
    assert names[:3] == ["started", "question", "answer"] and names[-1] == "paused"
    assert names.count("retry") == 2
    iid = int(evs[0]["interview_id"])  # type: ignore[arg-type]

    second = rcli.run("resume", str(iid), "--json", input=answer_block(ANSWERS[1]))
    assert second.returncode == 0, second.stderr
    assert [e["event"] for e in events(second.stdout)][-1] == "report"
    status, rows = read_transcript(_db(rcli), iid)
    assert status == "completed"
    assert_sound(rows, acked=ANSWERS[:2], full_texts=texts)


def test_cli_connection_refused_exits_4_and_resume_with_the_server_back_finishes(
    sqlite_rcli: Cli, fake: FakeOpenAIServer
) -> None:
    dead = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    first = sqlite_rcli.run(
        "start",
        "--questions",
        "1",
        "--json",
        input=answer_block(ANSWERS[0]),
        env={"OPENAI_BASE_URL": dead},
    )
    assert first.returncode == 4, first.stderr
    assert "connection" in first.stderr.lower()
    evs = events(first.stdout)
    iid = int(evs[0]["interview_id"])  # type: ignore[arg-type]
    assert [e["event"] for e in evs][-1] == "paused"
    assert read_transcript(_db(sqlite_rcli), iid)[1] == []  # nothing half-saved

    second = sqlite_rcli.run("resume", "--json", input=answer_block(ANSWERS[0]))
    assert second.returncode == 0, second.stderr
    status, rows = read_transcript(_db(sqlite_rcli), iid)
    assert status == "completed"
    assert_sound(rows, acked=ANSWERS[:1])


def _db(cli: Cli) -> str:
    url = cli.env.get("DATABASE_URL")
    assert url
    return url
