"""`interviewer serve`: run the HTTP server (FastAPI on uvicorn) over this configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 exposes it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
    ssl_certfile: Annotated[
        Path | None, typer.Option(help="TLS certificate (PEM); serve HTTPS with --ssl-keyfile.")
    ] = None,
    ssl_keyfile: Annotated[Path | None, typer.Option(help="TLS private key (PEM).")] = None,
) -> None:
    """Serve the /v1 API, the reference web client's /api and /docs; stops cleanly on SIGTERM."""
    import uvicorn

    from interviewer_tui.commands.common import build_context, err
    from interviewer_tui.core.redact import mask_url

    ctx = build_context()
    settings = ctx.settings
    if (ssl_certfile is None) != (ssl_keyfile is None):
        raise typer.BadParameter("give both --ssl-certfile and --ssl-keyfile, or neither")
    if settings.web_client_dir is not None:
        from interviewer_tui.server.web_client import check_build

        check_build(settings.web_client_dir)  # exit 2 now rather than a traceback per worker
    _ = ctx.engine  # fail fast (exit 5) on an unreachable database, before binding the port
    ctx.close()
    scheme = "https" if ssl_certfile else "http"
    err(
        f"interviewer serve: {scheme}://{host}:{port} · database "
        f"{mask_url(settings.effective_database_url)} · {workers} worker(s) · "
        f"{'offline interviewer' if settings.use_offline else settings.model}"
    )
    uvicorn.run(
        "interviewer_tui.server.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=LOG_CONFIG,
        ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
        ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
        timeout_graceful_shutdown=35,
        server_header=False,
    )


LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(message)s"},
        "server": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        },
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "stream": "ext://sys.stderr",
        },
    },
    "loggers": {
        "interviewer.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        "interviewer.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "uvicorn": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
    },
}
