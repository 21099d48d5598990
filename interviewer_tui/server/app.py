"""The app factory: one FastAPI app over one application context, for `serve` and the tests.

With several workers uvicorn imports `create_app_from_env` in each process; every process is
stateless apart from what `TurnRegistry` and the login throttle keep (see their docstrings).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from interviewer_tui import __version__
from interviewer_tui.server import api_compat, errors, port, v1
from interviewer_tui.server.middleware import AccessLog, BodyLimits, BugsAsJSON
from interviewer_tui.server.responses import SafeJSONResponse
from interviewer_tui.server.throttle import AddressThrottle
from interviewer_tui.server.turns import TurnRegistry
from interviewer_tui.services.context import AppContext

DRAIN_SECONDS = 30.0
log = logging.getLogger("interviewer.server")


def create_app(ctx: AppContext) -> FastAPI:
    settings = ctx.settings
    registry = TurnRegistry()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(lambda: ctx.engine)  # connect (and migrate SQLite) before serving
        await run_in_threadpool(port.warm_up, ctx)
        try:
            yield
        finally:
            left = await run_in_threadpool(registry.drain, DRAIN_SECONDS)
            if left:
                log.warning("%d turn(s) still running at exit: their answers are saved", left)
            ctx.close()

    app = FastAPI(
        title="interviewer",
        version=__version__,
        description="Backend interview practice: the reference web client's API under /api, "
        "our own under /v1 (running turns as Server-Sent Events).",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
        default_response_class=SafeJSONResponse,
    )
    app.state.ctx = ctx
    app.state.turns = registry
    app.state.login_throttle = AddressThrottle(settings.server_login_attempts)
    errors.install(app)
    app.include_router(v1.router)
    app.include_router(api_compat.router)

    @app.get("/healthz", tags=["ops"], include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"], include_in_schema=False)
    def readyz() -> JSONResponse:
        from sqlalchemy import text

        try:
            ctx.tx(lambda s: s.execute(text("SELECT 1")).scalar())
        except Exception:
            return JSONResponse({"status": "unavailable", "error": "database unreachable"}, 503)
        return JSONResponse({"status": "ready"})

    if settings.web_client_dir is not None:  # after every route: it answers what they do not
        from interviewer_tui.server.web_client import WebClientFiles

        app.mount("/", WebClientFiles(settings.web_client_dir), name="web-client")
    # Starlette runs the middleware added last first: AccessLog -> CORS -> BodyLimits ->
    # BugsAsJSON -> routes, so BodyLimits' refusals (413, 415) and a bug's 500 carry CORS headers
    # too (see middleware.py)
    app.add_middleware(BugsAsJSON)
    app.add_middleware(BodyLimits, max_body=settings.server_max_body_bytes)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "Last-Event-ID"],
            max_age=600,
        )
    app.add_middleware(AccessLog)
    return app


def create_app_from_env() -> FastAPI:
    """For `uvicorn --factory` (each worker process builds its own context)."""
    from interviewer_tui.config import load_settings

    return create_app(AppContext(settings=load_settings()))
