"""Two renderings of a scripted interview: plain text for people, JSON Lines for programs.

Both filter terminal escapes out of model and user text. JSON events keep stable field names
(documented in the README); human notices always go to stderr.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from interviewer_tui.core.redact import redact
from interviewer_tui.core.report_outline import overall_line, report_lists
from interviewer_tui.core.resume import describe_setup
from interviewer_tui.core.scoring import band
from interviewer_tui.core.text import StreamSanitizer, escape_json_text, sanitize_terminal
from interviewer_tui.core.topics import title
from interviewer_tui.core.words import count

if TYPE_CHECKING:
    from interviewer_tui.services.port import ConnectionTarget


def json_line(event: dict[str, Any]) -> str:
    """One JSON object on one line; C1 and bidi controls escaped too, so no byte of it drives a
    terminal or reorders what it shows. Values JSON cannot hold (timestamps, read models) are
    written by the wire codec, as in `history --json`, `show --json` and `/v1`."""
    text = json.dumps(event, ensure_ascii=False, separators=(",", ":"), default=_wire)
    return escape_json_text(text)


def _wire(value: object) -> Any:
    from interviewer_tui.services.wire import encode

    return encode(value)


class Output(Protocol):
    def started(self, *, interview_id: int, resumed: bool, info: dict[str, Any]) -> None: ...
    def turn_started(self, *, kind: str, number: int, total: int, topic: str) -> None: ...
    def delta(self, text: str) -> None: ...
    def retry(self, *, attempt: int, delay: float, reason: str) -> None: ...
    def reconnecting(self, *, attempt: int, delay: float, target: ConnectionTarget) -> None:
        """Before each reconnect wait; attempt 0: connected again."""
        ...

    def turn_done(self, *, kind: str, number: int, total: int, topic: str, text: str) -> None: ...
    def prompt(self) -> None: ...
    def answered(self, *, number: int, seq: int, kind: str) -> None: ...
    def feedback(
        self,
        *,
        number: int,
        score: int,
        feedback: str,
        covered: tuple[str, ...],
        missed: tuple[str, ...],
    ) -> None: ...
    def report(self, report: dict[str, Any]) -> None: ...
    def paused(self, *, reason: str) -> None: ...
    def error(self, *, code: int, message: str) -> None: ...
    def notice(self, message: str) -> None: ...
    def model_answer(self, *, number: int, source: str, model: str, text: str) -> None: ...


def _err(message: str) -> None:
    from interviewer_tui.exits import err

    err(message)


class PlainOutput:
    def __init__(self, out: TextIO, *, interactive: bool) -> None:
        self._out = out
        self._interactive = interactive
        self._id = 0
        self._setup: dict[str, Any] | None = None
        # a streamed turn arrives in chunks; an escape sequence may be cut between two of them
        self._stream = StreamSanitizer()

    def _w(self, text: str) -> None:
        self._out.write(sanitize_terminal(text))
        self._out.flush()

    def started(self, *, interview_id: int, resumed: bool, info: dict[str, Any]) -> None:
        self._id = interview_id
        verb = "Resuming" if resumed else "Interview"
        who = "offline interviewer" if info["provider"] == "offline" else f"{info['model']}"
        topics = ", ".join(title(t) for t in info["topics"])
        questions = count(info["questions"], "question")
        self._w(f"{verb} {interview_id} · {info['difficulty']} · {questions} · {topics} · {who}\n")
        self._setup = info.get("setup")
        if self._setup:
            self._w(f"Tailored to: {describe_setup(self._setup)}\n")

    def turn_started(self, *, kind: str, number: int, total: int, topic: str) -> None:
        if kind == "question":
            self._w(f"\nQ{number}/{total} · {title(topic)}\n")
        elif kind == "followup":
            self._w(f"\nFollow-up on Q{number}\n")
        elif kind == "clarification":
            self._w("\nInterviewer\n")
        elif kind == "evaluation" and self._interactive:
            _err("(grading…)")
        elif kind == "report" and self._interactive:
            _err("(writing the report…)")

    def delta(self, text: str) -> None:
        self._out.write(self._stream.feed(text))
        self._out.flush()

    def _end_stream(self) -> None:
        self._w(self._stream.flush())

    def reconnecting(self, *, attempt: int, delay: float, target: ConnectionTarget) -> None:
        where = target.label
        if attempt == 0:
            _err(f"(connected again to {where})")
            return
        _err(f"(lost the connection to {where}: reconnecting… attempt {attempt}, {delay:.1f}s)")

    def retry(self, *, attempt: int, delay: float, reason: str) -> None:
        self._end_stream()
        self._w("\n")
        _err(f"(model problem: {reason}; retry {attempt} in {delay:.1f}s, the turn starts over)")

    def turn_done(self, *, kind: str, number: int, total: int, topic: str, text: str) -> None:
        self._end_stream()
        self._w("\n")

    def prompt(self) -> None:
        if self._interactive:
            _err('\nYour answer (finish with a line holding only "."; /skip, /end, /pause):')

    def answered(self, *, number: int, seq: int, kind: str) -> None:
        pass

    def feedback(
        self,
        *,
        number: int,
        score: int,
        feedback: str,
        covered: tuple[str, ...],
        missed: tuple[str, ...],
    ) -> None:
        label = {"pass": "pass", "borderline": "borderline", "fail": "below the bar"}[band(score)]
        self._w(f"\nScore: {score}/10 ({label})\nFeedback: {feedback}\n")
        if covered:
            self._w(f"Covered: {'; '.join(covered)}\n")
        if missed:
            self._w(f"Missed: {'; '.join(missed)}\n")

    def report(self, report: dict[str, Any]) -> None:
        overall = report["overall_percent"]
        lines = [
            "",
            "=" * 60,
            "Report",
            "=" * 60,
            overall_line(overall, report["answered"]),
        ]
        if report["provider"] == "offline":
            lines.append("(graded by the offline interviewer: rubric scoring on key points)")
        if self._setup:
            lines.append(f"Tailored to: {describe_setup(self._setup)}")
        if report["per_topic"]:
            lines.append(
                "By topic: " + ", ".join(f"{title(t)} {p}%" for t, p in report["per_topic"].items())
            )
        if report["summary"]:
            lines += ["", report["summary"]]
        for heading, items in report_lists(
            report["strengths"], report["improvements"], report["suggested_topics"]
        ):
            if items:
                lines += ["", f"{heading}:"] + [f"  - {item}" for item in items]
        self._w("\n".join(lines) + "\n")

    def paused(self, *, reason: str) -> None:
        _err(
            f"\n{reason}: interview {self._id} is saved as paused; continue with "
            f"`interviewer resume {self._id}`"
        )

    def error(self, *, code: int, message: str) -> None:
        pass  # the CLI prints the error line itself

    def model_answer(self, *, number: int, source: str, model: str, text: str) -> None:
        where = "the bank's reference answer" if source == "reference" else f"written by {model}"
        self._w(f"\nModel answer · Q{number} ({where})\n{text}\n")

    def notice(self, message: str) -> None:
        _err(message)


class JsonOutput:
    """JSON Lines on stdout: started, question, followup, clarification, answer, feedback,
    report, paused, retry and error events, each with `event` and `interview_id`."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._id = 0

    def _emit(self, event: str, **fields: Any) -> None:
        self._out.write(json_line({"event": event, "interview_id": self._id, **fields}) + "\n")
        self._out.flush()

    def started(self, *, interview_id: int, resumed: bool, info: dict[str, Any]) -> None:
        self._id = interview_id
        self._emit("started", resumed=resumed, **info)

    def turn_started(self, *, kind: str, number: int, total: int, topic: str) -> None:
        pass

    def delta(self, text: str) -> None:
        pass

    def reconnecting(self, *, attempt: int, delay: float, target: ConnectionTarget) -> None:
        # `target` the same for both ports ("database", or the server's URL); `database` (which
        # one, for people) only when it is one
        where: dict[str, Any] = {"target": target.target}
        if target.target == "database":
            where["database"] = target.label
        if attempt == 0:
            self._emit("reconnected", **where)
            return
        self._emit("reconnecting", attempt=attempt, delay=round(delay, 3), **where)

    def retry(self, *, attempt: int, delay: float, reason: str) -> None:
        self._emit("retry", attempt=attempt, delay=round(delay, 3), reason=redact(reason))

    def turn_done(self, *, kind: str, number: int, total: int, topic: str, text: str) -> None:
        self._emit(kind, number=number, total=total, topic=topic, text=text)

    def prompt(self) -> None:
        pass

    def answered(self, *, number: int, seq: int, kind: str) -> None:
        """Sent once the answer is committed: from here on it survives any crash."""
        self._emit("answer", number=number, seq=seq, kind=kind)

    def feedback(
        self,
        *,
        number: int,
        score: int,
        feedback: str,
        covered: tuple[str, ...],
        missed: tuple[str, ...],
    ) -> None:
        self._emit(
            "feedback",
            number=number,
            score=score,
            band=band(score),
            feedback=feedback,
            covered=list(covered),
            missed=list(missed),
        )

    def report(self, report: dict[str, Any]) -> None:
        self._emit(
            "report",
            **{k: v for k, v in report.items() if k != "questions"},
            questions=[
                {k: q[k] for k in ("number", "topic", "score", "skipped", "feedback")}
                for q in report["questions"]
            ],
        )

    def paused(self, *, reason: str) -> None:
        self._emit("paused", reason=reason)

    def error(self, *, code: int, message: str) -> None:
        self._emit("error", code=code, message=redact(message))

    def model_answer(self, *, number: int, source: str, model: str, text: str) -> None:
        self._emit("model_answer", question_number=number, source=source, model=model, text=text)

    def notice(self, message: str) -> None:
        _err(message)
