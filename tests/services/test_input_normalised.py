"""User text is normalised at the service boundary, identically on SQLite and PostgreSQL: NUL and
the other C0 controls (but tab and newline) and whole escape sequences are dropped, CR/CRLF become
LF. PostgreSQL refuses NUL in text, so before this an answer holding one could never be saved
and every resume of that interview failed; SQLite stored it."""

from __future__ import annotations

from interviewer_tui.core.models import InterviewOptions
from interviewer_tui.services import interviews as svc
from tests.support.contexts import signed

from .conftest import ScriptedModel

HOSTILE = "first\x00 line\r\nsecond\rthird\x1b[31m red\x1b[0m\tTab\x07\x08\x0b\x0c\x7f end"
CLEAN = "first line\nsecond\nthird red\tTab end"


def _opts(**extra: object) -> InterviewOptions:
    return InterviewOptions(difficulty="easy", topics=("caching",), questions=1, **extra)  # type: ignore[arg-type]


def test_an_answer_with_nul_and_controls_is_saved_clean_and_resume_works(ctx, user_id) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(), model=ScriptedModel())
    list(runner.advance())
    runner.save_draft("draft\x00 with NUL\r\n")
    saved = runner.answer(HOSTILE)
    assert saved.content == CLEAN
    runner.close()  # paused before the model graded it

    again = svc.resume_interview(
        ctx, user_id=user_id, interview_id=runner.interview_id, model=ScriptedModel()
    )
    list(again.advance())
    assert again.finished
    again.close()
    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert [m.content for m in detail.messages if m.author == "candidate"] == [CLEAN]
    assert detail.summary.status == "completed"


def test_a_draft_with_nul_is_saved_clean(ctx, user_id) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(), model=ScriptedModel())
    list(runner.advance())
    runner.save_draft("half\x00 an\r\nanswer\x1b]0;title\x07")
    runner.close()
    again = svc.resume_interview(
        ctx, user_id=user_id, interview_id=runner.interview_id, model=ScriptedModel()
    )
    assert again.draft == "half an\nanswer"
    again.close()


def test_a_job_description_and_language_with_controls_are_saved_clean(ctx, user_id) -> None:
    from interviewer_tui.core.plan import normalise_options

    options = normalise_options(
        difficulty="easy",
        topics=["caching"],
        questions=1,
        language="py\x00thon",
        length_minutes=None,
        job_description="Backend\x00 role\r\nPostgreSQL\x1b[2J and Kafka",
    )
    runner = svc.start_interview(ctx, user_id=user_id, options=options, model=ScriptedModel())
    runner.close()
    again = svc.resume_interview(
        ctx, user_id=user_id, interview_id=runner.interview_id, model=ScriptedModel()
    )
    assert again.options.job_description == "Backend role\nPostgreSQL and Kafka"
    assert again.options.language == "python"
    again.close()


def test_history_search_with_nul_is_not_a_database_error(ctx, user_id) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(), model=ScriptedModel())
    runner.close()
    found = svc.list_interviews(ctx, user_id=user_id, search="cach\x00ing")
    assert [s.id for s in found] == [runner.interview_id]


def test_a_login_name_with_nul_is_wrong_credentials_not_a_database_error(ctx) -> None:
    import pytest

    from interviewer_tui.errors import AuthError
    from interviewer_tui.services import accounts

    accounts.register(
        ctx, username="nulla", email="nulla@example.com", password="correct horse battery 42"
    )
    with pytest.raises(AuthError, match="invalid username/email or password"):
        signed(ctx).login(identifier="nu\x00lla", password="wrong password entirely")
    # the same characters without the NUL are the account: it is dropped, not rejected
    assert signed(ctx).login(identifier="nul\x00la", password="correct horse battery 42")
