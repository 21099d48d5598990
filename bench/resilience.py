"""8. Resilience report: each model fault injected by the local OpenAI-compatible server into a
real interview (services + `OpenAIInterviewer` + SQLite), and what survived.

A fault either costs retries and the interview continues, or (retries exhausted) the step fails
with the exit-4 error and `resume` finishes it. After each run the transcript is audited: no
duplicated turn, no half-saved utterance, every answer exactly once. The SIGKILL, database and
two-client cases run in the test suite (tests/resilience/).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import ROOT, Config, Row

NAME = "resilience"
ANSWERS = [
    "A token bucket per client, refilled lazily, checked atomically in Redis.",
    "Range scans walk adjacent B-tree leaves; a low-selectivity filter skips the index.",
]
FAULTS = [
    ("429@turn:retry_after=0.05", "429 with Retry-After"),
    ("429@structured", "429 without Retry-After"),
    ("500@structured", "500"),
    ("502@turn", "502"),
    ("503*2@turn", "503 twice"),
    ("slow@structured:delay=1.5", "timeout"),
    ("cut@turn", "stream cut half way"),
    ("stall@turn:delay=1.5", "stream stalls past the timeout"),
    ("garbage@structured", "garbage JSON from the grader"),
    ("garbage@turn", "garbage SSE line"),
    ("empty@turn", "empty reply"),
    ("refusal@structured", "refusal"),
    ("drop", "connection closed, no reply"),
    ("500*3@structured", "500 until retries run out"),
]


def _one(script: str, home: Path, n: int) -> tuple[str, int, bool, str]:
    """(outcome, retries, sound, detail) of a 2-question interview with `script` injected."""
    from bench.appctx import add_user, make_ctx
    from interviewer_tui.core.plan import normalise_options
    from interviewer_tui.errors import ModelError
    from interviewer_tui.llm.openai_model import OpenAIInterviewer
    from interviewer_tui.services import interviews as svc
    from interviewer_tui.services.events import TurnRetry
    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.resilience.conftest import unique_turns
    from tests.resilience.helpers import assert_sound, read_transcript

    url = f"sqlite:///{home / f'fault{n}.db'}"
    ctx = make_ctx(url, home)
    retries = 0

    def sink(event: Any) -> None:
        nonlocal retries
        retries += isinstance(event, TurnRetry)

    with FakeOpenAIServer(instant=True) as fake:

        def model() -> Any:
            return OpenAIInterviewer(
                api_key="k",
                model="fake-model",
                base_url=fake.base_url,
                timeout=0.5,
                max_retries=2,
                backoff_base=0.01,
                backoff_cap=0.05,
            )

        texts = unique_turns()
        fake.configure(turn_texts=texts)
        try:
            user = add_user(ctx, f"fault{n}")
            runner = svc.start_interview(
                ctx, user_id=user, model=model(), options=normalise_options(questions=2)
            )
            for event in runner.advance():
                sink(event)
            fake.inject_script(script)
            outcome = "continued"
            for answer in ANSWERS:
                runner.answer(answer)
                try:
                    for event in runner.advance():
                        sink(event)
                except ModelError:
                    outcome = "stopped (exit 4), resumed"
                    runner.close()
                    runner = svc.resume_interview(
                        ctx, user_id=user, interview_id=runner.interview_id, model=model()
                    )
                    for event in runner.advance():
                        sink(event)
            finished = runner.finished
            runner.close()
            status, rows = read_transcript(url, runner.interview_id)
            try:
                assert_sound(rows, acked=ANSWERS, full_texts=texts)
                sound, detail = finished and status == "completed", ""
            except AssertionError as exc:
                sound, detail = False, str(exc)
            return outcome, retries, sound, detail
        finally:
            ctx.close()


def run(cfg: Config) -> list[Row]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    faults = FAULTS[:4] + FAULTS[-1:] if cfg.quick else FAULTS
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-faults-") as tmp:
        for n, (script, label) in enumerate(faults):
            outcome, retries, sound, detail = _one(script, Path(tmp), n)
            rows.append(
                Row(
                    NAME,
                    f"model fault: {label}",
                    float(retries),
                    unit="retries",
                    goal="completes, nothing lost",
                    ok=sound,
                    note=f"{outcome}; "
                    + (detail or "completed, no duplicate or half-saved turn, answers once each"),
                )
            )
    return rows
