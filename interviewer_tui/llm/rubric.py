"""Offline grading: key-point coverage, strictness by difficulty, and feedback from the result.

Deliberately simple and predictable: a key point counts as covered when one of its keywords
appears; the score grows with coverage (harder levels bend the curve down) and is held back for
answers too short to show depth. Nothing the candidate writes can raise a score except covering
the key points.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from interviewer_tui.core.models import Difficulty
from interviewer_tui.llm.bank.model import KeyPoint

MIN_WORDS: dict[Difficulty, int] = {"easy": 20, "medium": 35, "hard": 50}
"""Below this many words an answer is too thin to earn full marks at the level."""
EXPONENT: dict[Difficulty, float] = {"easy": 0.85, "medium": 1.0, "hard": 1.3}
"""Coverage is raised to this power: lenient (< 1) for easy, strict (> 1) for hard."""

_WORD = re.compile(r"[\w'’+#.-]+")
_CLARIFY_OPENERS = (
    "can you clarify",
    "could you clarify",
    "can you explain the question",
    "could you explain the question",
    "what do you mean",
    "do you mean",
    "did you mean",
    "could you repeat",
    "can you repeat",
    "can i assume",
    "should i assume",
    "may i assume",
    "could you rephrase",
    "can you rephrase",
)


@dataclass(frozen=True)
class Grade:
    score: int
    covered: tuple[KeyPoint, ...]
    missed: tuple[KeyPoint, ...]
    words: int


def normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@lru_cache(maxsize=4096)
def _pattern(keyword: str) -> re.Pattern[str]:
    body = r"[\s\-_]+".join(re.escape(part) for part in keyword.split())
    start = r"\b" if keyword[:1].isalnum() or keyword[:1] == "_" else ""
    end = r"\b" if len(keyword) < 4 and (keyword[-1:].isalnum() or keyword[-1:] == "_") else ""
    return re.compile(start + body + end)


def covers(point: KeyPoint, normalised_text: str) -> bool:
    return any(_pattern(k).search(normalised_text) for k in point.keywords)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def score_for(covered: int, total: int, words: int, difficulty: Difficulty) -> int:
    """0 when nothing is covered; else coverage bent by strictness, held back for thin answers."""
    if covered <= 0 or total <= 0:
        return 0
    coverage = math.pow(min(covered, total) / total, EXPONENT[difficulty])
    depth = 0.5 + 0.5 * min(1.0, words / MIN_WORDS[difficulty])
    return max(1, min(10, round(10 * coverage * depth)))


def grade(key_points: tuple[KeyPoint, ...], answer: str, difficulty: Difficulty) -> Grade:
    text = normalise(answer)
    covered = tuple(p for p in key_points if covers(p, text))
    missed = tuple(p for p in key_points if p not in covered)
    words = word_count(answer)
    score = score_for(len(covered), len(key_points), words, difficulty)
    return Grade(score, covered, missed, words)


def looks_like_clarification(answer: str) -> bool:
    """A short reply that asks about the question rather than answering it."""
    text = normalise(answer)
    if not text or word_count(text) > 30:
        return False
    return text.endswith("?") or text.startswith(_CLARIFY_OPENERS)


def _join(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def feedback(result: Grade, difficulty: Difficulty) -> str:
    """Two to four sentences: what was there, what was not, then one concrete improvement."""
    covered = [p.label for p in result.covered]
    missed = [p.label for p in result.missed]
    thin = result.words < MIN_WORDS[difficulty]
    if result.score == 0:
        first = missed[0] if missed else "the core idea"
        return (
            "There is nothing here I can score against the question. "
            f"Improve: answer directly, starting with {first}, even in a few sentences."
        )
    parts: list[str] = []
    if result.score >= 8:
        parts.append(f"Strong answer: you covered {_join(covered[:4])}.")
    elif result.score >= 5 and missed:
        parts.append(
            f"Partly there: you covered {_join(covered[:3])}, but not {_join(missed[:3])}."
        )
    elif result.score >= 5:
        parts.append(f"Partly there: you touched on {_join(covered[:3])}, without much depth.")
    elif missed:
        parts.append(
            f"This misses most of what the question is after: {_join(missed[:4])}"
            + (f"; you did touch on {_join(covered[:2])}." if covered else ".")
        )
    else:
        parts.append(f"This touches only lightly on the question ({_join(covered[:2])}).")
    if thin:
        parts.append(
            f"At {result.words} words it is too thin for a {difficulty} question: explain the "
            "mechanism, not just name it."
        )
    if missed:
        parts.append(f"Improve: next time explain {missed[0]} and say why it matters here.")
    else:
        parts.append(
            "Improve: ground it in one concrete example from a system you worked on, with numbers."
        )
    return " ".join(parts)
