"""An interviewer that asks one given question first, then defers to another model.

`interviewer retry` and `interviewer practice` reuse a question (or a point) from the past; the
runner still drives the whole turn loop (committing the question, grading, follow-ups, report)
exactly as in any interview, and only the first utterances' text is fixed.
"""

from __future__ import annotations

from interviewer_tui.core.models import (
    Evaluation,
    EvaluationRequest,
    ReportDraft,
    ReportRequest,
    TurnRequest,
    Utterance,
)
from interviewer_tui.llm.protocol import Delta, InterviewerModel, Listener, ModelInfo


class FixedQuestions:
    """`questions[n]` is asked as planned question n + 1; everything else goes to `inner`."""

    def __init__(self, inner: InterviewerModel, questions: tuple[str, ...]) -> None:
        self._inner = inner
        self._questions = questions

    @property
    def info(self) -> ModelInfo:
        return self._inner.info

    def stream_turn(self, request: TurnRequest, on_event: Listener) -> Utterance:
        index = request.question.number - 1
        if request.kind == "question" and 0 <= index < len(self._questions):
            text = self._questions[index]
            on_event(Delta(text))
            return Utterance(text=text)
        return self._inner.stream_turn(request, on_event)

    def evaluate(self, request: EvaluationRequest, on_event: Listener | None = None) -> Evaluation:
        return self._inner.evaluate(request, on_event)

    def write_report(self, request: ReportRequest, on_event: Listener | None = None) -> ReportDraft:
        return self._inner.write_report(request, on_event)

    def close(self) -> None:
        self._inner.close()
