"""Every failure as a JSON body `{"error": "..."}` with a fitting 4xx status: the use cases'
errors, FastAPI's validation errors, unknown routes and methods. A bug becomes a bare 500 with
no trace in the body (the trace goes to the server log)."""

from __future__ import annotations

import logging
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
        return error_response(status, exc.message, **headers)

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
