"""Spaced review: SM-2 on a controlled clock, through the services on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from interviewer_tui.core.models import Evaluation, InterviewOptions
from interviewer_tui.core.review import Sm2, review
from interviewer_tui.services import interviews as svc
from interviewer_tui.services.context import AppContext
from interviewer_tui.services.practice import due_items, plan_practice, progress, start_practice
from tests.services.conftest import ScriptedModel
from tests.support.cli import Cli

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def test_sm2_intervals_grow_then_reset() -> None:
    s = Sm2()
    intervals = []
    for _ in range(4):
        s = review(s, 4)
        intervals.append(s.interval_days)
    assert intervals == [1, 6, 15, 38]
    lapsed = review(s, 0)
    assert (lapsed.interval_days, lapsed.repetitions, lapsed.lapses) == (1, 0, 1)
    assert lapsed.ease < s.ease and review(Sm2(ease=1.3), 0).ease == 1.3


def _grade(ctx, user_id, evaluation: Evaluation) -> None:  # type: ignore[no-untyped-def]
    model = ScriptedModel(grade=lambda r: evaluation)
    runner = svc.start_interview(
        ctx,
        user_id=user_id,
        options=InterviewOptions(topics=("caching",), questions=1),
        model=model,
    )
    list(runner.advance())
    runner.answer("my answer")
    list(runner.advance())
    runner.close()


def test_schedule_follows_each_graded_answer(ctx, user_id) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    timed = AppContext(settings=ctx.settings, clock=clock)
    missed = Evaluation("answer", 3, "Thin.", covered=(), missed=("Request coalescing",))
    _grade(timed, user_id, missed)
    assert due_items(timed, user_id=user_id) == []  # due tomorrow, not now
    clock.now = T0 + timedelta(days=1)
    (item,) = due_items(timed, user_id=user_id)
    assert (item.point, item.kind, item.interval_days) == ("Request coalescing", "missed", 1)

    covered = Evaluation("answer", 8, "Good.", covered=("request coalescing!",), missed=())
    seen = []
    for _ in range(3):  # good answers: 1, 6, then 6 * ease days
        _grade(timed, user_id, covered)
        view = progress(timed, user_id=user_id).next_due[0]
        seen.append(view.interval_days)
        clock.now = view.due_at
    assert seen == [1, 6, 12]
    assert due_items(timed, user_id=user_id)[0].kind == "covered"

    claimed = Evaluation(
        "answer", 2, "Wrong.", covered=(), missed=(), false_claims=("request coalescing",)
    )
    _grade(timed, user_id, claimed)  # a wrong claim resets it: due again tomorrow
    view = progress(timed, user_id=user_id).next_due[0]
    assert (view.kind, view.interval_days, view.repetitions, view.lapses) == ("claimed", 1, 0, 2)
    assert view.due_at == clock.now + timedelta(days=1)


def test_practice_asks_new_questions_on_the_due_points(ctx, user_id) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    timed = AppContext(settings=ctx.settings, clock=clock)
    offline = svc.model_for(timed, offline=True)
    runner = svc.start_interview(
        timed,
        user_id=user_id,
        options=InterviewOptions(topics=("caching",), questions=1),
        model=offline,
    )
    list(runner.advance())
    first_question = runner.results()[0].question
    runner.answer("I would add a cache.")
    list(runner.advance())
    runner.close()
    clock.now = T0 + timedelta(days=1)
    picked = plan_practice(timed, user_id=user_id, count=5)
    assert 1 <= len(picked) <= 5
    assert all(q.text != first_question for q in picked)
    practice = start_practice(
        timed, user_id=user_id, count=2, model=svc.model_for(timed, offline=True)
    )
    list(practice.advance())
    assert practice.total_questions == min(2, len(picked))
    assert practice.results()[0].question == picked[0].text
    practice.close()
    p = progress(timed, user_id=user_id)
    assert p.due_now >= len(picked) and p.topics[0].topic == "caching"
    assert p.topics[0].trend  # the first interview's score


def test_practice_and_progress_on_the_command_line(logged_in: Cli) -> None:
    first = logged_in.run(
        "start",
        "--offline",
        "--plain",
        "--topic",
        "caching",
        "--questions",
        "1",
        input="I would add a cache.\n.\n/end\n.\n",
    )
    assert first.returncode == 0, first.stderr
    none_due = logged_in.run("practice", "--offline", "--plain", input="")
    assert none_due.returncode == 2 and "nothing is due" in none_due.stderr
    run = logged_in.run(
        "practice",
        "--ahead",
        "1",
        "--count",
        "2",
        "--offline",
        "--plain",
        input="An answer about the point.\n.\nAnother one.\n.\n",
    )
    assert run.returncode == 0, run.stderr
    assert "review 1: " in run.stderr and "Q1/2 · Caching" in run.stdout
    assert "Report" in run.stdout
    shown = logged_in.run("progress")
    assert shown.returncode == 0 and "Caching" in shown.stdout and "points tracked" in shown.stdout
    assert any(ch in shown.stdout for ch in "▁▂▃▄▅▆▇█")
    import json

    data = json.loads(logged_in.run("progress", "--json").stdout)
    assert data["items"] >= 1 and data["topics"][0]["topic"] == "caching"
