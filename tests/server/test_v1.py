"""/v1 through a real uvicorn process: accounts, an interview streamed as SSE, idempotent answers,
Last-Event-ID resume, history, transcript, report, export; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid

from tests.server.conftest import PASSWORD, Server

ANSWER = (
    "I would put a B-tree index on the email column so equality lookups are O(log n), "
    "measure with EXPLAIN ANALYZE, and keep the write overhead in mind."
)


def _start(server: Server, token: str, **options: object) -> int:
    with server.client(token) as c:
        r = c.post("/v1/interviews", json={"offline": True, "questions": 2, **options})
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"/v1/interviews/{r.json()['id']}"
    return int(r.json()["id"])


def test_a_whole_interview_streams_in_the_json_event_vocabulary(server: Server) -> None:
    token, login = server.user()
    assert login["token_type"] == "bearer" and login["refresh_token"]
    iid = _start(server, token, topics=["databases", "caching"])

    first = server.stream("GET", f"/v1/interviews/{iid}/events", token)
    assert [e.event for e in first] == ["question"]
    q1 = first[0]
    assert q1.id is not None and q1.data["event"] == "question"
    assert q1.data["interview_id"] == iid
    assert {"number": 1, "total": 2, "topic": "databases"}.items() <= q1.data.items()
    assert q1.data["text"].strip()

    turn = server.stream(
        "POST", f"/v1/interviews/{iid}/answers", token, json={"id": "a-1", "text": ANSWER}
    )
    names = [e.event for e in turn]
    assert names[0] == "answer" and "feedback" in names
    assert names[-1] in ("question", "followup")
    answer = turn[0].data
    assert answer == {
        "event": "answer",
        "interview_id": iid,
        "number": 1,
        "seq": answer["seq"],
        "kind": "answer",
    }
    feedback = next(e.data for e in turn if e.event == "feedback")
    assert 0 <= feedback["score"] <= 10 and feedback["band"] in ("pass", "borderline", "fail")
    assert isinstance(feedback["covered"], list) and isinstance(feedback["missed"], list)
    ids = [int(e.id) for e in turn if e.id is not None]
    assert ids == sorted(ids) and ids[0] == answer["seq"]

    # answer until the report; each answer streams until the candidate's turn
    events = turn
    n = 2
    while events[-1].event != "report":
        events = server.stream(
            "POST", f"/v1/interviews/{iid}/answers", token, json={"id": f"a-{n}", "text": ANSWER}
        )
        n += 1
        assert n < 10
    report = events[-1].data
    assert report["answered"] >= 1 and report["provider"] == "offline"
    assert {q["number"] for q in report["questions"]} == {1, 2}

    with server.client(token) as c:
        detail = c.get(f"/v1/interviews/{iid}").json()
        assert detail["summary"]["status"] == "completed"
        assert (
            c.get(f"/v1/interviews/{iid}/report").json()["overall_percent"]
            == (report["overall_percent"])
        )
        transcript = c.get(f"/v1/interviews/{iid}/transcript").json()["messages"]
        assert [m["seq"] for m in transcript] == list(range(1, len(transcript) + 1))
        md = c.get(f"/v1/interviews/{iid}/export")
        assert md.headers["content-type"].startswith("text/markdown") and ANSWER[:40] in md.text
        js = c.get(f"/v1/interviews/{iid}/export", params={"format": "json"})
        assert js.headers["content-type"].startswith("application/json")
        assert json.loads(js.text)
        # a finished interview cannot be answered again
        r = c.post(f"/v1/interviews/{iid}/answers", json={"id": "late", "text": "more"})
        assert r.status_code == 409 and r.json()["error"]


def test_a_retried_answer_returns_the_stored_result_never_a_second_answer(server: Server) -> None:
    token, _ = server.user()
    iid = _start(server, token)
    server.stream("GET", f"/v1/interviews/{iid}/events", token)
    key = str(uuid.uuid4())
    first = server.stream(
        "POST", f"/v1/interviews/{iid}/answers", token, json={"id": key, "text": ANSWER}
    )
    retry = server.stream(
        "POST", f"/v1/interviews/{iid}/answers", token, json={"id": key, "text": "other text"}
    )
    assert [(e.event, e.id, e.data) for e in retry] == [(e.event, e.id, e.data) for e in first]
    with server.client(token) as c:
        messages = c.get(f"/v1/interviews/{iid}/transcript").json()["messages"]
    answers = [m for m in messages if m["author"] == "candidate"]
    assert [a["content"] for a in answers] == [ANSWER]


def test_a_retried_create_returns_the_interview_it_created_never_a_second(
    server: Server,
) -> None:
    """POST /v1/interviews with a client-chosen id, sent again (the answer was lost on the way):
    200 with the same interview, no second row, no second interview off the day's quota; the id
    is the user's own (another user's same id is another interview)."""
    token, _ = server.user()
    key = str(uuid.uuid4())
    body = {"id": key, "offline": True, "questions": 2}
    with server.client(token) as c:
        before = c.get("/v1/dashboard").json()["usage"]["interviews_today"]
        first = c.post("/v1/interviews", json=body)
        again = c.post("/v1/interviews", json={**body, "questions": 3})
        assert first.status_code == 201, first.text
        assert again.status_code == 200, again.text
        assert again.json() == first.json()
        assert again.headers["location"] == first.headers["location"]
        listed = c.get("/v1/interviews").json()["items"]
        assert [i["id"] for i in listed] == [first.json()["id"]]
        assert c.get("/v1/dashboard").json()["usage"]["interviews_today"] == before + 1
        fresh = c.post("/v1/interviews", json={**body, "id": str(uuid.uuid4())})
        assert fresh.status_code == 201 and fresh.json()["id"] != first.json()["id"]
    other, _ = server.user()
    with server.client(other) as c:
        theirs = c.post("/v1/interviews", json=body)
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]


def test_the_same_create_sent_at_once_makes_one_interview_off_the_quota_once(
    server: Server,
) -> None:
    """A client that gave up waiting and sent again while the first request still ran: the
    requests race, and still make one interview and take one off the day's quota."""
    from concurrent.futures import ThreadPoolExecutor

    token, _ = server.user()
    body = {"id": str(uuid.uuid4()), "offline": True, "questions": 2}
    with server.client(token) as c:
        before = c.get("/v1/dashboard").json()["usage"]["interviews_today"]

    def send(_: int) -> tuple[int, int]:
        with server.client(token) as c:
            r = c.post("/v1/interviews", json=body)
        assert r.status_code in (200, 201), r.text
        return r.status_code, int(r.json()["id"])

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(send, range(6)))
    assert len({iid for _, iid in results}) == 1, results
    assert sorted(code for code, _ in results) == [200] * 5 + [201]
    with server.client(token) as c:
        assert len(c.get("/v1/interviews").json()["items"]) == 1
        assert c.get("/v1/dashboard").json()["usage"]["interviews_today"] == before + 1


def test_retried_practice_and_retry_requests_create_one_interview_each(server: Server) -> None:
    """Practice sessions and retries are interviews too: sent again with the same id (the answer
    was lost on the way), they answer 200 with what the first request made."""
    token, _ = server.user()
    iid = _start(server, token)
    server.stream("GET", f"/v1/interviews/{iid}/events", token)
    weak = {"id": "w", "text": "I would probably look at it somehow, not sure."}
    server.stream("POST", f"/v1/interviews/{iid}/answers", token, json=weak)
    with server.client(token) as c:
        before = c.get("/v1/dashboard").json()["usage"]["interviews_today"]
        for path, body in (
            (f"/v1/interviews/{iid}/retry", {"question_number": 1, "offline": True}),
            ("/v1/practice", {"count": 1, "ahead_days": 365, "offline": True}),
        ):
            key = str(uuid.uuid4())
            first = c.post(path, json={**body, "id": key})
            assert first.status_code == 201, (path, first.text)
            again = c.post(path, json={**body, "id": key})
            assert again.status_code == 200, (path, again.text)
            assert again.json()["id"] == first.json()["id"]
            assert again.headers["location"] == first.headers["location"]
        listed = [i["id"] for i in c.get("/v1/interviews").json()["items"]]
        assert len(listed) == 3  # the interview, one retry, one practice session
        assert c.get("/v1/dashboard").json()["usage"]["interviews_today"] == before + 2


def test_a_dropped_stream_resumes_after_last_event_id(server: Server) -> None:
    token, _ = server.user()
    iid = _start(server, token)
    q1 = server.stream("GET", f"/v1/interviews/{iid}/events", token)
    turn = server.stream(
        "POST", f"/v1/interviews/{iid}/answers", token, json={"id": "x", "text": ANSWER}
    )
    # the client saw only the answer event, then the connection dropped
    resumed = server.stream(
        "GET", f"/v1/interviews/{iid}/events", token, headers={"Last-Event-ID": turn[0].id or ""}
    )
    assert [(e.event, e.id) for e in resumed] == [(e.event, e.id) for e in turn[1:]]
    # from the beginning: everything stored, in order, with the same ids
    everything = server.stream("GET", f"/v1/interviews/{iid}/events", token)
    assert [e.id for e in everything] == [e.id for e in q1 + turn]


def test_skip_end_pause_and_resume(server: Server) -> None:
    token, _ = server.user()
    iid = _start(server, token, questions=3)
    server.stream("GET", f"/v1/interviews/{iid}/events", token)
    skipped = server.stream("POST", f"/v1/interviews/{iid}/skip", token)
    assert skipped[0].event == "answer" and skipped[0].data["kind"] == "skip"
    assert skipped[-1].event == "question" and skipped[-1].data["number"] == 2
    with server.client(token) as c:
        r = c.post(f"/v1/interviews/{iid}/pause")
        assert r.status_code == 200 and r.json()["status"] == "paused"
    resumed = server.stream("POST", f"/v1/interviews/{iid}/resume", token)
    assert resumed[-1].event == "question" and resumed[-1].data["number"] == 2
    server.stream("POST", f"/v1/interviews/{iid}/answers", token, json={"id": "1", "text": ANSWER})
    ended = server.stream("POST", f"/v1/interviews/{iid}/end", token)
    assert ended[-1].event == "report"
    with server.client(token) as c:
        assert c.get(f"/v1/interviews/{iid}").json()["summary"]["status"] == "completed"


def test_history_filters_searches_and_pages(server: Server) -> None:
    token, _ = server.user()
    ids = [_start(server, token, difficulty=d) for d in ("easy", "hard", "hard")]
    with server.client(token) as c:
        page = c.get("/v1/interviews", params={"limit": 2}).json()
        assert [i["id"] for i in page["items"]] == ids[::-1][:2]
        assert page["next_offset"] == 2
        rest = c.get("/v1/interviews", params={"limit": 2, "offset": 2}).json()
        assert [i["id"] for i in rest["items"]] == [ids[0]] and rest["next_offset"] is None
        hard = c.get("/v1/interviews", params={"search": "hard"}).json()["items"]
        assert sorted(i["id"] for i in hard) == sorted(ids[1:])
        progress = c.get("/v1/interviews", params={"status": "in_progress"}).json()["items"]
        assert len(progress) == 3
        assert c.get("/v1/interviews", params={"status": "completed"}).json()["items"] == []
        c.delete(f"/v1/interviews/{ids[0]}")
        assert c.get(f"/v1/interviews/{ids[0]}").status_code == 404
        board = c.get("/v1/dashboard").json()
        assert board["usage"]["interviews_today"] == 3
        topics = c.get("/v1/topics").json()
        assert {"databases", "caching"} <= {t["id"] for t in topics}


def test_sessions_refresh_rotation_logout(server: Server) -> None:
    token, login = server.user()
    with server.client() as c:
        r = c.post("/v1/sessions/refresh", json={"refresh_token": login["refresh_token"]})
        assert r.status_code == 200
        fresh = r.json()
        assert fresh["refresh_token"] != login["refresh_token"]
        # the old refresh token again: reuse detected, the whole login ends
        r = c.post("/v1/sessions/refresh", json={"refresh_token": login["refresh_token"]})
        assert r.status_code == 401 and "reuse" in r.json()["error"]
        assert c.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
        assert (
            c.get(
                "/v1/me", headers={"Authorization": f"Bearer {fresh['access_token']}"}
            ).status_code
            == 401
        )

    token, login = server.user()
    name = login["user"]["username"]
    with server.client() as c:
        other = c.post("/v1/sessions", json={"identifier": name, "password": PASSWORD}).json()
    with server.client(token) as c:
        me = c.get("/v1/me").json()
        assert me["user"]["username"] == name
        listed = c.get("/v1/sessions").json()
        assert {s["id"] for s in listed} == {login["session_id"], other["session_id"]}
        assert [s["current"] for s in listed if s["id"] == login["session_id"]] == [True]
        assert c.delete(f"/v1/sessions/{other['session_id']}").status_code == 204
    with server.client(other["access_token"]) as c:
        assert c.get("/v1/me").status_code == 401
    with server.client(token) as c:
        assert c.post("/v1/sessions/logout").status_code == 204
        r = c.get("/v1/me")
        assert r.status_code == 401 and r.json()["error"]


def test_the_access_log_is_json_without_secrets(server: Server) -> None:
    token, login = server.user()
    with server.client(token) as c:
        c.get("/v1/me")
    lines = [line for line in server.access_log().splitlines() if line.startswith('{"ts"')]
    assert lines, server.access_log()
    records = [json.loads(line) for line in lines]
    assert {"method", "path", "status", "ms", "client"} <= records[-1].keys()
    log = server.access_log()
    for secret in (token, login["refresh_token"], PASSWORD, "s" * 48):
        assert secret not in log


def test_security_headers_and_openapi(server: Server) -> None:
    with server.client() as c:
        r = c.get("/healthz")
        assert r.json() == {"status": "ok"}
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert c.get("/readyz").json() == {"status": "ready"}
        schema = c.get("/openapi.json").json()
        assert "/v1/interviews/{interview_id}/answers" in schema["paths"]
        assert not any(p.startswith("/api") for p in schema["paths"])
        assert c.get("/docs").status_code == 200
