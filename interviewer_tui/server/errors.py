"""Every failure as a JSON body `{"error": "..."}` with a fitting 4xx status: the use cases'
errors, FastAPI's validation errors, unknown routes and methods. A bug becomes a bare 500 with
no trace in the body (the trace goes to the server log).

The use cases speak to a person at a terminal ("run `interviewer login`"); `for_http` turns that
advice into the request an HTTP client can make instead, and drops what only the server's
operator could do (a database's name and host, an SMTP setting) into the server log."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from interviewer_tui.core.plan import OptionsError
from interviewer_tui.errors import (
    AppError,
    AuthError,
    ConflictError,
    DatabaseError,
    ModelError,
    NotFoundError,
    UsageError,
    ValidationError,
)
from interviewer_tui.server.responses import SafeJSONResponse
from interviewer_tui.server.throttle import TooManyAttempts
from interviewer_tui.services.remote import QuotaError

if TYPE_CHECKING:
    from fastapi import FastAPI, Request

log = logging.getLogger("interviewer.server")


def _compat(request: Request) -> bool:
    """The reference client's routes answer Go-style: 400 for bad input, 402 for no credits."""
    return request.url.path.startswith("/api/")


# CLI advice -> (the same through /v1, through the reference client's /api)
_HINTS: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"run `interviewer login`", re.I),
        "log in again (POST /v1/sessions)",
        "log in again (POST /api/auth/login)",
    ),
    (
        re.compile(r"`interviewer password forgot`"),
        "POST /v1/password/forgot",
        "POST /api/auth/request-reset",
    ),
    (
        re.compile(r"`interviewer password reset`"),
        "POST /v1/password/reset",
        "POST /api/auth/reset-password",
    ),
    (
        re.compile(r"see it with `interviewer show (\d+)`"),
        r"read it with GET /v1/interviews/\1",
        r"read it with GET /api/interviews/\1",
    ),
    (
        re.compile(r"see `interviewer history`"),
        "GET /v1/interviews lists yours",
        "GET /api/user/dashboard lists yours",
    ),
    (
        re.compile(r"see `interviewer sessions`"),
        "GET /v1/sessions lists them",
        "GET /v1/sessions lists them",
    ),
    (
        re.compile(r"with `interviewer sessions --revoke`"),
        "with DELETE /v1/sessions/{id}",
        "with DELETE /v1/sessions/{id}",
    ),
    (
        re.compile(r"see `interviewer topics`"),
        "GET /v1/topics lists them",
        "GET /v1/topics lists them",
    ),
]
# whatever advice is left names a command only the server's operator could run: drop it
_LEFTOVER = re.compile(r"\s*[(:;,]?\s*(?:run |see |with |answer it, or )?`interviewer [^`]*`\)?")
OPERATOR_ONLY = {
    DatabaseError: "the server's database is unavailable: try again later",
}
SMTP_MISSING = "password reset by email is not set up on this server: ask its operator"


def for_http(exc: AppError, *, compat: bool) -> str:
    """The error's message as an HTTP client can act on it (see the module docstring)."""
    from interviewer_tui.services.mailer import SMTP_HELP

    for kind, text in OPERATOR_ONLY.items():
        if isinstance(exc, kind):
            log.error("%s: %s", type(exc).__name__, exc.message)  # the operator's to read
            return text
    message = exc.message
    if message == SMTP_HELP:
        return SMTP_MISSING
    for pattern, v1, api in _HINTS:
        message = pattern.sub(api if compat else v1, message)
    return _LEFTOVER.sub("", message)


def error_response(status: int, message: str, **headers: str) -> JSONResponse:
    return SafeJSONResponse({"error": message}, status_code=status, headers=headers or None)


def status_for(exc: AppError, *, compat: bool) -> int:
    if isinstance(exc, TooManyAttempts):
        return 429
    if isinstance(exc, QuotaError):
        return 402 if compat else 429
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ConflictError):
        return 409
    if isinstance(exc, ValidationError):
        return 400 if compat else 422
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, AuthError):
        return 401
    if isinstance(exc, ModelError):
        return 502
    if isinstance(exc, DatabaseError):
        return 503
    return 500


def install(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError) -> JSONResponse:
        status = status_for(exc, compat=_compat(request))
        if status == 500:
            log.error("unexpected application error: %s", type(exc).__name__)
            return error_response(500, "internal server error")
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
        return error_response(status, for_http(exc, compat=_compat(request)), **headers)

    @app.exception_handler(OptionsError)
    async def options_error(request: Request, exc: OptionsError) -> JSONResponse:
        return error_response(400 if _compat(request) else 422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        message = "invalid request: " + "; ".join(problems)
        return error_response(400 if _compat(request) else 422, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        message = {404: "not found", 405: "method not allowed"}.get(exc.status_code, detail)
        return error_response(exc.status_code, message, **(exc.headers or {}))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal server error")
