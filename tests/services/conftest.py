"""A scripted interviewer model (our own test double of the model protocol, in the spirit of
simonw/llm's fake model) and a user row; the database underneath is real."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from interviewer_tui.core.models import (
    Evaluation,
    EvaluationRequest,
    ReportDraft,
    ReportRequest,
    TurnRequest,
    Usage,
    Utterance,
)
from interviewer_tui.llm.protocol import Delta, Listener, ModelInfo


@dataclass
class ScriptedModel:
    """Says 'Question N about TOPIC?', grades by a callable, and records every request."""

    grade: Callable[[EvaluationRequest], Evaluation] = lambda r: Evaluation(
        "answer", 7, "Fine. Next time name a trade-off."
    )
    fail_on: set[str] = field(default_factory=set)
    turns: list[TurnRequest] = field(default_factory=list)
    evaluations: list[EvaluationRequest] = field(default_factory=list)
    reports: list[ReportRequest] = field(default_factory=list)

    @property
    def info(self) -> ModelInfo:
        return ModelInfo(provider="offline", model="scripted")

    def stream_turn(self, request: TurnRequest, on_event: Listener) -> Utterance:
        if request.kind in self.fail_on:
            from interviewer_tui.errors import ModelError

            raise ModelError("scripted failure")
        self.turns.append(request)
        text = f"{request.kind.title()} {request.question.number} about {request.question.topic}?"
        for word in text.split(" "):
            on_event(Delta(word + " "))
        return Utterance(text, Usage(10, 5))

    def evaluate(self, request: EvaluationRequest, on_event: Listener | None = None) -> Evaluation:
        if "evaluate" in self.fail_on:
            from interviewer_tui.errors import ModelError

            raise ModelError("scripted failure")
        self.evaluations.append(request)
        return self.grade(request)

    def write_report(self, request: ReportRequest, on_event: Listener | None = None) -> ReportDraft:
        self.reports.append(request)
        return ReportDraft("Solid.", ("clear",), ("depth",), ("caching",), Usage(3, 3))

    def close(self) -> None:
        pass


@pytest.fixture
def user_id(ctx: object) -> int:
    from interviewer_tui.store.tables import User

    def make(session: object) -> int:
        user = User(
            username="alice", username_key="alice", email="alice@example.com", password_hash="x"
        )
        session.add(user)  # type: ignore[attr-defined]
        session.flush()  # type: ignore[attr-defined]
        assert user.id is not None
        return user.id

    return ctx.tx(make)  # type: ignore[attr-defined, no-any-return]


@pytest.fixture
def other_user_id(ctx: object) -> int:
    from interviewer_tui.store.tables import User

    def make(session: object) -> int:
        user = User(username="bob", username_key="bob", email="bob@example.com", password_hash="x")
        session.add(user)  # type: ignore[attr-defined]
        session.flush()  # type: ignore[attr-defined]
        assert user.id is not None
        return user.id

    return ctx.tx(make)  # type: ignore[attr-defined, no-any-return]
