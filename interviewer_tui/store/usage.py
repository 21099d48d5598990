"""Read-only queries a server needs per request: a user's consumption today (for the daily quota)
and the answer a client already submitted under its own id (for idempotent retries)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from interviewer_tui.store.tables import Conversation, Interview, Message


def interviews_started_since(session: Session, *, user_id: int, since: datetime) -> int:
    stmt = sa_select(func.count(col(Interview.id))).where(
        col(Interview.user_id) == user_id, col(Interview.created_at) >= since
    )
    return int(session.execute(stmt).scalar_one() or 0)


def tokens_since(session: Session, *, user_id: int, since: datetime) -> int:
    """Model tokens (prompt + completion) spent on the user's messages since `since`."""
    stmt = (
        sa_select(func.coalesce(func.sum(Message.prompt_tokens + Message.completion_tokens), 0))
        .join(Conversation, col(Conversation.id) == col(Message.conversation_id))
        .join(Interview, col(Interview.id) == col(Conversation.interview_id))
        .where(col(Interview.user_id) == user_id, col(Message.created_at) >= since)
    )
    return int(session.execute(stmt).scalar_one() or 0)


def answer_seq_by_client_id(
    session: Session, *, user_id: int, interview_id: int, client_id: str
) -> int | None:
    """The sequence number of the message stored under `client_id` in this user's interview."""
    stmt = (
        sa_select(col(Message.seq))
        .join(Conversation, col(Conversation.id) == col(Message.conversation_id))
        .join(Interview, col(Interview.id) == col(Conversation.interview_id))
        .where(
            col(Interview.user_id) == user_id,
            col(Interview.id) == interview_id,
            col(Message.client_id) == client_id,
        )
    )
    seq = session.execute(stmt).scalar_one_or_none()
    return int(seq) if seq is not None else None
