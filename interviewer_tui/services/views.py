"""Read models handed to the shells: plain frozen dataclasses, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from interviewer_tui.core.models import InterviewOptions, QuestionResult, Report


@dataclass(frozen=True)
class MessageView:
    seq: int
    author: str  # interviewer, candidate
    kind: str  # question, followup, clarification, answer, skip, feedback
    content: str
    score: int | None
    question_number: int | None
    created_at: datetime
    tokens: int = 0


@dataclass(frozen=True)
class InterviewSummary:
    id: int
    status: str
    difficulty: str
    topics: tuple[str, ...]
    number_questions: int
    answered: int
    score: int | None
    provider: str
    model: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class InterviewDetail:
    summary: InterviewSummary
    options: InterviewOptions
    messages: tuple[MessageView, ...]
    questions: tuple[QuestionResult, ...]
    report: Report | None
    setup: dict[str, Any] | None = None  # what the interview was tailored to (core/resume.py)


@dataclass(frozen=True)
class Dashboard:
    unfinished: InterviewSummary | None
    recent: tuple[InterviewSummary, ...]
    trend: tuple[int, ...]  # overall % of completed interviews, oldest first
    weakest_topics: tuple[tuple[str, int], ...]  # (topic id, percent), weakest first


# -- the practice loop ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewView:
    topic: str
    point: str
    kind: str  # missed, covered, claimed
    due_at: datetime
    interval_days: int
    repetitions: int
    lapses: int
    ease: float


@dataclass(frozen=True)
class TopicProgress:
    topic: str
    items: int
    due: int
    trend: tuple[int, ...]  # the topic's question scores (0-10), oldest first, last few


@dataclass(frozen=True)
class Progress:
    due_now: int
    due_today: int
    items: int
    topics: tuple[TopicProgress, ...]
    next_due: tuple[ReviewView, ...]


@dataclass(frozen=True)
class PracticeQuestion:
    topic: str
    point: str
    text: str
    from_bank: bool


@dataclass(frozen=True)
class AttemptComparison:
    original_interview: int
    retry_interview: int
    original: QuestionResult
    retry: QuestionResult


@dataclass(frozen=True)
class RegradedQuestion:
    number: int
    topic: str
    question: str
    original: QuestionResult
    score: int
    feedback: str
    covered: tuple[str, ...]
    missed: tuple[str, ...]

    @property
    def delta(self) -> int:
        return self.score - (self.original.score or 0)


@dataclass(frozen=True)
class RegradeResult:
    interview_id: int
    run_id: str
    original_grader: str  # "offline: offline-bank" / "openai: gpt-5-mini"
    grader: str
    questions: tuple[RegradedQuestion, ...]
