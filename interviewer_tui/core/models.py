"""Domain values shared by the engine, the interviewer models and the services.

Plain frozen dataclasses: no ORM, no pydantic, so `core/` stays free of I/O and easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
TurnKind = Literal["question", "followup", "clarification"]
Intent = Literal["answer", "clarification"]
Author = Literal["interviewer", "candidate", "system"]

MAX_QUESTIONS = 30
PASS_SCORE = 7
MAX_ANSWER_CHARS = 20_000
"""Longer answers are refused with a clear message (a 200 KB paste is almost surely a mistake)."""
EMPTY_ANSWER = "the answer is empty: type an answer, or skip the question"
"""Said by every shell (each adds how to skip there) and by the runner, which refuses it too."""


def is_blank(answer: str) -> bool:
    """An answer of nothing but whitespace: never committed, never sent to the model."""
    return not answer.strip()


@dataclass(frozen=True)
class InterviewOptions:
    difficulty: Difficulty = "medium"
    topics: tuple[str, ...] = ()  # topic ids; empty means the default plan
    questions: int | None = None  # 1..30; None means two per topic
    language: str | None = None
    length_minutes: int | None = None
    job_description: str | None = None
    resume: str | None = None  # the candidate's résumé as text (`--resume`)


@dataclass(frozen=True)
class PlannedQuestion:
    number: int  # 1-based
    topic: str  # topic id from core.topics


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
        )


@dataclass(frozen=True)
class ThreadEntry:
    """One message of the current question's thread, as the model should see it."""

    author: Author
    kind: str  # question, followup, clarification, answer
    text: str


@dataclass(frozen=True)
class QuestionSummary:
    """A compact line about an earlier question: keeps prompts flat as the interview grows."""

    number: int
    topic: str
    question: str  # shortened
    score: int | None
    skipped: bool = False


@dataclass(frozen=True)
class Utterance:
    text: str
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True)
class Evaluation:
    intent: Intent
    score: int  # 0..10; ignored for clarifications
    feedback: str  # critical, ends with one concrete improvement
    covered: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    follow_up: bool = False  # the grader thinks a follow-up would tell more
    usage: Usage = field(default_factory=Usage)
    false_claims: tuple[str, ...] = ()  # false statements the answer made, each in a few words


@dataclass(frozen=True)
class QuestionResult:
    number: int
    topic: str
    question: str
    score: int | None  # None: never answered (interview ended first)
    feedback: str | None
    covered: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    skipped: bool = False


@dataclass(frozen=True)
class ReportDraft:
    """What the model writes; the numbers of the report are computed in core.scoring."""

    summary: str
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    suggested_topics: tuple[str, ...]
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True)
class Report:
    overall_percent: int | None  # None when nothing was answered
    answered: int
    per_topic: dict[str, int]  # topic id -> percent
    questions: tuple[QuestionResult, ...]
    summary: str
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    suggested_topics: tuple[str, ...]
    provider: str
    model: str


@dataclass(frozen=True)
class TurnRequest:
    """Everything the interviewer model needs to say the next thing, and no more.

    `thread` is only the current question's messages; earlier questions come as `summary`.
    """

    kind: TurnKind
    options: InterviewOptions
    question: PlannedQuestion
    total_questions: int
    thread: tuple[ThreadEntry, ...]
    summary: tuple[QuestionSummary, ...]
    seed: int  # stable per interview, so the offline bank picks the same questions on resume
    missed: tuple[str, ...] = ()  # for follow-ups: what the last answer left out
    false_claims: tuple[str, ...] = ()  # for follow-ups: what it got wrong, to be challenged
    is_last: bool = False


@dataclass(frozen=True)
class EvaluationRequest:
    """Grade the latest answer in `thread` (which ends with it); candidate text is data only."""

    options: InterviewOptions
    question: PlannedQuestion
    question_text: str
    thread: tuple[ThreadEntry, ...]
    answer: str


@dataclass(frozen=True)
class ReportRequest:
    options: InterviewOptions
    results: tuple[QuestionResult, ...]
