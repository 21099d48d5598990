"""The line-oriented run loop over the real services and database."""

from __future__ import annotations

import io
import json

import pytest

from interviewer_tui.core.models import InterviewOptions
from interviewer_tui.errors import Interrupted, ModelError, ValidationError
from interviewer_tui.scripted.answers import read_answers
from interviewer_tui.scripted.line_mode import run
from interviewer_tui.scripted.output import JsonOutput, PlainOutput
from interviewer_tui.services import interviews as svc
from tests.services.conftest import ScriptedModel, other_user_id, user_id  # noqa: F401

OPTS = InterviewOptions(difficulty="hard", topics=("caching",), questions=2)


def _events(buf: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def test_json_run_emits_the_documented_events(ctx, user_id) -> None:  # noqa: F811
    runner = svc.start_interview(ctx, user_id=user_id, options=OPTS, model=ScriptedModel())
    out = io.StringIO()
    code = run(
        runner,
        JsonOutput(out),
        read_answers(io.StringIO("one\n.\ntwo\n\n```py\nx=1\n```\n.\n")),
        resumed=False,
    )
    assert code == 0
    events = _events(out)
    assert [e["event"] for e in events] == [
        "started",
        "question",
        "answer",
        "feedback",
        "question",
        "answer",
        "feedback",
        "report",
    ]
    assert all(e["interview_id"] == runner.interview_id for e in events)
    assert events[1]["number"] == 1 and events[1]["total"] == 2 and events[1]["topic"] == "caching"
    assert events[2]["seq"] == 2 and events[3]["score"] == 7 and events[3]["band"] == "pass"
    assert events[-1]["overall_percent"] == 70


def test_eof_pauses_and_resume_continues(ctx, user_id) -> None:  # noqa: F811
    runner = svc.start_interview(ctx, user_id=user_id, options=OPTS, model=ScriptedModel())
    out = io.StringIO()
    assert run(runner, JsonOutput(out), read_answers(io.StringIO("one\n.\n")), resumed=False) == 0
    assert _events(out)[-1]["event"] == "paused"
    assert svc.list_interviews(ctx, user_id=user_id)[0].status == "paused"

    again = svc.resume_interview(ctx, user_id=user_id, model=ScriptedModel())
    out2 = io.StringIO()
    assert (
        run(
            again,
            PlainOutput(out2, interactive=False),
            read_answers(io.StringIO("two\n.\n")),
            resumed=True,
        )
        == 0
    )
    text = out2.getvalue()
    assert text.startswith(f"Resuming {runner.interview_id}")
    assert "Question 2 about caching?" in text and "Overall: 70%" in text
    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert [m.kind for m in detail.messages] == [
        "question",
        "answer",
        "feedback",
        "question",
        "answer",
        "feedback",
    ]


def test_model_failure_pauses_and_raises_exit_4(ctx, user_id) -> None:  # noqa: F811
    runner = svc.start_interview(
        ctx, user_id=user_id, options=OPTS, model=ScriptedModel(fail_on={"evaluate"})
    )
    out = io.StringIO()
    with pytest.raises(ModelError) as info:
        run(runner, JsonOutput(out), read_answers(io.StringIO("saved answer\n.\n")), resumed=False)
    assert info.value.exit_code == 4
    assert [e["event"] for e in _events(out)][-2:] == ["error", "paused"]
    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert detail.summary.status == "paused"
    assert [m.content for m in detail.messages if m.author == "candidate"] == ["saved answer"]


def test_refused_answer_pauses_with_usage_error(ctx, user_id) -> None:  # noqa: F811
    runner = svc.start_interview(ctx, user_id=user_id, options=OPTS, model=ScriptedModel())
    with pytest.raises(ValidationError, match="too long"):
        run(
            runner,
            JsonOutput(io.StringIO()),
            read_answers(io.StringIO("y" * 200_000 + "\n.\n")),
            resumed=False,
        )
    assert svc.list_interviews(ctx, user_id=user_id)[0].status == "paused"


def test_ctrl_c_mid_stream_saves_and_raises_130(ctx, user_id) -> None:  # noqa: F811
    class Interrupting(ScriptedModel):
        def stream_turn(self, request, on_event):
            if request.question.number == 2:
                raise KeyboardInterrupt
            return super().stream_turn(request, on_event)

    runner = svc.start_interview(ctx, user_id=user_id, options=OPTS, model=Interrupting())
    with pytest.raises(Interrupted) as info:
        run(
            runner,
            PlainOutput(io.StringIO(), interactive=False),
            read_answers(io.StringIO("one\n.\n")),
            resumed=False,
        )
    assert info.value.exit_code == 130
    summary = svc.list_interviews(ctx, user_id=user_id)[0]
    assert summary.status == "paused" and summary.answered == 1


def test_plain_output_filters_escape_sequences_from_model_text(ctx, user_id) -> None:  # noqa: F811
    class Hostile(ScriptedModel):
        def stream_turn(self, request, on_event):
            from interviewer_tui.core.models import Usage, Utterance
            from interviewer_tui.llm.protocol import Delta

            text = "Explain \x1b[2J\x1b]52;c;cHduZWQ=\x07caching [bold]now[/bold]?"
            on_event(Delta(text))
            return Utterance(text, Usage())

    runner = svc.start_interview(ctx, user_id=user_id, options=OPTS, model=Hostile())
    out = io.StringIO()
    run(runner, PlainOutput(out, interactive=False), read_answers(io.StringIO("")), resumed=False)
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "caching [bold]now[/bold]?" in out.getvalue()
