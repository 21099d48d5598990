"""The conversation: interviewer turns and answers as Markdown, feedback cards with a score badge.

Streaming goes through a buffer: deltas append to a string and a timer re-renders the Markdown at
most `FLUSH_HZ` times a second, so a fast model cannot flood the event loop with re-layouts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Label, Markdown

from interviewer_tui.core.topics import title
from interviewer_tui.ui.text import clean, plain
from interviewer_tui.ui.widgets.score import ScoreBadge

if TYPE_CHECKING:
    from interviewer_tui.services.views import MessageView

FLUSH_HZ = 20

_HEADINGS = {
    "question": "Interviewer",
    "followup": "Interviewer · follow-up",
    "clarification": "Interviewer · clarification",
    "answer": "You",
    "skip": "You",
    "feedback": "Feedback",
}


def heading(author: str, kind: str, question_number: int | None) -> str:
    if author == "candidate":
        label = "You · clarifying question" if kind == "clarification" else "You"
    else:
        label = _HEADINGS.get(kind, "Interviewer")
    if question_number:
        label += f" · Q{question_number}"
    return label


class ChatMessage(Vertical, can_focus=True):
    """One message. Focus it (tab) and press c to copy its text."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("c", "copy", "Copy message")]

    def __init__(
        self,
        *,
        author: str,
        kind: str,
        content: str = "",
        question_number: int | None = None,
        score: int | None = None,
        covered: tuple[str, ...] = (),
        missed: tuple[str, ...] = (),
        streaming: bool = False,
    ) -> None:
        classes = f"msg msg-{author} msg-{kind}"
        super().__init__(classes=classes)
        self.author, self.kind = author, kind
        self.question_number = question_number
        self.score = score
        self.covered, self.missed = covered, missed
        self.text = content
        self.streaming = streaming
        self._dirty = False
        self._pending: AwaitComplete | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="msg-head"):
            yield Label(
                plain(heading(self.author, self.kind, self.question_number)), classes="msg-who"
            )
            if self.kind == "feedback" or (self.author == "candidate" and self.kind == "skip"):
                yield ScoreBadge(self.score)
        yield Markdown(self._body(), classes="msg-body")

    def _body(self) -> str:
        body = clean(self.text)
        if self.streaming and not body:
            return "…"
        if self.kind == "feedback":
            if self.covered:
                body += "\n\n**Covered:** " + ", ".join(clean(c) for c in self.covered)
            if self.missed:
                body += "\n\n**Missed:** " + ", ".join(clean(m) for m in self.missed)
        return body

    def on_mount(self) -> None:
        if self.streaming:
            self._timer = self.set_interval(1 / FLUSH_HZ, self._flush)
        if self._dirty:  # text arrived between compose and mount (a fast model)
            self.call_after_refresh(self._render_now)

    # streaming -------------------------------------------------------------

    def append(self, delta: str) -> None:
        self.text += delta
        self._dirty = True

    def discard(self) -> None:
        """A retry restarts the utterance: throw away what was shown."""
        self.text = ""
        self._dirty = True

    def finish(self, content: str) -> None:
        """The saved message is the truth: replace the streamed text with it."""
        self.text = content
        self.streaming = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._render_now()

    def _flush(self) -> None:
        if not self._dirty or (self._pending is not None and not self._pending.is_done):
            return
        self._render_now()

    def _render_now(self) -> None:
        try:
            body = self.query_one(Markdown)
        except NoMatches:  # not mounted yet: on_mount renders it
            self._dirty = True
            return
        self._dirty = False
        self._pending = body.update(self._body())
        parent = self.parent
        if isinstance(parent, Transcript):
            parent.follow()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.app.notify("Message copied to the clipboard.", timeout=2)


class Transcript(VerticalScroll):
    """A scrolling list of ChatMessages that follows new content unless the reader scrolled up."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self._answered: set[int] = set()

    def follow(self) -> None:
        if self.max_scroll_y - self.scroll_y <= 3 or self.scroll_y == 0:
            self.call_after_refresh(self.scroll_end, animate=False)

    def add(self, widget: ChatMessage) -> ChatMessage:
        self.mount(widget)
        self.call_after_refresh(self.scroll_end, animate=False)
        return widget

    def add_view(self, view: MessageView) -> ChatMessage | None:
        if view.kind == "feedback" and view.question_number in self._answered:
            # the Evaluated event already drew this card (with covered/missed)
            return None
        if view.kind == "feedback" and view.question_number is not None:
            self._answered.add(view.question_number)
        return self.add(
            ChatMessage(
                author=view.author,
                kind=view.kind,
                content=view.content,
                question_number=view.question_number,
                score=view.score,
            )
        )

    def add_feedback(
        self,
        question_number: int,
        score: int,
        feedback: str,
        covered: tuple[str, ...],
        missed: tuple[str, ...],
    ) -> ChatMessage:
        self._answered.add(question_number)
        return self.add(
            ChatMessage(
                author="interviewer",
                kind="feedback",
                content=feedback,
                question_number=question_number,
                score=score,
                covered=covered,
                missed=missed,
            )
        )

    def add_note(self, text: str) -> ChatMessage:
        """A system line (an error, 'interview ended'), not part of the saved conversation."""
        return self.add(ChatMessage(author="system", kind="note", content=text))

    def start_stream(self, kind: str, question_number: int) -> ChatMessage:
        return self.add(
            ChatMessage(
                author="interviewer", kind=kind, question_number=question_number, streaming=True
            )
        )

    def all_text(self) -> str:
        lines = []
        for msg in self.query(ChatMessage):
            lines.append(f"## {heading(msg.author, msg.kind, msg.question_number)}")
            if msg.score is not None:
                lines.append(f"Score: {msg.score}/10")
            lines.append(msg.text)
            lines.append("")
        return "\n".join(lines)


def topic_line(topics: tuple[str, ...]) -> str:
    return ", ".join(title(t) for t in topics) or "default mix"
