"""Repository functions for interviews, conversations, questions and messages.

Keyword-only, session first. Every read that takes an interview id also takes the acting user's
id, so one user can never load another's rows through here.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Integer, Interval, String, and_, bindparam, delete, func, insert, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import functions
from sqlmodel import Session, col, select

from interviewer_tui.errors import AlreadyCreated
from interviewer_tui.store import prepared
from interviewer_tui.store.tables import Conversation, Interview, Message, Question


def create_interview(
    session: Session, *, user_id: int, values: dict[str, Any], state: dict[str, Any]
) -> tuple[Interview, Conversation]:
    """Insert an interview and its conversation. With a `client_id` in `values`, AlreadyCreated
    if this user has one under that id (a retried request, even one running at this moment)."""
    interview = Interview(user_id=user_id, **values)
    client_id = values.get("client_id")
    if client_id is None:
        session.add(interview)
        session.flush()
    else:
        found = find_by_client_id(session, user_id=user_id, client_id=client_id)
        if found is not None and found.id is not None:
            raise AlreadyCreated(found.id)
        try:
            with session.begin_nested():
                session.add(interview)
                session.flush()
        except IntegrityError:  # its twin committed meanwhile (PostgreSQL waited for it)
            found = find_by_client_id(session, user_id=user_id, client_id=client_id)
            if found is None or found.id is None:
                raise
            raise AlreadyCreated(found.id) from None
    assert interview.id is not None
    conversation = Conversation(interview_id=interview.id, state=state)
    session.add(conversation)
    session.flush()
    return interview, conversation


def find_by_client_id(session: Session, *, user_id: int, client_id: str) -> Interview | None:
    return session.exec(
        select(Interview).where(
            col(Interview.user_id) == user_id, col(Interview.client_id) == client_id
        )
    ).first()


def get_interview(session: Session, *, user_id: int, interview_id: int) -> Interview | None:
    return session.exec(
        select(Interview).where(
            col(Interview.id) == interview_id, col(Interview.user_id) == user_id
        )
    ).first()


def get_conversation(session: Session, *, user_id: int, interview_id: int) -> Conversation | None:
    stmt = (
        select(Conversation)
        .join(Interview, col(Interview.id) == col(Conversation.interview_id))
        .where(col(Interview.id) == interview_id, col(Interview.user_id) == user_id)
    )
    return session.exec(stmt).first()


def get_interview_and_conversation(
    session: Session, *, user_id: int, interview_id: int
) -> tuple[Interview, Conversation] | None:
    """Both rows in one query (a server opens an interview for every answer)."""
    stmt = (
        select(Interview, Conversation)
        .join(Conversation, col(Conversation.interview_id) == col(Interview.id))
        .where(col(Interview.id) == interview_id, col(Interview.user_id) == user_id)
    )
    row = session.exec(stmt).first()
    return (row[0], row[1]) if row is not None else None


def latest_unfinished(session: Session, *, user_id: int) -> Interview | None:
    stmt = (
        select(Interview)
        .where(
            col(Interview.user_id) == user_id,
            col(Interview.status).in_(("in_progress", "paused")),
        )
        .order_by(col(Interview.updated_at).desc(), col(Interview.id).desc())
        .limit(1)
    )
    return session.exec(stmt).first()


class InterviewRow(NamedTuple):
    """An interview as a list shows it, read as plain columns: the list needs neither the long
    text columns (job description, resume, report, draft) nor ORM objects; hydrating 50 full
    rows cost about 5x the query itself on SQLite."""

    id: int
    status: str
    difficulty: str
    topics: list[str] | None
    number_questions: int
    score: int | None
    provider: str
    model: str
    created_at: datetime
    updated_at: datetime


def list_interviews(
    session: Session,
    *,
    user_id: int,
    status: str | None = None,
    limit: int = 50,
    search: str | None = None,
    offset: int = 0,
) -> list[tuple[InterviewRow, int]]:
    """Newest first, each with its number of scored questions, in one query (no N+1)."""
    params: dict[str, Any] = {"user_id": user_id, "limit": limit}
    if offset:
        params["offset"] = offset
    if status:
        params["status"] = status
    if search:
        params["pattern"] = f"%{search.lower()}%"
    stmt = _list_statement(bool(status), bool(search), bool(offset))
    # a Core statement on the session's connection: the ORM's execute path adds nothing here
    rows = session.connection().execute(stmt, params).all()
    return [(InterviewRow(*row[:-1]), int(row[-1] or 0)) for row in rows]


@functools.cache
def _list_statement(by_status: bool, by_search: bool, paged: bool) -> Any:
    """Built once per shape, with bound parameters: building it each call cost about a third
    of the query's own time on SQLite."""
    interviews = Interview.__table__  # type: ignore[attr-defined]
    questions = Question.__table__  # type: ignore[attr-defined]
    conversations = Conversation.__table__  # type: ignore[attr-defined]
    answered = (
        sa_select(func.count(questions.c.id))
        .join(conversations, conversations.c.id == questions.c.conversation_id)
        .where(
            conversations.c.interview_id == interviews.c.id,
            questions.c.score.is_not(None),
        )
        .correlate(interviews)
        .scalar_subquery()
    )
    stmt = sa_select(*(interviews.c[name] for name in InterviewRow._fields), answered).where(
        interviews.c.user_id == bindparam("user_id")
    )
    if by_status:
        stmt = stmt.where(interviews.c.status == bindparam("status"))
    if by_search:
        pattern: Any = bindparam("pattern", type_=String)
        stmt = stmt.where(
            or_(
                func.lower(func.cast(interviews.c.topics, _text_type())).like(pattern),
                func.lower(interviews.c.difficulty).like(pattern),
                func.lower(func.coalesce(interviews.c.language, "")).like(pattern),
                func.lower(interviews.c.status).like(pattern),
            )
        )
    stmt = stmt.order_by(interviews.c.created_at.desc(), interviews.c.id.desc())
    stmt = stmt.limit(bindparam("limit"))
    return stmt.offset(bindparam("offset")) if paged else stmt


def _text_type() -> Any:
    from sqlalchemy import Text

    return Text()


def delete_interview(session: Session, *, user_id: int, interview_id: int) -> bool:
    result = session.execute(
        delete(Interview).where(
            col(Interview.id) == interview_id, col(Interview.user_id) == user_id
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def acquire_lease(
    session: Session,
    *,
    user_id: int,
    interview_id: int,
    owner: str,
    now: Any,
    ttl: timedelta,
    steal_from: str | None = None,
    values: dict[str, Any] | None = None,
) -> bool:
    """Take or renew the single-writer lease by a conditional UPDATE: exactly one client wins.
    `now` is a datetime or the database's clock as a SQL expression (`now()`); `values`: more
    columns to set in the same statement, only if the lease is taken."""
    free = or_(
        col(Interview.lease_owner).is_(None),
        col(Interview.lease_owner) == owner,
        col(Interview.lease_expires_at) < now,
    )
    if steal_from is not None:
        free = or_(free, col(Interview.lease_owner) == steal_from)
    result = session.execute(
        update(Interview)
        .where(and_(col(Interview.id) == interview_id, col(Interview.user_id) == user_id, free))
        .values(lease_owner=owner, lease_expires_at=now + ttl, **(values or {}))
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def extend_lease(session: Session, *, interview_id: int, owner: str, expires_at: Any) -> bool:
    """The heartbeat: move the expiry of a lease we still hold; False when we no longer do."""
    result = session.execute(
        update(Interview)
        .where(col(Interview.id) == interview_id, col(Interview.lease_owner) == owner)
        .values(lease_expires_at=expires_at)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def release_lease(session: Session, *, interview_id: int, owner: str) -> None:
    session.execute(
        update(Interview)
        .where(col(Interview.id) == interview_id, col(Interview.lease_owner) == owner)
        .values(lease_owner=None, lease_expires_at=None)
    )


def release_leases_like(session: Session, *, user_id: int, pattern: str) -> int:
    """Let go of every lease of the user's whose owner record matches the LIKE `pattern` (all
    those a login holds, when it ends); the interviews stay as they are (resumable)."""
    result = session.execute(
        update(Interview)
        .where(col(Interview.user_id) == user_id, col(Interview.lease_owner).like(pattern))
        .values(lease_owner=None, lease_expires_at=None)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def add_message(
    session: Session,
    *,
    conversation: Conversation,
    author: str,
    kind: str,
    content: str,
    question_id: int | None,
    score: int | None = None,
    prompt_tokens: int = 0,
    completion_tokens: int = 0,
    client_id: str | None = None,
    now: datetime,
) -> Message:
    """Append at the conversation's next sequence number (unique per conversation)."""
    message = Message(
        client_id=client_id or str(uuid.uuid4()),
        conversation_id=conversation.id,  # type: ignore[arg-type]
        question_id=question_id,
        seq=conversation.next_seq,
        author=author,
        kind=kind,
        content=content,
        score=score,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        created_at=now,
    )
    conversation.next_seq += 1
    conversation.updated_at = now
    session.add(message)
    session.add(conversation)
    return message


def add_question(
    session: Session,
    *,
    conversation_id: int,
    number: int,
    topic: str,
    prompt: str,
    now: datetime,
) -> Question:
    question = Question(
        conversation_id=conversation_id,
        question_number=number,
        topic=topic,
        prompt=prompt,
        created_at=now,
    )
    session.add(question)
    session.flush()
    return question


def list_questions(session: Session, *, conversation_id: int) -> Sequence[Question]:
    stmt = (
        select(Question)
        .where(col(Question.conversation_id) == conversation_id)
        .order_by(col(Question.question_number))
    )
    return session.exec(stmt).all()


class MessageRow(NamedTuple):
    """A message as a transcript shows it, read as plain columns: building ORM objects for a
    1,000-message transcript cost about 10 ms more than the query itself."""

    seq: int
    author: str
    kind: str
    content: str
    score: int | None
    created_at: datetime
    prompt_tokens: int
    completion_tokens: int


def list_messages(
    session: Session, *, conversation_id: int, question_id: int | None = None
) -> list[tuple[MessageRow, int | None]]:
    """Messages in order with their question number, in one query."""
    stmt = (
        sa_select(  # type: ignore[call-overload]
            Message.seq,
            Message.author,
            Message.kind,
            Message.content,
            Message.score,
            Message.created_at,
            Message.prompt_tokens,
            Message.completion_tokens,
            Question.question_number,
        )
        .outerjoin(Question, col(Question.id) == col(Message.question_id))
        .where(Message.conversation_id == conversation_id)
        .order_by(col(Message.seq))
    )
    if question_id is not None:
        stmt = stmt.where(Message.question_id == question_id)
    return [(MessageRow(*row[:8]), row[8]) for row in session.execute(stmt).all()]


def topic_scores(session: Session, *, user_id: int) -> list[tuple[str, float, int]]:
    """(topic, average score, count) over the user's scored questions, weakest first."""
    stmt = (
        sa_select(col(Question.topic), func.avg(col(Question.score)), func.count(col(Question.id)))
        .join(Conversation, col(Conversation.id) == col(Question.conversation_id))
        .join(Interview, col(Interview.id) == col(Conversation.interview_id))
        .where(col(Interview.user_id) == user_id, col(Question.score).is_not(None))
        .group_by(col(Question.topic))
        .order_by(func.avg(col(Question.score)))
    )
    return [(str(t), float(a), int(c)) for t, a, c in session.execute(stmt).all()]


# --------------------------------------------------------------------------- the turn path
# One turn commits a handful of rows; these are plain Core statements (no ORM identity map,
# no SELECT before UPDATE) because the lease makes the runner the only writer of its interview.


def renew_and_update(
    session: Session,
    *,
    user_id: int,
    interview_id: int,
    owner: str,
    now: datetime,
    ttl: timedelta,
    values: dict[str, Any],
    lease_now: Any = None,
    add_prompt_tokens: int = 0,
    add_completion_tokens: int = 0,
    release: bool = False,
) -> bool:
    """Renew our lease and update the interview row in one conditional UPDATE; False when another
    client holds the lease. `lease_now` (default `now`) is the clock leases expire by: a
    datetime, or the database's `now()` (`func.now()`) where clients on several hosts share the
    rows."""
    clock = now if lease_now is None else lease_now
    db_clock = isinstance(clock, functions.now)
    if not db_clock and not isinstance(clock, datetime):
        raise TypeError("lease_now must be a datetime or func.now()")
    row: dict[str, Any] = {"updated_at": now, "lease_owner": None if release else owner}
    if release or not db_clock:
        row["lease_expires_at"] = None if release else clock + ttl
    row.update(values)
    bound = prepared.params(row)
    bound.update(w_id=interview_id, w_user_id=user_id, w_owner=owner)
    if db_clock and not release:
        bound["w_ttl"] = ttl
    if not db_clock:
        bound["w_clock"] = clock
    if add_prompt_tokens:
        bound["w_add_prompt"] = add_prompt_tokens
    if add_completion_tokens:
        bound["w_add_completion"] = add_completion_tokens
    stmt = _renew_statement(
        tuple(sorted(row)), db_clock, bool(add_prompt_tokens), bool(add_completion_tokens)
    )
    return bool(prepared.run(session, stmt, bound).rowcount)


@functools.cache
def _renew_statement(
    names: tuple[str, ...], db_clock: bool, add_prompt: bool, add_completion: bool
) -> Any:
    table = Interview.__table__  # type: ignore[attr-defined]
    clock: Any = (
        func.now() if db_clock else bindparam("w_clock", type_=table.c.lease_expires_at.type)
    )
    free = or_(
        table.c.lease_owner.is_(None),
        table.c.lease_owner == bindparam("w_owner", type_=table.c.lease_owner.type),
        table.c.lease_expires_at < clock,
    )
    sets: dict[str, Any] = prepared.columns(table, names)
    if "lease_expires_at" not in sets:  # renewed by the database's clock
        sets["lease_expires_at"] = clock + bindparam("w_ttl", type_=Interval())
    if add_prompt:
        sets["prompt_tokens"] = table.c.prompt_tokens + bindparam("w_add_prompt", type_=Integer())
    if add_completion:
        sets["completion_tokens"] = table.c.completion_tokens + bindparam(
            "w_add_completion", type_=Integer()
        )
    return (
        update(table)
        .where(table.c.id == bindparam("w_id"), table.c.user_id == bindparam("w_user_id"), free)
        .values(sets)
    )


_MESSAGE_COLUMNS = (
    "client_id",
    "conversation_id",
    "question_id",
    "seq",
    "author",
    "kind",
    "content",
    "score",
    "prompt_tokens",
    "completion_tokens",
    "created_at",
)


@functools.cache
def _insert_message_statement() -> Any:
    table = Message.__table__  # type: ignore[attr-defined]
    # inline: no RETURNING of the new id, which nobody reads
    return insert(table).values(prepared.columns(table, _MESSAGE_COLUMNS)).inline()


def insert_message(
    session: Session,
    *,
    conversation_id: int,
    seq: int,
    author: str,
    kind: str,
    content: str,
    question_id: int | None,
    now: datetime,
    score: int | None = None,
    prompt_tokens: int = 0,
    completion_tokens: int = 0,
    client_id: str | None = None,
) -> None:
    prepared.run(
        session,
        _insert_message_statement(),
        prepared.params(
            {
                "client_id": client_id or str(uuid.uuid4()),
                "conversation_id": conversation_id,
                "question_id": question_id,
                "seq": seq,
                "author": author,
                "kind": kind,
                "content": content,
                "score": score,
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "created_at": now,
            }
        ),
    )


_QUESTION_COLUMNS = (
    "conversation_id",
    "question_number",
    "topic",
    "prompt",
    "status",
    "covered",
    "missed",
    "followups",
    "created_at",
)


@functools.cache
def _insert_question_statement() -> Any:
    table = Question.__table__  # type: ignore[attr-defined]
    return insert(table).values(prepared.columns(table, _QUESTION_COLUMNS))


def insert_question(
    session: Session, *, conversation_id: int, number: int, topic: str, prompt: str, now: datetime
) -> int:
    result = prepared.run(
        session,
        _insert_question_statement(),
        prepared.params(
            {
                "conversation_id": conversation_id,
                "question_number": number,
                "topic": topic,
                "prompt": prompt,
                "status": "asked",
                "covered": [],
                "missed": [],
                "followups": 0,
                "created_at": now,
            }
        ),
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


@functools.cache
def _update_question_statement(names: tuple[str, ...], add_followup: bool) -> Any:
    table = Question.__table__  # type: ignore[attr-defined]
    sets: dict[str, Any] = prepared.columns(table, names)
    if add_followup:
        sets["followups"] = table.c.followups + 1
    return update(table).where(table.c.id == bindparam("w_id")).values(sets)


def update_question(
    session: Session, *, question_id: int, values: dict[str, Any], add_followup: bool = False
) -> None:
    if not values and not add_followup:
        return
    bound = prepared.params(values)
    bound["w_id"] = question_id
    prepared.run(session, _update_question_statement(tuple(sorted(values)), add_followup), bound)


@functools.cache
def _relabel_statement() -> Any:
    table = Message.__table__  # type: ignore[attr-defined]
    return (
        update(table)
        .where(
            table.c.conversation_id == bindparam("w_conversation_id"),
            table.c.seq == bindparam("w_seq"),
        )
        .values(prepared.columns(table, ("kind",)))
    )


def relabel_message(session: Session, *, conversation_id: int, seq: int, kind: str) -> None:
    prepared.run(
        session,
        _relabel_statement(),
        {"w_conversation_id": conversation_id, "w_seq": seq, "p_kind": kind},
    )


_CONVERSATION_COLUMNS = ("state", "current_question", "current_topic", "next_seq", "updated_at")


@functools.cache
def _save_conversation_statement() -> Any:
    table = Conversation.__table__  # type: ignore[attr-defined]
    return (
        update(table)
        .where(table.c.id == bindparam("w_id"))
        .values(prepared.columns(table, _CONVERSATION_COLUMNS))
    )


def save_conversation(
    session: Session,
    *,
    conversation_id: int,
    state: dict[str, Any],
    current_question: int,
    current_topic: str,
    next_seq: int,
    now: datetime,
) -> None:
    prepared.run(
        session,
        _save_conversation_statement(),
        {
            "w_id": conversation_id,
            **prepared.params(
                {
                    "state": state,
                    "current_question": current_question,
                    "current_topic": current_topic,
                    "next_seq": next_seq,
                    "updated_at": now,
                }
            ),
        },
    )
