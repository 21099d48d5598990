"""What a report says and in which order, for every renderer (the TUI's report screen, line
mode's closing report, the Markdown export): one place for the names of its lists and the
overall line, so the three read the same."""

from __future__ import annotations

from collections.abc import Sequence

from interviewer_tui.core.topics import title
from interviewer_tui.core.words import count


def report_lists(
    strengths: Sequence[str], improvements: Sequence[str], suggested_topics: Sequence[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(heading, items) for the report's three lists, topics by their titles."""
    return (
        ("Strengths", tuple(strengths)),
        ("Improvements", tuple(improvements)),
        ("Practise next", tuple(title(t) for t in suggested_topics)),
    )


def overall_line(overall_percent: int | None, answered: int) -> str:
    if overall_percent is None:
        return "Overall: nothing was answered"
    return f"Overall: {overall_percent}% over {count(answered, 'answered question')}"
