"""Mapping rows to the read models the shells see (and the report to and from its JSON column)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from interviewer_tui.core.models import InterviewOptions, QuestionResult, Report
from interviewer_tui.services.account_views import UserPublic
from interviewer_tui.services.views import InterviewSummary, MessageView

if TYPE_CHECKING:
    from interviewer_tui.store.interviews import InterviewRow, MessageRow
    from interviewer_tui.store.tables import Interview, Message, Question, User


def options_of(interview: Interview) -> InterviewOptions:
    return InterviewOptions(
        difficulty=interview.difficulty,  # type: ignore[arg-type]
        topics=tuple(interview.topics or ()),
        questions=interview.number_questions,
        language=interview.language,
        length_minutes=interview.length_minutes,
        job_description=interview.job_description,
        resume=interview.resume_text,
    )


def message_view(message: Message | MessageRow, question_number: int | None) -> MessageView:
    return MessageView(
        seq=message.seq,
        author=message.author,
        kind=message.kind,
        content=message.content,
        score=message.score,
        question_number=question_number,
        created_at=message.created_at,
        tokens=message.prompt_tokens + message.completion_tokens,
    )


def summary_of(interview: Interview | InterviewRow, answered: int) -> InterviewSummary:
    assert interview.id is not None
    return InterviewSummary(
        id=interview.id,
        status=interview.status,
        difficulty=interview.difficulty,
        topics=tuple(interview.topics or ()),
        number_questions=interview.number_questions,
        answered=answered,
        score=interview.score,
        provider=interview.provider,
        model=interview.model,
        created_at=interview.created_at,
        updated_at=interview.updated_at,
    )


def result_of(question: Question) -> QuestionResult:
    return QuestionResult(
        number=question.question_number,
        topic=question.topic,
        question=question.prompt,
        score=question.score,
        feedback=question.feedback,
        covered=tuple(question.covered or ()),
        missed=tuple(question.missed or ()),
        skipped=question.status == "skipped",
    )


def report_from_json(data: dict[str, Any] | None) -> Report | None:
    if not data:
        return None
    return Report(
        overall_percent=data.get("overall_percent"),
        answered=int(data.get("answered", 0)),
        per_topic={str(k): int(v) for k, v in (data.get("per_topic") or {}).items()},
        questions=tuple(
            QuestionResult(
                **{
                    **q,
                    "covered": tuple(q.get("covered", ())),
                    "missed": tuple(q.get("missed", ())),
                }
            )
            for q in data.get("questions", ())
        ),
        summary=str(data.get("summary", "")),
        strengths=tuple(data.get("strengths", ())),
        improvements=tuple(data.get("improvements", ())),
        suggested_topics=tuple(data.get("suggested_topics", ())),
        provider=str(data.get("provider", "")),
        model=str(data.get("model", "")),
    )


def report_to_json(report: Report) -> dict[str, Any]:
    return asdict(report)


def public_user(user: User) -> UserPublic:
    """The account as the shells see it: never the password hash or any token."""
    assert user.id is not None
    return UserPublic(
        id=user.id, username=user.username, email=user.email, created_at=user.created_at
    )
