"""A model answer after grading, never before: bank reference offline, generated online."""

from __future__ import annotations

import pytest

from interviewer_tui.core.models import InterviewOptions
from interviewer_tui.errors import UsageError
from interviewer_tui.llm.offline import find_question
from interviewer_tui.services import interviews as svc
from interviewer_tui.services.model_answers import model_answer
from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.cli import Cli

OPTS = InterviewOptions(difficulty="medium", topics=("caching",), questions=2)


def _answered_one(ctx, user_id, model=None):  # type: ignore[no-untyped-def]
    runner = svc.start_interview(ctx, user_id=user_id, options=OPTS, model=model)
    list(runner.advance())
    with pytest.raises(UsageError, match="only after yours"):
        model_answer(ctx, user_id=user_id, interview_id=runner.interview_id, question_number=1)
    runner.answer("Cache-aside with a TTL, invalidate on writes, watch the hit ratio.")
    list(runner.advance())
    return runner


def test_offline_reference_answer_only_after_grading(ctx, user_id) -> None:
    runner = _answered_one(ctx, user_id, svc.model_for(ctx, offline=True))
    shown = model_answer(ctx, user_id=user_id, interview_id=runner.interview_id, question_number=1)
    asked = runner.results()[0].question
    bank = find_question(asked, "caching")
    assert bank is not None and shown.text == bank.reference
    assert shown.source == "reference" and shown.score == runner.results()[0].score
    assert "Cache-aside with a TTL" in shown.your_answer
    with pytest.raises(UsageError, match="question 2 has no graded answer"):
        model_answer(ctx, user_id=user_id, interview_id=runner.interview_id, question_number=2)
    runner.close()


def test_online_answer_is_generated_through_the_sdk(openai_env: FakeOpenAIServer, ctx, user_id):  # type: ignore[no-untyped-def]
    runner = _answered_one(ctx, user_id)
    assert runner.provider == "openai"
    openai_env.configure(turn_texts=["A strong answer: cache-aside, TTL with jitter, ..."])
    deltas: list[str] = []
    shown = model_answer(
        ctx,
        user_id=user_id,
        interview_id=runner.interview_id,
        question_number=1,
        on_delta=deltas.append,
    )
    assert shown.source == "generated" and shown.model == "fake-model"
    assert shown.text == "A strong answer: cache-aside, TTL with jitter, ..."
    assert "".join(deltas) == shown.text
    last = openai_env.requests[-1]
    assert last.stream and "<question>" in last.prompt_text
    assert runner.results()[0].question in last.prompt_text
    assert "Cache-aside with a TTL" not in last.prompt_text  # the candidate's answer is not sent
    runner.close()


def test_slash_model_answer_in_line_mode(logged_in: Cli) -> None:
    run = logged_in.run(
        "start",
        "--offline",
        "--plain",
        "--topic",
        "caching",
        "--questions",
        "2",
        input="/model-answer\n.\nCache-aside with a TTL and invalidation.\n.\n/model-answer\n.\n",
    )
    assert run.returncode == 0, run.stderr
    assert "a model answer is shown after your answer has been graded" in run.stderr
    out = run.stdout
    assert out.index("Score: ") < out.index("Model answer · Q1 (the bank's reference answer)")
    shown = logged_in.run("show", "1", "--model-answer", "1")
    assert shown.returncode == 0, shown.stderr
    assert "Your answer (" in shown.stdout and "Cache-aside with a TTL" in shown.stdout
    refused = logged_in.run("show", "1", "--model-answer", "2")
    assert refused.returncode == 2 and "only after yours" in refused.stderr
