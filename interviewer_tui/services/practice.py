"""Spaced practice: what is due, a short session on it, and progress per topic.

`review_items` is filled by every graded answer (services/runner.py, in the grade's own
transaction). A practice session takes the items due now (default 5), and for each asks a
*different* question on the same point: a bank question of the topic whose key points include it
(never the question it was last missed on), else a question written around the point itself.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from interviewer_tui.core.models import InterviewOptions, PlannedQuestion
from interviewer_tui.core.review import point_key
from interviewer_tui.core.topics import title
from interviewer_tui.errors import UsageError
from interviewer_tui.services.views import PracticeQuestion, Progress, ReviewView, TopicProgress

if TYPE_CHECKING:
    from sqlmodel import Session

    from interviewer_tui.llm.protocol import InterviewerModel
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.runner import InterviewRunner
    from interviewer_tui.store.tables import ReviewItem

DEFAULT_COUNT = 5
TREND_POINTS = 12


def _view(row: ReviewItem) -> ReviewView:
    return ReviewView(
        topic=row.topic,
        point=row.point,
        kind=row.kind,
        due_at=row.due_at,
        interval_days=row.interval_days,
        repetitions=row.repetitions,
        lapses=row.lapses,
        ease=round(row.ease, 2),
    )


def due_items(ctx: AppContext, *, user_id: int, limit: int = DEFAULT_COUNT) -> list[ReviewView]:
    from interviewer_tui.store import review

    now = ctx.clock()
    return ctx.tx(
        lambda s: [_view(r) for r in review.due_items(s, user_id=user_id, now=now, limit=limit)]
    )


def question_for(topic: str, point: str, last_question: str | None) -> PracticeQuestion:
    """A new question on `point`: from the bank when one covers it, never `last_question`."""
    from interviewer_tui.llm.offline import topics_in_bank

    def norm(text: str) -> str:
        return " ".join(text.split()).casefold()

    key = point_key(point)
    last = norm(last_question or "")
    for q in topics_in_bank().get(topic, ()):
        if last and norm(q.text) in last:
            continue  # the question it was last seen on: ask another one
        if any(point_key(p.label) == key for p in q.key_points):
            return PracticeQuestion(topic, point, q.text, True)
    text = (
        f"Let's revisit {point} ({title(topic)}). Explain it as you would to a colleague: how it"
        " works, when it matters, and one concrete example of getting it wrong."
    )
    return PracticeQuestion(topic, point, text, False)


def plan_practice(
    ctx: AppContext, *, user_id: int, count: int = DEFAULT_COUNT, ahead_days: int = 0
) -> tuple[PracticeQuestion, ...]:
    """The items due now (or within `ahead_days`: review ahead), soonest first."""
    from interviewer_tui.store import review

    if not 1 <= count <= 30:
        raise UsageError(f"count must be between 1 and 30 (got {count})")
    if not 0 <= ahead_days <= 365:
        raise UsageError(f"ahead must be between 0 and 365 days (got {ahead_days})")
    now = ctx.clock() + timedelta(days=ahead_days)

    def read(session: Session) -> tuple[PracticeQuestion, ...]:
        rows = review.due_items(session, user_id=user_id, now=now, limit=count)
        return tuple(question_for(r.topic, r.point, r.last_question) for r in rows)

    return ctx.tx(read)


def start_practice(
    ctx: AppContext,
    *,
    user_id: int,
    count: int = DEFAULT_COUNT,
    ahead_days: int = 0,
    model: InterviewerModel | None = None,
    login_id: str | None = None,
    client_id: str | None = None,
) -> InterviewRunner:
    from interviewer_tui.llm.fixed_question import FixedQuestions
    from interviewer_tui.services import interviews as svc

    picked = plan_practice(ctx, user_id=user_id, count=count, ahead_days=ahead_days)
    if not picked:
        raise UsageError(
            "nothing is due for review: interview first (missed points come back here), or see"
            " `interviewer progress`"
        )
    plan = tuple(PlannedQuestion(i + 1, q.topic) for i, q in enumerate(picked))
    topics = tuple(dict.fromkeys(q.topic for q in picked))
    options = InterviewOptions(topics=topics, questions=len(plan))
    inner = model or svc.model_for(ctx)
    return svc.start_interview(
        ctx,
        user_id=user_id,
        options=options,
        model=FixedQuestions(inner, tuple(q.text for q in picked)),
        plan=plan,
        login_id=login_id,
        client_id=client_id,
    )


def progress(ctx: AppContext, *, user_id: int) -> Progress:
    from interviewer_tui.store import review
    from interviewer_tui.store.review import topic_scores

    now = ctx.clock()
    end_of_day = now.replace(hour=23, minute=59, second=59)

    def read(session: Session) -> Progress:
        items = review.all_items(session, user_id=user_id)
        scores = topic_scores(session, user_id=user_id)
        topics = sorted({i.topic for i in items} | set(scores))
        per_topic = tuple(
            TopicProgress(
                topic=t,
                items=sum(1 for i in items if i.topic == t),
                due=sum(1 for i in items if i.topic == t and i.due_at <= now),
                trend=tuple(scores.get(t, ())[-TREND_POINTS:]),
            )
            for t in topics
        )
        return Progress(
            due_now=sum(1 for i in items if i.due_at <= now),
            due_today=sum(1 for i in items if i.due_at <= end_of_day),
            items=len(items),
            topics=per_topic,
            next_due=tuple(_view(i) for i in items[:DEFAULT_COUNT]),
        )

    return ctx.tx(read)
