"""The interview state machine: plan -> ask -> answer -> evaluate -> follow-up or next -> report.

Pure functions over an `FlowState`; the services run the model step each state asks for and
feed the result back. The flow, not the model, decides when the interview ends: a model reply can
neither add questions nor stop early, and follow-ups and clarifications are capped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from interviewer_tui.core.models import Difficulty, Evaluation, PlannedQuestion

MAX_FOLLOWUPS: dict[Difficulty, int] = {"easy": 1, "medium": 1, "hard": 2}
MAX_CLARIFICATIONS = 2
"""Per question; after that a 'clarifying question' is graded as an answer."""


class Phase(StrEnum):
    ASK = "ask"  # model step: say planned question `index`
    FOLLOW_UP = "follow_up"  # model step: ask a follow-up on the current question
    CLARIFY = "clarify"  # model step: answer the candidate's clarifying question
    AWAIT_ANSWER = "await_answer"  # the candidate's turn
    EVALUATE = "evaluate"  # model step: grade the saved answer
    REPORT = "report"  # model step: write the report
    DONE = "done"


MODEL_PHASES = frozenset({Phase.ASK, Phase.FOLLOW_UP, Phase.CLARIFY, Phase.EVALUATE, Phase.REPORT})


class TransitionError(ValueError):
    """An event that the current phase does not accept (a bug in the caller, or a stale client)."""


@dataclass(frozen=True)
class FlowState:
    plan: tuple[PlannedQuestion, ...]
    difficulty: Difficulty
    phase: Phase = Phase.ASK
    index: int = 0
    followups: int = 0
    clarifications: int = 0
    ended_early: bool = False

    @property
    def current(self) -> PlannedQuestion:
        return self.plan[min(self.index, len(self.plan) - 1)]

    @property
    def is_last_question(self) -> bool:
        return self.index >= len(self.plan) - 1

    @property
    def needs_model(self) -> bool:
        return self.phase in MODEL_PHASES

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["phase"] = self.phase.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FlowState:
        plan = tuple(PlannedQuestion(**q) for q in data["plan"])
        return cls(
            plan=plan,
            difficulty=data["difficulty"],
            phase=Phase(data["phase"]),
            index=int(data["index"]),
            followups=int(data["followups"]),
            clarifications=int(data.get("clarifications", 0)),
            ended_early=bool(data.get("ended_early", False)),
        )


def start(plan: tuple[PlannedQuestion, ...], difficulty: Difficulty) -> FlowState:
    if not plan:
        raise TransitionError("an interview needs at least one question")
    return FlowState(plan=plan, difficulty=difficulty)


def _require(state: FlowState, *phases: Phase) -> None:
    if state.phase not in phases:
        allowed = ", ".join(p.value for p in phases)
        raise TransitionError(f"cannot do that in phase {state.phase.value} (needs {allowed})")


def spoke(state: FlowState) -> FlowState:
    """The interviewer's utterance (question, follow-up or clarification) was saved."""
    _require(state, Phase.ASK, Phase.FOLLOW_UP, Phase.CLARIFY)
    return replace(state, phase=Phase.AWAIT_ANSWER)


def answered(state: FlowState) -> FlowState:
    """The candidate's answer was saved; it now needs grading."""
    _require(state, Phase.AWAIT_ANSWER)
    return replace(state, phase=Phase.EVALUATE)


def evaluated(state: FlowState, evaluation: Evaluation, *, time_up: bool = False) -> FlowState:
    """Decide what follows a graded answer. The model only *suggests* a follow-up."""
    _require(state, Phase.EVALUATE)
    if evaluation.intent == "clarification" and state.clarifications < MAX_CLARIFICATIONS:
        return replace(state, phase=Phase.CLARIFY, clarifications=state.clarifications + 1)
    can_follow = state.followups < MAX_FOLLOWUPS[state.difficulty] and not time_up
    if evaluation.follow_up and can_follow:
        return replace(state, phase=Phase.FOLLOW_UP, followups=state.followups + 1)
    return _advance(state, time_up=time_up)


def skipped(state: FlowState, *, time_up: bool = False) -> FlowState:
    _require(state, Phase.AWAIT_ANSWER)
    return _advance(state, time_up=time_up)


def ended(state: FlowState) -> FlowState:
    """The candidate ends early: go straight to the report (unless already there)."""
    if state.phase in (Phase.REPORT, Phase.DONE):
        return state
    return replace(state, phase=Phase.REPORT, ended_early=True)


def reported(state: FlowState) -> FlowState:
    _require(state, Phase.REPORT)
    return replace(state, phase=Phase.DONE)


def _advance(state: FlowState, *, time_up: bool) -> FlowState:
    if state.is_last_question or time_up:
        return replace(
            state, phase=Phase.REPORT, ended_early=state.ended_early or not state.is_last_question
        )
    return replace(state, phase=Phase.ASK, index=state.index + 1, followups=0, clarifications=0)
