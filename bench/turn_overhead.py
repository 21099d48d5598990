"""3. Turn overhead: submitting an answer -> the interviewer's next question fully streamed and
saved, through the services with `OpenAIInterviewer` against the local test server in instant mode,
minus the same model calls (same count, same request bodies, streamed the same way) made directly
with the `openai` SDK from a reused client.

Each turn is replayed right after it is measured, so the two share the machine's noise; the
difference per turn is our overhead (database writes, engine, prompt building, event plumbing).
Goal: median under 5 ms on SQLite and under 10 ms on PostgreSQL.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import Config, Row, median, ms, percentile, pg_available, pg_database
from bench.fake_model import fake_server, model_env

NAME = "turn overhead"
GOALS = {"SQLite": 5.0, "PostgreSQL": 10.0}
ANSWER = (
    "I would put a token bucket per API key in Redis, refill it lazily on each request with "
    "a Lua script so the check and the decrement are atomic, and return 429 with "
    "Retry-After when it is empty. "
) * 3


def replay(client: Any, bodies: list[dict[str, Any]]) -> float:
    """The same calls straight through the SDK: seconds until the last chunk of the last one."""
    t0 = time.perf_counter()
    for body in bodies:
        if body.get("stream"):
            stream = client.chat.completions.create(**body)
            with stream:
                parts = [c.choices[0].delta.content or "" for c in stream if c.choices]
            "".join(parts)
        else:
            reply = client.chat.completions.create(**body)
            assert reply.choices[0].message.content
    return time.perf_counter() - t0


def _model(ctx: Any) -> Any:
    try:
        from interviewer_tui.services.interviews import model_for

        return model_for(ctx)
    except ImportError:  # llm/factory.py not there yet
        from interviewer_tui.llm.openai_model import OpenAIInterviewer

        return OpenAIInterviewer.from_settings(ctx.settings)


def measure(
    url: str,
    backend: str,
    interviews: int,
    questions: int,
    home: Path,
    control: Any,
    env: dict[str, str] | None = None,
) -> Row:
    import openai

    from bench.appctx import add_user, make_ctx
    from interviewer_tui.core.plan import normalise_options
    from interviewer_tui.services import interviews as svc
    from interviewer_tui.services.events import TurnDelta

    ctx = make_ctx(url, home, **model_env(control.base_url), **(env or {}))
    client = openai.OpenAI(base_url=control.base_url, api_key="bench-key", max_retries=0)
    ours: list[float] = []
    last_token: list[float] = []
    direct: list[float] = []
    try:
        user = add_user(ctx, f"turns{backend}")
        for _ in range(interviews):
            runner = svc.start_interview(
                ctx, user_id=user, model=_model(ctx), options=normalise_options(questions=questions)
            )
            stamp = {"last": 0.0}

            def sink(event: Any, stamp: dict[str, float] = stamp) -> None:
                if isinstance(event, TurnDelta):
                    stamp["last"] = time.perf_counter()

            for event in runner.advance():
                sink(event)
            for _q in range(questions - 1):
                seen = len(control.requests)
                t0 = time.perf_counter()
                runner.answer(ANSWER)
                for event in runner.advance():
                    sink(event)
                t1 = time.perf_counter()
                bodies = [r.body for r in control.requests[seen:]]
                if [b.get("stream", False) for b in bodies] != [False, True]:
                    raise RuntimeError(
                        f"expected grade + streamed question, got {len(bodies)} calls"
                    )
                ours.append(t1 - t0)
                last_token.append(stamp["last"] - t0)
                direct.append(replay(client, bodies))
            runner.end()
            list(runner.advance())
            runner.close()
            control.reset()
    finally:
        client.close()
        ctx.close()
    # The definition: answer submitted -> last token of the reply, minus the same calls
    # made directly. Saving the finished reply happens after its last token; it is reported in
    # the note as the whole-turn overhead.
    over = [ms(a - b) for a, b in zip(last_token, direct, strict=True)]
    whole = [ms(a - b) for a, b in zip(ours, direct, strict=True)]
    p50, p95 = median(over), percentile(over, 95)
    goal = GOALS[backend.split(" ")[0]]
    return Row(
        NAME,
        f"{backend}: overhead to last token, p50",
        p50,
        baseline_name="direct SDK calls",
        baseline=ms(median(direct)),
        goal=f"< {goal:g} ms",
        ok=p50 < goal,
        note=f"p95 {p95:.1f} ms; whole turn incl. saving the reply: overhead p50 "
        f"{median(whole):.1f} ms, p95 {percentile(whole, 95):.1f} ms; {len(over)} turns",
        extra={"p95": p95, "ours_ms": [ms(x) for x in ours], "direct_ms": [ms(x) for x in direct]},
    )


def run(cfg: Config) -> list[Row]:
    interviews, questions = (1, 8) if cfg.quick else (3, 20)
    rows: list[Row] = []
    with (
        fake_server("--instant") as control,
        tempfile.TemporaryDirectory(prefix="bench-turns-") as tmp,
    ):
        home = Path(tmp)
        rows.append(
            measure(
                f"sqlite:///{home / 'turns.db'}", "SQLite", interviews, questions, home, control
            )
        )
        rows.append(
            measure(
                f"sqlite:///{home / 'turns-normal.db'}",
                "SQLite (synchronous=normal)",
                interviews,
                questions,
                home,
                control,
                env={"INTERVIEWER_SQLITE_SYNCHRONOUS": "normal"},
            )
        )
        if cfg.postgres:
            reason = pg_available()
            if reason:
                rows.append(Row(NAME, "PostgreSQL", None, note=f"skipped: {reason}"))
            else:
                with pg_database("interviewer_bench_turns") as url:
                    rows.append(measure(url, "PostgreSQL", interviews, questions, home, control))
    return rows
