"""Every transition of the interview state machine, table-driven."""

from __future__ import annotations

from dataclasses import replace

import pytest

from interviewer_tui.core import flow
from interviewer_tui.core.flow import FlowState, Phase, TransitionError
from interviewer_tui.core.models import Evaluation, PlannedQuestion

PLAN = tuple(PlannedQuestion(n, "caching") for n in (1, 2, 3))
ANSWER = Evaluation("answer", 6, "ok")
ANSWER_FU = Evaluation("answer", 4, "more", follow_up=True)
CLARIFY = Evaluation("clarification", 0, "")


def st(
    phase: Phase,
    index: int = 0,
    followups: int = 0,
    clarifications: int = 0,
    difficulty: str = "medium",
) -> FlowState:
    return FlowState(
        plan=PLAN,
        difficulty=difficulty,
        phase=phase,
        index=index,  # type: ignore[arg-type]
        followups=followups,
        clarifications=clarifications,
    )


CASES = [
    # (name, before, event, after)
    ("question asked", st(Phase.ASK), flow.spoke, st(Phase.AWAIT_ANSWER)),
    (
        "follow-up asked",
        st(Phase.FOLLOW_UP, followups=1),
        flow.spoke,
        st(Phase.AWAIT_ANSWER, followups=1),
    ),
    (
        "clarified",
        st(Phase.CLARIFY, clarifications=1),
        flow.spoke,
        st(Phase.AWAIT_ANSWER, clarifications=1),
    ),
    ("answer saved", st(Phase.AWAIT_ANSWER), flow.answered, st(Phase.EVALUATE)),
    (
        "graded, next question",
        st(Phase.EVALUATE),
        lambda s: flow.evaluated(s, ANSWER),
        st(Phase.ASK, index=1),
    ),
    (
        "graded, follow-up wanted",
        st(Phase.EVALUATE),
        lambda s: flow.evaluated(s, ANSWER_FU),
        st(Phase.FOLLOW_UP, followups=1),
    ),
    (
        "follow-up cap reached (medium=1)",
        st(Phase.EVALUATE, followups=1),
        lambda s: flow.evaluated(s, ANSWER_FU),
        st(Phase.ASK, index=1),
    ),
    (
        "hard allows a second follow-up",
        st(Phase.EVALUATE, followups=1, difficulty="hard"),
        lambda s: flow.evaluated(s, ANSWER_FU),
        st(Phase.FOLLOW_UP, followups=2, difficulty="hard"),
    ),
    (
        "no follow-up when time is up",
        st(Phase.EVALUATE),
        lambda s: flow.evaluated(s, ANSWER_FU, time_up=True),
        replace(st(Phase.REPORT), ended_early=True),
    ),
    (
        "clarification question",
        st(Phase.EVALUATE),
        lambda s: flow.evaluated(s, CLARIFY),
        st(Phase.CLARIFY, clarifications=1),
    ),
    (
        "clarification cap: moves on",
        st(Phase.EVALUATE, clarifications=2),
        lambda s: flow.evaluated(s, CLARIFY),
        st(Phase.ASK, index=1),
    ),
    (
        "last question graded -> report",
        st(Phase.EVALUATE, index=2),
        lambda s: flow.evaluated(s, ANSWER),
        st(Phase.REPORT, index=2),
    ),
    ("skip -> next", st(Phase.AWAIT_ANSWER), flow.skipped, st(Phase.ASK, index=1)),
    (
        "skip last -> report",
        st(Phase.AWAIT_ANSWER, index=2),
        flow.skipped,
        st(Phase.REPORT, index=2),
    ),
    (
        "end early",
        st(Phase.AWAIT_ANSWER, index=1),
        flow.ended,
        replace(st(Phase.REPORT, index=1), ended_early=True),
    ),
    ("end while reporting is a no-op", st(Phase.REPORT), flow.ended, st(Phase.REPORT)),
    ("report written", st(Phase.REPORT), flow.reported, st(Phase.DONE)),
]


@pytest.mark.parametrize(("name", "before", "event", "after"), CASES, ids=[c[0] for c in CASES])
def test_transition(name, before, event, after) -> None:
    assert event(before) == after


ILLEGAL = [
    ("answer while the interviewer speaks", st(Phase.ASK), flow.answered),
    ("answer twice", st(Phase.EVALUATE), flow.answered),
    ("grade without an answer", st(Phase.AWAIT_ANSWER), lambda s: flow.evaluated(s, ANSWER)),
    ("skip during grading", st(Phase.EVALUATE), flow.skipped),
    ("speak while waiting", st(Phase.AWAIT_ANSWER), flow.spoke),
    ("report twice", st(Phase.DONE), flow.reported),
]


@pytest.mark.parametrize(("name", "before", "event"), ILLEGAL, ids=[c[0] for c in ILLEGAL])
def test_illegal_transition_is_refused(name, before, event) -> None:
    with pytest.raises(TransitionError):
        event(before)


def test_model_cannot_extend_or_loop_the_interview() -> None:
    """A grader that always wants a follow-up still ends after plan x (1 + cap) turns."""
    state = flow.start(PLAN, "hard")
    turns = 0
    while state.phase is not Phase.DONE:
        turns += 1
        assert turns < 100
        if state.phase in (Phase.ASK, Phase.FOLLOW_UP, Phase.CLARIFY):
            state = flow.spoke(state)
        elif state.phase is Phase.AWAIT_ANSWER:
            state = flow.answered(state)
        elif state.phase is Phase.EVALUATE:
            state = flow.evaluated(state, ANSWER_FU)
        elif state.phase is Phase.REPORT:
            state = flow.reported(state)
    questions_and_followups = len(PLAN) * (1 + flow.MAX_FOLLOWUPS["hard"])
    assert turns == questions_and_followups * 3 + 1


def test_state_round_trips_through_json() -> None:
    import json

    state = st(Phase.FOLLOW_UP, index=2, followups=1, clarifications=1)
    assert FlowState.from_dict(json.loads(json.dumps(state.to_dict()))) == state


def test_empty_plan_is_refused() -> None:
    with pytest.raises(TransitionError):
        flow.start((), "easy")
