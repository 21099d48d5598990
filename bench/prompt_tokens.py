"""4. Cost growth: prompt tokens sent per turn for a 30-question interview, turn 1 to 30.

The real services drive the interview (engine, runner, database); the model is a recorder that
builds exactly the chat messages `OpenAIInterviewer` sends (the `core.prompts` functions) and
answers with realistic lengths. Tokens are estimated as 4 per message plus one per 4 characters
(no tokenizer download is possible here; the same estimate is used for every column).

A naive full-history client is computed from the same transcript: each call sends our prompt plus
every earlier message of the interview. Goal: flat per turn; 30 questions cost <= 3.3x 10.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import Config, Row

NAME = "prompt tokens per turn"
GOAL_30_VS_10 = 3.3
GOAL_FLAT = 1.5

_WORDS = [
    "latency",
    "index",
    "replica",
    "cache",
    "queue",
    "partition",
    "lock",
    "shard",
    "retry",
    "idempotent",
    "transaction",
    "consistency",
    "throughput",
    "backpressure",
    "timeout",
    "schema",
    "query",
    "leader",
    "quorum",
    "snapshot",
    "write",
    "read",
    "service",
    "client",
    "request",
    "response",
    "tradeoff",
    "failure",
    "monitor",
    "metric",
]


def _text(seed: int, words: int) -> str:
    return " ".join(_WORDS[(seed * 7 + i * 3) % len(_WORDS)] for i in range(words)) + "."


def estimate_tokens(messages: list[dict[str, str]] | list[str]) -> int:
    total = 3
    for m in messages:
        content = m if isinstance(m, str) else m["content"]
        total += 4 + math.ceil(len(content) / 4)
    return total


@dataclass
class Call:
    number: int  # question number; 0 for the report
    kind: str
    tokens: int


@dataclass
class RecordingModel:
    """The model protocol, recording the prompts `OpenAIInterviewer` would send."""

    calls: list[Call] = field(default_factory=list)
    history: list[str] = field(default_factory=list)  # every message so far, for the naive client
    naive: list[int] = field(default_factory=list)

    @property
    def info(self):  # type: ignore[no-untyped-def]
        from interviewer_tui.llm.protocol import ModelInfo

        return ModelInfo(provider="openai", model="recorder")

    def _record(self, number: int, kind: str, messages: list[dict[str, str]]) -> int:
        tokens = estimate_tokens(messages)
        self.calls.append(Call(number, kind, tokens))
        self.naive.append(tokens + estimate_tokens(self.history) - 3)
        return tokens

    def stream_turn(self, request, on_event):  # type: ignore[no-untyped-def]
        from interviewer_tui.core import prompts
        from interviewer_tui.core.models import Usage, Utterance
        from interviewer_tui.llm.protocol import Delta

        tokens = self._record(
            request.question.number, request.kind, list(prompts.turn_messages(request))
        )  # type: ignore[arg-type]
        text = _text(request.question.number, 45) + " How would you approach it?"
        on_event(Delta(text))
        self.history.append(text)
        return Utterance(text, Usage(tokens, 60))

    def evaluate(self, request, on_event=None):  # type: ignore[no-untyped-def]
        from interviewer_tui.core import prompts
        from interviewer_tui.core.models import Evaluation, Usage

        self.history.append(request.answer)
        tokens = self._record(
            request.question.number, "evaluation", list(prompts.evaluation_messages(request))
        )  # type: ignore[arg-type]
        feedback = _text(request.question.number + 3, 50)
        self.history.append(feedback)
        return Evaluation(
            "answer",
            7,
            feedback,
            ("mechanism", "trade-off", "example"),
            ("failure mode", "metrics"),
            False,
            Usage(tokens, 120),
        )

    def write_report(self, request, on_event=None):  # type: ignore[no-untyped-def]
        from interviewer_tui.core import prompts
        from interviewer_tui.core.models import ReportDraft, Usage

        tokens = self._record(0, "report", list(prompts.report_messages(request)))  # type: ignore[arg-type]
        return ReportDraft(
            "Solid overall.", ("a", "b", "c"), ("d", "e", "f"), ("caching",), Usage(tokens, 300)
        )

    def close(self) -> None:
        pass


def interview(questions: int, workdir: Path) -> RecordingModel:
    from bench.appctx import add_user, make_ctx
    from interviewer_tui.core.plan import normalise_options
    from interviewer_tui.services import interviews as svc

    ctx = make_ctx(f"sqlite:///{workdir / f'tokens{questions}.db'}", workdir / "home")
    try:
        user = add_user(ctx, f"tokens{questions}")
        model = RecordingModel()
        runner = svc.start_interview(
            ctx,
            user_id=user,
            model=model,  # type: ignore[arg-type]
            options=normalise_options(questions=questions),
        )
        n = 0
        while True:
            list(runner.advance())
            if runner.finished:
                break
            n += 1
            runner.answer(_text(n + 11, 140))  # about 140 words: a solid spoken answer
        runner.close()
        return model
    finally:
        ctx.close()


def per_turn(calls: list[Call], values: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for call, tokens in zip(calls, values, strict=True):
        if call.number:
            out[call.number] = out.get(call.number, 0) + tokens
    return out


def run(cfg: Config) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="bench-tokens-") as tmp:
        m30 = interview(30, Path(tmp))
        m10 = interview(10, Path(tmp))
    ours30 = per_turn(m30.calls, [c.tokens for c in m30.calls])
    naive30 = per_turn(m30.calls, m30.naive)
    total30, total10 = sum(c.tokens for c in m30.calls), sum(c.tokens for c in m10.calls)
    naive_t30, naive_t10 = sum(m30.naive), sum(m10.naive)
    lines = ["turn  ours (ask+grade)  naive full history"]
    lines += [f"{n:>4}  {ours30[n]:>16,}  {naive30[n]:>18,}" for n in sorted(ours30)]
    report30 = next(c.tokens for c in m30.calls if c.kind == "report")
    lines.append(f"report call: ours {report30:,}, naive {m30.naive[-1]:,}")
    details = "prompt tokens per turn, 30-question interview (estimate: chars/4 + 4 per message)\n"
    details += "\n".join(lines)
    flat = ours30[30] / ours30[2]
    return [
        Row(
            NAME,
            "turn 30 prompt vs turn 2",
            ours30[30],
            unit="tok",
            baseline_name="turn 2",
            baseline=ours30[2],
            goal=f"flat (<= {GOAL_FLAT}x)",
            ok=flat <= GOAL_FLAT,
            note=f"turn 10: {ours30[10]:,} tok; max {max(ours30.values()):,}",
            extra={"details": details, "per_turn": ours30, "naive_per_turn": naive30},
        ),
        Row(
            NAME,
            "total 30 questions vs 10",
            total30,
            unit="tok",
            baseline_name="total 10 questions",
            baseline=total10,
            goal=f"<= {GOAL_30_VS_10}x",
            ok=total30 / total10 <= GOAL_30_VS_10,
            note="incl. grading and report calls",
        ),
        Row(
            NAME,
            "naive client: total 30 vs 10",
            naive_t30,
            unit="tok",
            baseline_name="naive total 10 questions",
            baseline=naive_t10,
            note=f"naive/ours at 30 questions: {naive_t30 / total30:.1f}x",
        ),
    ]
