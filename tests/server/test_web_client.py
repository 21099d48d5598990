"""What a browser client meets, against a real server process: CORS on every refusal, the web
client's build served at / with the single-page-app fallback, and error texts that name the
HTTP request to make next instead of a CLI command."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from interviewer_tui.errors import AuthError, ConflictError, DatabaseError, NotFoundError
from interviewer_tui.server.errors import SMTP_MISSING, for_http
from tests.server.conftest import Server, server_env, start_server
from tests.support.cli import interviewer_script

ORIGIN = "http://localhost:5173"
INDEX = "<!doctype html><title>interviewer web client</title><div id=root></div>"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def browser_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("webclient")
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "app.js").write_text("console.log('client')")
    (root / "secret.txt").write_text("outside the build")
    env = server_env(
        root / "home",
        f"sqlite:///{root / 'server.db'}",
        INTERVIEWER_CORS_ORIGINS=ORIGIN,
        INTERVIEWER_SERVER_MAX_BODY_BYTES="2048",
        INTERVIEWER_WEB_CLIENT_DIR=str(dist),
    )
    srv = start_server(env, root / "server.log")
    yield srv
    srv.stop()


def test_refused_bodies_carry_cors_headers_so_the_client_can_read_them(
    browser_server: Server,
) -> None:
    with browser_server.client() as c:
        big = c.post(
            "/api/auth/login",
            content=b'{"email": "' + b"a" * 4000 + b'"}',
            headers={"Origin": ORIGIN, "Content-Type": "application/json"},
        )
        assert big.status_code == 413
        assert big.headers["access-control-allow-origin"] == ORIGIN
        assert "larger than 2048 bytes" in big.json()["error"]
        assert big.headers["x-content-type-options"] == "nosniff"  # still stamped

        form = c.post(
            "/api/auth/login",
            content=b"email=a&password=b",
            headers={"Origin": ORIGIN, "Content-Type": "application/x-www-form-urlencoded"},
        )
        assert form.status_code == 415
        assert form.headers["access-control-allow-origin"] == ORIGIN
        assert form.json() == {"error": "send the request body as application/json"}

        preflight = c.options(
            "/api/auth/login",
            headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 200
        assert preflight.headers["x-frame-options"] == "DENY"
    preflight_line = '"method":"OPTIONS","path":"/api/auth/login","status":200'
    refusal_line = '"path":"/api/auth/login","status":413'
    log = browser_server.log_with(preflight_line, refusal_line)
    assert preflight_line in log
    assert refusal_line in log


def test_the_web_client_is_served_with_its_routes_falling_back_to_index_html(
    browser_server: Server,
) -> None:
    with browser_server.client() as c:
        for path in ("/", "/dashboard", "/interview", "/verify-email?token=abc", "/login"):
            r = c.get(path)
            assert r.status_code == 200, (path, r.status_code)
            assert r.text == INDEX, path
            assert r.headers["content-type"].startswith("text/html")
            # the page may load its own scripts and styles; it may still not be framed
            assert r.headers["content-security-policy"] == "frame-ancestors 'none'"
        script = c.get("/assets/app.js")
        assert script.status_code == 200 and "console.log" in script.text
        # the API never falls back to the page
        for path in ("/api/nothing-here", "/v1/nothing-here", "/api", "/v1"):
            r = c.get(path)
            assert r.status_code == 404 and r.json() == {"error": "not found"}, path
            assert "default-src 'none'" in r.headers["content-security-policy"]
        assert c.post("/dashboard", json={}).status_code == 405
        assert "outside the build" not in c.get("/..%2fsecret.txt").text
        assert "outside the build" not in c.get("/assets/../../secret.txt").text
        assert c.get("/healthz").json() == {"status": "ok"}
        assert c.get("/openapi.json").json()["info"]["title"] == "interviewer"


def test_serve_refuses_a_web_client_dir_without_index_html(tmp_path: Path) -> None:
    env = server_env(
        tmp_path / "home",
        f"sqlite:///{tmp_path / 'x.db'}",
        INTERVIEWER_WEB_CLIENT_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [interviewer_script(), "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "has no index.html" in result.stderr and "Traceback" not in result.stderr


def test_errors_name_the_request_to_make_next_not_a_cli_command(browser_server: Server) -> None:
    with browser_server.client() as c:
        r = c.post("/v1/password/reset", json={"token": "bogus", "new_password": "x" * 20})
        assert r.status_code == 401, r.text
        assert "ask for a new one with POST /v1/password/forgot" in r.json()["error"]

        r = c.post("/v1/password/forgot", json={"email": "someone@example.com"})
        assert r.status_code == 400
        assert r.json()["error"] == SMTP_MISSING  # no SMTP_HOST: the operator's business
        r = c.post("/api/auth/request-reset", json={"email": "someone@example.com"})
        assert "`interviewer" not in r.text and "SMTP_HOST" not in r.text


def test_no_cli_advice_in_the_use_cases_survives_into_an_http_error() -> None:
    """Every `interviewer ...` hint written in the package, in an error, comes out as HTTP."""
    hints: set[str] = set()
    for path in (REPO / "interviewer_tui").rglob("*.py"):
        if path.parts[-2] in ("commands", "ui", "scripted") or path.name == "cli.py":
            continue  # the terminal's own shells
        text = path.read_text("utf-8")
        hints.update(re.findall(r"(?:run |see |with |see it with )?`interviewer [^`]*`", text))
    assert len(hints) >= 8, hints  # the scan finds them
    for hint in hints:
        for kind in (AuthError, NotFoundError, ConflictError):
            for compat in (False, True):
                out = for_http(kind(f"something failed: {hint}"), compat=compat)
                assert "interviewer " not in out, (hint, out)
                assert out.startswith("something failed"), (hint, out)


def test_specific_hints_become_requests() -> None:
    assert (
        for_http(
            AuthError("not logged in (the session expired): run `interviewer login`"), compat=False
        )
        == "not logged in (the session expired): log in again (POST /v1/sessions)"
    )
    assert (
        for_http(
            ConflictError("interview 7 is completed; see it with `interviewer show 7`"), compat=True
        )
        == "interview 7 is completed; read it with GET /api/interviews/7"
    )
    assert for_http(
        NotFoundError("interview 3 not found: see `interviewer history`"), compat=False
    ) == ("interview 3 not found: GET /v1/interviews lists yours")


def test_a_database_failure_names_no_database_or_host() -> None:
    exc = DatabaseError("cannot connect to PostgreSQL at db.internal:5432/interviews as app")
    out = for_http(exc, compat=False)
    assert out == "the server's database is unavailable: try again later"
