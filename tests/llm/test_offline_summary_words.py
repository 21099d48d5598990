"""The offline report's summary never calls a topic at or above the pass bar "weakest"."""

from __future__ import annotations

from interviewer_tui.core.models import InterviewOptions, QuestionResult
from interviewer_tui.llm.offline import offline_report


def result(number: int, topic: str, score: int) -> QuestionResult:
    return QuestionResult(number, topic, f"q{number}", score, "fine")


def test_two_perfect_topics_are_not_strongest_and_weakest() -> None:
    draft = offline_report(
        InterviewOptions(difficulty="hard"),
        (result(1, "introduction", 10), result(2, "coding", 10)),
    )
    assert "weakest" not in draft.summary, draft.summary
    assert "Every topic scored 100%." in draft.summary


def test_passing_topics_are_not_weak() -> None:
    draft = offline_report(
        InterviewOptions(), (result(1, "introduction", 10), result(2, "coding", 8))
    )
    assert "weakest" not in draft.summary, draft.summary
    assert "Coding (80%)" in draft.summary and "at or above the pass bar" in draft.summary


def test_a_topic_below_the_bar_is_still_named_weakest() -> None:
    draft = offline_report(
        InterviewOptions(), (result(1, "introduction", 9), result(2, "coding", 3))
    )
    assert "weakest: Coding (30%)" in draft.summary
