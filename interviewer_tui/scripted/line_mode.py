"""Driving one interview line by line through the port (as the TUI does), as text or JSON.

Every way out leaves the interview saved: EOF and Ctrl-C pause it, a model failure pauses it
with exit code 4, a rejected answer pauses it with exit code 2.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from dataclasses import asdict
from types import FrameType
from typing import TYPE_CHECKING

from interviewer_tui.core.models import EMPTY_ANSWER, is_blank
from interviewer_tui.errors import AppError, Interrupted, ValidationError
from interviewer_tui.scripted.answers import Answer
from interviewer_tui.scripted.output import Output
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
    from interviewer_tui.services.port import RunningInterview


def _render(output: Output, event: RunEvent) -> None:
    """One pulled event, written out; every field comes from the event itself."""
    if isinstance(event, TurnStarted):
        output.turn_started(
            kind=event.kind, number=event.question_number, total=event.total, topic=event.topic
        )
    elif isinstance(event, TurnDelta):
        output.delta(event.text)
    elif isinstance(event, TurnRetry):
        output.retry(attempt=event.attempt, delay=event.delay, reason=event.reason)
    elif (
        isinstance(event, MessageSaved)
        and event.message.author == "interviewer"
        and event.message.kind != "feedback"
    ):
        output.turn_done(
            kind=event.message.kind,
            number=event.message.question_number or 0,
            total=event.total,
            topic=event.topic,
            text=event.message.content,
        )
    elif isinstance(event, Evaluated):
        output.feedback(
            number=event.question_number,
            score=event.score,
            feedback=event.feedback,
            covered=event.covered,
            missed=event.missed,
        )
    elif isinstance(event, Reported):
        output.report(asdict(event.report))


def _hangup_as_interrupt() -> None:
    """SIGTERM and SIGHUP (a dropped SSH session) save the interview like Ctrl-C does."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    for sig in (signal.SIGTERM, signal.SIGHUP):
        # ValueError/OSError: not the main thread, or not supported here
        with contextlib.suppress(ValueError, OSError):
            signal.signal(sig, handler)


def run(
    runner: RunningInterview, output: Output, answers: Iterator[Answer], *, resumed: bool
) -> int:
    """Run to the end, EOF or failure; returns the exit code (0 when completed or paused by EOF)."""
    _hangup_as_interrupt()
    info = {
        "provider": runner.provider,
        "model": runner.model_name,
        "difficulty": runner.options.difficulty,
        "questions": runner.total_questions,
        "topics": list(dict.fromkeys(q for q in runner.options.topics)) or [runner.topic],
        "language": runner.options.language,
    }
    output.started(interview_id=runner.interview_id, resumed=resumed, info=info)
    if resumed:
        report = runner.report()
        last = next(
            (
                m
                for m in reversed(runner.transcript())
                if m.author == "interviewer" and m.kind != "feedback"
            ),
            None,
        )
        if runner.awaiting_answer and last is not None and report is None:
            output.turn_started(
                kind=last.kind,
                number=runner.question_number,
                total=runner.total_questions,
                topic=runner.topic,
            )
            output.delta(last.content)
            output.turn_done(
                kind=last.kind,
                number=runner.question_number,
                total=runner.total_questions,
                topic=runner.topic,
                text=last.content,
            )
    try:
        while True:
            for event in runner.advance():
                _render(output, event)
            if runner.finished:
                runner.close()
                return 0
            output.prompt()
            answer = next(answers, None)
            while answer is not None and answer.kind == "answer" and is_blank(answer.text):
                output.notice(f"({EMPTY_ANSWER} with /skip; this one was ignored)")
                answer = next(answers, None)
            if answer is None or answer.kind == "pause":
                runner.close()
                output.paused(reason="end of input" if answer is None else "paused")
                return 0
            if answer.kind == "skip":
                number = runner.question_number
                runner.skip()
                output.answered(number=number, seq=0, kind="skip")
            elif answer.kind == "end":
                runner.end()
            else:
                try:
                    saved = runner.answer(answer.text)
                    output.answered(number=runner.question_number, seq=saved.seq, kind="answer")
                except ValidationError as exc:
                    runner.close()
                    output.error(code=int(exc.exit_code), message=exc.message)
                    output.paused(reason="answer refused")
                    raise
    except KeyboardInterrupt:
        _safe_close(runner)
        output.paused(reason="interrupted")
        raise Interrupted(f"interrupted: interview {runner.interview_id} saved as paused") from None
    except AppError as exc:
        if not isinstance(exc, ValidationError):
            _safe_close(runner)
            output.error(code=int(exc.exit_code), message=exc.message)
            output.paused(reason="stopped")
        raise


def _safe_close(runner: RunningInterview) -> None:
    with contextlib.suppress(AppError, KeyboardInterrupt):
        runner.close()
