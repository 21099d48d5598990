"""Repository for `review_items`: one row per user, topic and key point (or misconception)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from interviewer_tui.core.review import Kind, Sm2, due_at, point_key, quality, review
from interviewer_tui.store.tables import ReviewItem


def record_grade(
    session: Session,
    *,
    user_id: int,
    topic: str,
    question: str,
    score: int,
    covered: Sequence[str],
    missed: Sequence[str],
    claimed: Sequence[str],
    now: datetime,
) -> None:
    """Apply one graded answer: missed and claimed points are added or reset; covered points
    already on the list move on (a point never missed is not worth a review slot).

    In the grade's own transaction, so at most three statements whatever the number of points
    (one read, one batched update, one multi-row insert): this runs before the next question is
    asked, and on PostgreSQL each statement is a round trip.
    """
    ordered: list[tuple[str, Kind]] = [(p, "claimed") for p in claimed]
    ordered += [(p, "missed") for p in missed]
    ordered += [(p, "covered") for p in covered]
    marks: list[tuple[str, str, Kind]] = []  # (key, point, kind): a key's first mark counts
    seen: set[str] = set()
    for point, kind in ordered:
        key = point_key(point)
        if key and key not in seen:
            seen.add(key)
            marks.append((key, point, kind))
    if not marks:
        return
    table = ReviewItem.__table__  # type: ignore[attr-defined]
    known = {
        row.point_key: row
        for row in session.connection().execute(
            sa_select(
                table.c.id,
                table.c.point_key,
                table.c.ease,
                table.c.interval_days,
                table.c.repetitions,
                table.c.lapses,
            ).where(
                table.c.user_id == user_id,
                table.c.topic == topic,
                table.c.point_key.in_(list(seen)),
            )
        )
    }
    updates: list[dict[str, Any]] = []
    inserts: list[dict[str, Any]] = []
    for key, point, kind in marks:
        row = known.get(key)
        if row is None and kind == "covered":
            continue
        state = (
            Sm2() if row is None else Sm2(row.ease, row.interval_days, row.repetitions, row.lapses)
        )
        q = quality(kind, score)
        nxt = review(state, q)
        values = {
            "kind": kind,
            "ease": nxt.ease,
            "interval_days": nxt.interval_days,
            "repetitions": nxt.repetitions,
            "lapses": nxt.lapses,
            "due_at": due_at(nxt, now),
            "last_quality": q,
            "last_question": question,
            "last_reviewed_at": now,
        }
        if row is None:
            inserts.append(
                {
                    **values,
                    "user_id": user_id,
                    "topic": topic,
                    "point": point[:500],
                    "point_key": key,
                    "created_at": now,
                }
            )
        else:
            updates.append({"row_id": row.id, **{f"new_{k}": v for k, v in values.items()}})
    if updates:
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values({name[4:]: bindparam(name) for name in updates[0] if name != "row_id"}),
            updates,
        )
    if inserts:
        session.connection().execute(insert(table), inserts)


def due_items(session: Session, *, user_id: int, now: datetime, limit: int) -> list[ReviewItem]:
    stmt = (
        select(ReviewItem)
        .where(col(ReviewItem.user_id) == user_id, col(ReviewItem.due_at) <= now)
        .order_by(col(ReviewItem.due_at), col(ReviewItem.id))
        .limit(limit)
    )
    return list(session.exec(stmt).all())


def all_items(session: Session, *, user_id: int) -> list[ReviewItem]:
    stmt = (
        select(ReviewItem)
        .where(col(ReviewItem.user_id) == user_id)
        .order_by(col(ReviewItem.due_at), col(ReviewItem.id))
    )
    return list(session.exec(stmt).all())


def topic_scores(session: Session, *, user_id: int) -> dict[str, list[int]]:
    """Every graded question's score per topic, oldest first (the per-topic trend)."""
    from interviewer_tui.store.tables import Conversation, Interview, Question

    stmt = (
        select(Question.topic, Question.score)
        .join(Conversation, col(Conversation.id) == col(Question.conversation_id))
        .join(Interview, col(Interview.id) == col(Conversation.interview_id))
        .where(col(Interview.user_id) == user_id, col(Question.score).is_not(None))
        .order_by(col(Question.evaluated_at), col(Question.id))
    )
    out: dict[str, list[int]] = {}
    for topic, score in session.exec(stmt).all():
        if score is not None:
            out.setdefault(topic, []).append(int(score))
    return out
