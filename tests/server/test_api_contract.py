"""/api against ../shared/seed/API_CONTRACT.md: the exact fields and status codes the reference web
client reads, feedback placement, finished markers, and the mail flows through a real SMTP server."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.conftest import Server, server_env, start_server
from tests.support.mail import Mailbox
from tests.support.net import free_port

FRONTEND = "http://ui.example.test/"
PASSWORD = "a long enough passphrase"
ANSWER = (
    "I owned the order service: Go, PostgreSQL, Kafka; I split the monolith, added idempotency "
    "keys and cut p99 latency from 800 ms to 120 ms."
)
INTERVIEW_KEYS = {
    "id",
    "conversation_id",
    "user_id",
    "length",
    "number_questions",
    "number_questions_answered",
    "score_numerator",
    "score",
    "difficulty",
    "status",
    "language",
    "prompt",
    "jd_summary",
    "first_question",
    "subtopic",
    "created_at",
    "updated_at",
}
TOPIC_NAMES = [
    "Introduction",
    "Coding",
    "System Design",
    "Databases and Data Management",
    "Behavioral",
    "General Backend Knowledge",
]


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    box = Mailbox("127.0.0.1", free_port())
    controller = Controller(box, hostname=box.host, port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def api(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    mailbox: Mailbox,
    pg_database: Callable[[], str],
) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("api")
    url = f"sqlite:///{root / 'api.db'}" if request.param == "sqlite" else pg_database()
    env = server_env(
        root / "home",
        url,
        SMTP_HOST=mailbox.host,
        SMTP_PORT=str(mailbox.port),
        SMTP_STARTTLS="false",
        INTERVIEWER_FRONTEND_URL=FRONTEND,
        INTERVIEWER_CORS_ORIGINS="http://localhost:5173",
    )
    srv = start_server(env, root / "api.log")
    yield srv
    srv.stop()


def _link(box: Mailbox, route: str, to: str) -> str:
    """The token of the newest mail to `to` whose link opens `route` in the web client."""
    for envelope, body in zip(reversed(box.messages), reversed(box.bodies()), strict=True):
        if to in envelope.rcpt_tos:
            match = re.search(re.escape(FRONTEND + route) + r"\?token=(\S+)", body)
            if match:
                return match.group(1)
    raise AssertionError(f"no {route} link mailed to {to}")


def _signup(api: Server, box: Mailbox, name: str) -> dict[str, Any]:
    email = f"{name}@example.com"
    with api.client() as c:
        assert c.post("/api/auth/check-email", json={"email": email}).json() == {"exists": False}
        r = c.post(
            "/api/auth/request-verification",
            json={"username": name, "email": email, "password": PASSWORD},
        )
        assert (r.status_code, r.json()) == (200, {"message": "Verification email sent"})
        assert c.post("/api/auth/check-email", json={"email": email}).json() == {"exists": False}
        token = _link(box, "verify-email", email)
        r = c.post("/api/users", json={"token": token})
        assert r.status_code == 201, r.text
        body = r.json()
        assert set(body) == {"user_id", "username", "email", "jwtoken"}
        assert (body["username"], body["email"]) == (name, email)
        again = c.post("/api/users", json={"token": token})
        assert again.status_code == 409 and "Email already exists" in again.json()["error"]
        assert c.post("/api/auth/check-email", json={"email": email}).json() == {"exists": True}
    return body


def _login(api: Server, name: str, password: str = PASSWORD) -> dict[str, Any]:
    with api.client() as c:
        r = c.post("/api/auth/login", json={"email": f"{name}@example.com", "password": password})
    assert r.status_code == 200, r.text
    return r.json()


def _atob_payload(token: str) -> dict[str, Any]:
    """What the web client does: JSON.parse(atob(token.split(".")[1])) (plain base64 only)."""
    segment = token.split(".")[1]
    assert "-" not in segment and "_" not in segment, "atob would reject this payload"
    return json.loads(base64.b64decode(segment + "=" * (-len(segment) % 4), validate=True))


def test_sign_up_by_email_verification_then_log_in(api: Server, mailbox: Mailbox) -> None:
    verified = _signup(api, mailbox, "carol")
    claims = _atob_payload(verified["jwtoken"])
    assert isinstance(claims["exp"], int)
    assert claims["exp"] - claims["iat"] == 36000  # the web client never refreshes
    with api.client(verified["jwtoken"]) as c:
        assert c.get("/api/user/dashboard").status_code == 200

    body = _login(api, "carol")
    assert set(body) == {"user_id", "username", "jwtoken", "refresh_token"}
    assert body["user_id"] == verified["user_id"] and body["username"] == "carol"
    assert _atob_payload(body["jwtoken"])["exp"] > 0
    with api.client() as c:
        r = c.post("/api/auth/login", json={"email": "carol@example.com", "password": "wrong pw"})
        assert (r.status_code, r.json()) == (401, {"error": "Authentication failed."})
        r = c.post("/api/auth/login", json={"email": "", "password": ""})
        assert r.status_code == 400 and r.json()["error"]

        # refresh (README endpoint): Bearer refresh token + user_id, rotates
        r = c.post(
            "/api/auth/token",
            json={"user_id": body["user_id"]},
            headers={"Authorization": f"Bearer {body['refresh_token']}"},
        )
        assert r.status_code == 200
        fresh = r.json()
        assert set(fresh) == {"id", "jwtoken", "refresh_token"} and fresh["id"] == body["user_id"]
        r = c.post(
            "/api/auth/token",
            json={"user_id": body["user_id"] + 1},
            headers={"Authorization": f"Bearer {fresh['refresh_token']}"},
        )
        assert r.status_code == 401


def test_dashboard_interview_and_conversation_shapes(api: Server, mailbox: Mailbox) -> None:
    _signup(api, mailbox, "dave")
    token = _login(api, "dave")["jwtoken"]
    with api.client(token) as c:
        dash = c.get("/api/user/dashboard").json()
        assert dash == {
            "email": "dave@example.com",
            "plan": "free",
            "status": "inactive",
            "subscription_start_date": None,
            "subscription_end_date": None,
            "individual_credits": 20,
            "subscription_credits": 0,
            "past_interviews": None,
        }
        r = c.post("/api/interviews", json={"job_description": ""})
        assert r.status_code == 201, r.text
        started = r.json()
        assert set(started) == {"interview_id", "first_question", "conversation_id"}
        iid = started["interview_id"]
        assert started["first_question"].strip()
        assert c.get("/api/user/dashboard").json()["individual_credits"] == 19

        interview = c.get(f"/api/interviews/{iid}").json()["interview"]
        assert set(interview) == INTERVIEW_KEYS
        assert interview["status"] == "active"
        assert interview["first_question"] == started["first_question"]
        assert interview["conversation_id"] == started["conversation_id"]

        conv = c.get(f"/api/conversations/{iid}").json()["conversation"]
        assert list(conv["topics"]) == ["1", "2", "3", "4", "5", "6"]
        assert [t["name"] for t in conv["topics"].values()] == TOPIC_NAMES
        q1 = conv["topics"]["1"]["questions"]["1"]
        assert q1["prompt"] == started["first_question"]
        assert not [m for m in q1["messages"] if m["author"] == "user"]
        assert all(t["questions"] == {} for k, t in conv["topics"].items() if k != "1")
        assert conv["id"] == started["conversation_id"]

        r = c.post(f"/api/conversations/create/{iid}", json={"message": ""})
        assert (r.status_code, r.json()) == (400, {"error": "Missing message"})

        r = c.post(f"/api/conversations/create/{iid}", json={"message": ANSWER})
        assert r.status_code == 201, r.text
        conv = r.json()["conversation"]
        flat = _flatten(conv)
        assert flat[0]["prompt"] == started["first_question"]
        assert flat[0]["user"] == ANSWER
        # feedback for answer 1 is the first interviewer-JSON message of the NEXT question
        assert flat[0]["feedback"] is None
        fb = flat[1]["feedback"]
        assert fb is not None and isinstance(fb["feedback"], str) and fb["feedback"]
        assert isinstance(fb["score"], int) and 0 <= fb["score"] <= 10
        assert conv["current_topic"] != 0 and conv["current_subtopic"] != "finished"
        # an interview in progress: the dashboard's score is the interview's running score
        running = c.get(f"/api/interviews/{iid}").json()["interview"]["score"]
        assert running == fb["score"] * 10
        listed = c.get("/api/user/dashboard").json()["past_interviews"]
        assert [(p["id"], p["score"]) for p in listed] == [(iid, running)]

        # answer to the end through append (the client sends conversation_id; it is ignored)
        for _ in range(40):
            if conv["current_subtopic"] == "finished":
                break
            r = c.post(
                f"/api/conversations/append/{iid}",
                json={"conversation_id": started["conversation_id"], "message": ANSWER},
            )
            assert r.status_code == 201, r.text
            conv = r.json()["conversation"]
        assert (
            conv["current_topic"],
            conv["current_subtopic"],
            conv["current_question_number"],
        ) == (
            0,
            "finished",
            0,
        )
        flat = _flatten(conv)
        answered = [q for q in flat if q["user"] is not None]
        assert len([q for q in flat if q["feedback"]]) >= 11
        last = flat[-1]
        assert last["user"] is not None
        assert (
            last["own_feedback"] is not None
        )  # the final feedback sits on the last question itself
        assert all(q["topic"] in range(1, 7) for q in answered)
        assert {q["topic"] for q in answered} == {1, 2, 3, 4, 5, 6}

        interview = c.get(f"/api/interviews/{iid}").json()["interview"]
        assert interview["status"] == "finished"
        assert 0 <= interview["score"] <= 100
        r = c.post(f"/api/conversations/append/{iid}", json={"message": "one more"})
        assert (r.status_code, r.json()) == (409, {"error": "Interview is not active"})

        dash = c.get("/api/user/dashboard").json()
        assert dash["past_interviews"] == [
            {"id": iid, "started_at": interview["created_at"], "score": interview["score"]}
        ]


def _flatten(conv: dict[str, Any]) -> list[dict[str, Any]]:
    """What flattenConversation.jsx makes of it: per question (topics and questions sorted
    numerically) its prompt, first user message, and the first interviewer-JSON message."""
    out: list[dict[str, Any]] = []
    for tkey in sorted(conv["topics"], key=int):
        topic = conv["topics"][tkey]
        for qkey in sorted(topic["questions"], key=int):
            q = topic["questions"][qkey]
            user = next((m["content"] for m in q["messages"] if m["author"] == "user"), None)
            jsons = [
                json.loads(m["content"])
                for m in q["messages"]
                if m["author"] == "interviewer" and m["content"].startswith("{")
            ]
            out.append(
                {
                    "topic": int(tkey),
                    "prompt": q["prompt"],
                    "user": user,
                    "feedback": jsons[0] if jsons and _before_user(q) else None,
                    "own_feedback": jsons[-1] if jsons and not _before_user(q, last=True) else None,
                }
            )
    return out


def _before_user(q: dict[str, Any], *, last: bool = False) -> bool:
    """Whether the (first or last) JSON message comes before the question's user message."""
    kinds = [
        ("json" if m["author"] == "interviewer" and m["content"].startswith("{") else m["author"])
        for m in q["messages"]
    ]
    if "json" not in kinds:
        return False
    index = (len(kinds) - 1 - kinds[::-1].index("json")) if last else kinds.index("json")
    return "user" not in kinds[:index]


def test_password_reset_by_emailed_link_and_account_deletion(api: Server, mailbox: Mailbox) -> None:
    _signup(api, mailbox, "erin")
    with api.client() as c:
        r = c.post("/api/auth/request-reset", json={"email": "erin@example.com"})
        assert r.status_code == 200 and r.json()["message"]
        r = c.post("/api/auth/request-reset", json={"email": "nobody@example.com"})
        assert r.status_code == 200  # the same answer for unknown addresses
        token = _link(mailbox, "reset-password", "erin@example.com")
        new = "a different long passphrase"
        r = c.post("/api/auth/reset-password", json={"token": token, "new_password": new})
        assert r.status_code == 200 and r.json()["message"]
        r = c.post("/api/auth/reset-password", json={"token": token, "new_password": new + "x"})
        assert r.status_code == 401 and r.json()["error"]
        r = c.post("/api/auth/reset-password", json={"token": "made-up", "new_password": new})
        assert r.status_code == 401
        assert (
            c.post(
                "/api/auth/login", json={"email": "erin@example.com", "password": PASSWORD}
            ).status_code
            == 401
        )
    body = _login(api, "erin", "a different long passphrase")
    with api.client(body["jwtoken"]) as c:
        r = c.delete(f"/api/users/delete/{body['user_id']}")
        assert r.status_code == 200 and r.json()["message"]
        assert c.get("/api/user/dashboard").status_code == 401
    with api.client() as c:
        r = c.post(
            "/api/auth/login",
            json={"email": "erin@example.com", "password": "a different long passphrase"},
        )
        assert r.status_code == 401
        assert c.post("/api/auth/check-email", json={"email": "erin@example.com"}).json() == {
            "exists": False
        }


def test_payments_and_github_answer_json_501(api: Server) -> None:
    with api.client() as c:
        for path, body in (
            ("/api/payment/checkout", {"tier": "individual"}),
            ("/api/payment/cancel", {}),
            ("/api/payment/resume", {}),
            ("/api/payment/change-plan", {"tier": "pro"}),
            ("/api/auth/github", {"code": "x"}),
        ):
            r = c.post(path, json=body)
            assert r.status_code == 501 and r.json()["error"], path


def test_cors_for_the_configured_origin_only(api: Server) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    with api.client() as c:
        r = c.options("/api/auth/login", headers={"Origin": "http://localhost:5173", **preflight})
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == "http://localhost:5173"
        allowed = r.headers["access-control-allow-headers"].lower()
        assert "authorization" in allowed and "content-type" in allowed
        for method in ("GET", "POST", "PATCH", "DELETE", "OPTIONS"):
            assert method in r.headers["access-control-allow-methods"]
        r = c.options("/api/auth/login", headers={"Origin": "http://evil.example", **preflight})
        assert "access-control-allow-origin" not in r.headers
        r = c.post(
            "/api/auth/check-email",
            json={"email": "x@example.com"},
            headers={"Origin": "http://localhost:5173"},
        )
        assert r.headers["access-control-allow-origin"] == "http://localhost:5173"


def test_verification_off_creates_the_account_at_once(tmp_path: Path) -> None:
    env = server_env(tmp_path / "home", f"sqlite:///{tmp_path / 'nv.db'}")  # no SMTP: auto = off
    srv = start_server(env, tmp_path / "nv.log")
    try:
        with httpx.Client(base_url=srv.base) as c:
            r = c.post(
                "/api/auth/request-verification",
                json={"username": "frank", "email": "frank@example.com", "password": PASSWORD},
            )
            assert r.status_code == 200
            r = c.post("/api/auth/login", json={"email": "frank@example.com", "password": PASSWORD})
            assert r.status_code == 200 and r.json()["username"] == "frank"
    finally:
        srv.stop()
