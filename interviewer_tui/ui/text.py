"""Turning untrusted text into things Textual shows literally: never markup, never escapes."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from interviewer_tui.core.text import sanitize_terminal


def plain(text: str, style: str = "") -> Content:
    """Literal content: `[bold]` in a model reply stays the characters `[bold]`."""
    return (
        Content.styled(sanitize_terminal(text), style)
        if style
        else Content(sanitize_terminal(text))
    )


def clean(text: str) -> str:
    """For Markdown widgets: markdown is parsed, but escapes and control bytes are dropped."""
    return sanitize_terminal(text)


def when(moment: datetime) -> str:
    """Dates in local time, compact enough for an 80-column table."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def day(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d")


def short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: max(1, limit - 1)] + "…"
