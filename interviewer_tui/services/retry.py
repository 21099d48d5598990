"""`interviewer retry ID Q`: answer one past question again, as a new attempt linked to it.

The attempt is an interview of its own (one question, the same text, topic and options), so it
is graded, saved, resumable and listed like any other; `retry_of_*` links it to the original,
whose grade is never touched. `compare_attempts` puts the two grades side by side.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from interviewer_tui.errors import NotFoundError, UsageError
from interviewer_tui.services.views import AttemptComparison

if TYPE_CHECKING:
    from sqlmodel import Session

    from interviewer_tui.llm.protocol import InterviewerModel
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.runner import InterviewRunner


def start_retry(
    ctx: AppContext,
    *,
    user_id: int,
    interview_id: int,
    question_number: int,
    model: InterviewerModel | None = None,
    login_id: str | None = None,
    client_id: str | None = None,
) -> InterviewRunner:
    from interviewer_tui.llm.fixed_question import FixedQuestions
    from interviewer_tui.services import interviews as svc
    from interviewer_tui.store import interviews as repo

    detail = svc.get_interview(ctx, user_id=user_id, interview_id=interview_id)
    original = next((q for q in detail.questions if q.number == question_number), None)
    if original is None:
        asked = len(detail.questions)
        raise UsageError(
            f"interview {interview_id} has no asked question {question_number}"
            f" ({asked} asked: 1-{asked})"
            if asked
            else f"interview {interview_id} has no asked question yet"
        )
    options = replace(detail.options, topics=(original.topic,), questions=1)
    inner = model or svc.model_for(ctx, offline=detail.summary.provider == "offline")
    runner = svc.start_interview(
        ctx,
        user_id=user_id,
        options=options,
        model=FixedQuestions(inner, (original.question,)),
        login_id=login_id,
        client_id=client_id,
    )

    def link(session: Session) -> None:
        row = repo.get_interview(session, user_id=user_id, interview_id=runner.interview_id)
        assert row is not None
        row.retry_of_interview_id = interview_id
        row.retry_of_question = question_number
        session.add(row)

    ctx.tx(link)
    return runner


def compare_attempts(ctx: AppContext, *, user_id: int, retry_id: int) -> AttemptComparison:
    """The original question's grade beside the retry's (NotFoundError if not a retry)."""
    from interviewer_tui.services import interviews as svc
    from interviewer_tui.store import interviews as repo

    def links(session: Session) -> tuple[int | None, int | None]:
        row = repo.get_interview(session, user_id=user_id, interview_id=retry_id)
        if row is None:
            raise NotFoundError(f"interview {retry_id} not found: see `interviewer history`")
        return row.retry_of_interview_id, row.retry_of_question

    of_id, of_q = ctx.tx(links)
    if of_id is None or of_q is None:
        raise NotFoundError(f"interview {retry_id} is not a retry (or its original was deleted)")
    first = svc.get_interview(ctx, user_id=user_id, interview_id=of_id)
    again = svc.get_interview(ctx, user_id=user_id, interview_id=retry_id)
    original = next(q for q in first.questions if q.number == of_q)
    retried = again.questions[0] if again.questions else replace(original, score=None)
    return AttemptComparison(of_id, retry_id, original, retried)
