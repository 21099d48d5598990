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
    runner.advance(events.append)
    assert runner.awaiting_answer and runner.question_number == 1
    assert (
        "".join(e.text for e in events if isinstance(e, TurnDelta)).strip()
        == "Question 1 about caching?"
    )
    runner.answer("Use a TTL and invalidate on write.")
    runner.advance(events.append)
    assert runner.question_number == 2
    runner.answer("B-tree indexes.")
    runner.advance(events.append)
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
    runner.advance(lambda e: None)
    runner.answer("my durable answer")
    broken = ScriptedModel(fail_on={"evaluate"})
    runner._model = broken  # the provider goes down after the answer was sent
    with pytest.raises(ModelError):
        runner.advance(lambda e: None)
    runner.close()
    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert detail.summary.status == "paused"
    assert [m.content for m in detail.messages if m.author == "candidate"] == ["my durable answer"]

    healthy = ScriptedModel()
    resumed = svc.resume_interview(ctx, user_id=user_id, model=healthy)
    assert resumed.phase == "evaluate"
    resumed.advance(lambda e: None)
    assert resumed.finished
    assert healthy.evaluations[0].answer == "my durable answer"
    assert not healthy.turns  # the question was not asked twice
    resumed.close()
    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert [m.kind for m in detail.messages] == ["question", "answer", "feedback"]


def test_follow_up_is_capped_by_difficulty(ctx, user_id) -> None:
    always = ScriptedModel(grade=lambda r: Evaluation("answer", 5, "More.", follow_up=True))
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1, "hard"), model=always)
    runner.advance(lambda e: None)
    for _ in range(3):
        runner.answer("an answer")
        runner.advance(lambda e: None)
    assert runner.finished  # hard allows two follow-ups, then the engine moves on
    assert [t.kind for t in always.turns] == ["question", "followup", "followup"]


def test_clarification_gets_a_reply_not_a_score(ctx, user_id) -> None:
    def grade(r):
        if r.answer.endswith("?"):
            return Evaluation("clarification", 0, "")
        return Evaluation("answer", 8, "Good.")

    model = ScriptedModel(grade=grade)
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1), model=model)
    runner.advance(lambda e: None)
    runner.answer("Do you mean a read-through cache?")
    runner.advance(lambda e: None)
    assert runner.awaiting_answer and model.turns[-1].kind == "clarification"
    runner.answer("A read-through cache with TTLs.")
    runner.advance(lambda e: None)
    assert runner.finished and runner.report().overall_percent == 80  # type: ignore[union-attr]


def test_skip_counts_as_zero_and_end_early_reports(ctx, user_id) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(3), model=ScriptedModel())
    runner.advance(lambda e: None)
    runner.skip()
    runner.advance(lambda e: None)
    runner.answer("answer two")
    runner.advance(lambda e: None)
    runner.end()
    runner.advance(lambda e: None)
    report = runner.report()
    assert report is not None and report.overall_percent == 35  # (0 + 7) / 20
    assert report.answered == 2


def test_end_before_any_answer_abandons(ctx, user_id) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(2), model=ScriptedModel())
    runner.advance(lambda e: None)
    runner.end()
    runner.advance(lambda e: None)
    runner.close()
    assert svc.list_interviews(ctx, user_id=user_id)[0].status == "abandoned"


@pytest.mark.parametrize("text", ["", "   \n  ", "x" * 20_001])
def test_empty_or_huge_answer_is_refused_and_nothing_saved(ctx, user_id, text) -> None:
    runner = svc.start_interview(ctx, user_id=user_id, options=_opts(1), model=ScriptedModel())
    runner.advance(lambda e: None)
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
    runner.advance(lambda e: None)
    runner.answer("[bold]not markup[/bold] and `code`")
    runner.advance(lambda e: None)
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
