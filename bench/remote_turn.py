"""12. Remote turn: what a turn costs the candidate in remote mode (the terminal app as a client of
`interviewer serve` on loopback) over the same turn through the local backend (issue 15).

Set-up (not timed): the local OpenAI-compatible test server in instant mode; one
`interviewer serve` process on a free port (its own SQLite database, that model); in this process
the two implementations of the application port, each with its own SQLite file: the local one
(`LocalApplication`, the model called from here) and the remote client (`RemoteApplication`, its
outbox on disk), registered and logged in on the server once.

Each turn is "answer submitted -> first token of the next question shown": `answer()` then
`advance()` until the first `TurnDelta`, the latency a candidate sees. Local and remote turns are
taken alternately, question by question, so they share the machine's noise; the overhead of a
turn is the remote one minus the local one next to it (both grade with the model and stream the
next question from the same test server, so the model's time cancels out). The local p50 is the
baseline row. Goal: overhead p50 < 10 ms.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import Config, Row, interviewer_serve, median, ms, percentile, scaled
from bench.fake_model import fake_server, model_env

NAME = "remote turn"
GOAL_MS = 10.0
PASSWORD = "bench horse battery staple 42"
SECRET = "r" * 48
SERVER_DEADLINE = 60.0  # seconds for the server to become ready on an idle machine
TURN_DEADLINE = 60.0  # seconds for one whole turn
ANSWER = (
    "I would put a token bucket per API key in Redis, refill it lazily on each request with "
    "a Lua script so the check and the decrement are atomic, and return 429 with "
    "Retry-After when it is empty."
)


def serve(work: Path, model_url: str) -> contextlib.AbstractContextManager[str]:
    """A real `interviewer serve` on loopback (SQLite, the test model): its base URL."""
    return interviewer_serve(
        work,
        deadline=SERVER_DEADLINE,
        INTERVIEWER_JWT_SECRET=SECRET,
        INTERVIEWER_OFFLINE="false",
        INTERVIEWER_SERVER_DAILY_INTERVIEWS="10000",
        INTERVIEWER_SERVER_DAILY_TOKENS="1000000000",
        **model_env(model_url),
    )


def _apps(work: Path, base: str, model_url: str) -> tuple[Any, int, Any, int]:
    """(local app, its user id, remote app, its user id)."""
    from bench.appctx import add_user, make_ctx
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.client.app import RemoteApplication
    from interviewer_tui.services.client.target import make_target
    from interviewer_tui.services.local import LocalApplication

    local_ctx = make_ctx(
        f"sqlite:///{work / 'local.db'}", work / "local-home", **model_env(model_url)
    )
    local = LocalApplication(local_ctx)
    local_user = add_user(local_ctx, "localturns")
    settings = load_settings(
        INTERVIEWER_HOME=str(work / "client-home"),
        INTERVIEWER_SERVER=base,
        INTERVIEWER_SESSION_STORE="file",
    )
    from interviewer_tui.edge.login import StoredLogin
    from interviewer_tui.services.context import AppContext

    remote = RemoteApplication(make_target(base), settings)
    login = StoredLogin(remote, AppContext(settings=settings)).register_and_login(
        username="remoteturns", email="remoteturns@bench.io", password=PASSWORD
    )
    return local, local_user, remote, login.user.id


def _turn(runner: Any) -> tuple[float, float]:
    """(seconds to the first token of the next turn, seconds to the turn's end) of one answer."""
    from interviewer_tui.services.events import TurnDelta

    deadline = time.perf_counter() + scaled(TURN_DEADLINE)
    t0 = time.perf_counter()
    runner.answer(ANSWER)
    first: float | None = None
    for event in runner.advance():
        if first is None and isinstance(event, TurnDelta):
            first = time.perf_counter()
        if time.perf_counter() > deadline:
            raise TimeoutError(f"a turn took over {TURN_DEADLINE:g} s")
    end = time.perf_counter()
    if first is None:
        raise RuntimeError("the turn streamed no token (is the test model streaming?)")
    return first - t0, end - t0


def measure(work: Path, base: str, model_url: str, interviews: int, questions: int) -> Row:
    from interviewer_tui.core.plan import normalise_options

    local, local_user, remote, remote_user = _apps(work, base, model_url)
    options = normalise_options(questions=questions)
    local_first: list[float] = []
    remote_first: list[float] = []
    local_whole: list[float] = []
    remote_whole: list[float] = []
    try:
        for _ in range(interviews):
            runners = (
                local.start_interview(user_id=local_user, options=options, offline=False),
                remote.start_interview(user_id=remote_user, options=options, offline=False),
            )
            for runner in runners:
                list(runner.advance())  # the first question
            for _q in range(questions - 1):
                first, whole = _turn(runners[0])
                local_first.append(first)
                local_whole.append(whole)
                first, whole = _turn(runners[1])
                remote_first.append(first)
                remote_whole.append(whole)
            for runner in runners:
                runner.end()
                list(runner.advance())
                runner.close()
    finally:
        remote.close()
        local.ctx.close()
    over = [ms(r - lo) for r, lo in zip(remote_first, local_first, strict=True)]
    whole = [ms(r - lo) for r, lo in zip(remote_whole, local_whole, strict=True)]
    p50, p95 = median(over), percentile(over, 95)
    return Row(
        NAME,
        "remote over local, answer -> first token, p50",
        p50,
        baseline_name="local turn, answer -> first token, p50",
        baseline=ms(median(local_first)),
        goal=f"< {GOAL_MS:g} ms",
        ok=p50 < GOAL_MS,
        note=f"p95 {p95:.1f} ms; remote turn p50 {ms(median(remote_first)):.1f} ms; whole turn "
        f"(to the next question saved) overhead p50 {median(whole):.1f} ms, p95 "
        f"{percentile(whole, 95):.1f} ms; {len(over)} turns each, SQLite on both sides",
        extra={
            "p95": p95,
            "local_first_ms": [ms(x) for x in local_first],
            "remote_first_ms": [ms(x) for x in remote_first],
        },
    )


def run(cfg: Config) -> list[Row]:
    interviews, questions = (1, 8) if cfg.quick else (3, 15)
    with (
        fake_server("--instant") as control,
        tempfile.TemporaryDirectory(prefix="bench-remote-turn-") as tmp,
    ):
        work = Path(tmp)
        with serve(work, control.base_url) as base:
            return [measure(work, base, control.base_url, interviews, questions)]
