"""The one seam between the HTTP routes and the use cases: every call passes the user explicitly.

Routes call only these functions, so moving to the application port (issue 13) changes this file
and nothing else. Everything here is synchronous; FastAPI runs it in its threadpool.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import TYPE_CHECKING

from interviewer_tui.errors import AlreadyCreated, AppError, NotFoundError
from interviewer_tui.services import interviews as interview_service
from interviewer_tui.services import remote
from interviewer_tui.services.remote import (
    AnswerCheck,
    Caller,
    QuotaError,
    TokenPair,
    UsageToday,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlmodel import Session

    from interviewer_tui.core.models import InterviewOptions
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.events import RunEvent
    from interviewer_tui.services.model_answers import ModelAnswer
    from interviewer_tui.services.runner import AtRest, InterviewRunner
    from interviewer_tui.services.views import (
        AttemptComparison,
        Dashboard,
        InterviewDetail,
        InterviewSummary,
        MessageView,
        PracticeQuestion,
        Progress,
        RegradeResult,
    )

__all__ = [
    "AnswerCheck",
    "Caller",
    "QuotaError",
    "TokenPair",
    "UsageToday",
    "advance",
    "answer_key",
    "dashboard",
    "delete_interview",
    "export",
    "find_answer",
    "get",
    "list_interviews",
    "open_runner",
    "open_runner_and_answer",
    "remote",
    "start",
]

# Client-chosen answer ids are scoped to one interview: the stored key is a UUID derived from both,
# so two users (or two interviews) choosing the same id never collide.
_ANSWER_NS = uuid.UUID("5b0c2f3e-8d5e-4d47-9a0e-3f1f8f0d6a14")


def answer_key(interview_id: int, client_id: str) -> str:
    return str(uuid.uuid5(_ANSWER_NS, f"{interview_id}:{client_id}"))


def find_answer(ctx: AppContext, caller: Caller, interview_id: int, client_id: str) -> int | None:
    return remote.answer_seq(
        ctx,
        user_id=caller.user.id,
        interview_id=interview_id,
        client_id=answer_key(interview_id, client_id),
    )


def start(
    ctx: AppContext,
    caller: Caller,
    options: InterviewOptions,
    *,
    offline: bool = False,
    client_id: str | None = None,
) -> InterviewRunner:
    """A new interview, counted against today's quota. With the `client_id` the client chose
    for the request, AlreadyCreated (with its id) when this is a retry of one that created it:
    a retry is never a second interview, nor a second interview off the quota."""
    uid = caller.user.id
    _not_created_yet(ctx, caller, client_id)
    model = interview_service.model_for(ctx, offline=offline) if offline else None
    return remote.charged_interview(
        ctx,
        user_id=uid,
        create=lambda: interview_service.start_interview(
            ctx,
            user_id=uid,
            options=options,
            model=model,
            client_id=client_id,
            login_id=caller.login_id,
        ),
    )


def advance(
    ctx: AppContext,
    caller: Caller,
    runner: InterviewRunner,
    sink: Callable[[RunEvent], None],
    *,
    at_rest: Callable[[], AtRest] | None = None,
) -> None:
    """Run the pending model steps, adding the tokens each costs to the caller's daily ledger
    in that step's own commit (also when a later step fails: what was spent is spent).

    `at_rest` (see `InterviewRunner.advance`): let go of the lease in the last step's commit."""
    charge = remote.token_charger(ctx, user_id=caller.user.id)
    for event in runner.advance(charge=charge, at_rest=at_rest):  # pulled to the end: saved whole
        sink(event)


def warm_up(ctx: AppContext) -> None:
    """Build the interviewer model once before serving: the first one imports the SDK and
    makes the shared HTTP pool (with its SSL context), over half a second of CPU that would
    otherwise land on the first request. A model that cannot be built is left for the
    requests to report."""
    with contextlib.suppress(AppError):
        interview_service.model_for(ctx).close()


def open_runner(ctx: AppContext, caller: Caller, interview_id: int) -> InterviewRunner:
    """Take the interview's lease for one request, for the caller's login (the server process
    never owns an interview): NotFoundError for an id that is not the caller's, ConflictError
    for a finished interview or while another client drives it. One transaction reads the
    interview, checks it, takes the lease and reads what the runner needs."""
    return interview_service.resume_interview(
        ctx, user_id=caller.user.id, interview_id=interview_id, login_id=caller.login_id
    )


def open_runner_and_answer(
    ctx: AppContext, caller: Caller, interview_id: int, client_id: str, text: str
) -> tuple[InterviewRunner, AnswerCheck, MessageView | None]:
    """`open_runner` and, in the same transaction, the answer: (runner, what was checked, the
    answer stored now). A retry whose answer is already stored under the client's id stores
    nothing (None); QuotaError once today's tokens are spent, and then nothing is kept, not
    even the lease. One commit: the answer is saved before any model call, as always."""
    check_of = remote.answer_check(
        ctx, user_id=caller.user.id, client_id=answer_key(interview_id, client_id)
    )

    def answer(session: Session, runner: InterviewRunner) -> tuple[AnswerCheck, MessageView | None]:
        check = check_of(session, runner.interview_id)
        if check.stored_seq is not None:
            return check, None
        remote.refuse_if_spent(check.tokens_left)
        key = answer_key(interview_id, client_id)
        return check, runner.answer_in(session, text, client_id=key)

    runner, (check, message) = interview_service.resume_interview_reading(
        ctx,
        user_id=caller.user.id,
        interview_id=interview_id,
        login_id=caller.login_id,
        also=answer,
    )
    return runner, check, message


def get(ctx: AppContext, caller: Caller, interview_id: int) -> InterviewDetail:
    return interview_service.get_interview(ctx, user_id=caller.user.id, interview_id=interview_id)


def list_interviews(
    ctx: AppContext,
    caller: Caller,
    *,
    status: str | None,
    search: str | None,
    limit: int,
    offset: int,
) -> list[InterviewSummary]:
    return interview_service.list_interviews(
        ctx, user_id=caller.user.id, status=status, search=search, limit=limit, offset=offset
    )


def delete_interview(ctx: AppContext, caller: Caller, interview_id: int) -> None:
    interview_service.delete_interview(ctx, user_id=caller.user.id, interview_id=interview_id)


def export(ctx: AppContext, caller: Caller, interview_id: int, fmt: str) -> str:
    return interview_service.export_interview(
        ctx, user_id=caller.user.id, interview_id=interview_id, fmt=fmt
    )


def dashboard(ctx: AppContext, caller: Caller) -> Dashboard:
    return interview_service.dashboard(ctx, user_id=caller.user.id)


# -- the practice loop ----------------------------------------------------------------------------


def progress(ctx: AppContext, caller: Caller) -> Progress:
    from interviewer_tui.services import practice

    return practice.progress(ctx, user_id=caller.user.id)


def plan_practice(
    ctx: AppContext, caller: Caller, *, count: int, ahead_days: int
) -> tuple[PracticeQuestion, ...]:
    from interviewer_tui.services import practice

    return practice.plan_practice(ctx, user_id=caller.user.id, count=count, ahead_days=ahead_days)


def _not_created_yet(ctx: AppContext, caller: Caller, client_id: str | None) -> None:
    """AlreadyCreated (with its id) when a request with this client id made an interview."""
    if client_id is not None:
        found = interview_service.started_with(ctx, user_id=caller.user.id, client_id=client_id)
        if found is not None:
            raise AlreadyCreated(found)


def start_practice(
    ctx: AppContext,
    caller: Caller,
    *,
    count: int,
    ahead_days: int,
    offline: bool,
    client_id: str | None = None,
) -> InterviewRunner:
    """A practice session is an interview: it counts against the day's quota like one (once,
    however often a request with the same `client_id` is sent again)."""
    from interviewer_tui.services import practice

    _not_created_yet(ctx, caller, client_id)
    practice.plan_practice(ctx, user_id=caller.user.id, count=count, ahead_days=ahead_days)
    model = interview_service.model_for(ctx, offline=offline)
    return remote.charged_interview(
        ctx,
        user_id=caller.user.id,
        create=lambda: practice.start_practice(
            ctx,
            user_id=caller.user.id,
            count=count,
            ahead_days=ahead_days,
            model=model,
            login_id=caller.login_id,
            client_id=client_id,
        ),
    )


def start_retry(
    ctx: AppContext,
    caller: Caller,
    interview_id: int,
    *,
    question_number: int,
    offline: bool,
    client_id: str | None = None,
) -> InterviewRunner:
    from interviewer_tui.services import retry

    get(ctx, caller, interview_id)  # 404 before any quota is taken
    _not_created_yet(ctx, caller, client_id)
    model = interview_service.model_for(ctx, offline=True) if offline else None
    return remote.charged_interview(
        ctx,
        user_id=caller.user.id,
        create=lambda: retry.start_retry(
            ctx,
            user_id=caller.user.id,
            interview_id=interview_id,
            question_number=question_number,
            model=model,
            login_id=caller.login_id,
            client_id=client_id,
        ),
    )


def compare_attempts(ctx: AppContext, caller: Caller, retry_id: int) -> AttemptComparison:
    from interviewer_tui.services import retry

    return retry.compare_attempts(ctx, user_id=caller.user.id, retry_id=retry_id)


def regrade(
    ctx: AppContext, caller: Caller, interview_id: int, *, offline: bool, model: str | None
) -> RegradeResult:
    """Grading again with the server's model spends its tokens: within the day's quota only."""
    from interviewer_tui.services import regrade as regrading

    get(ctx, caller, interview_id)
    if model is not None or not offline:
        remote.check_quota(ctx, user_id=caller.user.id)
    grader = regrading.grader_for(ctx, offline=offline and model is None, model=model)
    try:
        return regrading.regrade(
            ctx, user_id=caller.user.id, interview_id=interview_id, grader=grader
        )
    finally:
        grader.close()


def model_answer(
    ctx: AppContext, caller: Caller, interview_id: int, question_number: int
) -> ModelAnswer:
    from interviewer_tui.services.model_answers import model_answer as answer_for

    return answer_for(
        ctx, user_id=caller.user.id, interview_id=interview_id, question_number=question_number
    )


def ensure_exists(ctx: AppContext, caller: Caller, interview_id: int) -> None:
    """NotFoundError for an id that is not the caller's (never says whether it exists)."""
    try:
        get(ctx, caller, interview_id)
    except NotFoundError:
        raise NotFoundError(f"interview {interview_id} not found") from None
