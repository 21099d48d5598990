"""What a running interview tells its shell (TUI or scripted CLI) as it goes."""

from __future__ import annotations

from collections.abc import Callable
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
    message: MessageView


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
EventSink = Callable[[RunEvent], None]
