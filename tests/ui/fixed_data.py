"""Fixed data for the snapshot tests: a second implementation of the application port
(`services/port.py`: `Application` and `RunningInterview`) that returns the same things every time
(frozen clock, fixed ids), so SVG snapshots only change when the screens do. Built without a
context, the TUI has no session store to keep a login in, so `FixedBackend` also stands in for
this computer's login (`edge/login.StoredLogin`: identity, login, logout, ...).

Pilot tests do not use this: they run the real services on real databases.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from interviewer_tui.core.models import InterviewOptions, QuestionResult, Report
from interviewer_tui.errors import NotLoggedInError
from interviewer_tui.services.account_views import (
    Identity,
    LoginResult,
    SessionInfo,
    UserPublic,
    WhoAmI,
)
from interviewer_tui.services.events import RunEvent
from interviewer_tui.services.views import (
    Dashboard,
    InterviewDetail,
    InterviewSummary,
    MessageView,
    Progress,
    ReviewView,
    TopicProgress,
)

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
USER = UserPublic(id=1, username="alice", email="alice@example.com", created_at=NOW)


def frozen_clock() -> datetime:
    return NOW


def summary(
    id: int, status: str, score: int | None, days_ago: int, topics: tuple[str, ...]
) -> InterviewSummary:
    at = NOW - timedelta(days=days_ago)
    return InterviewSummary(
        id=id,
        status=status,
        difficulty="medium",
        topics=topics,
        number_questions=4,
        answered=4 if status == "completed" else 1,
        score=score,
        provider="offline",
        model="built-in question bank",
        created_at=at,
        updated_at=at + timedelta(minutes=20),
    )


SUMMARIES = [
    summary(6, "paused", None, 0, ("system_design", "databases")),
    summary(5, "completed", 78, 1, ("caching",)),
    summary(4, "completed", 55, 3, ("sql_indexing", "transactions")),
    summary(3, "completed", 40, 6, ("concurrency",)),
    summary(2, "abandoned", None, 9, ()),
    summary(1, "completed", 62, 12, ("http_apis",)),
]

QUESTION = (
    "How would you design a **rate limiter** for a public HTTP API?\n\n"
    "```python\ndef allow(key: str) -> bool:\n    ...\n```\n\n"
    "Where would you keep its state? [bold]not markup[/bold]"
)
MESSAGES = (
    MessageView(1, "interviewer", "question", QUESTION, None, 1, NOW, 40),
    MessageView(
        2,
        "candidate",
        "answer",
        "A token bucket per API key in Redis, refilled lazily on each request; "
        "INCR with EXPIRE keeps it atomic.",
        None,
        1,
        NOW,
        0,
    ),
    MessageView(
        3,
        "interviewer",
        "feedback",
        "Good choice of algorithm and store. You did not say what happens when Redis is down: "
        "decide between failing open and failing closed.",
        7,
        1,
        NOW,
        30,
    ),
    MessageView(
        4,
        "interviewer",
        "question",
        "When would a B-tree index **not** help a range query?",
        None,
        2,
        NOW,
        25,
    ),
    MessageView(5, "candidate", "answer", "When the table is tiny.", None, 2, NOW, 0),
    MessageView(
        6,
        "interviewer",
        "feedback",
        "Partly right. Low selectivity and functions on the column matter more.",
        4,
        2,
        NOW,
        20,
    ),
)
RESULTS = (
    QuestionResult(1, "system_design", "Rate limiter", 7, "Good; say how it fails.", (), ()),
    QuestionResult(2, "databases", "B-tree ranges", 4, "Selectivity matters more.", (), ()),
    QuestionResult(3, "system_design", "Queue design", 9, "Excellent trade-offs.", (), ()),
    QuestionResult(4, "databases", "Isolation", None, "Skipped: counts as 0.", (), (), True),
)
REPORT = Report(
    overall_percent=67,
    answered=3,
    per_topic={"system_design": 80, "databases": 40},
    questions=RESULTS,
    summary="A solid design instinct; database internals need work.",
    strengths=("Clear structure", "Names trade-offs"),
    improvements=("Learn index selectivity", "Discuss failure modes first"),
    suggested_topics=("sql_indexing", "transactions"),
    provider="offline",
    model="built-in question bank",
)


def detail(interview_id: int) -> InterviewDetail:
    s = next(x for x in SUMMARIES if x.id == interview_id)
    return InterviewDetail(
        summary=s,
        options=InterviewOptions(topics=s.topics),
        messages=MESSAGES,
        questions=RESULTS,
        report=REPORT if s.status == "completed" else None,
    )


@dataclass
class FixedRunner:
    """A RunningInterview: an interview waiting for the answer to question 3 of 4."""

    interview_id: int = 6
    provider: str = "offline"
    model_name: str = "built-in question bank"
    options: InterviewOptions = field(
        default_factory=lambda: InterviewOptions(
            topics=("system_design", "databases"), length_minutes=30
        )
    )
    phase: str = "await_answer"
    question_number: int = 3
    total_questions: int = 4
    topic: str = "system_design"
    tokens_used: int = 1234
    started_at: datetime = NOW - timedelta(minutes=12, seconds=5)
    finished: bool = False
    awaiting_answer: bool = True
    draft: str | None = "A queue with"
    drafts: list[str] = field(default_factory=list)
    closed: bool = False

    def transcript(self) -> list[MessageView]:
        return [
            *MESSAGES,
            MessageView(
                7,
                "interviewer",
                "question",
                "Design a job queue that survives a worker crash.",
                None,
                3,
                NOW,
                20,
            ),
        ]

    status: str = "in_progress"
    user_id: int = 1

    def results(self) -> tuple[QuestionResult, ...]:
        return ()

    def advance(self) -> Generator[RunEvent, None, None]:
        yield from ()

    def answer(self, text: str, *, client_id: str | None = None) -> MessageView:
        return MessageView(8, "candidate", "answer", text, None, 3, NOW, 0)

    def skip(self) -> None: ...
    def end(self) -> None: ...
    def pause(self) -> None: ...
    def release(self) -> None: ...

    def save_draft(self, text: str) -> None:
        self.drafts.append(text)

    def report(self) -> Report | None:
        return None

    def close(self) -> None:
        self.closed = True


class FixedBackend:
    """The Application port over fixed data. `logged_in=False` starts at the auth screen."""

    def __init__(self, *, logged_in: bool = True, smtp: bool = False, review: bool = False) -> None:
        self.review = review
        self.logged_in = logged_in
        self.smtp = smtp
        self.runner = FixedRunner()

    @property
    def smtp_configured(self) -> bool:
        return self.smtp

    @property
    def server(self) -> str | None:
        return None

    def saved_theme(self) -> str | None:
        return None  # snapshots use the default theme

    def save_theme(self, theme: str) -> None: ...

    def take_model_check_offer(self) -> bool:
        return False

    def check_model(self, *, model: str | None = None) -> Any:
        raise NotImplementedError

    def watch_connection(self, callback: Any) -> None:
        self.on_reconnect = callback

    def model_label(self, *, offline: bool) -> tuple[str, str]:
        return ("offline", "built-in question bank") if offline else ("openai", "gpt-5-mini")

    def current_user(self) -> UserPublic:
        if not self.logged_in:
            raise NotLoggedInError()
        return USER

    def identity(self) -> Identity:
        return Identity(self.current_user(), "f1xedf4m1ly0000")

    def register(self, *, username: str, email: str, password: str) -> UserPublic:
        return USER

    def login(self, *, identifier: str, password: str) -> LoginResult:
        return LoginResult(USER, "file", NOW, None)

    def register_and_login(self, *, username: str, email: str, password: str) -> LoginResult:
        return self.login(identifier=username, password=password)

    def logout(self, *, everywhere: bool = False) -> None: ...

    def whoami(self) -> WhoAmI:
        return WhoAmI(USER, NOW + timedelta(days=7), "file")

    def list_sessions(self) -> list[SessionInfo]:
        return [SessionInfo("s1", "laptop", NOW, NOW, NOW + timedelta(days=7), True)]

    def revoke_session(self, *, session_id: str) -> None: ...

    def change_password(self, *, current_password: str, new_password: str) -> None: ...

    def delete_account(self, *, password: str) -> None: ...

    def close(self) -> None: ...

    def forgot_password(self, *, email: str) -> str:
        return "If that address has an account, a reset code is on its way."

    def reset_password(self, *, token: str, new_password: str) -> None: ...

    def dashboard(self, *, user_id: int) -> Dashboard:
        return Dashboard(
            unfinished=SUMMARIES[0],
            recent=tuple(SUMMARIES[:5]),
            trend=(62, 40, 55, 78),
            weakest_topics=(("concurrency", 40), ("sql_indexing", 55), ("http_apis", 62)),
        )

    def progress(self, *, user_id: int) -> Progress:
        """With `review`, a profile with points due today and a trend per topic."""
        if not self.review:
            return Progress(due_now=0, due_today=0, items=0, topics=(), next_due=())

        def item(topic: str, point: str, kind: str, days: int) -> ReviewView:
            return ReviewView(topic, point, kind, NOW + timedelta(days=days), 1, 0, 1, 2.3)

        due = (
            item("concurrency", "Lock ordering prevents deadlock", "missed", 0),
            item("sql_indexing", "Leftmost prefix of a composite index", "claimed", 0),
            item("caching", "Request coalescing on a miss", "missed", 0),
            item("http_apis", "Idempotency keys for retried POSTs", "covered", 6),
        )
        return Progress(
            due_now=3,
            due_today=3,
            items=11,
            topics=(
                TopicProgress("concurrency", 4, 1, (3, 2, 4, 5)),
                TopicProgress("sql_indexing", 3, 1, (5, 4, 6)),
                TopicProgress("caching", 2, 1, (6, 8, 7, 8)),
                TopicProgress("http_apis", 2, 0, (6, 7)),
            ),
            next_due=due,
        )

    def list_interviews(
        self,
        *,
        user_id: int,
        status: str | None = None,
        search: str | None = None,
        limit: int = 50,
    ) -> list[InterviewSummary]:
        return [s for s in SUMMARIES if status is None or s.status == status]

    def get_interview(self, *, user_id: int, interview_id: int) -> InterviewDetail:
        return detail(interview_id)

    def delete_interview(self, *, user_id: int, interview_id: int) -> None: ...

    def model_answer(self, *, user_id: int, interview_id: int, question_number: int) -> Any:
        from interviewer_tui.errors import UsageError

        raise UsageError(f"question {question_number} has no graded answer yet")

    def export_interview(self, *, user_id: int, interview_id: int, fmt: str) -> str:
        return "# Interview report\n"

    def start_interview(
        self, *, user_id: int, options: InterviewOptions, offline: bool, login_id: Any = None
    ) -> FixedRunner:
        return self.runner

    def resume_interview(
        self, *, user_id: int, interview_id: int | None = None, login_id: Any = None
    ) -> FixedRunner:
        return self.runner
