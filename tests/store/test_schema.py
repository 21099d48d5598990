"""What the schema promises on both backends: cascades from users down, case-insensitive unique
usernames, unique emails, aware UTC timestamps and duplicate-proof message inserts."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import Session, SQLModel

from interviewer_tui.store.engine import SQLITE_BUSY_TIMEOUT_MS, make_engine
from interviewer_tui.store.tables import (
    Conversation,
    Interview,
    Message,
    PasswordReset,
    Question,
    RefreshToken,
    User,
)

LATER = datetime(2030, 1, 1, tzinfo=UTC)


def _add(engine: Engine, *rows: SQLModel) -> None:
    with Session(engine, expire_on_commit=False) as session:
        session.add_all(rows)
        session.commit()


def _user(name: str = "Alice", email: str | None = None) -> User:
    return User(
        username=name,
        username_key=name.casefold(),
        email=email or f"{name.casefold()}@example.com",
        password_hash="argon2-hash",
    )


def _message(conversation_id: int, seq: int, **kw: Any) -> Message:
    return Message(
        client_id=kw.pop("client_id", str(uuid.uuid4())),
        conversation_id=conversation_id,
        seq=seq,
        author="candidate",
        kind="answer",
        content="an answer",
        **kw,
    )


def _tree(engine: Engine, name: str = "Alice") -> dict[str, int]:
    """A user with one of every dependent row; returns their ids."""
    user = _user(name)
    _add(engine, user)
    assert user.id is not None
    interview = Interview(
        user_id=user.id,
        difficulty="medium",
        number_questions=3,
        topics=["databases"],
        provider="offline",
        model="offline",
    )
    token = RefreshToken(
        user_id=user.id,
        family_id=uuid.uuid4().hex,
        token_hash=uuid.uuid4().hex,
        expires_at=LATER,
        family_expires_at=LATER,
    )
    reset = PasswordReset(user_id=user.id, token_hash=uuid.uuid4().hex, expires_at=LATER)
    _add(engine, interview, token, reset)
    assert interview.id is not None
    conversation = Conversation(interview_id=interview.id)
    _add(engine, conversation)
    assert conversation.id is not None
    question = Question(
        conversation_id=conversation.id, question_number=1, topic="databases", prompt="Why?"
    )
    _add(engine, question)
    _add(engine, _message(conversation.id, 1, question_id=question.id))
    return {"user": user.id, "interview": interview.id, "conversation": conversation.id}


def _count(engine: Engine, model: type[SQLModel]) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


DEPENDENTS = (RefreshToken, PasswordReset, Interview, Conversation, Question, Message)


def test_deleting_a_user_deletes_everything_they_own(engine: Engine) -> None:
    alice = _tree(engine, "Alice")
    _tree(engine, "Bob")
    assert all(_count(engine, model) == 2 for model in DEPENDENTS)

    with engine.begin() as conn:
        conn.execute(delete(User).where(User.id == alice["user"]))  # type: ignore[arg-type]

    assert _count(engine, User) == 1
    for model in DEPENDENTS:
        assert _count(engine, model) == 1, f"{model.__tablename__} kept a deleted user's row"


def test_a_row_cannot_point_at_a_missing_user(engine: Engine) -> None:
    """Foreign keys are enforced on SQLite too (PRAGMA foreign_keys=ON)."""
    with pytest.raises(IntegrityError):
        _add(
            engine,
            Interview(
                user_id=999_999,
                difficulty="easy",
                number_questions=1,
                provider="offline",
                model="offline",
            ),
        )


@pytest.mark.parametrize("other", ["alice", "ALICE", "aLiCe"])
def test_usernames_are_unique_whatever_their_case(engine: Engine, other: str) -> None:
    _add(engine, _user("Alice"))
    with pytest.raises(IntegrityError):
        _add(engine, _user(other, email=f"{uuid.uuid4().hex}@example.com"))
    assert _count(engine, User) == 1


def test_emails_are_unique(engine: Engine) -> None:
    _add(engine, _user("Alice", email="same@example.com"))
    with pytest.raises(IntegrityError):
        _add(engine, _user("Bob", email="same@example.com"))


def test_interview_status_is_restricted(engine: Engine) -> None:
    user = _user()
    _add(engine, user)
    assert user.id is not None
    for status in ("in_progress", "paused", "completed", "abandoned"):
        _add(
            engine,
            Interview(
                user_id=user.id,
                status=status,
                difficulty="hard",
                number_questions=1,
                provider="offline",
                model="offline",
            ),
        )
    with pytest.raises(IntegrityError):
        _add(
            engine,
            Interview(
                user_id=user.id,
                status="lost",
                difficulty="hard",
                number_questions=1,
                provider="offline",
                model="offline",
            ),
        )


def test_timestamps_come_back_as_aware_utc(engine: Engine) -> None:
    ids = _tree(engine)
    paris = timezone(timedelta(hours=2))
    at = datetime(2031, 6, 1, 14, 30, 15, 123456, tzinfo=paris)
    with Session(engine) as session:
        interview = session.get(Interview, ids["interview"])
        assert interview is not None
        interview.completed_at = at
        session.add(interview)
        session.commit()
    with Session(engine) as session:
        interview = session.get(Interview, ids["interview"])
        assert interview is not None
        assert interview.completed_at is not None
        assert interview.completed_at.utcoffset() == timedelta(0)
        assert interview.completed_at == at
        assert interview.completed_at.hour == 12
        assert interview.created_at.utcoffset() == timedelta(0)
        assert abs(datetime.now(UTC) - interview.created_at) < timedelta(minutes=5)


def test_a_naive_timestamp_is_refused(engine: Engine) -> None:
    ids = _tree(engine)
    with Session(engine) as session:
        interview = session.get(Interview, ids["interview"])
        assert interview is not None
        interview.completed_at = datetime(2031, 6, 1, 12, 0)
        session.add(interview)
        with pytest.raises(StatementError, match="naive datetime"):
            session.commit()


def test_a_retried_message_insert_cannot_duplicate(engine: Engine) -> None:
    ids = _tree(engine)
    conversation = ids["conversation"]
    client_id = str(uuid.uuid4())
    _add(engine, _message(conversation, 2, client_id=client_id))

    retry: list[Callable[[], Message]] = [
        lambda: _message(conversation, 2),  # same (conversation, seq)
        lambda: _message(conversation, 3, client_id=client_id),  # same client id
    ]
    for make in retry:
        with pytest.raises(IntegrityError):
            _add(engine, make())
    assert _count(engine, Message) == 2

    other = _tree(engine, "Bob")["conversation"]
    _add(engine, _message(other, 2))  # the same seq in another conversation is fine
    assert _count(engine, Message) == 4


def test_question_numbers_are_unique_per_conversation(engine: Engine) -> None:
    conversation = _tree(engine)["conversation"]
    with pytest.raises(IntegrityError):
        _add(
            engine,
            Question(conversation_id=conversation, question_number=1, topic="x", prompt="again"),
        )


def test_sqlite_pragmas_are_in_effect_on_every_connection(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        for _ in range(2):  # a fresh connection each time, not just the first one
            with engine.connect() as conn:
                pragma = lambda name: conn.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
                assert pragma("journal_mode") == "wal"
                assert pragma("foreign_keys") == 1
                assert pragma("synchronous") == 2  # FULL
                assert pragma("busy_timeout") == SQLITE_BUSY_TIMEOUT_MS
            engine.dispose()
    finally:
        engine.dispose()


def test_new_sqlite_file_is_private(tmp_path) -> None:
    from interviewer_tui.store.engine import make_engine
    from interviewer_tui.store.migrate import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'private' / 'app.db'}")
    upgrade(engine)
    engine.dispose()
    for path in (tmp_path / "private").iterdir():
        assert path.stat().st_mode & 0o077 == 0, path


def test_sqlite_synchronous_can_be_relaxed_on_purpose(sqlite_url: str, monkeypatch) -> None:
    """INTERVIEWER_SQLITE_SYNCHRONOUS=normal reaches the connection; the default stays FULL."""
    from sqlalchemy import text

    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    for value, expected in (("normal", 1), ("full", 2)):
        monkeypatch.setenv("INTERVIEWER_SQLITE_SYNCHRONOUS", value)
        ctx = AppContext(load_settings())
        try:
            got = ctx.tx(lambda s: s.execute(text("PRAGMA synchronous")).scalar())
        finally:
            ctx.close()
        assert got == expected, value
