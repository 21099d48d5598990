"""Fixtures for the interviewer-model tests: the fake server and fast-retrying interviewers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from interviewer_tui.core.models import (
    InterviewOptions,
    PlannedQuestion,
    ThreadEntry,
    TurnRequest,
)
from interviewer_tui.llm.openai_model import OpenAIInterviewer
from interviewer_tui.llm.protocol import Delta, ModelEvent, Retrying
from tests.fakes.fixtures import openai_env, openai_server  # noqa: F401
from tests.fakes.openai_server import FakeOpenAIServer

MakeInterviewer = Callable[..., OpenAIInterviewer]


@pytest.fixture
def make_interviewer(openai_server: FakeOpenAIServer) -> Iterator[MakeInterviewer]:  # noqa: F811
    """OpenAIInterviewer against the fake server with ~10 ms backoff; closed after the test."""
    made: list[OpenAIInterviewer] = []

    def make(**kwargs: Any) -> OpenAIInterviewer:
        settings: dict[str, Any] = {
            "api_key": "test-key",
            "model": "fake-model",
            "base_url": openai_server.base_url,
            "timeout": 2.0,
            "max_retries": 3,
            "backoff_base": 0.01,
            "backoff_cap": 0.02,
            "retry_after_cap": 0.05,
        }
        settings.update(kwargs)
        model = OpenAIInterviewer(**settings)
        made.append(model)
        return model

    yield make
    for model in made:
        model.close()


class Screen:
    """A listener that behaves like the UI: shows deltas, wipes them on Retrying."""

    def __init__(self) -> None:
        self.events: list[ModelEvent] = []
        self.text = ""

    def __call__(self, event: ModelEvent) -> None:
        self.events.append(event)
        if isinstance(event, Retrying):
            self.text = ""
        elif isinstance(event, Delta):
            self.text += event.text

    @property
    def retries(self) -> list[Retrying]:
        return [e for e in self.events if isinstance(e, Retrying)]


def turn_request(
    *,
    kind: str = "question",
    number: int = 1,
    total: int = 6,
    topic: str = "system_design",
    thread: tuple[ThreadEntry, ...] = (),
    options: InterviewOptions | None = None,
    **extra: Any,
) -> TurnRequest:
    return TurnRequest(
        kind=kind,  # type: ignore[arg-type]
        options=options or InterviewOptions(),
        question=PlannedQuestion(number=number, topic=topic),
        total_questions=total,
        thread=thread,
        summary=extra.pop("summary", ()),
        seed=extra.pop("seed", 7),
        **extra,
    )
