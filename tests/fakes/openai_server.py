"""A local OpenAI-compatible server for tests and benchmarks, driven through the real `openai` SDK.

Serves `POST /v1/chat/completions` (streaming SSE and plain JSON), answers `json_schema` requests
with schema-valid JSON (plausible grades from the answer's length), reports `usage`, records every
request, and fails on demand from a queue of scripted faults that can target the turn calls or the
structured (grading/report) calls.

In-process (pytest):

    with FakeOpenAIServer() as server:
        server.inject("429", retry_after=0.01)        # next request of any kind
        server.inject("500", times=9, on="structured") # the evaluation calls
        ... OpenAI(base_url=server.base_url, api_key="test") ...
        server.requests[-1].body

As a process (CLI tests, benchmarks):

    python -m tests.fakes.openai_server --port 0 --script "429@turn;cut@turn" --instant
    # prints "READY http://127.0.0.1:PORT/v1" on stdout, then serves until SIGTERM/SIGINT;
    # FakeServerControl(base_url) then injects faults and reads requests over HTTP.

Fault spec (the `--script` mini-language, also `inject_script`): `KIND[*TIMES][@ON][:k=v,...]`
separated by `;`, e.g. `429*2@turn:retry_after=0.5;slow@structured:delay=3`. KIND is an HTTP
status or one of NAMED_FAULTS; ON is any (default), turn (plain/streamed text) or structured
(`response_format` json_schema: grading and report); params: retry_after, retry_after_ms, delay,
code, message. Faults are consumed first in, first out by the next request they match; a faulty
reply does not use up the scripted/default turn text, so the client's retry gets the same text.

Control endpoints (what FakeServerControl calls): POST /_fake/faults {"script": ..., "faults":
[{kind, on, ...}]}, POST /_fake/config {score, follow_up, intent, turn_texts, chunk_chars,
chunk_delay, send_usage, json_schema, models, false_claims, buzzword_only,
reject_temperature, latency}, POST /_fake/reset, GET /_fake/requests, GET /_fake/faults.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

Target = Literal["any", "turn", "structured"]
NAMED_FAULTS = frozenset({"slow", "stall", "cut", "garbage", "refusal", "empty", "drop"})
"""Besides any HTTP status code ("429", "500", "401", ...):
slow     wait `delay` seconds before answering (longer than the client timeout = a timeout)
stall    send half the reply, wait `delay` seconds, then the rest
cut      send half the reply, then close the connection (a stream cut half way)
garbage  malformed JSON (structured) / a malformed SSE line (stream)
refusal  a refusal instead of content
empty    a complete reply with no content
drop     close the connection without answering
"""

DEFAULT_TURNS = (
    "Let's start. How would you design a rate limiter for a public HTTP API, and where would "
    "you keep its state?",
    "How does a B-tree index speed up a range query, and when would the planner ignore it?",
    "Tell me about a production incident you handled. What did you do first, and what changed "
    "afterwards?",
    "What is the difference between at-least-once and exactly-once delivery in a message queue, "
    "and how do you make consumers idempotent?",
    "How would you cache a slow, read-heavy endpoint, and how do you keep the cache correct?",
    "Explain how you would find and fix a memory leak in a long-running backend service.",
)
FOLLOW_UP_TEXT = "Follow-up: what happens to your design when a node fails half way through?"
CLARIFY_TEXT = "Good question: assume a single region and about a thousand requests per second."
_ANSWER = re.compile(r"<candidate_answer>\n?(.*?)\n?</candidate_answer>", re.DOTALL)


@dataclass
class Fault:
    kind: str  # an HTTP status ("429", "503", ...) or one of NAMED_FAULTS
    on: Target = "any"
    retry_after: float | None = None  # sent as the Retry-After header (seconds)
    retry_after_ms: float | None = None  # sent as retry-after-ms
    delay: float = 5.0  # for slow and stall
    code: str | None = None  # error.code in the body, e.g. "insufficient_quota"
    message: str | None = None  # error.message in the body

    def __post_init__(self) -> None:
        if not (self.kind.isdigit() and len(self.kind) == 3) and self.kind not in NAMED_FAULTS:
            raise ValueError(f"unknown fault kind {self.kind!r}")
        if self.on not in ("any", "turn", "structured"):
            raise ValueError(f"fault target must be any, turn or structured (got {self.on!r})")

    def matches(self, kind: str) -> bool:
        return self.on in ("any", kind)


def parse_script(spec: str) -> list[Fault]:
    """`429*2@turn:retry_after=0.5;cut@turn;500*5@structured` -> faults, in order."""
    faults: list[Fault] = []
    for raw in spec.replace("\n", ";").split(";"):
        item = raw.strip()
        if not item:
            continue
        head, _, params = item.partition(":")
        head, _, on = head.partition("@")
        kind, _, times = head.partition("*")
        kwargs: dict[str, Any] = {"kind": kind.strip(), "on": (on.strip() or "any")}
        for pair in filter(None, (p.strip() for p in params.split(","))):
            key, _, value = pair.partition("=")
            key = key.strip()
            if key in ("retry_after", "retry_after_ms", "delay"):
                kwargs[key] = float(value)
            elif key in ("code", "message"):
                kwargs[key] = value.strip()
            else:
                raise ValueError(f"unknown fault parameter {key!r} in {item!r}")
        faults.extend(Fault(**kwargs) for _ in range(int(times or 1)))
    return faults


@dataclass
class RecordedRequest:
    kind: str  # "turn" (plain or streamed text) or "structured" (response_format json_schema)
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    fault: str | None = None  # the fault this request got, if any
    at: float = field(default_factory=time.monotonic)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def prompt_text(self) -> str:
        return "\n".join(_content_text(m.get("content")) for m in self.messages)

    @property
    def last_user(self) -> str:
        users = [m for m in self.messages if m.get("role") == "user"]
        return _content_text(users[-1].get("content")) if users else ""

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream"))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Behaviour:
    """How the server answers when no fault applies; change it with `configure`."""

    score: int | float | None = None  # None: a heuristic from the answer's length
    follow_up: bool = False
    intent: str | None = None  # None: "clarification" for a short question, else "answer"
    turn_texts: list[str] = field(default_factory=list)  # scripted turn replies, used in order
    chunk_chars: int = 8
    chunk_delay: float = 0.0
    send_usage: bool = True  # False: behave like servers that never report usage
    false_claims: list[dict[str, str]] = field(default_factory=list)  # graded {claim, correction}
    buzzword_only: bool = False
    reject_temperature: bool = False  # True: 400 on a temperature, as reasoning models do
    json_schema: bool = True  # False: reject response_format json_schema (HTTP 400), like
    # servers that only know json_object or no structured outputs at all
    models: list[str] = field(default_factory=lambda: ["fake-model"])  # what GET /models lists
    latency: float = 0.0  # seconds before any reply starts: a provider's time to first token


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: FakeOpenAIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # clients that time out or get cut off reset their connections: expected, not news
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def setup(self) -> None:
        super().setup()
        # Real providers send with Nagle off; without it a reply written in two pieces on a
        # kept-alive connection waits ~40 ms for the client's delayed ACK.
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.fake._track(self.connection, add=True)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.fake._track(self.connection, add=False)

    # -- routing ------------------------------------------------------------------------------

    def do_GET(self) -> None:
        fake = self.server.fake
        if self.path.rstrip("/").endswith("/models"):
            if fake.api_key is not None and self.headers.get("Authorization") != (
                f"Bearer {fake.api_key}"
            ):
                self._error(401, "Incorrect API key provided.", code="invalid_api_key")
                return
            data = [{"id": m, "object": "model"} for m in fake.behaviour.models]
            self._json(200, {"object": "list", "data": data})
        elif self.path == "/_fake/requests":
            self._json(200, [r.to_dict() for r in fake.requests])
        elif self.path == "/_fake/faults":
            self._json(200, [asdict(f) for f in fake.pending_faults()])
        elif self.path == "/_fake/health":
            self._json(200, {"ok": True})
        else:
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

    def do_POST(self) -> None:
        fake = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._json(400, {"error": {"message": "body is not JSON", "type": "invalid_request"}})
            return
        if self.path.startswith("/_fake/"):
            self._control(body)
            return
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        fake._serve_completion(self, body)

    def _control(self, body: dict[str, Any]) -> None:
        fake = self.server.fake
        if self.path == "/_fake/faults":
            if body.get("script"):
                fake.inject_script(str(body["script"]))
            for item in body.get("faults", []):
                fake.inject(**item)
        elif self.path == "/_fake/config":
            fake.configure(**body)
        elif self.path == "/_fake/reset":
            fake.reset()
        else:
            self._json(404, {"error": {"message": f"no route {self.path}"}})
            return
        self._json(200, {"ok": True})

    # -- writing ------------------------------------------------------------------------------

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _error(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        kind = (
            "requests"
            if status == 429
            else "server_error"
            if status >= 500
            else "invalid_request_error"
        )
        self._json(
            status,
            {"error": {"message": message, "type": kind, "code": code, "param": None}},
            headers,
        )

    def _start_sse(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _sse(self, payload: dict[str, Any] | str) -> None:
        text = payload if isinstance(payload, str) else json.dumps(payload)
        self._chunk(f"data: {text}\n\n".encode())

    def _end_chunks(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _cut(self) -> None:
        """Close the connection mid-body: the client sees an incomplete response."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)


class FakeOpenAIServer:
    """The server, its fault queue and its request log; thread-safe, start/stop or `with`."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str | None = None,
        chunk_chars: int = 8,
        chunk_delay: float = 0.0,
        instant: bool = False,
        record: bool = True,
    ) -> None:
        self.api_key = api_key
        self.record = record
        self.behaviour = Behaviour(
            chunk_chars=64 if instant else chunk_chars, chunk_delay=0.0 if instant else chunk_delay
        )
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._requests: list[RecordedRequest] = []
        self._turns_served = 0
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.fake = self
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self._httpd.server_address[0]}:{self.port}"

    @property
    def base_url(self) -> str:
        """What to pass as OPENAI_BASE_URL / `base_url`."""
        return f"{self.url}/v1"

    def start(self) -> FakeOpenAIServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name=f"fake-openai-{self.port}",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    # -- the test-facing API ------------------------------------------------------------------

    def inject(
        self,
        kind: str | int,
        *,
        on: Target = "any",
        times: int = 1,
        retry_after: float | None = None,
        retry_after_ms: float | None = None,
        delay: float = 5.0,
        code: str | None = None,
        message: str | None = None,
    ) -> None:
        """Queue `times` faults of `kind` for the next matching requests (first in, first out)."""
        faults = [
            Fault(
                kind=str(kind),
                on=on,
                retry_after=retry_after,
                retry_after_ms=retry_after_ms,
                delay=delay,
                code=code,
                message=message,
            )
            for _ in range(times)
        ]
        with self._lock:
            self._faults.extend(faults)

    def inject_script(self, spec: str) -> None:
        faults = parse_script(spec)
        with self._lock:
            self._faults.extend(faults)

    def pending_faults(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def configure(
        self,
        *,
        score: int | float | None = None,
        follow_up: bool | None = None,
        intent: str | None = None,
        turn_texts: list[str] | None = None,
        chunk_chars: int | None = None,
        chunk_delay: float | None = None,
        send_usage: bool | None = None,
        false_claims: list[dict[str, str]] | None = None,
        buzzword_only: bool | None = None,
        reject_temperature: bool | None = None,
        json_schema: bool | None = None,
        models: list[str] | None = None,
        latency: float | None = None,
    ) -> None:
        """Change the normal replies: a fixed `score` (even out of range, to test clamping), the
        `follow_up` flag, a fixed `intent`, scripted turn texts, json_schema support on or off,
        the listed models. Unset arguments stay as they are."""
        with self._lock:
            b = self.behaviour
            if score is not None:
                b.score = score
            if follow_up is not None:
                b.follow_up = follow_up
            if latency is not None:
                b.latency = max(0.0, latency)
            if intent is not None:
                b.intent = intent
            if turn_texts is not None:
                b.turn_texts = list(turn_texts)
            if chunk_chars is not None:
                b.chunk_chars = max(1, chunk_chars)
            if chunk_delay is not None:
                b.chunk_delay = chunk_delay
            if send_usage is not None:
                b.send_usage = send_usage
            if false_claims is not None:
                b.false_claims = [dict(c) for c in false_claims]
            if buzzword_only is not None:
                b.buzzword_only = buzzword_only
            if reject_temperature is not None:
                b.reject_temperature = reject_temperature
            if json_schema is not None:
                b.json_schema = json_schema
            if models is not None:
                b.models = list(models)

    def reset(self) -> None:
        with self._lock:
            self._faults.clear()
            self._requests.clear()
            self._turns_served = 0
            self.behaviour = Behaviour(
                chunk_chars=self.behaviour.chunk_chars, chunk_delay=self.behaviour.chunk_delay
            )

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def requests_of(self, kind: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.kind == kind]

    # -- serving ------------------------------------------------------------------------------

    def _take_fault(self, kind: str) -> Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.matches(kind):
                    return self._faults.pop(i)
        return None

    def _serve_completion(self, handler: _Handler, body: dict[str, Any]) -> None:
        fmt = body.get("response_format") or {}
        kind = "structured" if fmt.get("type") in ("json_schema", "json_object") else "turn"
        fault = self._take_fault(kind)
        request = RecordedRequest(
            kind=kind,
            path=handler.path,
            body=body,
            headers={k: v for k, v in handler.headers.items()},
            fault=fault.kind if fault else None,
        )
        with self._lock:
            if self.record:
                self._requests.append(request)
        if self.api_key is not None and request.headers.get("Authorization") != (
            f"Bearer {self.api_key}"
        ):
            handler._error(401, "Incorrect API key provided.", code="invalid_api_key")
            return
        if self.behaviour.reject_temperature and "temperature" in body:
            handler._error(
                400,
                "Unsupported value: 'temperature' does not support 0.2 with this model. Only the "
                "default (1) value is supported.",
                code="unsupported_value",
            )
            return
        if fmt.get("type") == "json_schema" and not self.behaviour.json_schema:
            handler._error(
                400, "response_format type 'json_schema' is not supported by this server"
            )
            return
        try:
            if self.behaviour.latency:
                time.sleep(self.behaviour.latency)  # this handler's own thread
            if fault is not None and self._http_fault(handler, fault):
                return
            content, refusal = self._reply_for(kind, body, fault)
            usage = self._usage(body, content or refusal or "")
            if body.get("stream"):
                self._stream(handler, body, content, refusal, usage, fault)
            else:
                self._plain(handler, body, content, refusal, usage, fault)
        except OSError:  # the client gave up (timeout) or we cut the connection
            handler.close_connection = True

    def _http_fault(self, handler: _Handler, fault: Fault) -> bool:
        """Faults that replace the whole response; True when the request is dealt with."""
        if fault.kind == "slow":
            self._stopping.wait(fault.delay)
            return False  # then answer normally (the client has usually given up by now)
        if fault.kind == "drop":
            handler._cut()
            return True
        if fault.kind.isdigit():
            status = int(fault.kind)
            headers: dict[str, str] = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = f"{fault.retry_after:g}"
            if fault.retry_after_ms is not None:
                headers["retry-after-ms"] = f"{fault.retry_after_ms:g}"
            default = {
                401: "Incorrect API key provided: sk-te************st.",
                429: "Rate limit reached for requests.",
            }.get(
                status,
                HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "error",
            )
            message = fault.message or default
            code = fault.code or {401: "invalid_api_key", 429: "rate_limit_exceeded"}.get(status)
            handler._error(status, message, code=code, headers=headers)
            return True
        return False

    def _reply_for(
        self, kind: str, body: dict[str, Any], fault: Fault | None
    ) -> tuple[str, str | None]:
        """(content, refusal) for a normal or content-level faulty reply."""
        if fault is not None and fault.kind == "refusal":
            return "", "I'm sorry, but I can't help with that request."
        if fault is not None and fault.kind == "empty":
            return "", None
        if kind == "structured":
            if fault is not None and fault.kind == "garbage":
                return '{"score": 7, "feedback": "unterminated', None
            fmt = body["response_format"]
            schema = (fmt.get("json_schema") or {}).get("schema") or {"type": "object"}
            self._defs = schema.get("$defs", {})
            return json.dumps(self._fill(schema, "", self._answer(body))), None
        return self._turn_text(body, advance=fault is None), None

    def _turn_text(self, body: dict[str, Any], *, advance: bool) -> str:
        """The next scripted or default text; a faulty reply does not use it up, so the client's
        retry gets the same utterance again."""
        with self._lock:
            if self.behaviour.turn_texts:
                texts = self.behaviour.turn_texts
                return texts.pop(0) if advance else texts[0]
            n = self._turns_served
            if advance:
                self._turns_served += 1
        last = ""
        users = [m for m in body.get("messages", []) if m.get("role") == "user"]
        if users:
            last = _content_text(users[-1].get("content")).lower()
        if "clarifying question" in last:
            return CLARIFY_TEXT
        if "follow-up" in last:
            return FOLLOW_UP_TEXT
        return DEFAULT_TURNS[n % len(DEFAULT_TURNS)]

    @staticmethod
    def _answer(body: dict[str, Any]) -> str:
        users = [m for m in body.get("messages", []) if m.get("role") == "user"]
        text = _content_text(users[-1].get("content")) if users else ""
        found = _ANSWER.findall(text)
        return found[-1] if found else text

    def _fill(self, schema: dict[str, Any], name: str, answer: str) -> Any:
        """A schema-valid value; fields named like a grade get plausible grading values."""
        ref = schema.get("$ref", "")
        if ref.startswith("#/$defs/"):
            schema = getattr(self, "_defs", {}).get(ref.split("/")[-1], {"type": "object"})
        if name == "false_claims":
            return [dict(c) for c in self.behaviour.false_claims]
        if name == "buzzword_only":
            return self.behaviour.buzzword_only
        if "enum" in schema:
            values = list(schema["enum"])
            if name == "intent":
                return self._intent(answer) if self._intent(answer) in values else values[0]
            return values[0]
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "string")
        if kind == "object" or "properties" in schema:
            return {
                key: self._fill(sub, key, answer)
                for key, sub in schema.get("properties", {}).items()
            }
        if kind == "array":
            items = schema.get("items", {"type": "string"})
            if "enum" in items:
                return list(items["enum"])[:2]
            count = {"covered": 1 if len(answer.split()) > 10 else 0, "missed": 2}.get(name, 3)
            return [self._text(name, i) for i in range(count)]
        if kind == "integer" or kind == "number":
            return self._score(answer) if name == "score" else 1
        if kind == "boolean":
            return self.behaviour.follow_up if name == "follow_up" else False
        if name == "intent":
            return self._intent(answer)
        return self._text(name, 0)

    def _score(self, answer: str) -> int | float:
        if self.behaviour.score is not None:
            return self.behaviour.score
        words = len(answer.split())
        if words == 0 or "don't know" in answer.lower():
            return 0
        return min(10, 2 + words // 12)

    def _intent(self, answer: str) -> str:
        if self.behaviour.intent:
            return self.behaviour.intent
        short_question = answer.strip().endswith("?") and len(answer.split()) <= 25
        return "clarification" if short_question else "answer"

    @staticmethod
    def _text(name: str, i: int) -> str:
        samples = {
            "feedback": "You named the main idea but stayed general and skipped the failure "
            "cases. Improve: walk through one concrete failure and how your design handles it.",
            "summary": "You answered with uneven depth: solid on fundamentals, thin on trade-offs "
            "and failure modes.",
            "covered": "the core mechanism",
            "missed": ("trade-offs", "failure modes", "an example"),
            "strengths": ("clear structure", "correct fundamentals", "honest about gaps"),
            "improvements": ("name trade-offs explicitly", "give numbers", "discuss failure modes"),
        }
        value = samples.get(name, f"{name or 'text'} {i + 1}")
        return value[i % len(value)] if isinstance(value, tuple) else value

    def _usage(self, body: dict[str, Any], reply: str) -> dict[str, int]:
        prompt = sum(len(_content_text(m.get("content"))) for m in body.get("messages", []))
        completion = max(1, len(reply) // 4)
        return {
            "prompt_tokens": max(1, prompt // 4),
            "completion_tokens": completion,
            "total_tokens": max(1, prompt // 4) + completion,
        }

    @staticmethod
    def _envelope(body: dict[str, Any], obj: str) -> dict[str, Any]:
        return {
            "id": f"chatcmpl-fake-{time.monotonic_ns()}",
            "object": obj,
            "created": int(time.time()),
            "model": body.get("model", "fake-model"),
        }

    def _plain(
        self,
        handler: _Handler,
        body: dict[str, Any],
        content: str,
        refusal: str | None,
        usage: dict[str, int],
        fault: Fault | None,
    ) -> None:
        payload = self._envelope(body, "chat.completion")
        payload["choices"] = [
            {
                "index": 0,
                "finish_reason": "stop",
                "logprobs": None,
                "message": {
                    "role": "assistant",
                    "content": content or (None if refusal else ""),
                    "refusal": refusal,
                },
            }
        ]
        payload["usage"] = usage if self.behaviour.send_usage else None
        data = json.dumps(payload).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if fault is not None and fault.kind in ("cut", "stall"):
            handler.wfile.write(data[: len(data) // 2])
            handler.wfile.flush()
            if fault.kind == "cut":
                handler._cut()
                return
            self._stopping.wait(fault.delay)
            handler.wfile.write(data[len(data) // 2 :])
        else:
            handler.wfile.write(data)

    def _stream(
        self,
        handler: _Handler,
        body: dict[str, Any],
        content: str,
        refusal: str | None,
        usage: dict[str, int],
        fault: Fault | None,
    ) -> None:
        b = self.behaviour
        base = self._envelope(body, "chat.completion.chunk")
        field_name = "refusal" if refusal else "content"
        text = refusal or content
        pieces = [text[i : i + b.chunk_chars] for i in range(0, len(text), b.chunk_chars)]
        handler._start_sse()

        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            return {
                **base,
                "choices": [
                    {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
                ],
            }

        handler._sse(chunk({"role": "assistant", "content": ""}))
        half = max(1, len(pieces) // 2)
        for i, piece in enumerate(pieces):
            if fault is not None and i == half:
                if fault.kind == "cut":
                    handler._cut()
                    return
                if fault.kind == "stall":
                    self._stopping.wait(fault.delay)
                if fault.kind == "garbage":
                    handler._sse("{this is not json")
            handler._sse(chunk({field_name: piece}))
            if b.chunk_delay:
                time.sleep(b.chunk_delay)
        if fault is not None and fault.kind == "cut" and len(pieces) <= half:
            handler._cut()
            return
        handler._sse(chunk({}, "stop"))
        options = body.get("stream_options") or {}
        if options.get("include_usage") and b.send_usage:
            handler._sse({**base, "choices": [], "usage": usage})
        handler._sse("[DONE]")
        handler._end_chunks()


class FakeServerControl:
    """The same test-facing API, over HTTP, for a server running in another process."""

    def __init__(self, base_url: str) -> None:
        self.url = base_url.rstrip("/").removesuffix("/v1")
        self.base_url = f"{self.url}/v1"

    def _call(self, path: str, payload: Any = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        req = urllib.request.Request(
            self.url + path,
            data=data,
            method="POST" if data else "GET",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    def inject(self, kind: str | int, **params: Any) -> None:
        self._call("/_fake/faults", {"faults": [{"kind": str(kind), **params}]})

    def inject_script(self, spec: str) -> None:
        self._call("/_fake/faults", {"script": spec})

    def configure(self, **params: Any) -> None:
        self._call("/_fake/config", params)

    def reset(self) -> None:
        self._call("/_fake/reset", {})

    def pending_faults(self) -> list[dict[str, Any]]:
        return list(self._call("/_fake/faults"))

    @property
    def requests(self) -> list[RecordedRequest]:
        return [RecordedRequest(**r) for r in self._call("/_fake/requests")]

    def requests_of(self, kind: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.kind == kind]


@contextlib.contextmanager
def spawn_server(*args: str, timeout: float = 15.0) -> Iterator[FakeServerControl]:
    """Run the server as a subprocess (`args` are CLI options); yields its control handle."""
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.openai_server", "--port", "0", *args],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + timeout
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("READY ") or not line:
                break
        if not line.startswith("READY "):
            raise RuntimeError(f"fake OpenAI server did not start (exit {proc.poll()})")
        yield FakeServerControl(line.split()[1])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fakes.openai_server",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--script", default="", help="faults to queue, e.g. '429@turn;cut'")
    parser.add_argument("--api-key", default=None, help="answer 401 unless this key is sent")
    parser.add_argument("--chunk-chars", type=int, default=8)
    parser.add_argument("--chunk-delay", type=float, default=0.0)
    parser.add_argument("--instant", action="store_true", help="big chunks, no delays")
    parser.add_argument("--no-record", action="store_true", help="do not keep request bodies")
    parser.add_argument("--score", type=float, default=None, help="fixed score for every grade")
    parser.add_argument("--follow-up", action="store_true", help="graders ask for follow-ups")
    parser.add_argument("--no-usage", action="store_true", help="never report token usage")
    parser.add_argument(
        "--latency", type=float, default=0.0, help="seconds before every reply starts"
    )
    parser.add_argument(
        "--no-json-schema", action="store_true", help="reject json_schema response formats"
    )
    opts = parser.parse_args(argv)
    server = FakeOpenAIServer(
        host=opts.host,
        port=opts.port,
        api_key=opts.api_key,
        chunk_chars=opts.chunk_chars,
        chunk_delay=opts.chunk_delay,
        instant=opts.instant,
        record=not opts.no_record,
    )
    if opts.script:
        path = Path(opts.script)
        server.inject_script(path.read_text() if path.is_file() else opts.script)
    server.configure(
        score=opts.score,
        follow_up=opts.follow_up or None,
        send_usage=not opts.no_usage,
        json_schema=not opts.no_json_schema,
        latency=opts.latency,
    )
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    server.start()
    print(f"READY {server.base_url}", flush=True)
    done.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
