"""Repository for `review_items`: one row per user, topic and key point (or misconception)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

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
    already on the list move on (a point never missed is not worth a review slot)."""
    marks: list[tuple[str, Kind]] = [(p, "claimed") for p in claimed]
    marks += [(p, "missed") for p in missed]
    marks += [(p, "covered") for p in covered]
    first: dict[str, tuple[str, Kind]] = {}
    for point, kind in marks:
        key = point_key(point)
        if key and key not in first:
            first[key] = (point, kind)
    if not first:
        return
    # the rows of every point at once, then one flush at the commit (the inserts go in one
    # statement): this runs in the transaction of every grade, a server's busiest path
    rows = {
        row.point_key: row
        for row in session.exec(
            select(ReviewItem).where(
                col(ReviewItem.user_id) == user_id,
                col(ReviewItem.topic) == topic,
                col(ReviewItem.point_key).in_(list(first)),
            )
        ).all()
    }
    for key, (point, kind) in first.items():
        row = rows.get(key)
        if row is None and kind == "covered":
            continue
        state = (
            Sm2() if row is None else Sm2(row.ease, row.interval_days, row.repetitions, row.lapses)
        )
        q = quality(kind, score)
        nxt = review(state, q)
        if row is None:
            row = ReviewItem(
                user_id=user_id,
                topic=topic,
                point=point[:500],
                point_key=key,
                kind=kind,
                due_at=due_at(nxt, now),
                created_at=now,
            )
        row.kind = kind
        row.ease, row.interval_days = nxt.ease, nxt.interval_days
        row.repetitions, row.lapses = nxt.repetitions, nxt.lapses
        row.due_at = due_at(nxt, now)
        row.last_quality = q
        row.last_question = question
        row.last_reviewed_at = now
        session.add(row)


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
