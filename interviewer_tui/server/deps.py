"""Per-request dependencies: the application context and the caller from the Bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from interviewer_tui.errors import AuthError
from interviewer_tui.server.port import Caller
from interviewer_tui.server.throttle import AddressThrottle
from interviewer_tui.server.turns import TurnRegistry
from interviewer_tui.services.context import AppContext

bearer = HTTPBearer(auto_error=False, description="An access token from a login.")


# The dependencies that only look something up are `async def`: FastAPI runs a plain `def`
# dependency in its threadpool, a thread hop (and a wait for a free thread under load) per
# dependency per request, for an attribute read.


def _ctx_of(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


async def get_ctx(request: Request) -> AppContext:
    return _ctx_of(request)


async def get_registry(request: Request) -> TurnRegistry:
    registry: TurnRegistry = request.app.state.turns
    return registry


async def get_throttle(request: Request) -> AddressThrottle:
    throttle: AddressThrottle = request.app.state.login_throttle
    return throttle


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    from interviewer_tui.server import port

    if credentials is None or credentials.scheme.lower() != "bearer":
        raise AuthError("missing access token: send Authorization: Bearer <token>")
    return port.remote.authenticate(_ctx_of(request), credentials.credentials)


Ctx = Annotated[AppContext, Depends(get_ctx)]
CurrentCaller = Annotated[Caller, Depends(current_caller)]
Registry = Annotated[TurnRegistry, Depends(get_registry)]
Throttle = Annotated[AddressThrottle, Depends(get_throttle)]
