"""Spaced review of key points and misconceptions: SM-2, as SuperMemo published it (1987).

Each graded answer rates every point it touched on SM-2's 0-5 scale: a point covered is a good
recall (4, or 5 in an answer scoring 9+), a point missed is a failed one (1), and a false claim is
the worst (0: a misconception is worse than a gap). Below 3 the repetition count resets and the
point is due again tomorrow; from 3 up the interval grows 1 day, 6 days, then by the ease factor,
which itself drifts down with poor recalls (never below 1.3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

Kind = Literal["missed", "covered", "claimed"]
MIN_EASE = 1.3
START_EASE = 2.5


@dataclass(frozen=True)
class Sm2:
    ease: float = START_EASE
    interval_days: int = 0
    repetitions: int = 0
    lapses: int = 0


def quality(kind: Kind, answer_score: int) -> int:
    if kind == "claimed":
        return 0
    if kind == "missed":
        return 1
    return 5 if answer_score >= 9 else 4


def review(state: Sm2, q: int) -> Sm2:
    """The next SM-2 state after a recall of quality `q` (0..5)."""
    q = max(0, min(5, q))
    ease = max(MIN_EASE, state.ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02))
    if q < 3:
        return replace(state, ease=ease, interval_days=1, repetitions=0, lapses=state.lapses + 1)
    if state.repetitions == 0:
        interval = 1
    elif state.repetitions == 1:
        interval = 6
    else:
        interval = max(1, round(state.interval_days * state.ease))
    return replace(state, ease=ease, interval_days=interval, repetitions=state.repetitions + 1)


def due_at(state: Sm2, now: datetime) -> datetime:
    return now + timedelta(days=state.interval_days)


def point_key(point: str) -> str:
    """Normalised: the same point worded with other case/punctuation is one review item."""
    return " ".join(re.sub(r"[^\w\s]", " ", point.casefold()).split())[:200]
