"""7. The TUI with a 1,000-message transcript: time to open it (from the command to the frame that
shows its last message: it opens at the end, with the last messages mounted), time from the
bottom to the top (home, until the first message shows), time back to the end (end), and the
process's memory (RSS) after both. Goals (issue 16): top < 1 s, RSS <= 2x a bare Textual app.

Runs the real app headless (Textual's test driver, 120x40) in a fresh process on a SQLite file
holding a logged-in user and one interview of 1,000 messages. Memory is compared with the app on
its home screen just before, and with a bare Textual "hello" app.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench.common import (
    BENCH,
    SCALE_VAR,
    Config,
    Row,
    base_env,
    median,
    ms,
    python,
    scaled,
    timeout_scale,
)

NAME = "TUI 1000-message transcript"
MESSAGES = 1000
TOP_GOAL_MS = 1000.0
RSS_GOAL = 2.0
PASSWORD = "bench horse battery staple 42"
PROBE = str(BENCH / "fixtures" / "tui_probe.py")
OPEN_GOAL_MS = 1000.0
OPEN_GOAL = "opens in < 1 s"

_ANSWER = (
    "I would start with the **access pattern**: reads dominate, so a cache-aside layer in front "
    "of PostgreSQL with a short TTL.\n\n```python\ndef get(key):\n    return cache.get(key) or "
    "load(key)\n```\n\nInvalidation happens on write, and a version column stops stale writes."
)
_FEEDBACK = (
    "Solid on the mechanism, thin on failure modes. Improve: say what happens on a miss storm."
)
_QUESTION = "How would you make this endpoint fast under a read-heavy load, and keep it correct?"


def prepare(home: Path, sizes: list[int]) -> dict[int, int]:
    """A user logged in on this home and one interview per size; {size: interview id}."""
    from sqlmodel import Session

    from bench.appctx import make_ctx
    from interviewer_tui.core.flow import start
    from interviewer_tui.core.plan import make_plan, normalise_options
    from interviewer_tui.services import accounts
    from interviewer_tui.store import interviews as repo

    url = f"sqlite:///{home / 'tui.db'}"
    ctx = make_ctx(url, home, INTERVIEWER_SESSION_STORE="file")
    try:
        user = accounts.register(ctx, username="reader", email="reader@bench.io", password=PASSWORD)
        _stored_login(ctx).login(identifier="reader", password=PASSWORD)
        options = normalise_options(questions=30)
        plan = make_plan(options)

        def fill(session: Session, messages: int) -> int:
            now = ctx.clock()
            interview, conv = repo.create_interview(
                session,
                user_id=user.id,
                state=start(plan, "medium").to_dict(),
                values={
                    "difficulty": "medium",
                    "number_questions": len(plan),
                    "topics": sorted({q.topic for q in plan}),
                    "provider": "offline",
                    "model": "bench",
                    "status": "completed",
                    "created_at": now,
                    "updated_at": now,
                },
            )
            cycle = ["answer", "feedback", "followup"]
            number, qid, n = 0, None, 0
            while n < messages:
                if qid is None or (n % 20 == 0 and number < len(plan)):
                    number += 1
                    planned = plan[min(number, len(plan)) - 1]
                    qid = repo.add_question(
                        session,
                        conversation_id=conv.id,  # type: ignore[arg-type]
                        number=number,
                        topic=planned.topic,
                        prompt=_QUESTION,
                        now=now,
                    ).id
                    kind = "question"
                else:
                    kind = cycle[(n - 1) % 3]
                author = "candidate" if kind == "answer" else "interviewer"
                text = {
                    "question": _QUESTION,
                    "followup": "What fails first under load?",
                    "answer": _ANSWER,
                    "feedback": _FEEDBACK,
                }[kind]
                repo.add_message(
                    session,
                    conversation=conv,
                    author=author,
                    kind=kind,
                    content=text,
                    question_id=qid,
                    now=now,
                    score=7 if kind == "feedback" else None,
                )
                n += 1
            session.flush()
            assert interview.id is not None
            return interview.id

        return {size: ctx.tx(lambda s, size=size: fill(s, size)) for size in sizes}
    finally:
        ctx.close()


def probe(
    env: dict[str, str], interview_id: int, size: int, timeout: float
) -> dict[str, Any] | None:
    """One cold process opening the transcript; None if it did not finish within `timeout`."""
    try:
        out = subprocess.run(
            [python(), PROBE, "transcript", str(interview_id), str(size)],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    lines = [x for x in out.stdout.splitlines() if x.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"transcript probe failed: {out.stderr.strip()[-300:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def run(cfg: Config) -> list[Row]:
    runs = cfg.n(5, 1)
    sizes = [50, MESSAGES] if cfg.quick else [100, MESSAGES]
    # the probe's own per-step deadlines (home, open, top, end: 60 s each, scaled) end a stuck
    # step with its name; this one only catches a process that hangs outside them
    scale = timeout_scale()
    timeout = 4 * 60.0 * scale + scaled(60)
    with tempfile.TemporaryDirectory(prefix="bench-tui500-") as tmp:
        home = Path(tmp)
        ids = prepare(home, sizes)
        env = base_env(
            INTERVIEWER_HOME=str(home),
            INTERVIEWER_SESSION_STORE="file",
            DATABASE_URL=f"sqlite:///{home / 'tui.db'}",
            **{SCALE_VAR: str(scale)},
        )
        hello = subprocess.run(
            [python(), PROBE, "hello"],
            env=env,
            capture_output=True,
            text=True,
            timeout=scaled(120),
            check=True,
        )
        hello_rss = json.loads(hello.stdout.splitlines()[-1])["rss_kib"] / 1024
        measured: dict[int, list[dict[str, Any]]] = {}
        for size in sizes:
            got: list[dict[str, Any]] = []
            for _ in range(runs):
                one = probe(env, ids[size], size, timeout)
                if one is None:
                    break
                got.append(one)
                if one["open_s"] > 20:  # slow enough that one run tells the story
                    break
            measured[size] = got
            if not measured[size]:
                break  # a bigger one will not finish either
    rows: list[Row] = []
    last: dict[str, Any] | None = None
    for size in sizes:
        results = measured.get(size)
        if results is None:
            continue
        if not results:
            rows.append(
                Row(
                    NAME,
                    f"open a {size}-message transcript",
                    None,
                    ok=False,
                    goal=OPEN_GOAL,
                    note=f"did not open within {timeout:.0f} s",
                )
            )
            continue
        last = results[-1]
        open_ms = ms(median([r["open_s"] for r in results]))
        rows.append(
            Row(
                NAME,
                f"open a {size}-message transcript",
                open_ms,
                goal=f"< {OPEN_GOAL_MS:.0f} ms",
                ok=open_ms < OPEN_GOAL_MS,
                note=f"{len(results)} run(s); its last {last['mounted_at_open']} messages mounted",
            )
        )
    if last is not None:
        size = last["expected"]
        runs_of = measured[size]
        top = ms(median([r["top_s"] for r in runs_of]))
        scroll = ms(median([r["scroll_s"] for r in runs_of]))
        rss = median([r["rss_kib"] for r in runs_of]) / 1024
        rss_open = median([r["rss_open_kib"] for r in runs_of]) / 1024
        before = median([r["rss_before_kib"] for r in runs_of]) / 1024
        rows.append(
            Row(
                NAME,
                f"home: bottom to the first message ({size} messages)",
                top,
                goal=f"< {TOP_GOAL_MS:.0f} ms",
                ok=top < TOP_GOAL_MS,
                note=f"{last['shown']} message widgets mounted at the top",
            )
        )
        rows.append(Row(NAME, f"end: back to the last message ({size} messages)", scroll))
        rows.append(
            Row(
                NAME,
                f"RSS with the {size}-message transcript open, after home and end",
                rss,
                unit="MiB",
                baseline_name='bare Textual "hello" app',
                baseline=hello_rss,
                goal=f"<= {RSS_GOAL:.0f}x",
                ok=rss <= RSS_GOAL * hello_rss,
                note=f"home screen before opening: {before:.0f} MiB; just opened: {rss_open:.0f}",
            )
        )
    return rows


def _stored_login(ctx: Any) -> Any:
    """This computer's login over the database, as a shell keeps it (`edge/login.py`)."""
    from interviewer_tui.edge.login import StoredLogin
    from interviewer_tui.services.local import LocalApplication

    return StoredLogin(LocalApplication(ctx), ctx)
