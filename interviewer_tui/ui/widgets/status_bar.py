"""The interview's one-line status: question i of N, topic, elapsed / time box, tokens, activity."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from interviewer_tui.core.topics import title


def clock(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class StatusBar(Widget):
    question: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)
    topic: reactive[str] = reactive("")
    elapsed: reactive[int] = reactive(0)
    time_box: reactive[int | None] = reactive(None)  # minutes
    tokens: reactive[int] = reactive(0)
    activity: reactive[str] = reactive("")
    warning: reactive[bool] = reactive(False)
    connection: reactive[str] = reactive("")  # "reconnecting…" while the database is away
    server: reactive[str] = reactive("")  # host:port of the `interviewer serve`; "" when local

    def render(self) -> Content:
        parts = []
        if self.total:
            parts.append(Content.styled(f"Q {self.question}/{self.total}", "bold"))
        if self.topic:
            parts.append(Content(title(self.topic)))
        spent = clock(self.elapsed)
        if self.time_box:
            spent += f" / {clock(self.time_box * 60)}"
            if self.elapsed >= self.time_box * 60:  # the engine ends after this question
                spent += " time is up"
                parts.append(Content.styled(spent, "bold reverse"))
            else:
                parts.append(Content(spent))
        else:
            parts.append(Content(spent))
        parts.append(Content(f"{self.tokens:,} tok"))
        if self.server:
            parts.append(Content(f"server {self.server}"))
        line = Content(" │ ").join(parts)
        if self.activity:
            style = "bold $warning" if self.warning else "italic"
            line = line + Content(" │ ") + Content.styled(self.activity, style)
        if self.connection:  # first, so the narrowest terminal still shows it
            line = Content.styled(self.connection, "bold reverse $warning") + Content(" ") + line
        return line
