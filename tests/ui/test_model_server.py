"""The interview screen against the local OpenAI-compatible test server (tests/fakes): tokens
stream into the transcript, a retried turn discards its partial text, and a model that goes down
mid-interview becomes a message and a retry key, never a crash."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from interviewer_tui.llm.openai_model import OpenAIInterviewer
from interviewer_tui.ui.app import InterviewerApp
from interviewer_tui.ui.widgets.status_bar import StatusBar
from interviewer_tui.ui.widgets.transcript import ChatMessage
from tests.fakes.openai_server import DEFAULT_TURNS, FakeOpenAIServer
from tests.ui.helpers import on_screen, wait_for
from tests.ui.pilot_steps import (
    answer,
    messages,
    new_interview,
    register,
    shown,
    wait_for_turn,
)

SIZE = (100, 36)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(chunk_chars=6) as fake:
        # the setup screen reads these to show the online badge
        monkeypatch.setenv("OPENAI_API_KEY", "test-key")
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        yield fake


def factory(server: FakeOpenAIServer, *, backoff: float = 0.01) -> Callable[..., Any]:
    """The real OpenAI interviewer, pointed at the test server, with short back-off."""

    def make(ctx: Any, offline: bool) -> OpenAIInterviewer:
        return OpenAIInterviewer(
            api_key="test-key",
            base_url=server.base_url,
            timeout=5,
            max_retries=2,
            backoff_base=backoff,
            backoff_cap=backoff * 2,
        )

    return make


def online_app(ctx: Any, server: FakeOpenAIServer, **kw: Any) -> InterviewerApp:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    fresh = AppContext(settings=load_settings(), clock=ctx.clock)  # picks up the OPENAI_* env
    return InterviewerApp(fresh, model_factory=factory(server, **kw))


async def test_interview_streams_from_the_test_server(
    sqlite_ctx: Any, server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    pieces: list[str] = []
    original = ChatMessage.append

    def spy(self: ChatMessage, delta: str) -> None:
        pieces.append(delta)
        original(self, delta)

    monkeypatch.setattr(ChatMessage, "append", spy)
    app = online_app(sqlite_ctx, server)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot)
        await wait_for(pilot, lambda: pilot.app.screen.dashboard is not None)
        await pilot.press("n")
        await wait_for(pilot, on_screen(pilot, "SetupScreen"))
        badge = pilot.app.screen.query_one("#setup-model")
        await wait_for(pilot, lambda: "ONLINE" in str(badge.render()), what="online badge")
        pilot.app.screen.query_one("#setup-questions").focus()
        await pilot.press("2", "ctrl+s")
        await wait_for_turn(pilot)
        # the question arrived in many small pieces and reads whole once saved
        assert len(pieces) > 5
        assert "".join(pieces).strip() == DEFAULT_TURNS[0]
        assert [m.text for m in messages(pilot, "question")] == [DEFAULT_TURNS[0]]

        await answer(pilot, "Token bucket per key in Redis; fail open if Redis is down")
        assert len(messages(pilot, "feedback")) == 1
        await answer(pilot, "B-tree leaves are linked so a range scan is sequential")
        await wait_for(pilot, on_screen(pilot, "ReportScreen"), what="report")
        assert server.requests_of("turn")


async def test_retried_turn_discards_partial_text(
    sqlite_ctx: Any, server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def watch_activity(self: StatusBar, value: str) -> None:  # a spy: StatusBar has no watcher
        shown.append(value)

    monkeypatch.setattr(StatusBar, "watch_activity", watch_activity, raising=False)
    discarded: list[str] = []
    discard = ChatMessage.discard

    def spy(self: ChatMessage) -> None:
        discarded.append(self.text)
        discard(self)

    monkeypatch.setattr(ChatMessage, "discard", spy)
    server.inject("cut", on="turn")
    app = online_app(sqlite_ctx, server)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot)
        await wait_for(pilot, lambda: pilot.app.screen.dashboard is not None)
        await pilot.press("n")
        await wait_for(pilot, on_screen(pilot, "SetupScreen"))
        await pilot.press("ctrl+s")
        await wait_for_turn(pilot)
        assert any(a.startswith("retrying") for a in shown), shown
        assert discarded and discarded[0], "the half-streamed text was on screen, then dropped"
        assert [m.text for m in messages(pilot, "question")] == [DEFAULT_TURNS[0]]


async def test_model_down_mid_interview_then_retry(
    sqlite_ctx: Any, server: FakeOpenAIServer
) -> None:
    app = online_app(sqlite_ctx, server)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot)
        await new_interview(pilot, questions=2)
        server.inject("500", on="structured", times=30)
        await answer(pilot, "An answer the grader will not see yet")
        screen = pilot.app.screen
        assert screen._failed
        notes = messages(pilot, "note")
        assert notes and "unavailable" in notes[-1].text
        assert "ctrl+r" in screen.query_one(StatusBar).activity
        assert [m.text for m in messages(pilot, "answer")] == [
            "An answer the grader will not see yet"
        ]
        assert app.is_running

        server.reset()
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: messages(pilot, "feedback"), what="feedback after retry")
        await wait_for_turn(pilot)
        assert not screen._failed
        assert len(messages(pilot, "question")) == 2


async def test_follow_up_answer_gets_its_own_feedback_live_and_after_reopening(
    sqlite_ctx: Any, server: FakeOpenAIServer
) -> None:
    """Each answer to a question is graded, the follow-up's answer too: two feedback cards for
    Q1 while interviewing, in the read-only transcript, and after resuming."""

    def q1_feedback() -> list[ChatMessage]:
        return [m for m in messages(pilot, "feedback") if m.question_number == 1]

    app = online_app(sqlite_ctx, server)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot)
        await new_interview(pilot, questions=2)
        server.configure(follow_up=True)  # medium: one follow-up per question
        await answer(pilot, "Token bucket per key in Redis")
        assert [m.kind for m in messages(pilot)][-2:] == ["feedback", "followup"]
        await answer(pilot, "The bucket state survives in Redis; a half-done request is retried")
        live = q1_feedback()
        assert len(live) == 2, [m.text for m in messages(pilot)]
        assert all(m.score is not None and "/10" in shown(m) for m in live)
        interview_id = pilot.app.screen.runner.interview_id

        await pilot.press("escape")
        await wait_for(pilot, on_screen(pilot, "ConfirmDialog"), what="leave confirmation")
        await pilot.press("y")
        await wait_for(pilot, on_screen(pilot, "HomeScreen"), what="home")
        pilot.app.open_transcript(interview_id)
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "detail", None), what="transcript")
        await wait_for(pilot, lambda: len(messages(pilot)) > 0, what="messages mounted")
        assert [(m.score, m.text) for m in q1_feedback()] == [(m.score, m.text) for m in live]

        await pilot.press("r")
        await wait_for_turn(pilot)
        assert [(m.score, m.text) for m in q1_feedback()] == [(m.score, m.text) for m in live]
        assert len(messages(pilot, "feedback")) == 2


async def test_first_run_with_a_key_offers_the_model_check_once(
    sqlite_ctx: Any, server: FakeOpenAIServer
) -> None:
    """The first run with a model key says how to check the endpoint; the check (from the
    palette) reports what the endpoint cannot do, here structured outputs."""
    server.configure(json_schema=False)
    app = online_app(sqlite_ctx, server)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot)
        await wait_for(
            pilot,
            lambda: any("A model key is set" in n.message for n in pilot.app._notifications),
            what="the first-run notice",
        )
        pilot.app.run_model_check()  # what the palette's "Check the model endpoint" runs
        await wait_for(pilot, on_screen(pilot, "ModelCheckDialog"), what="the check's report")
        report = str(pilot.app.screen.query_one("#model-check-report").render())
        assert "✗ FAIL  json_schema" in report and "HTTP 400" in report
        assert "NOT work" in report and "test-key" not in report
        await pilot.press("escape")
        await wait_for(pilot, on_screen(pilot, "HomeScreen"), what="home again")

    again = online_app(sqlite_ctx, server)  # the same state directory: offered once only
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, on_screen(pilot, "HomeScreen"), what="home (still logged in)")
        await pilot.app.workers.wait_for_complete()  # the offer's worker has decided
        assert not any("A model key is set" in n.message for n in pilot.app._notifications)
