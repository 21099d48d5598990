"""The offline interviewer's question bank: key points and a strong reference answer per question.

Each topic of `core.topics.CATALOG` has at least two questions per difficulty, so a default
interview (two questions per topic) never repeats itself offline.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from interviewer_tui.core.models import Difficulty
from interviewer_tui.llm.bank.model import BankQuestion, KeyPoint

__all__ = ["BankQuestion", "KeyPoint", "all_questions", "questions_for"]


@cache
def all_questions() -> tuple[BankQuestion, ...]:
    """Every question, each with a stable id `<topic>-<difficulty>-<n>`."""
    from interviewer_tui.llm.bank import core, focus_infra, focus_web, languages

    numbered: list[BankQuestion] = []
    counts: dict[tuple[str, str], int] = {}
    for module in (core, focus_web, focus_infra, languages):
        for question in module.QUESTIONS:
            key = (question.topic, question.difficulty)
            counts[key] = counts.get(key, 0) + 1
            numbered.append(
                replace(question, id=f"{question.topic}-{question.difficulty}-{counts[key]}")
            )
    return tuple(numbered)


@cache
def questions_for(topic: str, difficulty: Difficulty) -> tuple[BankQuestion, ...]:
    return tuple(q for q in all_questions() if q.topic == topic and q.difficulty == difficulty)
