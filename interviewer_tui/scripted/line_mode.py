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
from interviewer_tui.core.resume import tailoring_setup
from interviewer_tui.core.words import count
from interviewer_tui.errors import AppError, Interrupted, UsageError, ValidationError
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
    from interviewer_tui.services.port import Application, ConnectionTarget, RunningInterview


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
    runner: RunningInterview,
    output: Output,
    answers: Iterator[Answer],
    *,
    resumed: bool,
    app: Application | None = None,
) -> int:
    """Run to the end, EOF or failure; returns the exit code (0 when completed or paused by EOF).

    `app` (the port the runner came from) serves `/model-answer`."""
    _hangup_as_interrupt()

    def reconnecting(attempt: int, delay: float, target: ConnectionTarget) -> None:
        output.reconnecting(attempt=attempt, delay=delay, target=target)

    if app is not None:
        app.watch_connection(reconnecting)
    graded: list[int] = []  # question numbers graded in this run, latest last

    info = {
        "provider": runner.provider,
        "model": runner.model_name,
        "difficulty": runner.options.difficulty,
        "questions": runner.total_questions,
        "topics": list(dict.fromkeys(q for q in runner.options.topics)) or [runner.topic],
        "language": runner.options.language,
    }
    setup = tailoring_setup(
        runner.options.resume, runner.options.job_description, provider=runner.provider
    )
    if setup:
        info["setup"] = setup
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
                if isinstance(event, Evaluated):
                    graded.append(event.question_number)
                _render(output, event)
            if runner.finished:
                runner.close()
                return 0
            output.prompt()
            answer = _next_answer(runner, output, answers)
            if answer is None or answer.kind == "pause":
                runner.close()
                output.paused(reason="end of input" if answer is None else "paused")
                return 0
            if answer.kind == "model_answer":
                _show_model_answer(app, runner, output, graded)
                continue
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
        if _safe_close(runner):
            output.paused(reason="interrupted")
            raise Interrupted(
                f"interrupted: interview {runner.interview_id} saved as paused"
            ) from None
        raise Interrupted(
            f"interrupted: interview {runner.interview_id} could not be saved as paused; "
            "the next `interviewer resume` takes it over"
        ) from None
    except AppError as exc:
        if not isinstance(exc, ValidationError):
            paused = _safe_close(runner)
            output.error(code=int(exc.exit_code), message=exc.message)
            if paused:  # never claim a pause that did not reach the database
                output.paused(reason="stopped")
        raise


def _next_answer(
    runner: RunningInterview, output: Output, answers: Iterator[Answer]
) -> Answer | None:
    """The next non-empty answer or command; `/edit` blocks go through the user's editor."""
    while True:
        answer = next(answers, None)
        if answer is not None and answer.kind == "edit":
            answer = _edited(runner, output, answer.text)
            if answer is None:
                continue
        if answer is not None and answer.kind == "answer" and is_blank(answer.text):
            output.notice(f"({EMPTY_ANSWER} with /skip; this one was ignored)")
            continue
        return answer


def _edited(runner: RunningInterview, output: Output, typed: str) -> Answer | None:
    """Open the editor on the draft (saved before and after); its text becomes the answer."""
    from interviewer_tui.services.editor import edit_text

    draft = typed or runner.draft or ""
    runner.save_draft(draft)
    try:
        text = edit_text(draft)
    except UsageError as exc:
        output.notice(f"({exc.message})")
        return None
    runner.save_draft(text)
    if text.strip():
        output.notice(f"(answer from the editor: {count(len(text.splitlines()), 'line')})")
    return Answer("answer", text)


def _show_model_answer(
    app: Application | None, runner: RunningInterview, output: Output, graded: list[int]
) -> None:
    """`/model-answer`: a strong answer to the question graded last, never to an open one."""
    if app is None:
        output.notice("(model answers are not available here)")
        return
    done = graded or [r.number for r in runner.results() if r.score is not None]
    if not done:
        output.notice("(a model answer is shown after your answer has been graded)")
        return
    if done[-1] == runner.question_number and not runner.finished:
        output.notice("(answer the follow-up first: the model answer would give it away)")
        return
    try:
        shown = app.model_answer(
            user_id=runner.user_id,
            interview_id=runner.interview_id,
            question_number=done[-1],
        )
    except AppError as exc:
        output.notice(f"({exc.message})")
        return
    output.model_answer(
        number=shown.question_number, source=shown.source, model=shown.model, text=shown.text
    )


def _safe_close(runner: RunningInterview) -> bool:
    """Pause and close; False when the pause could not be saved (the database is gone)."""
    try:
        runner.close()
    except (AppError, KeyboardInterrupt):
        return False
    return True
