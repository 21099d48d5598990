"""The reference web client's built files, served at / beside the API (same origin, no CORS).

The client is a BrowserRouter single-page app: `/dashboard` or `/interview` are its routes, not
files, so any path that is not a file of the build gets its `index.html` (what the contract's
vercel.json rewrite does). API paths never fall back: an unknown `/api/...` stays a JSON 404.
"""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from interviewer_tui.errors import UsageError
from interviewer_tui.server.middleware import is_api_path


def check_build(directory: Path) -> Path:
    """The build directory, or a usage error (exit 2 from `serve`) if it holds no index.html."""
    directory = directory.expanduser()
    if not (directory / "index.html").is_file():
        raise UsageError(
            f"INTERVIEWER_WEB_CLIENT_DIR={directory} has no index.html: point it at the "
            "web client's build output (dist/)"
        )
    return directory


class WebClientFiles(StaticFiles):
    """StaticFiles with the single-page-app fallback to index.html."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=check_build(directory), html=True)

    async def get_response(self, path: str, scope: Scope) -> Response:
        if is_api_path(scope.get("path", "")):
            raise HTTPException(status_code=404)
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or scope["method"] not in ("GET", "HEAD"):
                raise
            return await super().get_response("index.html", scope)
