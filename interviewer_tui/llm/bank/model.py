"""The shape of a bank question, and the compact builder the topic modules use to write them."""

from __future__ import annotations

from dataclasses import dataclass

from interviewer_tui.core.models import Difficulty


@dataclass(frozen=True)
class KeyPoint:
    """Something a strong answer says; covered when any of its keywords appears.

    Keywords of 4+ characters match as word prefixes ("index" matches "indexes"), shorter ones as
    whole words, and spaces match any run of spaces or hyphens.
    """

    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class BankQuestion:
    id: str
    topic: str
    difficulty: Difficulty
    text: str
    key_points: tuple[KeyPoint, ...]
    reference: str  # a strong answer; the tests check it covers every key point


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
