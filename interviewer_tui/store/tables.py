"""SQLModel tables. Kept apart from the dataclasses `core/` works with (see services for mapping).

Shape follows the reference app (users -> interviews -> conversations -> questions/messages), with:
aware UTC timestamps, case-insensitive unique usernames (stored `username_key`), scores and feedback
as columns, per-message token usage, and `ON DELETE CASCADE` from users down.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from interviewer_tui.store.types import UTCDateTime, utcnow

# On SQLite an id is never handed out twice, even after the newest row is deleted (migration 0002);
# PostgreSQL's sequences behave so already.
AUTOINCREMENT: dict[str, Any] = {"sqlite_autoincrement": True}

INTERVIEW_STATUSES = ("in_progress", "paused", "completed", "abandoned")


def _ts(nullable: bool = False, index: bool = False) -> Any:
    return Field(
        default_factory=utcnow if not nullable else None,
        sa_type=UTCDateTime,
        nullable=nullable,
        index=index,
    )


def _nullable_ts() -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=True)


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = (AUTOINCREMENT,)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=32)
    # casefolded username: the unique key that makes "Alice" and "alice" the same account
    username_key: str = Field(max_length=32, unique=True)
    email: str = Field(max_length=320, unique=True)  # stored lower-cased
    password_hash: str = Field(max_length=255)
    failed_logins: int = Field(default=0)
    locked_until: datetime | None = _nullable_ts()
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class RefreshToken(SQLModel, table=True):
    """One row per issued refresh token; a login's tokens share a `family_id`."""

    __tablename__ = "refresh_tokens"
    __table_args__ = (Index("ix_refresh_tokens_user_family", "user_id", "family_id"), AUTOINCREMENT)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    family_id: str = Field(max_length=64, index=True)
    token_hash: str = Field(max_length=64, unique=True)  # hex SHA-256 of the opaque token
    host: str = Field(default="", max_length=255)
    created_at: datetime = _ts()
    last_used_at: datetime = _ts()
    expires_at: datetime = Field(sa_type=UTCDateTime)  # sliding idle expiry
    family_expires_at: datetime = Field(sa_type=UTCDateTime)  # absolute expiry of the login
    rotated_at: datetime | None = _nullable_ts()
    revoked_at: datetime | None = _nullable_ts()
    revoke_reason: str | None = Field(default=None, max_length=64)


class PasswordReset(SQLModel, table=True):
    __tablename__ = "password_resets"
    __table_args__ = (AUTOINCREMENT,)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = _ts()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = _nullable_ts()


class Interview(SQLModel, table=True):
    __tablename__ = "interviews"
    __table_args__ = (
        Index("ix_interviews_user_created", "user_id", "created_at"),
        CheckConstraint(
            "status IN ('in_progress', 'paused', 'completed', 'abandoned')",
            name="ck_interviews_status",
        ),
        CheckConstraint(
            "difficulty IN ('easy', 'medium', 'hard')", name="ck_interviews_difficulty"
        ),
        # a create request retried with the same client-chosen id finds the interview it made
        UniqueConstraint("user_id", "client_id", name="uq_interviews_client_id"),
        AUTOINCREMENT,
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    # chosen by a remote client for `POST /v1/interviews` (None for every other start)
    client_id: str | None = Field(default=None, max_length=64)
    status: str = Field(default="in_progress", max_length=16, index=True)
    difficulty: str = Field(max_length=8)
    number_questions: int
    topics: list[str] = _json_list()
    language: str | None = Field(default=None, max_length=32)
    length_minutes: int | None = None
    job_description: str | None = Field(default=None, sa_type=Text)
    resume_text: str | None = Field(default=None, sa_type=Text)  # `--resume`, as extracted text
    # what the tailoring used (keywords, projects, gaps; offline or model), shown in the report
    setup: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # `interviewer retry ID Q`: this interview is a new attempt at question Q of interview ID
    retry_of_interview_id: int | None = Field(
        default=None, foreign_key="interviews.id", ondelete="SET NULL", index=True
    )
    retry_of_question: int | None = None
    provider: str = Field(max_length=16)  # "openai" or "offline"
    model: str = Field(max_length=128)
    score: int | None = None  # overall percentage once completed
    report: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    prompt_tokens: int = Field(default=0)
    completion_tokens: int = Field(default=0)
    draft_answer: str | None = Field(default=None, sa_type=Text)
    # a lease so two clients cannot drive the same interview at once
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_expires_at: datetime | None = _nullable_ts()
    created_at: datetime = _ts()
    updated_at: datetime = _ts()
    completed_at: datetime | None = _nullable_ts()


class Conversation(SQLModel, table=True):
    """The running thread of one interview, with the engine's state snapshot for resume."""

    __tablename__ = "conversations"
    __table_args__ = (AUTOINCREMENT,)

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interviews.id", ondelete="CASCADE", unique=True)
    current_topic: str | None = Field(default=None, max_length=64)
    current_question: int = Field(default=0)
    next_seq: int = Field(default=1)
    state: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class Question(SQLModel, table=True):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("conversation_id", "question_number", name="uq_questions_number"),
        AUTOINCREMENT,
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversations.id", ondelete="CASCADE", index=True)
    question_number: int
    topic: str = Field(max_length=64)
    subtopic: str | None = Field(default=None, max_length=64)
    prompt: str = Field(sa_type=Text)
    status: str = Field(default="asked", max_length=16)  # asked, answered, skipped
    score: int | None = None
    feedback: str | None = Field(default=None, sa_type=Text)
    covered: list[str] = _json_list()
    missed: list[str] = _json_list()
    followups: int = Field(default=0)
    created_at: datetime = _ts()
    evaluated_at: datetime | None = _nullable_ts()


class Message(SQLModel, table=True):
    """Every utterance, in order. `(conversation_id, seq)` is unique and `client_id` is generated
    before the insert, so a retried write can never add a second copy."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq", name="uq_messages_seq"),
        AUTOINCREMENT,
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    conversation_id: int = Field(foreign_key="conversations.id", ondelete="CASCADE", index=True)
    question_id: int | None = Field(
        default=None, foreign_key="questions.id", ondelete="CASCADE", index=True
    )
    seq: int
    author: str = Field(max_length=16)  # interviewer, candidate, system
    kind: str = Field(max_length=16)  # question, followup, answer, clarification, feedback, ...
    content: str = Field(sa_type=Text)
    score: int | None = None
    prompt_tokens: int = Field(default=0)
    completion_tokens: int = Field(default=0)
    created_at: datetime = _ts()


class DailyUsage(SQLModel, table=True):
    """What a user consumed on one UTC day on a server: interviews started and model tokens.

    A ledger apart from the interviews themselves, so deleting an interview does not hand the
    day's quota back; it goes with the account (ON DELETE CASCADE).
    """

    __tablename__ = "daily_usage"

    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    day: str = Field(max_length=10, primary_key=True)  # YYYY-MM-DD, UTC
    interviews: int = Field(default=0)
    tokens: int = Field(default=0)


class Regrade(SQLModel, table=True):
    """One question graded again by another interviewer (`interviewer regrade`). The original
    grade on `questions` is never touched; each regrade run shares a `run_id`."""

    __tablename__ = "regrades"
    __table_args__ = (AUTOINCREMENT,)

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interviews.id", ondelete="CASCADE", index=True)
    run_id: str = Field(max_length=36, index=True)
    question_number: int
    provider: str = Field(max_length=16)
    model: str = Field(max_length=128)
    score: int
    feedback: str = Field(sa_type=Text)
    covered: list[str] = _json_list()
    missed: list[str] = _json_list()
    created_at: datetime = _ts()


class ReviewItem(SQLModel, table=True):
    """One key point or misconception of a user's, scheduled for review with SM-2.

    `kind` is what the last graded answer did with it: missed, covered, or claimed (a wrong
    claim, a misconception). `point_key` is the normalised point, unique per user and topic.
    """

    __tablename__ = "review_items"
    __table_args__ = (
        UniqueConstraint("user_id", "topic", "point_key", name="uq_review_items_point"),
        Index("ix_review_items_user_due", "user_id", "due_at"),
        AUTOINCREMENT,
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    topic: str = Field(max_length=64)
    point: str = Field(sa_type=Text)
    point_key: str = Field(max_length=200)
    kind: str = Field(max_length=16)  # missed, covered, claimed
    ease: float = Field(default=2.5)
    interval_days: int = Field(default=0)
    repetitions: int = Field(default=0)
    lapses: int = Field(default=0)
    due_at: datetime = Field(sa_type=UTCDateTime)
    last_quality: int = Field(default=0)  # 0..5, SM-2's grade of the last answer
    last_question: str | None = Field(default=None, sa_type=Text)
    last_reviewed_at: datetime = _ts()
    created_at: datetime = _ts()
