"""Scores and the report's numbers, computed in code so a model cannot inflate them.

Semantics follow the reference product: each answer scores 1-10 (7 passes, 8-10 is senior level,
0 when nothing scorable was said); the overall score is sum / (answered x 10) as a percentage. A
skipped question counts as answered with 0, so skipping cannot raise the percentage. A question's
score combines its first answer with the follow-ups (`question_score`): a weak first answer is
never erased by a good follow-up.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from interviewer_tui.core.models import QuestionResult, Report, ReportDraft

MIN_SCORE, MAX_SCORE = 0, 10


def clamp_score(value: object) -> int:
    """Anything a model returns becomes an int in 0..10 (garbage becomes 0)."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return MIN_SCORE
    if number != number:  # NaN
        return MIN_SCORE
    return int(max(MIN_SCORE, min(MAX_SCORE, round(number))))


FOLLOW_UP_WEIGHT = 0.5
"""How far the follow-ups can move a question's score from the first answer's grade towards the
grade of the whole thread: halfway, so 4 then a perfect follow-up makes 7, not 10."""


def question_score(answer_scores: Sequence[int]) -> int:
    """The question's score from each graded answer's own score, first answer first.

    A follow-up answer is graded on the whole thread (what the first answer showed plus what the
    follow-up newly and correctly explained), so the last grade is the thread's; the first answer
    keeps half the weight. A wrong claim in a follow-up pulls the score down the same way.
    """
    if not answer_scores:
        raise ValueError("no graded answer")
    first, latest = answer_scores[0], answer_scores[-1]
    return clamp_score(math.floor(first + FOLLOW_UP_WEIGHT * (latest - first) + 0.5))


def band(score: int | None) -> str:
    """'pass' (>= 7), 'borderline' (>= 5) or 'fail': the colour bands of the UI."""
    if score is None:
        return "none"
    if score >= 7:
        return "pass"
    if score >= 5:
        return "borderline"
    return "fail"


def scored(results: Iterable[QuestionResult]) -> list[QuestionResult]:
    return [r for r in results if r.score is not None]


def overall_percent(results: Iterable[QuestionResult]) -> int | None:
    done = scored(results)
    if not done:
        return None
    return round(100 * sum(r.score or 0 for r in done) / (len(done) * MAX_SCORE))


def per_topic_percent(results: Iterable[QuestionResult]) -> dict[str, int]:
    sums: dict[str, list[int]] = defaultdict(list)
    for r in scored(results):
        sums[r.topic].append(r.score or 0)
    return {t: round(100 * sum(s) / (len(s) * MAX_SCORE)) for t, s in sums.items()}


def build_report(
    results: tuple[QuestionResult, ...], draft: ReportDraft, *, provider: str, model: str
) -> Report:
    return Report(
        overall_percent=overall_percent(results),
        answered=len(scored(results)),
        per_topic=per_topic_percent(results),
        questions=results,
        summary=draft.summary,
        strengths=draft.strengths[:5],
        improvements=draft.improvements[:5],
        suggested_topics=draft.suggested_topics[:5],
        provider=provider,
        model=model,
    )
