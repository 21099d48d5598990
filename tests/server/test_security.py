"""Isolation, forged tokens, quota and throttling, and bad input, against a real server process."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest

from tests.server.conftest import PASSWORD, SECRET, Server, server_env, start_server

ANSWER = "An index on the foreign key column, a B-tree, keeps the join cheap."


def _interview(server: Server, token: str) -> int:
    with server.client(token) as c:
        r = c.post("/v1/interviews", json={"offline": True, "questions": 2})
        assert r.status_code == 201, r.text
        iid = int(r.json()["id"])
    server.stream("GET", f"/v1/interviews/{iid}/events", token)
    return iid


def test_user_b_gets_404_for_each_of_user_as_resources_on_every_route(server: Server) -> None:
    token_a, login_a = server.user()
    token_b, _ = server.user()
    iid = _interview(server, token_a)
    with server.client(token_a) as c:
        before = c.get(f"/v1/interviews/{iid}/transcript").json()
    routes = [
        ("GET", f"/v1/interviews/{iid}", None),
        ("GET", f"/v1/interviews/{iid}/transcript", None),
        ("GET", f"/v1/interviews/{iid}/report", None),
        ("GET", f"/v1/interviews/{iid}/export", None),
        ("GET", f"/v1/interviews/{iid}/events", None),
        ("POST", f"/v1/interviews/{iid}/answers", {"id": "b", "text": "mine now"}),
        ("POST", f"/v1/interviews/{iid}/skip", None),
        ("POST", f"/v1/interviews/{iid}/end", None),
        ("POST", f"/v1/interviews/{iid}/pause", None),
        ("POST", f"/v1/interviews/{iid}/resume", None),
        ("DELETE", f"/v1/interviews/{iid}", None),
        ("DELETE", f"/v1/sessions/{login_a['session_id']}", None),
        ("GET", f"/api/interviews/{iid}", None),
        ("GET", f"/api/conversations/{iid}", None),
        ("POST", f"/api/conversations/create/{iid}", {"message": "mine now"}),
        (
            "POST",
            f"/api/conversations/append/{iid}",
            {"message": "mine now", "conversation_id": iid},
        ),
        ("DELETE", f"/api/users/delete/{login_a['user']['id']}", None),
    ]
    with server.client(token_b) as c:
        for method, path, body in routes:
            r = c.request(method, path, json=body)
            assert r.status_code == 404, (method, path, r.status_code, r.text)
            assert set(r.json()) == {"error"}
            assert login_a["user"]["username"] not in r.text  # nothing about the owner
    with server.client(token_a) as c:
        assert c.get("/v1/me").status_code == 200  # A's login survived
        assert c.get(f"/v1/interviews/{iid}/transcript").json() == before
        assert c.get(f"/v1/interviews/{iid}").json()["summary"]["status"] == "in_progress"
        b_list = server.client(token_b).get("/v1/interviews").json()["items"]
        assert b_list == []


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _forgeries(token: str, refresh_token: str) -> Iterator[tuple[str, str]]:
    claims = jwt.decode(token, options={"verify_signature": False})
    header = {"alg": "HS256", "typ": "at+jwt"}
    yield "other secret", jwt.encode(claims, "x" * 48, algorithm="HS256", headers=header)
    yield "alg none", f"{_b64({'alg': 'none', 'typ': 'at+jwt'})}.{_b64(claims)}."
    yield "refresh token as access", refresh_token
    expired = {**claims, "iat": int(time.time()) - 7200, "exp": int(time.time()) - 3600}
    yield "expired", jwt.encode(expired, SECRET, algorithm="HS256", headers=header)
    other_user = {**claims, "sub": str(int(claims["sub"]) + 1000)}
    yield (
        "someone else's id, right secret, no such login",
        jwt.encode(other_user, SECRET, algorithm="HS256", headers=header),
    )
    yield "garbage", "not-a-jwt"


def test_forged_tokens_get_401_json(server: Server) -> None:
    token, login = server.user()
    with server.client(token) as c:
        assert c.get("/v1/me").status_code == 200
    for label, forged in _forgeries(token, login["refresh_token"]):
        with server.client(forged) as c:
            for path in ("/v1/me", "/v1/interviews", "/api/user/dashboard"):
                r = c.get(path)
                assert r.status_code == 401, (label, path, r.text)
                assert r.headers["content-type"] == "application/json"
                assert set(r.json()) == {"error"}
    with server.client() as c:
        assert c.get("/v1/me").status_code == 401  # no token at all


BAD_BODIES = [
    ("invalid JSON", b'{"identifier": "x", ', "application/json"),
    ("wrong content type", b"identifier=x&password=y", "application/x-www-form-urlencoded"),
    ("NUL byte", b'{"identifier": "a\\u0000b", "password": "x"}', "application/json"),
    ("unknown field", b'{"identifier": "a", "password": "x", "admin": true}', "application/json"),
    ("not an object", b"[1, 2, 3]", "application/json"),
    (
        "huge body",
        b'{"identifier": "' + b"a" * 400_000 + b'", "password": "x"}',
        "application/json",
    ),
    ("binary", bytes(range(256)), "application/json"),
]


@pytest.mark.parametrize(("label", "body", "ctype"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_bad_input_is_a_4xx_json_error_never_a_500(
    server: Server, label: str, body: bytes, ctype: str
) -> None:
    token, _ = server.user("bad" + str(abs(hash(label)) % 10**6))
    iid = _interview(server, token)
    targets = [
        "/v1/sessions",
        "/v1/accounts",
        f"/v1/interviews/{iid}/answers",
        "/v1/interviews",
        "/api/auth/login",
        f"/api/conversations/append/{iid}",
    ]
    with server.client(token) as c:
        for path in targets:
            r = c.post(path, content=body, headers={"Content-Type": ctype})
            assert 400 <= r.status_code < 500, (label, path, r.status_code, r.text[:200])
            assert r.headers["content-type"].startswith("application/json"), (label, path)
            error = r.json()["error"]
            assert isinstance(error, str) and error and "Traceback" not in error
    # the interview is unharmed: still waiting for its first answer
    with server.client(token) as c:
        messages = c.get(f"/v1/interviews/{iid}/transcript").json()["messages"]
    assert [m["author"] for m in messages] == ["interviewer"]


def test_huge_body_is_413_and_query_nul_is_refused(server: Server) -> None:
    token, _ = server.user()
    with server.client(token) as c:
        r = c.post(
            "/v1/sessions",
            content=b"{" + b" " * 300_000 + b"}",
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code == 413 and "larger than" in r.json()["error"]
        r = c.get("/v1/interviews", params={"search": "a\x00b"})
        assert r.status_code == 422 and "NUL" in r.json()["error"]
        r = c.get("/v1/interviews/99999999999999")
        assert r.status_code == 422
        assert c.get("/v1/nothing-here").json() == {"error": "not found"}
        assert c.put("/v1/me").json() == {"error": "method not allowed"}


@pytest.fixture
def strict_server(tmp_path: Path) -> Iterator[Server]:
    env = server_env(
        tmp_path / "home",
        f"sqlite:///{tmp_path / 'strict.db'}",
        INTERVIEWER_SERVER_DAILY_INTERVIEWS="2",
        INTERVIEWER_SERVER_LOGIN_ATTEMPTS="4",
    )
    srv = start_server(env, tmp_path / "strict.log")
    yield srv
    srv.stop()


def test_daily_interview_quota_survives_deleting_interviews(strict_server: Server) -> None:
    token, _ = strict_server.user()
    with strict_server.client(token) as c:
        ids = [c.post("/v1/interviews", json={"offline": True}).json()["id"] for _ in range(2)]
        c.delete(f"/v1/interviews/{ids[0]}")
        r = c.post("/v1/interviews", json={"offline": True})
        assert r.status_code == 429 and "interviews today" in r.json()["error"]
        r = c.post("/api/interviews", json={"job_description": ""})
        assert r.status_code == 402 and r.json()["error"]
        dash = c.get("/api/user/dashboard").json()
        assert dash["individual_credits"] == 0


def test_login_attempts_are_throttled_per_address(strict_server: Server) -> None:
    _token, login = strict_server.user()  # one attempt
    name = login["user"]["username"]
    with strict_server.client() as c:
        for _ in range(3):
            r = c.post("/v1/sessions", json={"identifier": "nobody", "password": "wrong"})
            assert r.status_code == 401
        r = c.post("/v1/sessions", json={"identifier": name, "password": PASSWORD})
        assert r.status_code == 429 and "too many" in r.json()["error"]
        r = c.post("/api/auth/login", json={"email": f"{name}@example.com", "password": PASSWORD})
        assert r.status_code == 429


def test_refreshing_tokens_never_uses_up_the_addresss_login_attempts(
    strict_server: Server,
) -> None:
    """A web client refreshes every few minutes; only wrong refresh tokens count as attempts."""
    _token, login = strict_server.user()  # 1 of 4 attempts
    refresh = login["refresh_token"]
    with strict_server.client() as c:
        for _ in range(6):
            r = c.post("/v1/sessions/refresh", json={"refresh_token": refresh})
            assert r.status_code == 200, r.text
            refresh = r.json()["refresh_token"]
        for _ in range(3):  # attempts 2..4: wrong tokens
            r = c.post("/v1/sessions/refresh", json={"refresh_token": "guess" * 8})
            assert r.status_code == 401
        r = c.post("/v1/sessions/refresh", json={"refresh_token": refresh})
        assert r.status_code == 429 and "too many" in r.json()["error"]


def test_control_characters_in_answers_never_reach_a_terminal_raw(server: Server) -> None:
    token, _ = server.user()
    iid = _interview(server, token)
    hostile = "red \x1b[31mtext\x1b[0m, C1 csi \x9b31m, bidi \u202etxet, bell \x07 end"
    server.stream("POST", f"/v1/interviews/{iid}/answers", token, json={"id": "h", "text": hostile})
    with server.client(token) as c:
        for path in (f"/v1/interviews/{iid}/transcript", f"/api/conversations/{iid}"):
            r = c.get(path)
            for raw in (b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode()):
                assert raw not in r.content, (path, raw)
        answers = [
            m["content"]
            for m in c.get(f"/v1/interviews/{iid}/transcript").json()["messages"]
            if m["author"] == "candidate"
        ]
    # terminal escapes are dropped when the answer is stored; the bidi control is kept as text,
    # escaped on the wire and intact once decoded
    assert len(answers) == 1 and "\u202e" in answers[0] and "\x1b" not in answers[0]
