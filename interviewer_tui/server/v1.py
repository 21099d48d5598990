"""`/v1`: our own versioned API, for everything the CLI can do. Handlers parse, call the port
with the caller's identity, and render; a running turn is a Server-Sent Events stream."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Request, Response
from fastapi.responses import PlainTextResponse
from sse_starlette.sse import EventSourceResponse

from interviewer_tui.core.plan import normalise_options
from interviewer_tui.core.topics import CATALOG
from interviewer_tui.errors import AlreadyCreated, ConflictError, NotFoundError
from interviewer_tui.server import port
from interviewer_tui.server import schemas as s
from interviewer_tui.server import throttle as address_throttle
from interviewer_tui.server.deps import Ctx, CurrentCaller, Registry, Throttle, client_address
from interviewer_tui.server.turns import Emit, TurnRegistry, run_stream, stream_events
from interviewer_tui.services import views
from interviewer_tui.services.context import AppContext
from interviewer_tui.services.model_answers import ModelAnswer
from interviewer_tui.services.runner import InterviewRunner
from interviewer_tui.services.views import MessageView

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": s.ErrorOut, "description": text}
    for code, text in (
        (400, "Bad request."),
        (401, "Missing, invalid or expired access token."),
        (404, "No such resource for this user."),
        (409, "Conflict: busy elsewhere, finished, or not your turn."),
        (413, "Request body too large."),
        (415, "Body is not application/json."),
        (422, "Invalid request."),
        (429, "Too many attempts, or today's quota is spent."),
    )
}
router = APIRouter(prefix="/v1", responses=ERRORS)
RETRIED_CREATE: dict[int | str, dict[str, Any]] = {
    200: {"model": s.SummaryOut, "description": "A retry: the interview it created"}
}
IdPath = Annotated[int, Path(ge=1, le=s.MAX_ID)]
Deltas = Annotated[bool, Query(description="Also stream the model's text as `delta` events.")]
LastEventId = Annotated[
    str | None,
    Header(alias="Last-Event-ID", max_length=32, description="Resume after this event id."),
]


def _tokens(pair: port.TokenPair) -> s.TokensOut:
    return s.TokensOut(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        expires_at=pair.access_expires_at,
        session_id=pair.session_id,
        user=s.out(s.UserOut, pair.user),
    )


def _after(last_event_id: str | None) -> int:
    try:
        return max(0, int((last_event_id or "0").strip()))
    except ValueError:
        return 0


def _sse(
    ctx: AppContext,
    caller: port.Caller,
    interview_id: int,
    registry: TurnRegistry,
    *,
    after: int,
    runner: InterviewRunner | None = None,
    deltas: bool = False,
    force: bool = False,
    written: Sequence[MessageView] | None = None,
    quota_checked: bool = False,
) -> EventSourceResponse:
    def work(emit: Emit, cancelled: threading.Event) -> None:
        run_stream(
            ctx,
            caller,
            interview_id,
            emit,
            after=after,
            runner=runner,
            registry=registry,
            cancelled=cancelled,
            deltas=deltas,
            force=force,
            written=written,
            quota_checked=quota_checked,
        )

    return EventSourceResponse(
        stream_events(interview_id, work, registry), ping=15, headers={"Cache-Control": "no-store"}
    )


# -- accounts and sessions ----------------------------------------------------------------------


@router.post(
    "/accounts",
    status_code=201,
    response_model=s.UserOut,
    tags=["accounts"],
    responses={202: {"model": s.MessageOut, "description": "Verification mail sent."}},
)
def register(body: s.RegisterIn, ctx: Ctx, response: Response) -> Any:
    """Create an account (or, when this server verifies addresses, mail the link)."""
    if port.remote.verification_required(ctx):
        port.remote.request_verification(
            ctx, username=body.username, email=body.email, password=body.password
        )
        response.status_code = 202
        return s.MessageOut(message="verification email sent: open the link in it")
    return s.out(
        s.UserOut,
        port.remote.register(ctx, username=body.username, email=body.email, password=body.password),
    )


@router.post("/accounts/verify", status_code=201, response_model=s.UserOut, tags=["accounts"])
def verify(body: s.VerifyIn, ctx: Ctx) -> Any:
    return s.out(s.UserOut, port.remote.complete_verification(ctx, token=body.token))


@router.post("/sessions", response_model=s.TokensOut, tags=["accounts"])
def login(body: s.LoginIn, ctx: Ctx, throttle: Throttle, request: Request) -> Any:
    """Log in: an access token (Bearer) and a refresh token that rotates on every use."""
    address = client_address(request)
    address_throttle.check(throttle, address)
    pair = port.remote.login(
        ctx,
        identifier=body.identifier,
        password=body.password,
        client=address,
        ttl_seconds=ctx.settings.access_token_ttl,
    )
    return _tokens(pair)


@router.post("/sessions/refresh", response_model=s.TokensOut, tags=["accounts"])
def refresh(body: s.RefreshIn, ctx: Ctx, throttle: Throttle, request: Request) -> Any:
    with address_throttle.failures_counted(throttle, client_address(request)):
        pair = port.remote.refresh(
            ctx, refresh_token=body.refresh_token, ttl_seconds=ctx.settings.access_token_ttl
        )
    return _tokens(pair)


@router.post("/sessions/logout", status_code=204, tags=["accounts"])
def logout(ctx: Ctx, caller: CurrentCaller, body: s.LogoutIn | None = None) -> Response:
    port.remote.logout(ctx, caller, everywhere=bool(body and body.everywhere))
    return Response(status_code=204)


@router.get("/sessions", response_model=list[s.SessionOut], tags=["accounts"])
def sessions(ctx: Ctx, caller: CurrentCaller) -> Any:
    return [s.out(s.SessionOut, row) for row in port.remote.list_sessions(ctx, caller)]


@router.delete("/sessions/{session_id}", status_code=204, tags=["accounts"])
def revoke(
    session_id: Annotated[str, Path(max_length=64, pattern=r"^[0-9a-f]+$")],
    ctx: Ctx,
    caller: CurrentCaller,
) -> Response:
    port.remote.revoke_session(ctx, caller, session_id=session_id)
    return Response(status_code=204)


@router.get("/me", response_model=s.WhoAmIOut, tags=["accounts"])
def whoami(caller: CurrentCaller) -> Any:
    return s.WhoAmIOut(
        user=s.out(s.UserOut, caller.user),
        session_id=caller.login_id,
        access_expires_at=caller.expires_at,
    )


@router.delete("/me", status_code=204, tags=["accounts"])
def delete_me(body: s.DeleteAccountIn, ctx: Ctx, caller: CurrentCaller) -> Response:
    """Delete the account and every interview in it (asks for the password again)."""
    port.remote.delete_account(ctx, caller, password=body.password)
    return Response(status_code=204)


@router.post("/password/change", status_code=204, tags=["accounts"])
def change_password(body: s.PasswordChangeIn, ctx: Ctx, caller: CurrentCaller) -> Response:
    """Change the password; every login of the account ends (log in again)."""
    port.remote.change_password(
        ctx, caller, current_password=body.current_password, new_password=body.new_password
    )
    return Response(status_code=204)


@router.post("/password/forgot", status_code=202, response_model=s.MessageOut, tags=["accounts"])
def forgot_password(body: s.ForgotIn, ctx: Ctx, throttle: Throttle, request: Request) -> Any:
    address_throttle.check(throttle, client_address(request))
    port.remote.request_reset_link(ctx, email=body.email)
    return s.MessageOut(message="if an account uses that address, a reset link is on its way")


@router.post("/password/reset", status_code=204, tags=["accounts"])
def reset_password(body: s.ResetIn, ctx: Ctx) -> Response:
    port.remote.reset_password(ctx, token=body.token, new_password=body.new_password)
    return Response(status_code=204)


# -- interviews -----------------------------------------------------------------------------------


@router.get("/topics", response_model=list[s.TopicOut], tags=["interviews"])
def topics() -> Any:
    return [s.out(s.TopicOut, topic) for topic in CATALOG]


@router.get("/dashboard", response_model=s.DashboardOut, tags=["interviews"])
def dashboard(ctx: Ctx, caller: CurrentCaller) -> Any:
    board = port.dashboard(ctx, caller)
    today = port.remote.usage_today(ctx, user_id=caller.user.id)
    return s.DashboardOut(
        unfinished=s.out(s.SummaryOut, board.unfinished) if board.unfinished else None,
        recent=[s.out(s.SummaryOut, x) for x in board.recent],
        trend=list(board.trend),
        weakest_topics=[s.TopicScoreOut(topic=t, percent=p) for t, p in board.weakest_topics],
        usage=s.UsageOut(
            interviews_today=today.interviews,
            interviews_left=today.interviews_left,
            tokens_today=today.tokens,
            tokens_left=today.tokens_left,
        ),
    )


@router.post(
    "/interviews",
    status_code=201,
    response_model=s.SummaryOut,
    tags=["interviews"],
    responses=RETRIED_CREATE,
)
def start(body: s.StartIn, ctx: Ctx, caller: CurrentCaller, response: Response) -> Any:
    """Create an interview; then read `GET /v1/interviews/{id}/events` for the first question.

    With an `id` (chosen by the client), the request may be sent again after a network failure:
    a retry answers 200 with the interview the first one created, never a second one."""
    options = normalise_options(
        difficulty=body.difficulty,
        topics=body.topics,
        questions=body.questions,
        language=body.language,
        length_minutes=body.length_minutes,
        job_description=body.job_description,
        resume=body.resume,
    )
    try:
        runner = port.start(ctx, caller, options, offline=body.offline, client_id=body.id)
    except AlreadyCreated as exc:
        return _existing(ctx, caller, exc.existing_id, response)
    return _created(ctx, caller, runner, response)


@router.get("/interviews", response_model=s.InterviewListOut, tags=["interviews"])
def history(
    ctx: Ctx,
    caller: CurrentCaller,
    status: Annotated[
        str | None, Query(pattern="^(in_progress|paused|completed|abandoned)$")
    ] = None,
    search: Annotated[s.Text | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Any:
    """Newest first; `search` matches topics, difficulty, language and status."""
    rows = port.list_interviews(
        ctx, caller, status=status, search=search, limit=limit + 1, offset=offset
    )
    more = len(rows) > limit
    return s.InterviewListOut(
        items=[s.out(s.SummaryOut, r) for r in rows[:limit]],
        offset=offset,
        limit=limit,
        next_offset=offset + limit if more else None,
    )


@router.get("/interviews/{interview_id}", response_model=s.DetailOut, tags=["interviews"])
def show(interview_id: IdPath, ctx: Ctx, caller: CurrentCaller) -> Any:
    return s.out(s.DetailOut, port.get(ctx, caller, interview_id))


@router.delete("/interviews/{interview_id}", status_code=204, tags=["interviews"])
def delete(interview_id: IdPath, ctx: Ctx, caller: CurrentCaller) -> Response:
    port.delete_interview(ctx, caller, interview_id)
    return Response(status_code=204)


@router.get(
    "/interviews/{interview_id}/transcript", response_model=s.TranscriptOut, tags=["interviews"]
)
def transcript(interview_id: IdPath, ctx: Ctx, caller: CurrentCaller) -> Any:
    detail = port.get(ctx, caller, interview_id)
    return s.TranscriptOut(
        interview_id=interview_id,
        messages=[s.out(s.TranscriptMessageOut, m) for m in detail.messages],
    )


@router.get("/interviews/{interview_id}/report", response_model=s.ReportOut, tags=["interviews"])
def report(interview_id: IdPath, ctx: Ctx, caller: CurrentCaller) -> Any:
    detail = port.get(ctx, caller, interview_id)
    if detail.report is None:
        raise NotFoundError(f"interview {interview_id} has no report yet")
    return s.out(s.ReportOut, detail.report)


@router.get(
    "/interviews/{interview_id}/export",
    tags=["interviews"],
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/markdown": {}, "application/json": {}}}},
)
def export(
    interview_id: IdPath,
    ctx: Ctx,
    caller: CurrentCaller,
    format: Annotated[str, Query(pattern="^(markdown|json)$")] = "markdown",
) -> Response:
    text = port.export(ctx, caller, interview_id, format)
    media = "application/json" if format == "json" else "text/markdown"
    return Response(text, media_type=media)


# -- the practice loop ----------------------------------------------------------------------------


def _created(
    ctx: AppContext, caller: port.Caller, runner: InterviewRunner, response: Response
) -> Any:
    interview_id = runner.interview_id
    runner.release()
    response.headers["Location"] = f"/v1/interviews/{interview_id}"
    return s.out(s.SummaryOut, port.get(ctx, caller, interview_id).summary)


def _existing(ctx: AppContext, caller: port.Caller, interview_id: int, response: Response) -> Any:
    """A retried create (same client id): 200 with the interview the first request made."""
    response.status_code = 200
    response.headers["Location"] = f"/v1/interviews/{interview_id}"
    return s.out(s.SummaryOut, port.get(ctx, caller, interview_id).summary)


@router.get("/progress", response_model=views.Progress, tags=["practice"])
def progress(ctx: Ctx, caller: CurrentCaller) -> Any:
    """The spaced-review profile: what is due, and the score trend per topic."""
    return port.progress(ctx, caller)


@router.get("/practice/plan", response_model=list[views.PracticeQuestion], tags=["practice"])
def practice_plan(
    ctx: Ctx,
    caller: CurrentCaller,
    count: Annotated[int, Query(ge=1, le=30)] = 5,
    ahead_days: Annotated[int, Query(ge=0, le=365)] = 0,
) -> Any:
    """What a practice session would ask now: the due points, soonest first."""
    return list(port.plan_practice(ctx, caller, count=count, ahead_days=ahead_days))


@router.post(
    "/practice",
    status_code=201,
    response_model=s.SummaryOut,
    tags=["practice"],
    responses=RETRIED_CREATE,
)
def practice(body: s.PracticeIn, ctx: Ctx, caller: CurrentCaller, response: Response) -> Any:
    """Start a practice session on the due points (400 when nothing is due); then read its
    `GET /v1/interviews/{id}/events` like any interview."""
    try:
        runner = port.start_practice(
            ctx,
            caller,
            count=body.count,
            ahead_days=body.ahead_days,
            offline=body.offline,
            client_id=body.id,
        )
    except AlreadyCreated as exc:
        return _existing(ctx, caller, exc.existing_id, response)
    return _created(ctx, caller, runner, response)


@router.post(
    "/interviews/{interview_id}/retry",
    status_code=201,
    response_model=s.SummaryOut,
    tags=["practice"],
    responses=RETRIED_CREATE,
)
def retry(
    interview_id: IdPath, body: s.RetryIn, ctx: Ctx, caller: CurrentCaller, response: Response
) -> Any:
    """Answer one question again, as a new one-question interview linked to this one."""
    try:
        runner = port.start_retry(
            ctx,
            caller,
            interview_id,
            question_number=body.question_number,
            offline=body.offline,
            client_id=body.id,
        )
    except AlreadyCreated as exc:
        return _existing(ctx, caller, exc.existing_id, response)
    return _created(ctx, caller, runner, response)


@router.get(
    "/interviews/{interview_id}/comparison",
    response_model=views.AttemptComparison,
    tags=["practice"],
)
def comparison(interview_id: IdPath, ctx: Ctx, caller: CurrentCaller) -> Any:
    """A retry's grade beside the original's (404 when this interview is not a retry)."""
    return port.compare_attempts(ctx, caller, interview_id)


@router.post(
    "/interviews/{interview_id}/regrade", response_model=views.RegradeResult, tags=["practice"]
)
def regrade(interview_id: IdPath, body: s.RegradeIn, ctx: Ctx, caller: CurrentCaller) -> Any:
    """Grade the stored answers again; the original grades stay as they are."""
    return port.regrade(ctx, caller, interview_id, offline=body.offline, model=body.model)


@router.get(
    "/interviews/{interview_id}/questions/{question_number}/model-answer",
    response_model=ModelAnswer,
    tags=["practice"],
)
def model_answer(
    interview_id: IdPath,
    question_number: Annotated[int, Path(ge=1, le=30)],
    ctx: Ctx,
    caller: CurrentCaller,
) -> Any:
    """A strong answer to a question the candidate has answered (never before)."""
    return port.model_answer(ctx, caller, interview_id, question_number)


# -- the running interview ------------------------------------------------------------------------


@router.get(
    "/interviews/{interview_id}/events",
    tags=["running"],
    response_class=EventSourceResponse,
    responses=s.SSE_RESPONSE,
)
def events(
    interview_id: IdPath,
    ctx: Ctx,
    caller: CurrentCaller,
    registry: Registry,
    last_event_id: LastEventId = None,
    deltas: Deltas = False,
) -> EventSourceResponse:
    """Replay what came after `Last-Event-ID`, then run (or follow) the interviewer's turn
    until it is the candidate's turn or the interview is over."""
    port.ensure_exists(ctx, caller, interview_id)
    return _sse(ctx, caller, interview_id, registry, after=_after(last_event_id), deltas=deltas)


@router.post(
    "/interviews/{interview_id}/answers",
    tags=["running"],
    response_class=EventSourceResponse,
    responses=s.SSE_RESPONSE,
)
def answer(
    interview_id: IdPath,
    body: s.AnswerIn,
    ctx: Ctx,
    caller: CurrentCaller,
    registry: Registry,
    deltas: Deltas = False,
) -> EventSourceResponse:
    """Submit an answer (committed before the model is called) and stream what follows.

    Idempotent: a retry with the same `id` replays the stored answer and everything after it.
    """
    # The lease first: a retry whose answer is stored is found under it, or, while the first
    # request's turn still runs (or the interview is over), through the ConflictError. One
    # transaction takes the lease, reads the runner's state, that stored answer and the quota,
    # and stores the answer.
    try:
        runner, check, message = port.open_runner_and_answer(
            ctx, caller, interview_id, body.id, body.text
        )
    except ConflictError:
        seq = port.find_answer(ctx, caller, interview_id, body.id)
        if seq is None:
            raise
        return _sse(ctx, caller, interview_id, registry, after=seq - 1, deltas=deltas)
    if message is None:
        assert check.stored_seq is not None
        seq, written = check.stored_seq, None
    else:
        seq, written = message.seq, [message]
    return _sse(
        ctx,
        caller,
        interview_id,
        registry,
        after=seq - 1,
        runner=runner,
        deltas=deltas,
        written=written,
        quota_checked=check.tokens_left > 0,
    )


def _last_seq(runner: InterviewRunner) -> int:
    messages = runner.transcript()
    return messages[-1].seq if messages else 0


@router.post(
    "/interviews/{interview_id}/skip",
    tags=["running"],
    response_class=EventSourceResponse,
    responses=s.SSE_RESPONSE,
)
def skip(
    interview_id: IdPath,
    ctx: Ctx,
    caller: CurrentCaller,
    registry: Registry,
    deltas: Deltas = False,
) -> EventSourceResponse:
    """Skip the current question (scores 0) and stream the next turn."""
    runner = port.open_runner(ctx, caller, interview_id)
    try:
        if not runner.awaiting_answer:
            raise ConflictError("the interviewer has not finished its turn yet")
        skipped = runner.skip_question()
    except BaseException:
        runner.release()
        raise
    return _sse(
        ctx,
        caller,
        interview_id,
        registry,
        after=skipped.seq - 1,
        runner=runner,
        deltas=deltas,
        written=[skipped],
    )


@router.post(
    "/interviews/{interview_id}/end",
    tags=["running"],
    response_class=EventSourceResponse,
    responses=s.SSE_RESPONSE,
)
def end(
    interview_id: IdPath,
    ctx: Ctx,
    caller: CurrentCaller,
    registry: Registry,
    deltas: Deltas = False,
) -> EventSourceResponse:
    """End now: the report covers what was answered (nothing answered: abandoned)."""
    runner = port.open_runner(ctx, caller, interview_id)
    try:
        before = _last_seq(runner)
        runner.end()
    except BaseException:
        runner.release()
        raise
    return _sse(ctx, caller, interview_id, registry, after=before, runner=runner, deltas=deltas)


@router.post("/interviews/{interview_id}/pause", response_model=s.SummaryOut, tags=["running"])
def pause(interview_id: IdPath, ctx: Ctx, caller: CurrentCaller) -> Any:
    runner = port.open_runner(ctx, caller, interview_id)
    runner.close()
    return s.out(s.SummaryOut, port.get(ctx, caller, interview_id).summary)


@router.post(
    "/interviews/{interview_id}/resume",
    tags=["running"],
    response_class=EventSourceResponse,
    responses=s.SSE_RESPONSE,
)
def resume(
    interview_id: IdPath,
    ctx: Ctx,
    caller: CurrentCaller,
    registry: Registry,
    last_event_id: LastEventId = None,
    deltas: Deltas = False,
) -> EventSourceResponse:
    """Continue a paused interview: replays after `Last-Event-ID` (all without it), then runs
    any pending model step."""
    runner = port.open_runner(ctx, caller, interview_id)
    return _sse(
        ctx,
        caller,
        interview_id,
        registry,
        after=_after(last_event_id),
        runner=runner,
        deltas=deltas,
    )
