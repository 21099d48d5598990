"""Property tests over what people type into the services: usernames, emails, passwords, login
identifiers and interview options. Whatever the input, the outcome is a result or one of our
user-facing errors (a clear message and exit code), never a crash, and error messages carry no
raw terminal escape sequence."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewer_tui.core.plan import OptionsError, normalise_options
from interviewer_tui.core.text import sanitize_terminal
from interviewer_tui.errors import AppError, ConflictError, ValidationError
from interviewer_tui.scripted.answers import read_answers
from interviewer_tui.scripted.output import JsonOutput
from tests.support.contexts import signed

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
HOSTILE = st.one_of(
    TEXT,
    st.sampled_from(
        ["\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\x9b31m", "[bold]x[/bold]", "\x00", "\r"]
    ),
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def sqlite_ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    home = tmp_path_factory.mktemp("fuzz")
    ctx = AppContext(
        load_settings(
            DATABASE_URL=f"sqlite:///{Path(home) / 'fuzz.db'}",
            INTERVIEWER_HOME=str(home),
            INTERVIEWER_SESSION_STORE="file",
        )
    )
    yield ctx
    ctx.close()


@FUZZ
@given(username=HOSTILE, email=HOSTILE, password=HOSTILE)
def test_register_never_crashes(sqlite_ctx, username: str, email: str, password: str) -> None:
    from interviewer_tui.services import accounts

    failure: AppError | None = None
    try:
        user = accounts.register(sqlite_ctx, username=username, email=email, password=password)
    except AppError as exc:
        failure = exc
    if failure is None:
        assert 3 <= len(user.username) <= 32
    else:
        assert isinstance(failure, ValidationError | ConflictError), failure
        assert failure.exit_code == 2
        assert sanitize_terminal(failure.message).strip()


@FUZZ
@given(identifier=HOSTILE, password=HOSTILE)
def test_login_never_crashes(sqlite_ctx, identifier: str, password: str) -> None:
    from interviewer_tui.errors import AuthError, UsageError

    with pytest.raises((AuthError, UsageError)):
        signed(sqlite_ctx).login(identifier=identifier, password=password)


@settings(max_examples=300, deadline=None)
@given(
    difficulty=HOSTILE,
    topics=st.lists(HOSTILE, max_size=4),
    questions=st.one_of(st.none(), st.integers(-10, 100)),
    language=st.one_of(st.none(), HOSTILE),
    length=st.one_of(st.none(), st.integers(-5, 500)),
    jd=st.one_of(st.none(), HOSTILE),
)
def test_interview_options_are_valid_or_explained(
    difficulty, topics, questions, language, length, jd
) -> None:
    from interviewer_tui.core.plan import make_plan

    problem: OptionsError | None = None
    try:
        options = normalise_options(
            difficulty=difficulty,
            topics=topics,
            questions=questions,
            language=language,
            length_minutes=length,
            job_description=jd,
        )
    except OptionsError as exc:
        problem = exc
    if problem is not None:
        assert str(problem)
        return
    plan = make_plan(options)
    assert 1 <= len(plan) <= 30
    assert [q.number for q in plan] == list(range(1, len(plan) + 1))


@settings(max_examples=30, deadline=None)
@given(chunk=HOSTILE)
def test_megabyte_answers_with_escapes_never_reach_stdout_raw(chunk: str) -> None:
    big = (chunk + "\x1b[31m\x9b2J\n") * (1_000_000 // (len(chunk) + 8) + 1)
    answers = list(read_answers(io.StringIO(big[:1_000_000] + "\n.\n")))
    out = io.StringIO()
    writer = JsonOutput(out)
    for answer in answers:
        writer.turn_done(kind="question", number=1, total=1, topic="x", text=answer.text)
    for line in out.getvalue().splitlines():
        assert "\x1b" not in line and "\x9b" not in line
        assert json.loads(line)["event"] == "question"
