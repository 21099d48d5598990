"""The interview use cases on SQLite and PostgreSQL: flow, durability, resume, scoping."""

from __future__ import annotations

import pytest

from interviewer_tui.core.models import Evaluation, InterviewOptions
from interviewer_tui.errors import ConflictError, ModelError, NotFoundError, ValidationError
from interviewer_tui.services import interviews as svc
from interviewer_tui.services.events import Evaluated, Reported, TurnDelta

from .conftest import ScriptedModel


def _opts(n: int = 2, difficulty: str = "medium") -> InterviewOptions:
    return InterviewOptions(difficulty=difficulty, topics=("caching", "databases"), questions=n)  # type: ignore[arg-type]


def test_full_interview_scores_and_reports(ctx, user_id) -> None:
    model = ScriptedModel()
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(2), model=model)
    events: list[object] = []
    events.extend(runner.advance())
    assert runner.awaiting_answer and runner.question_number == 1
    assert (
        "".join(e.text for e in events if isinstance(e, TurnDelta)).strip()
        == "Question 1 about caching?"
    )
    runner.answer("Use a TTL and invalidate on write.")
    events.extend(runner.advance())
    assert runner.question_number == 2
    runner.answer("B-tree indexes.")
    events.extend(runner.advance())
    assert runner.finished
    report = runner.report()
    assert report is not None and report.overall_percent == 70
    assert any(isinstance(e, Reported) for e in events)
    assert sum(isinstance(e, Evaluated) for e in events) == 2
    runner.close()
    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert detail.summary.status == "completed" and detail.summary.score == 70
    kinds = [m.kind for m in detail.messages]
    assert kinds == ["question", "answer", "feedback", "question", "answer", "feedback"]
    assert [m.seq for m in detail.messages] == list(range(1, 7))


def test_answer_is_committed_before_model_fails_and_resume_continues(ctx, user_id) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1), model=ScriptedModel())
    list(runner.advance())
    runner.answer("my durable answer")
    broken = ScriptedModel(fail_on={"evaluate"})
    runner._model = broken  # the provider goes down after the answer was sent
    with pytest.raises(ModelError):
        list(runner.advance())
    runner.close()
    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert detail.summary.status == "paused"
    assert [m.content for m in detail.messages if m.author == "candidate"] == ["my durable answer"]

    healthy = ScriptedModel()
    resumed = svc.resume_interview(ctx, user_id=user_id, model=healthy)
    assert resumed.phase == "evaluate"
    list(resumed.advance())
    assert resumed.finished
    assert healthy.evaluations[0].answer == "my durable answer"
    assert not healthy.turns  # the question was not asked twice
    resumed.close()
    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert [m.kind for m in detail.messages] == ["question", "answer", "feedback"]


def test_follow_up_is_capped_by_difficulty(ctx, user_id) -> None:
    always = ScriptedModel(grade=lambda r: Evaluation("answer", 5, "More.", follow_up=True))
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1, "hard"), model=always)
    list(runner.advance())
    for _ in range(3):
        runner.answer("an answer")
        list(runner.advance())
    assert runner.finished  # hard allows two follow-ups, then the engine moves on
    assert [t.kind for t in always.turns] == ["question", "followup", "followup"]


def test_clarification_gets_a_reply_not_a_score(ctx, user_id) -> None:
    def grade(r):
        if r.answer.endswith("?"):
            return Evaluation("clarification", 0, "")
        return Evaluation("answer", 8, "Good.")

    model = ScriptedModel(grade=grade)
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1), model=model)
    list(runner.advance())
    runner.answer("Do you mean a read-through cache?")
    list(runner.advance())
    assert runner.awaiting_answer and model.turns[-1].kind == "clarification"
    runner.answer("A read-through cache with TTLs.")
    list(runner.advance())
    assert runner.finished and runner.report().overall_percent == 80  # type: ignore[union-attr]


def test_skip_counts_as_zero_and_end_early_reports(ctx, user_id) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(3), model=ScriptedModel())
    list(runner.advance())
    runner.skip()
    list(runner.advance())
    runner.answer("answer two")
    list(runner.advance())
    runner.end()
    list(runner.advance())
    report = runner.report()
    assert report is not None and report.overall_percent == 35  # (0 + 7) / 20
    assert report.answered == 2


def test_end_before_any_answer_abandons(ctx, user_id) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(2), model=ScriptedModel())
    list(runner.advance())
    runner.end()
    list(runner.advance())
    runner.close()
    assert svc.list_interviews(ctx, user_id=user_id)[0].status == "abandoned"


@pytest.mark.parametrize("text", ["", "   \n  ", "x" * 20_001])
def test_empty_or_huge_answer_is_refused_and_nothing_saved(ctx, user_id, text) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1), model=ScriptedModel())
    list(runner.advance())
    with pytest.raises(ValidationError):
        runner.answer(text)
    assert runner.awaiting_answer
    assert [m.kind for m in runner.transcript()] == ["question"]


def test_second_client_is_told_the_interview_is_open_elsewhere(ctx, user_id) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1), model=ScriptedModel())
    with pytest.raises(ConflictError, match="open elsewhere"):
        svc.resume_interview(
            ctx, user_id=user_id, interview_id=runner.interview_id, model=ScriptedModel()
        )
    runner.close()
    again = svc.resume_interview(ctx, user_id=user_id, model=ScriptedModel())
    assert again.interview_id == runner.interview_id
    again.close()


def test_other_users_cannot_see_or_touch_an_interview(ctx, user_id, other_user_id) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1), model=ScriptedModel())
    runner.close()
    iid = runner.interview_id
    assert svc.list_interviews(ctx, user_id=other_user_id) == []
    with pytest.raises(NotFoundError):
        svc.get_interview(ctx, user_id=other_user_id, interview_id=iid)
    with pytest.raises(NotFoundError):
        svc.resume_interview(ctx, user_id=other_user_id, interview_id=iid, model=ScriptedModel())
    with pytest.raises(NotFoundError):
        svc.delete_interview(ctx, user_id=other_user_id, interview_id=iid)
    with pytest.raises(NotFoundError):
        svc.export_interview(ctx, user_id=other_user_id, interview_id=iid)
    assert svc.get_interview(ctx, user_id=user_id, interview_id=iid).summary.id == iid


def test_exports_and_dashboard(ctx, user_id) -> None:
    import json

    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1), model=ScriptedModel())
    list(runner.advance())
    runner.answer("[bold]not markup[/bold] and `code`")
    list(runner.advance())
    runner.close()
    md = svc.export_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert "> [bold]not markup[/bold] and `code`" in md and "70%" in md
    data = json.loads(
        svc.export_interview(ctx, user_id=user_id, interview_id=runner.interview_id, fmt="json")
    )
    assert data["report"]["overall_percent"] == 70
    assert [m["kind"] for m in data["messages"]] == ["question", "answer", "feedback"]
    # the wire codec's document reads back into the very read models it was written from
    from interviewer_tui.services.wire import InterviewExport, decode

    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert decode(InterviewExport, data) == InterviewExport.of(detail)
    assert data["interview"]["created_at"].endswith("Z")
    dash = svc.dashboard(ctx, user_id=user_id)
    assert dash.trend == (70,) and dash.unfinished is None
    assert dash.weakest_topics[0][1] == 70


def test_closing_a_turn_cancels_the_model_step_and_saves_nothing(ctx, user_id) -> None:
    """The port's turns are pulled: a shell that stops pulling (the user left) cancels the model
    call at its next event, and the interview stays where the database is."""
    import threading

    from interviewer_tui.llm.protocol import Delta
    from interviewer_tui.services.events import MessageSaved, TurnStarted

    class GatedModel(ScriptedModel):
        def __init__(self) -> None:
            super().__init__()
            self.gate = threading.Event()
            self.cancelled = threading.Event()
            self.gated = True

        def stream_turn(self, request, on_event):  # type: ignore[no-untyped-def]
            if not self.gated:
                return super().stream_turn(request, on_event)
            on_event(Delta("Question "))
            self.gate.wait(10)
            try:
                on_event(Delta("1 "))
            except BaseException:
                self.cancelled.set()
                raise
            raise AssertionError("the model went on after its caller stopped pulling")

    model = GatedModel()
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1), model=model)
    turn = runner.advance()
    assert isinstance(next(turn), TurnStarted)
    assert next(turn) == TurnDelta("Question ")
    turn.close()
    model.gate.set()
    assert model.cancelled.wait(5)
    assert runner.transcript() == [] and runner.phase == "ask"

    model.gated = False
    saved = [e for e in runner.advance() if isinstance(e, MessageSaved)]
    assert [e.message.content for e in saved] == ["Question 1 about caching?"]
    assert (saved[0].total, saved[0].topic, saved[0].message.question_number) == (1, "caching", 1)
    runner.close()


def test_a_new_interview_is_driven_from_what_was_written_not_read_back(ctx, user_id) -> None:
    """create-then-drive: starting writes the interview and reads nothing back."""
    from sqlalchemy import event

    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement.split(None, 1)[0].upper())

    event.listen(ctx.engine, "before_cursor_execute", record)
    try:
        runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1), model=ScriptedModel())
    finally:
        event.remove(ctx.engine, "before_cursor_execute", record)
    assert "SELECT" not in statements, statements
    assert "INSERT" in statements
    assert (runner.phase, runner.question_number, runner.status) == ("ask", 1, "in_progress")
    list(runner.advance())
    assert [m.kind for m in runner.transcript()] == ["question"]
    runner.close()
