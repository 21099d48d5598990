"""Retry one question as a linked attempt; regrade a whole interview; originals never change."""

from __future__ import annotations

import pytest

from interviewer_tui.core.models import InterviewOptions
from interviewer_tui.errors import UsageError
from interviewer_tui.llm.offline import find_question
from interviewer_tui.services import interviews as svc
from interviewer_tui.services.regrade import regrade
from interviewer_tui.services.retry import compare_attempts, start_retry
from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.cli import Cli

OPTS = InterviewOptions(topics=("caching",), questions=1)


def _one(ctx, user_id, text: str, model=None) -> int:  # type: ignore[no-untyped-def]
    runner = svc.start_interview(ctx, user_id=user_id, options=OPTS, model=model)
    list(runner.advance())
    runner.answer(text)
    list(runner.advance())
    if not runner.finished:
        runner.end()
        list(runner.advance())
    runner.close()
    return runner.interview_id


def test_retry_is_a_linked_new_attempt_and_the_original_stays(ctx, user_id) -> None:
    offline = svc.model_for(ctx, offline=True)
    first = _one(ctx, user_id, "Use a cache.", offline)
    before = svc.get_interview(ctx, user_id=user_id, interview_id=first).questions[0]
    runner = start_retry(ctx, user_id=user_id, interview_id=first, question_number=1, model=offline)
    list(runner.advance())
    assert runner.results()[0].question == before.question  # the same question, verbatim
    bank = find_question(before.question, "caching")
    assert bank is not None
    runner.answer(bank.reference)
    list(runner.advance())
    runner.close()
    c = compare_attempts(ctx, user_id=user_id, retry_id=runner.interview_id)
    assert (c.original_interview, c.retry_interview) == (first, runner.interview_id)
    assert c.original == before
    assert c.retry.score is not None and before.score is not None
    assert c.retry.score > before.score
    after = svc.get_interview(ctx, user_id=user_id, interview_id=first).questions[0]
    assert after == before
    with pytest.raises(UsageError, match="no asked question 5"):
        start_retry(ctx, user_id=user_id, interview_id=first, question_number=5, model=offline)


def test_regrade_offline_keeps_the_model_grades(openai_env: FakeOpenAIServer, ctx, user_id) -> None:  # type: ignore[no-untyped-def]
    openai_env.configure(score=9)
    iid = _one(ctx, user_id, "Use a cache.")
    original = svc.get_interview(ctx, user_id=user_id, interview_id=iid).questions[0]
    assert original.score == 9
    offline = svc.model_for(ctx, offline=True)
    result = regrade(ctx, user_id=user_id, interview_id=iid, grader=offline)
    q = result.questions[0]
    assert result.original_grader == "openai: fake-model"
    assert result.grader == "offline: offline-bank"
    assert q.original.score == 9 and q.score < 9 and q.delta == q.score - 9
    again = regrade(ctx, user_id=user_id, interview_id=iid, grader=offline)
    assert again.run_id != result.run_id
    assert svc.get_interview(ctx, user_id=user_id, interview_id=iid).questions[0] == original

    from sqlmodel import select

    from interviewer_tui.store.tables import Regrade

    rows = ctx.tx(lambda s: s.exec(select(Regrade).where(Regrade.interview_id == iid)).all())
    assert len(rows) == 2 and {r.score for r in rows} == {q.score}


def test_retry_and_regrade_side_by_side_on_the_command_line(logged_in: Cli) -> None:
    first = logged_in.run(
        "start",
        "--offline",
        "--plain",
        "--topic",
        "caching",
        "--questions",
        "1",
        input="Use a cache.\n.\n/end\n.\n",
    )
    assert first.returncode == 0, first.stderr
    asked = first.stdout.split("Q1/1 · Caching\n")[1].splitlines()[0]
    bank = find_question(asked, "caching")
    assert bank is not None
    retry = logged_in.run("retry", "1", "1", "--offline", input=bank.reference + "\n.\n/end\n.\n")
    assert retry.returncode == 0, retry.stderr
    out = retry.stdout
    assert "first (interview 1)" in out and "retry (interview 2)" in out
    assert "Better by" in out
    score_line = next(line for line in out.splitlines() if line.startswith("score "))
    assert score_line.split()[1] != score_line.split()[3]  # two different grades
    regraded = logged_in.run("regrade", "1", "--offline")
    assert regraded.returncode == 0, regraded.stderr
    assert "original (offline: offline-bank)" in regraded.stdout
    assert "regrade (offline: offline-bank)" in regraded.stdout
    assert "0 of 1 grades changed" in regraded.stdout  # the same grader agrees with itself
    bad = logged_in.run("regrade", "1", "--offline", "--model", "x")
    assert bad.returncode == 2 and "choose one" in bad.stderr
    not_retry = logged_in.run("retry", "1", "7", "--offline", input="")
    assert not_retry.returncode == 2
