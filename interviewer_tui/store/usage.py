"""What a server needs per request: a user's consumption per day (the ledger behind the daily
quota) and the answer a client already submitted under its own id (for idempotent retries)."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from interviewer_tui.store import prepared
from interviewer_tui.store.tables import Conversation, DailyUsage, Interview, Message


def _ensure_row(session: Session, *, user_id: int, day: str) -> None:
    if session.get(DailyUsage, (user_id, day)) is not None:
        return
    try:
        with session.begin_nested():
            session.add(DailyUsage(user_id=user_id, day=day, interviews=0, tokens=0))
            session.flush()
    except IntegrityError:
        pass  # another request made it first: fine, we update it below


def take_interview(session: Session, *, user_id: int, day: str, limit: int) -> bool:
    """Count one more interview for the day unless `limit` is reached (a conditional UPDATE, so
    two requests at once cannot both take the last one)."""
    _ensure_row(session, user_id=user_id, day=day)
    result = session.execute(
        update(DailyUsage)
        .where(
            col(DailyUsage.user_id) == user_id,
            col(DailyUsage.day) == day,
            col(DailyUsage.interviews) < limit,
        )
        .values(interviews=DailyUsage.interviews + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def give_back_interview(session: Session, *, user_id: int, day: str) -> None:
    """Undo `take_interview` for a request that then made no interview."""
    session.execute(
        update(DailyUsage)
        .where(
            col(DailyUsage.user_id) == user_id,
            col(DailyUsage.day) == day,
            col(DailyUsage.interviews) > 0,
        )
        .values(interviews=DailyUsage.interviews - 1)
        .execution_options(synchronize_session=False)
    )


def add_tokens(session: Session, *, user_id: int, day: str, tokens: int) -> None:
    """One statement (an upsert): this runs in every model step's transaction on a server."""
    if tokens <= 0:
        return
    from sqlalchemy.dialects import postgresql, sqlite

    table = DailyUsage.__table__  # type: ignore[attr-defined]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(user_id=user_id, day=day, interviews=0, tokens=tokens)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=[table.c.user_id, table.c.day],
            set_={"tokens": table.c.tokens + tokens},
        )
    )


def usage_on(session: Session, *, user_id: int, day: str) -> tuple[int, int]:
    """(interviews started, model tokens spent) by the user on that UTC day."""
    row = session.get(DailyUsage, (user_id, day))
    return (row.interviews, row.tokens) if row is not None else (0, 0)


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


def answer_seq_and_tokens(
    session: Session, *, user_id: int, interview_id: int, client_id: str, day: str
) -> tuple[int | None, int]:
    """`answer_seq_by_client_id` and the day's tokens (`usage_on`) in one query: an answer
    request asks both in the transaction that takes the interview's lease."""
    values = {"user_id": user_id, "interview_id": interview_id, "client_id": client_id, "day": day}
    row: Any = prepared.run(session, _answer_seq_and_tokens(), values).one()
    found, spent = row[0], row[1]
    return (int(found) if found is not None else None), int(spent or 0)


@functools.cache
def _answer_seq_and_tokens() -> Any:
    """Built once, with bound parameters (see store/prepared.py)."""
    seq = (
        sa_select(col(Message.seq))
        .join(Conversation, col(Conversation.id) == col(Message.conversation_id))
        .join(Interview, col(Interview.id) == col(Conversation.interview_id))
        .where(
            col(Interview.user_id) == bindparam("user_id"),
            col(Interview.id) == bindparam("interview_id"),
            col(Message.client_id) == bindparam("client_id"),
        )
        .scalar_subquery()
    )
    tokens = (
        sa_select(col(DailyUsage.tokens))
        .where(
            col(DailyUsage.user_id) == bindparam("user_id"),
            col(DailyUsage.day) == bindparam("day"),
        )
        .scalar_subquery()
    )
    return sa_select(seq, tokens)
