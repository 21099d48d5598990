"""The shape of a bank question, and the compact builder the topic modules use to write them."""

from __future__ import annotations

from dataclasses import dataclass

from interviewer_tui.core.models import Difficulty


@dataclass(frozen=True)
class KeyPoint:
    """Something a strong answer says; covered when one of its keywords or paraphrases appears.

    Keywords match in any inflection: a word of 5+ letters by the part its Snowball stem keeps
    and any ending ("concerns" matches "concern", "dirty reads" matches "dirtier read"), a shorter
    last word of 4 characters as a prefix ("index" matches "indexes"), shorter ones as whole
    words, and spaces match any run of spaces or hyphens. Paraphrases are concept patterns
    (`llm.textmatch.compile_pattern`): stems that must meet in one sentence, not negated, so a
    point put in the candidate's own words still counts. `probe` asks about the point's area
    without naming it, for follow-ups.
    """

    label: str
    keywords: tuple[str, ...]
    paraphrases: tuple[str, ...] = ()
    probe: str = ""


@dataclass(frozen=True)
class Misconception:
    """A false claim candidates make about the question, how to recognise it, and the truth.

    `patterns` are concept patterns (see KeyPoint.paraphrases); `claim` names the false claim in a
    few words ("writes get faster"), `fact` states the correct fact in one sentence, `challenge` is
    the follow-up that makes the candidate defend or correct it.
    """

    claim: str
    patterns: tuple[str, ...]
    fact: str
    challenge: str


@dataclass(frozen=True)
class BankQuestion:
    id: str
    topic: str
    difficulty: Difficulty
    text: str
    key_points: tuple[KeyPoint, ...]
    reference: str  # a strong answer; the tests check it covers every key point
    misconceptions: tuple[Misconception, ...] = ()


def q(
    topic: str, difficulty: Difficulty, text: str, points: dict[str, str], reference: str
) -> BankQuestion:
    """`points` maps a key point's label to its keywords separated by `|`."""
    key_points = tuple(
        KeyPoint(label, tuple(k.strip().lower() for k in words.split("|") if k.strip()))
        for label, words in points.items()
    )
    return BankQuestion(
        id="",  # numbered by the loader
        topic=topic,
        difficulty=difficulty,
        text=" ".join(text.split()),
        key_points=key_points,
        reference=" ".join(reference.split()),
    )


@dataclass(frozen=True)
class Extra:
    """What `llm/bank/extras_*.py` add to one question: paraphrases and probes per key point
    label, and misconceptions. Kept apart from the questions so each file stays readable."""

    paraphrases: dict[str, str]  # label -> patterns separated by `;`
    misconceptions: tuple[Misconception, ...]
    probes: dict[str, str] | None = None  # label -> a question about the area, naming nothing


def wrong(claim: str, patterns: str, fact: str, challenge: str) -> Misconception:
    """`patterns` separated by `;`."""
    return Misconception(
        claim, tuple(p.strip() for p in patterns.split(";") if p.strip()), fact, challenge
    )
