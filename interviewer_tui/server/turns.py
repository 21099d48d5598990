"""A running turn as Server-Sent Events, in the vocabulary of the CLI's `--json`.

Every event that corresponds to a stored message carries that message's sequence number as its
SSE id, so a dropped stream resumes with `Last-Event-ID` from what the database holds: any replica
can replay what the client missed and then either drive the pending model step itself (it takes
the interview's lease) or, while another process holds the lease, follow the stored messages.
The model runs in a plain thread that finishes its step even if the client goes away: a turn is
always saved, never cut off by a closed connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from interviewer_tui.core.scoring import band
from interviewer_tui.errors import AppError, ConflictError
from interviewer_tui.server import port
from interviewer_tui.services.events import (
    Evaluated,
    MessageSaved,
    Reported,
    RunEvent,
    TurnDelta,
    TurnRetry,
    TurnStarted,
)

if TYPE_CHECKING:
    from interviewer_tui.core.models import QuestionResult, Report
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.runner import AtRest, InterviewRunner
    from interviewer_tui.services.views import InterviewDetail, MessageView

SPOKEN = ("question", "followup", "clarification")
FOLLOW_POLL_SECONDS = 0.2
FOLLOW_LIMIT_SECONDS = 150.0  # a little over the lease TTL: by then a dead holder's lease is free


@dataclass(frozen=True)
class Event:
    name: str
    data: dict[str, Any]
    id: int | None = None


Emit = Callable[[Event], None]


class TurnRegistry:
    """The only in-memory state of the server: the model threads running now, so that SIGTERM
    can wait for them (and have them pause the interview) before the process exits."""

    def __init__(self) -> None:
        self._threads: set[threading.Thread] = set()
        self._lock = threading.Lock()
        self.draining = threading.Event()

    def add(self, thread: threading.Thread) -> None:
        with self._lock:
            self._threads.add(thread)

    def discard(self, thread: threading.Thread) -> None:
        with self._lock:
            self._threads.discard(thread)

    def drain(self, timeout: float) -> int:
        """Ask running turns to pause when done and wait for them; how many were still running."""
        self.draining.set()
        deadline = time.monotonic() + timeout
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return sum(1 for t in threads if t.is_alive())


# -- stored messages -> events ------------------------------------------------------------------


def report_fields(report: Report) -> dict[str, Any]:
    data = asdict(report)
    return {
        **{k: v for k, v in data.items() if k != "questions"},
        "questions": [
            {k: q[k] for k in ("number", "topic", "score", "skipped", "feedback")}
            for q in data["questions"]
        ],
    }


@dataclass(frozen=True)
class Stored:
    """What the database holds of an interview, as far as its events go: read back
    (`from_detail`) or, for the request that holds the lease and just wrote it, from the
    runner (`from_runner`: its messages only, no second read of the whole interview)."""

    messages: Sequence[MessageView]
    questions: Sequence[QuestionResult]
    total: int
    report: Report | None
    status: str

    @classmethod
    def from_detail(cls, detail: InterviewDetail) -> Stored:
        return cls(
            detail.messages,
            detail.questions,
            detail.summary.number_questions,
            detail.report,
            detail.summary.status,
        )

    @classmethod
    def from_runner(
        cls, runner: InterviewRunner, written: Sequence[MessageView] | None = None
    ) -> Stored:
        """`written`: every message after the replay's start, as the request just wrote them
        (an answer, a skip): then nothing is read back."""
        return cls(
            runner.transcript() if written is None else written,
            runner.results(),
            runner.total_questions,
            runner.report(),
            runner.status,
        )


def replay(stored: Stored, after: int) -> list[Event]:
    """The events of every stored message after sequence number `after` (and the report)."""
    total = stored.total
    topics = {q.number: q for q in stored.questions}
    events: list[Event] = []
    last = 0
    for message in stored.messages:
        last = max(last, message.seq)
        if message.seq <= after:
            continue
        number = message.question_number or 0
        result = topics.get(number)
        topic = result.topic if result is not None else ""
        if message.author == "interviewer" and message.kind in SPOKEN:
            fields: dict[str, Any] = {
                "number": number,
                "total": total,
                "topic": topic,
                "text": message.content,
            }
            events.append(Event(message.kind, fields, message.seq))
        elif message.author == "interviewer" and message.kind == "feedback":
            score = message.score or 0
            fields = {
                "number": number,
                "score": score,
                "band": band(score),
                "feedback": message.content,
                "covered": list(result.covered) if result else [],
                "missed": list(result.missed) if result else [],
            }
            events.append(Event("feedback", fields, message.seq))
        elif message.author == "candidate":
            kind = "skip" if message.kind == "skip" else "answer"
            events.append(
                Event("answer", {"number": number, "seq": message.seq, "kind": kind}, message.seq)
            )
    if stored.report is not None and stored.status == "completed" and after <= last:
        events.append(Event("report", report_fields(stored.report), last + 1))
    return events


def awaiting_answer(stored: Stored) -> bool:
    """The candidate's turn, judged from the stored messages alone (for a follower)."""
    if not stored.messages:
        return False
    last = stored.messages[-1]
    return last.author == "interviewer" and last.kind in SPOKEN


def finished(stored: Stored) -> bool:
    return stored.status in ("completed", "abandoned")


class _LiveSink:
    """RunEvents of a runner -> SSE events with the ids of the messages they saved."""

    def __init__(self, emit: Emit, *, last_id: int, deltas: bool) -> None:
        self._emit = emit
        self._deltas = deltas
        self._turn: TurnStarted | None = None
        self._evaluated: Evaluated | None = None
        self.last_id = last_id

    def __call__(self, event: RunEvent) -> None:
        if isinstance(event, TurnStarted):
            self._turn = event
            if self._deltas:  # where the deltas that follow belong (a client draws the turn)
                self._emit(
                    Event(
                        "turn",
                        {
                            "kind": event.kind,
                            "number": event.question_number,
                            "total": event.total,
                            "topic": event.topic,
                        },
                    )
                )
        elif isinstance(event, TurnDelta):
            if self._deltas:
                self._emit(Event("delta", {"text": event.text}))
        elif isinstance(event, TurnRetry):
            self._emit(
                Event(
                    "retry",
                    {
                        "attempt": event.attempt,
                        "delay": round(event.delay, 3),
                        "reason": event.reason,
                    },
                )
            )
        elif isinstance(event, Evaluated):
            self._evaluated = event
        elif isinstance(event, MessageSaved):
            self._saved(event)
        elif isinstance(event, Reported):
            self.last_id += 1
            self._emit(Event("report", report_fields(event.report), self.last_id))

    def _saved(self, event: MessageSaved) -> None:
        message = event.message
        self.last_id = max(self.last_id, message.seq)
        turn = self._turn
        if message.kind == "feedback" and self._evaluated is not None:
            ev = self._evaluated
            self._emit(
                Event(
                    "feedback",
                    {
                        "number": ev.question_number,
                        "score": ev.score,
                        "band": band(ev.score),
                        "feedback": ev.feedback,
                        "covered": list(ev.covered),
                        "missed": list(ev.missed),
                    },
                    message.seq,
                )
            )
            self._evaluated = None
        elif message.author == "interviewer" and message.kind in SPOKEN and turn is not None:
            fields = {
                "number": turn.question_number,
                "total": turn.total,
                "topic": turn.topic,
                "text": message.content,
            }
            self._emit(Event(message.kind, fields, message.seq))


# -- driving and following ----------------------------------------------------------------------


def run_stream(
    ctx: AppContext,
    caller: port.Caller,
    interview_id: int,
    emit: Emit,
    *,
    after: int,
    runner: InterviewRunner | None,
    registry: TurnRegistry,
    cancelled: threading.Event,
    deltas: bool = False,
    force: bool = False,
    written: Sequence[MessageView] | None = None,
    quota_checked: bool = False,
) -> None:
    """Replay what the client has not seen, then drive the pending model steps (or follow
    whoever drives them) until it is the candidate's turn or the interview is over.

    `runner` is a runner whose lease the request already holds (after an answer, a skip...),
    `written` what that request stored after `after` (so it is not read back), `quota_checked`
    that it found tokens left in the same transaction; `force` takes the lease even when the
    stored messages say it is the candidate's turn (resume). The last model step's commit
    lets go of the lease (or, while the server drains, leaves the interview paused).
    """
    last = after
    deadline = time.monotonic() + FOLLOW_LIMIT_SECONDS
    try:
        while True:
            detail = (
                Stored.from_runner(runner, written)  # the lease holder's own writes
                if runner is not None
                else Stored.from_detail(port.get(ctx, caller, interview_id))
            )
            for event in replay(detail, last):
                emit(event)
                last = max(last, event.id or last)
            if finished(detail):
                return
            if runner is None:
                if (awaiting_answer(detail) and not force) or cancelled.is_set():
                    return
                try:
                    runner = port.open_runner(ctx, caller, interview_id)
                except ConflictError:
                    if time.monotonic() >= deadline:
                        raise
                    time.sleep(FOLLOW_POLL_SECONDS)
                    continue
                written, quota_checked = None, False
                continue  # replay once more under the lease: the holder may have just written
            if runner.awaiting_answer or runner.finished:
                return
            if not quota_checked:
                port.remote.check_quota(ctx, user_id=caller.user.id)

            def at_rest() -> AtRest:
                return "pause" if registry.draining.is_set() else "release"

            sink = _LiveSink(emit, last_id=last, deltas=deltas)
            port.advance(ctx, caller, runner, sink, at_rest=at_rest)
            return
    except AppError as exc:
        emit(Event("error", {"code": int(exc.exit_code), "message": exc.message}))
        if runner is not None:
            with contextlib.suppress(AppError):
                runner.close()
            runner = None
            emit(Event("paused", {"reason": "stopped"}))
    finally:
        if runner is not None:
            with contextlib.suppress(AppError):
                if registry.draining.is_set():
                    runner.close()  # the server is stopping: leave the interview paused
                else:
                    runner.release()


async def stream_events(
    interview_id: int,
    work: Callable[[Emit, threading.Event], None],
    registry: TurnRegistry,
) -> AsyncIterator[dict[str, str]]:
    """Run `work` in its own thread and yield what it emits as sse-starlette event dicts."""
    from interviewer_tui.scripted.output import json_line

    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Event | None] = asyncio.Queue()
    cancelled = threading.Event()

    def put(item: Event | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is gone (shutdown): nobody listens
            loop.call_soon_threadsafe(queue.put_nowait, item)

    def target() -> None:
        try:
            work(put, cancelled)
        except Exception:  # never leave the client hanging; details stay in the server log
            import logging

            logging.getLogger("interviewer.server").exception("turn failed")
            put(Event("error", {"code": 1, "message": "internal error: the turn stopped"}))
        finally:
            put(None)
            registry.discard(thread)

    thread = threading.Thread(target=target, name=f"turn-{interview_id}", daemon=True)
    registry.add(thread)
    thread.start()
    try:
        while (event := await queue.get()) is not None:
            item = {
                "event": event.name,
                "data": json_line(
                    {"event": event.name, "interview_id": interview_id, **event.data}
                ),
            }
            if event.id is not None:
                item["id"] = str(event.id)
            yield item
    finally:
        cancelled.set()
