"""`/api`: the reference product's API, for its real web client (../shared/seed/API_CONTRACT.md).

Field names, status codes and Go-style `{"error": ...}` bodies follow the contract; bodies ignore
unknown fields like the Go server does. Payments and GitHub login answer a JSON 501.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Request
from pydantic import BaseModel, ConfigDict

from interviewer_tui.core.plan import normalise_options
from interviewer_tui.errors import AuthError, ConflictError, UsageError
from interviewer_tui.server import port
from interviewer_tui.server import throttle as address_throttle
from interviewer_tui.server.conversation import conversation_shape, interview_shape, score_percent
from interviewer_tui.server.deps import Ctx, CurrentCaller, Throttle, client_address
from interviewer_tui.server.responses import SafeJSONResponse
from interviewer_tui.server.schemas import MAX_ID, Text
from interviewer_tui.services.context import AppContext

router = APIRouter(prefix="/api", include_in_schema=False)
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
NOT_ACTIVE = "Interview is not active"


class Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class EmailIn(Loose):
    email: Text = ""


class SignupIn(Loose):
    username: Text = ""
    email: Text = ""
    password: Text = ""


class TokenIn(Loose):
    token: Text = ""


class LoginIn(Loose):
    email: Text = ""
    password: Text = ""


class RefreshIn(Loose):
    user_id: int | None = None


class StartIn(Loose):
    job_description: Text | None = ""


class MessageIn(Loose):
    message: Text | None = None
    conversation_id: int | None = None


class ResetIn(Loose):
    token: Text = ""
    new_password: Text = ""


def _ignore(_event: object) -> None:
    """The reference client gets whole results, not a stream."""


def _web_ttl(ctx: AppContext) -> int:
    return ctx.settings.web_access_token_ttl


# -- sign-up, login, tokens ---------------------------------------------------------------------


@router.post("/auth/check-email")
def check_email(body: EmailIn, ctx: Ctx) -> dict[str, bool]:
    return {"exists": port.remote.email_exists(ctx, email=body.email)}


@router.post("/auth/request-verification")
def request_verification(body: SignupIn, ctx: Ctx) -> dict[str, str]:
    if not (body.username and body.email and body.password):
        raise UsageError("username, email and password are required")
    if not port.remote.verification_required(ctx):
        port.remote.register(ctx, username=body.username, email=body.email, password=body.password)
        return {"message": "Account created: log in"}
    port.remote.request_verification(
        ctx, username=body.username, email=body.email, password=body.password
    )
    return {"message": "Verification email sent"}


@router.post("/users", status_code=201)
def verify_user(body: TokenIn, ctx: Ctx, request: Request) -> dict[str, Any]:
    if not body.token:
        raise UsageError("Missing token")
    user = port.remote.complete_verification(ctx, token=body.token)
    pair = port.remote.issue_for_new_user(
        ctx, user, client=client_address(request), ttl=_web_ttl(ctx)
    )
    return {
        "user_id": user.id,
        "username": user.username,
        "email": user.email,
        "jwtoken": pair.access_token,
    }


@router.post("/auth/login")
def login(body: LoginIn, ctx: Ctx, throttle: Throttle, request: Request) -> dict[str, Any]:
    if not body.email or not body.password:
        raise UsageError("email and password are required")
    address = client_address(request)
    address_throttle.check(throttle, address)
    try:
        pair = port.remote.login(
            ctx,
            identifier=body.email,
            password=body.password,
            client=address,
            ttl_seconds=_web_ttl(ctx),
        )
    except AuthError as exc:
        if "too many" in exc.message:
            raise
        raise AuthError("Authentication failed.") from None
    return {
        "user_id": pair.user.id,
        "username": pair.user.username,
        "jwtoken": pair.access_token,
        "refresh_token": pair.refresh_token,
    }


@router.post("/auth/token")
def refresh(
    body: RefreshIn,
    ctx: Ctx,
    throttle: Throttle,
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    with address_throttle.failures_counted(throttle, client_address(request)):
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip() or body.user_id is None:
            raise AuthError("missing refresh token or user_id")
        pair = port.remote.refresh(
            ctx, refresh_token=token.strip(), ttl_seconds=_web_ttl(ctx), user_id=body.user_id
        )
    return {"id": pair.user.id, "jwtoken": pair.access_token, "refresh_token": pair.refresh_token}


@router.post("/auth/request-reset")
def request_reset(body: EmailIn, ctx: Ctx, throttle: Throttle, request: Request) -> dict[str, str]:
    address_throttle.check(throttle, client_address(request))
    port.remote.request_reset_link(ctx, email=body.email)
    return {"message": "If an account uses that email, a reset link has been sent"}


@router.post("/auth/reset-password")
def reset_password(body: ResetIn, ctx: Ctx) -> dict[str, str]:
    if not body.token:
        raise AuthError("invalid or expired reset link")
    port.remote.reset_password(ctx, token=body.token, new_password=body.new_password)
    return {"message": "Password has been reset"}


@router.delete("/users/delete/{user_id}")
def delete_user(user_id: IdPath, ctx: Ctx, caller: CurrentCaller) -> dict[str, str]:
    if user_id != caller.user.id:
        from interviewer_tui.errors import NotFoundError

        raise NotFoundError("user not found")
    port.remote.delete_account(ctx, caller, password=None)
    return {"message": "Account deleted"}


# -- dashboard and interviews -------------------------------------------------------------------


@router.get("/user/dashboard")
def dashboard(ctx: Ctx, caller: CurrentCaller) -> dict[str, Any]:
    rows = port.list_interviews(ctx, caller, status=None, search=None, limit=100, offset=0)
    today = port.remote.usage_today(ctx, user_id=caller.user.id)
    past = [
        {
            "id": r.id,
            "started_at": r.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            # an unfinished interview has no final score yet: show its running score, as its
            # own page (GET /interviews/{id}) does, not a 0 that drags the client's chart down
            "score": r.score if r.score is not None else score_percent(port.get(ctx, caller, r.id)),
        }
        for r in rows
    ]
    return {
        "email": caller.user.email,
        "plan": "free",
        "status": "inactive",
        "subscription_start_date": None,
        "subscription_end_date": None,
        "individual_credits": today.interviews_left,
        "subscription_credits": 0,
        "past_interviews": past or None,
    }


@router.post("/interviews", status_code=201)
def start(body: StartIn, ctx: Ctx, caller: CurrentCaller) -> dict[str, Any]:
    options = normalise_options(job_description=body.job_description or None)
    runner = port.start(ctx, caller, options)
    try:
        port.advance(ctx, caller, runner, _ignore)
        first = next(
            (m.content for m in reversed(runner.transcript()) if m.author == "interviewer"), ""
        )
    finally:
        runner.release()
    return {
        "interview_id": runner.interview_id,
        "first_question": first,
        "conversation_id": runner.interview_id,
    }


@router.get("/interviews/{interview_id}")
def read_interview(interview_id: IdPath, ctx: Ctx, caller: CurrentCaller) -> dict[str, Any]:
    detail = port.get(ctx, caller, interview_id)
    return {"interview": interview_shape(detail, user_id=caller.user.id)}


@router.get("/conversations/{interview_id}")
def read_conversation(interview_id: IdPath, ctx: Ctx, caller: CurrentCaller) -> dict[str, Any]:
    return {"conversation": conversation_shape(port.get(ctx, caller, interview_id))}


def _answer(ctx: AppContext, caller: port.Caller, interview_id: int, body: MessageIn) -> Any:
    if not body.message or not body.message.strip():
        raise UsageError("Missing message")
    try:
        runner = port.open_runner(ctx, caller, interview_id)
    except ConflictError as exc:
        detail = port.get(ctx, caller, interview_id)
        if detail.summary.status in ("completed", "abandoned"):
            raise ConflictError(NOT_ACTIVE) from None
        raise exc
    try:
        if not runner.awaiting_answer:
            port.advance(ctx, caller, runner, _ignore)  # a model step left pending by a crash
        if runner.finished:
            raise ConflictError(NOT_ACTIVE)
        port.remote.check_quota(ctx, user_id=caller.user.id)
        runner.answer(body.message)
        port.advance(ctx, caller, runner, _ignore)
    finally:
        runner.release()
    detail = port.get(ctx, caller, interview_id)
    return SafeJSONResponse({"conversation": conversation_shape(detail)}, status_code=201)


@router.post("/conversations/create/{interview_id}", status_code=201)
def create_conversation(
    interview_id: IdPath, body: MessageIn, ctx: Ctx, caller: CurrentCaller
) -> Any:
    return _answer(ctx, caller, interview_id, body)


@router.post("/conversations/append/{interview_id}", status_code=201)
def append_conversation(
    interview_id: IdPath, body: MessageIn, ctx: Ctx, caller: CurrentCaller
) -> Any:
    return _answer(ctx, caller, interview_id, body)


# -- what needs outside services ----------------------------------------------------------------


@router.post("/payment/checkout")
@router.post("/payment/cancel")
@router.post("/payment/resume")
@router.post("/payment/change-plan")
def payments() -> SafeJSONResponse:
    return SafeJSONResponse(
        {
            "error": "payments are not available on this server: interviews are free up to the "
            "daily quota"
        },
        status_code=501,
    )


@router.post("/auth/github")
def github() -> SafeJSONResponse:
    return SafeJSONResponse(
        {"error": "GitHub login is not available on this server"}, status_code=501
    )
