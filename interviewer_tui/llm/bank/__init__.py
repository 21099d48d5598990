"""The offline interviewer's question bank: key points and a strong reference answer per question.

Each topic of `core.topics.CATALOG` has at least two questions per difficulty, so a default
interview (two questions per topic) never repeats itself offline. The `extras_*` modules add, per
question id, paraphrases and probes for its key points and the misconceptions candidates voice.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from interviewer_tui.core.models import Difficulty
from interviewer_tui.llm.bank.model import BankQuestion, Extra, KeyPoint, Misconception

__all__ = ["BankQuestion", "KeyPoint", "Misconception", "all_questions", "questions_for"]


@cache
def all_questions() -> tuple[BankQuestion, ...]:
    """Every question, each with a stable id `<topic>-<difficulty>-<n>`."""
    from interviewer_tui.llm.bank import core, focus_infra, focus_web, languages

    extras = _extras()
    numbered: list[BankQuestion] = []
    counts: dict[tuple[str, str], int] = {}
    for module in (core, focus_web, focus_infra, languages):
        for question in module.QUESTIONS:
            key = (question.topic, question.difficulty)
            counts[key] = counts.get(key, 0) + 1
            qid = f"{question.topic}-{question.difficulty}-{counts[key]}"
            numbered.append(_extend(replace(question, id=qid), extras.get(qid)))
    return tuple(numbered)


def _extras() -> dict[str, Extra]:
    from interviewer_tui.llm.bank import extras_core, extras_infra, extras_lang, extras_web

    merged: dict[str, Extra] = {}
    for module in (extras_core, extras_web, extras_infra, extras_lang):
        merged.update(module.EXTRAS)
    return merged


def _extend(question: BankQuestion, extra: Extra | None) -> BankQuestion:
    if extra is None:
        return question
    unknown = set(extra.paraphrases) | set(extra.probes or {})
    unknown -= {p.label for p in question.key_points}
    if unknown:
        raise ValueError(f"{question.id}: extras name unknown key points {sorted(unknown)}")
    points = tuple(
        replace(
            p,
            paraphrases=tuple(
                s.strip() for s in extra.paraphrases.get(p.label, "").split(";") if s.strip()
            ),
            probe=(extra.probes or {}).get(p.label, ""),
        )
        for p in question.key_points
    )
    return replace(question, key_points=points, misconceptions=extra.misconceptions)


@cache
def questions_for(topic: str, difficulty: Difficulty) -> tuple[BankQuestion, ...]:
    return tuple(q for q in all_questions() if q.topic == topic and q.difficulty == difficulty)
