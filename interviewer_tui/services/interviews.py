"""Interview use cases: start, resume, list, show, delete, export, dashboard.

Each is scoped to the acting user. The step-by-step driving of a running interview (answer, skip,
end, pause, the model steps) lives in `services/runner.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from interviewer_tui.errors import ConflictError, NotFoundError, ValidationError
from interviewer_tui.services.mapping import (
    message_view,
    options_of,
    report_from_json,
    result_of,
    summary_of,
)
from interviewer_tui.services.views import Dashboard, InterviewDetail, InterviewSummary

if TYPE_CHECKING:
    from sqlmodel import Session

    from interviewer_tui.core.models import InterviewOptions, PlannedQuestion
    from interviewer_tui.llm.protocol import InterviewerModel
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.runner import InterviewRunner
    from interviewer_tui.store.tables import Conversation, Interview

T = TypeVar("T")

__all__ = [
    "dashboard",
    "delete_interview",
    "export_interview",
    "get_interview",
    "list_interviews",
    "model_for",
    "resume_interview",
    "resume_interview_reading",
    "start_interview",
]


def model_for(ctx: AppContext, *, offline: bool = False) -> InterviewerModel:
    from interviewer_tui.llm.factory import make_model

    model: InterviewerModel = make_model(ctx.settings, offline=offline)
    return model


def start_interview(
    ctx: AppContext,
    *,
    user_id: int,
    options: InterviewOptions,
    model: InterviewerModel | None = None,
    plan: tuple[PlannedQuestion, ...] | None = None,
    client_id: str | None = None,
    login_id: str | None = None,
) -> InterviewRunner:
    """`plan` overrides the one made from `options` (spaced practice picks its own topics).
    `client_id`: the id a remote client chose for this request; AlreadyCreated if this user
    already has an interview under it. `login_id`: the acting login (token family), which owns
    the interview's lease."""
    # the running machinery is imported here, not at the top: history and show need none of it
    from interviewer_tui.core import flow
    from interviewer_tui.core.plan import make_plan
    from interviewer_tui.core.resume import tailoring_setup
    from interviewer_tui.services import lease
    from interviewer_tui.services.runner import InterviewRunner
    from interviewer_tui.store import interviews as repo

    options = _cleaned(options)
    model = model or model_for(ctx)
    plan = plan or make_plan(options)
    state = flow.start(plan, options.difficulty)
    owner = lease.new_lease_owner(login_id)
    info = model.info

    def create(session: Session) -> tuple[Interview, Conversation]:
        now = ctx.clock()
        interview, conversation = repo.create_interview(
            session,
            user_id=user_id,
            values={
                "difficulty": options.difficulty,
                "number_questions": len(plan),
                "topics": sorted({q.topic for q in plan}, key=[q.topic for q in plan].index),
                "language": options.language,
                "length_minutes": options.length_minutes,
                "job_description": options.job_description,
                "resume_text": options.resume,
                "setup": tailoring_setup(
                    options.resume, options.job_description, provider=info.provider
                ),
                "provider": info.provider,
                "model": info.model,
                "client_id": client_id,
                "lease_owner": owner,
                "lease_expires_at": ctx.lease_clock(session) + lease.LEASE_TTL,
                "created_at": now,
                "updated_at": now,
            },
            state=state.to_dict(),
        )
        return interview, conversation

    created = ctx.tx(create)  # rows stay loaded after the commit (expire_on_commit=False)
    assert created[0].id is not None
    return InterviewRunner(
        ctx, user_id=user_id, interview_id=created[0].id, model=model, owner=owner, created=created
    )


def _cleaned(options: InterviewOptions) -> InterviewOptions:
    """The free-text options as stored: see core.text.clean_input (a shell may not have called
    normalise_options)."""
    from dataclasses import replace

    from interviewer_tui.core.text import clean_input

    return replace(
        options,
        language=clean_input(options.language) if options.language else options.language,
        job_description=(
            clean_input(options.job_description)
            if options.job_description
            else options.job_description
        ),
    )


def resume_interview(
    ctx: AppContext,
    *,
    user_id: int,
    interview_id: int | None = None,
    model: InterviewerModel | None = None,
    login_id: str | None = None,
) -> InterviewRunner:
    """Continue an unfinished interview with the provider it started with, its lease held for
    `login_id` (the acting login)."""
    runner, _ = resume_interview_reading(
        ctx,
        user_id=user_id,
        interview_id=interview_id,
        model=model,
        login_id=login_id,
        also=_nothing,
    )
    return runner


def _nothing(_session: Session, _runner: InterviewRunner) -> None:
    return None


def resume_interview_reading(
    ctx: AppContext,
    *,
    user_id: int,
    interview_id: int | None,
    also: Callable[[Session, InterviewRunner], T],
    model: InterviewerModel | None = None,
    login_id: str | None = None,
) -> tuple[InterviewRunner, T]:
    """`resume_interview`, plus `also(session, runner)` in the same transaction once the lease
    is taken and the runner built (a server request's idempotency and quota reads, and its
    answer): one commit where there were several.

    One transaction takes the lease and reads everything the runner needs: on PostgreSQL every
    statement is a round trip, on SQLite every commit an fsync, and a server request opens a
    runner for each answer. The runner starts (its heartbeat) only once that is committed."""
    from sqlalchemy.orm.attributes import set_committed_value

    from interviewer_tui.services import lease
    from interviewer_tui.services.runner import InterviewRunner, read_rows
    from interviewer_tui.store import interviews as repo

    owner = lease.new_lease_owner(login_id)

    def take(session: Session) -> tuple[InterviewRunner, T]:
        conversation: Conversation | None = None
        if interview_id is not None:
            both = repo.get_interview_and_conversation(
                session, user_id=user_id, interview_id=interview_id
            )
            interview, conversation = both if both is not None else (None, None)
        else:
            interview = repo.latest_unfinished(session, user_id=user_id)
        if interview is None or interview.id is None:
            what = (
                f"interview {interview_id}"
                if interview_id is not None
                else "an unfinished interview"
            )
            raise NotFoundError(f"{what} not found: see `interviewer history`")
        if interview.status in ("completed", "abandoned"):
            raise ConflictError(
                f"interview {interview.id} is {interview.status}; see it with "
                f"`interviewer show {interview.id}`"
            )
        steal = interview.lease_owner if lease.owner_is_dead(interview.lease_owner) else None
        if not repo.acquire_lease(
            session,
            user_id=user_id,
            interview_id=interview.id,
            owner=owner,
            now=ctx.lease_clock(session),
            ttl=lease.LEASE_TTL,
            steal_from=steal,
            values={"status": "in_progress"},
        ):
            raise ConflictError(
                f"interview {interview.id} is open elsewhere (another window or process); "
                "close it there, or wait half a minute if that client crashed"
            )
        # what the UPDATE just wrote, without the ORM writing it a second time at the commit
        set_committed_value(interview, "status", "in_progress")
        rows = read_rows(
            session,
            user_id=user_id,
            interview_id=interview.id,
            interview=interview,
            conversation=conversation,
        )
        chosen = model or model_for(ctx, offline=interview.provider == "offline")
        runner = InterviewRunner(
            ctx,
            user_id=user_id,
            interview_id=interview.id,
            model=chosen,
            owner=owner,
            rows=rows,
            start=False,
        )
        try:
            return runner, also(session, runner)
        except BaseException:
            if model is None:
                chosen.close()
            raise

    runner, extra = ctx.tx(take)
    runner.start()
    return runner, extra


def list_interviews(
    ctx: AppContext,
    *,
    user_id: int,
    status: str | None = None,
    limit: int = 50,
    search: str | None = None,
    offset: int = 0,
) -> list[InterviewSummary]:
    from interviewer_tui.store import interviews as repo
    from interviewer_tui.store.tables import INTERVIEW_STATUSES

    if status is not None and status not in INTERVIEW_STATUSES:
        raise ValidationError(
            f"status must be one of {', '.join(INTERVIEW_STATUSES)} (got {status!r})",
            field="status",
        )
    if not 1 <= limit <= 1000:
        raise ValidationError("limit must be between 1 and 1000", field="limit")
    if offset < 0:
        raise ValidationError("offset must not be negative", field="offset")
    if search:
        from interviewer_tui.core.text import clean_input

        search = clean_input(search)

    def read(session: Session) -> list[InterviewSummary]:
        rows = repo.list_interviews(
            session, user_id=user_id, status=status, limit=limit, search=search, offset=offset
        )
        return [summary_of(i, n) for i, n in rows]

    return ctx.read(read)


def started_with(ctx: AppContext, *, user_id: int, client_id: str) -> int | None:
    """The id of this user's interview created under `client_id` (a retried request), if any."""
    from interviewer_tui.store import interviews as repo

    def read(session: Session) -> int | None:
        found = repo.find_by_client_id(session, user_id=user_id, client_id=client_id)
        return found.id if found is not None else None

    return ctx.read(read)


def get_interview(ctx: AppContext, *, user_id: int, interview_id: int) -> InterviewDetail:
    from interviewer_tui.store import interviews as repo

    def read(session: Session) -> InterviewDetail:
        interview = repo.get_interview(session, user_id=user_id, interview_id=interview_id)
        conversation = repo.get_conversation(session, user_id=user_id, interview_id=interview_id)
        if interview is None or conversation is None or conversation.id is None:
            raise NotFoundError(f"interview {interview_id} not found: see `interviewer history`")
        questions = repo.list_questions(session, conversation_id=conversation.id)
        messages = repo.list_messages(session, conversation_id=conversation.id)
        answered = sum(1 for q in questions if q.score is not None)
        return InterviewDetail(
            summary=summary_of(interview, answered),
            options=options_of(interview),
            messages=tuple(message_view(m, n) for m, n in messages),
            questions=tuple(result_of(q) for q in questions),
            report=report_from_json(interview.report),
            setup=interview.setup,
        )

    return ctx.read(read)


def delete_interview(ctx: AppContext, *, user_id: int, interview_id: int) -> None:
    from interviewer_tui.store import interviews as repo

    def write(session: Session) -> None:
        if not repo.delete_interview(session, user_id=user_id, interview_id=interview_id):
            raise NotFoundError(f"interview {interview_id} not found")

    ctx.tx(write)


def export_interview(
    ctx: AppContext, *, user_id: int, interview_id: int, fmt: str = "markdown"
) -> str:
    """The interview as a document that is safe to print or `cat`: Markdown goes through the
    terminal sanitiser (no escape sequence or bidi control survives); JSON keeps every character
    of the stored text but writes the dangerous ones as \\u escapes."""
    from interviewer_tui.core.text import escape_json_text, sanitize_terminal
    from interviewer_tui.services.export import to_markdown
    from interviewer_tui.services.wire import export_json

    detail = get_interview(ctx, user_id=user_id, interview_id=interview_id)
    if fmt == "markdown":
        return sanitize_terminal(to_markdown(detail))
    if fmt == "json":
        return escape_json_text(export_json(detail))
    raise ValidationError(f"format must be markdown or json (got {fmt!r})", field="format")


def dashboard(ctx: AppContext, *, user_id: int) -> Dashboard:
    from interviewer_tui.store import interviews as repo

    def read(session: Session) -> Dashboard:
        rows = repo.list_interviews(session, user_id=user_id, limit=30)
        summaries = [summary_of(i, n) for i, n in rows]
        unfinished_row = repo.latest_unfinished(session, user_id=user_id)
        unfinished = next(
            (s for s in summaries if unfinished_row and s.id == unfinished_row.id), None
        )
        if unfinished_row is not None and unfinished is None:
            unfinished = summary_of(unfinished_row, 0)
        trend = tuple(
            s.score for s in reversed(summaries) if s.status == "completed" and s.score is not None
        )
        weakest = tuple(
            (topic, round(avg * 10))
            for topic, avg, _count in repo.topic_scores(session, user_id=user_id)
        )[:5]
        return Dashboard(
            unfinished=unfinished, recent=tuple(summaries[:10]), trend=trend, weakest_topics=weakest
        )

    return ctx.read(read)
