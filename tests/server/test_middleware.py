"""The middleware stack of the real app, in process: a bug is a JSON 500 a browser can read.

A route that raises is added to the app `create_app` builds; everything else (CORS, the body
limits, the access log and its security headers) is the production stack, unchanged.
"""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from tests.support.contexts import make_context

ORIGIN = "http://localhost:5173"


def test_a_bug_is_a_json_500_with_cors_headers_and_no_trace(
    tmp_path: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from interviewer_tui.server.app import create_app

    monkeypatch.setenv("INTERVIEWER_CORS_ORIGINS", ORIGIN)
    ctx = make_context(f"sqlite:///{tmp_path}/bug.db", monkeypatch)
    app = create_app(ctx)

    @app.get("/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret detail from deep inside")

    with (
        caplog.at_level(logging.ERROR, "interviewer.server"),
        TestClient(app, raise_server_exceptions=False) as client,
    ):
        r = client.get("/v1/boom", headers={"Origin": ORIGIN})
    assert r.status_code == 500
    assert r.json() == {"error": "internal server error"}
    assert r.headers["access-control-allow-origin"] == ORIGIN  # the browser may read it
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "secret detail" not in r.text
    assert "secret detail from deep inside" in caplog.text  # the trace went to the server log
