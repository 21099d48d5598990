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
