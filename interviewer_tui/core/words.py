"""Counting words in messages: "1 question", "2 questions", never "1 questions"."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in the right number; `plural` for irregular ones (default: noun + "s")."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
