"""The one protocol every interviewer model implements.

Three calls: stream the next utterance, grade an answer into a typed `Evaluation`, and write the
report's prose. Implementations retry transient failures themselves and report progress through
`on_event`; when they give up they raise `errors.ModelError` (exit code 4). They never touch the
database or the UI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from interviewer_tui.core.models import (
    Evaluation,
    EvaluationRequest,
    ReportDraft,
    ReportRequest,
    TurnRequest,
    Utterance,
)


@dataclass(frozen=True)
class Delta:
    """A piece of streamed text."""

    text: str


@dataclass(frozen=True)
class Retrying:
    """A request failed and will be retried after `delay` seconds.

    Any text streamed so far for this call is void: listeners must discard it, because the retry
    streams the whole utterance again from the start.
    """

    attempt: int  # 1 for the first retry
    delay: float
    reason: str


ModelEvent = Delta | Retrying
Listener = Callable[[ModelEvent], None]


@dataclass(frozen=True)
class ModelInfo:
    provider: Literal["openai", "offline"]
    model: str


class InterviewerModel(Protocol):
    @property
    def info(self) -> ModelInfo: ...

    def stream_turn(self, request: TurnRequest, on_event: Listener) -> Utterance:
        """Stream the interviewer's next utterance as Delta events; return the complete text."""
        ...

    def evaluate(self, request: EvaluationRequest, on_event: Listener | None = None) -> Evaluation:
        """Grade the latest answer; scores already validated and clamped to 0..10."""
        ...

    def write_report(self, request: ReportRequest, on_event: Listener | None = None) -> ReportDraft:
        """Summary, 3-5 strengths, 3-5 improvements and suggested topics."""
        ...

    def close(self) -> None: ...
