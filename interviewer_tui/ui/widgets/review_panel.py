"""Home's spaced-review card: what is due today and a score sparkline per topic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline

from interviewer_tui.core.topics import title
from interviewer_tui.ui.text import clean, short

if TYPE_CHECKING:
    from interviewer_tui.services.views import Progress

MAX_TOPICS = 5


class ReviewPanel(Vertical):
    """Hidden until there is a profile to show (a new user's home stays as it was)."""

    DEFAULT_CSS = """
    ReviewPanel { height: auto; border: round $primary; padding: 0 1; }
    ReviewPanel .review-topic { height: 1; }
    ReviewPanel .review-topic Label { width: 18; }
    ReviewPanel .review-topic Sparkline { width: 1fr; height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Review (interviewer practice)"
        self.display = False

    def compose(self) -> ComposeResult:
        yield Label("", id="review-due", markup=False)
        yield Vertical(id="review-trends")

    def set_progress(self, p: Progress) -> None:
        self.display = p.items > 0 or any(t.trend for t in p.topics)
        due = [v for v in p.next_due if v.due_at <= p.next_due[0].due_at] if p.next_due else []
        lines = [f"{p.due_today} due today · {p.items} points tracked"]
        lines += [f"• {short(clean(v.point), 34)} ({title(v.topic)})" for v in due[:3]]
        if p.due_now:
            lines.append("press p to practise what is due")
        self.query_one("#review-due", Label).update("\n".join(lines))
        box = self.query_one("#review-trends", Vertical)
        box.remove_children()
        rows = []
        for t in [t for t in p.topics if t.trend][:MAX_TOPICS]:
            data = list(t.trend) if len(t.trend) > 1 else list(t.trend) * 2
            rows.append(
                Horizontal(
                    Label(short(title(t.topic), 17), markup=False),
                    Sparkline(data, classes="review-line"),
                    classes="review-topic",
                )
            )
        if rows:
            box.mount_all(rows)
