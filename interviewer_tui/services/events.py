"""What a running interview tells its shell as it goes: the items of `RunningInterview.advance()`.

Each event carries all a shell needs to render it (no shell keeps turn state of its own); the
wire codec (`services/wire.py`) turns them into JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewer_tui.core.models import Report
from interviewer_tui.services.views import MessageView


@dataclass(frozen=True)
class TurnStarted:
    kind: str  # question, followup, clarification, evaluation, report
    question_number: int
    total: int
    topic: str


@dataclass(frozen=True)
class TurnDelta:
    text: str


@dataclass(frozen=True)
class TurnRetry:
    """The model call failed and is retried: discard any partial text shown for it."""

    attempt: int
    delay: float
    reason: str


@dataclass(frozen=True)
class MessageSaved:
    """A message is committed (the interviewer's turn, feedback, or the candidate's answer)."""

    message: MessageView
    total: int  # questions in the plan
    topic: str  # of the question the message belongs to


@dataclass(frozen=True)
class Evaluated:
    question_number: int
    score: int
    feedback: str
    covered: tuple[str, ...]
    missed: tuple[str, ...]


@dataclass(frozen=True)
class Reported:
    report: Report


RunEvent = TurnStarted | TurnDelta | TurnRetry | MessageSaved | Evaluated | Reported
