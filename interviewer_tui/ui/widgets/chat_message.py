"""One message of the conversation, drawn by a single widget from one Rich renderable.

A Textual `Markdown` widget is a tree of widgets per message; a transcript of hundreds of them took
seconds to lay out. Here each message is one widget: a header line (who, which question, the score
badge) over a body that is `rich.markdown.Markdown` for the interviewer's text and literal
`rich.text.Text` for the candidate's (fenced code in an answer is highlighted). Neither is ever
parsed as Rich markup, and the text is stripped of terminal escapes first.

Streaming appends to the text and re-renders at most `FLUSH_HZ` times a second, so a fast model
cannot flood the event loop with layouts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.style import Style
from rich.syntax import Syntax
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.timer import Timer
from textual.widget import Widget

from interviewer_tui.core.scoring import band
from interviewer_tui.ui.text import clean

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

# a fenced block as the answer editor's code mode writes it (``` or ~~~, optional language)
_FENCE = re.compile(r"^(```|~~~)[ \t]*([\w+#.-]*)[ \t]*\n(.*?)\n\1[ \t]*$", re.S | re.M)


@dataclass(frozen=True)
class Said:
    """What one message shows: kept for the messages of a transcript that are not mounted."""

    author: str
    kind: str
    content: str
    question_number: int | None = None
    score: int | None = None
    covered: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    seq: int | None = None

    @classmethod
    def of(cls, view: MessageView) -> Said:
        return cls(
            view.author, view.kind, view.content, view.question_number, view.score, seq=view.seq
        )


def heading(author: str, kind: str, question_number: int | None) -> str:
    if author == "candidate":
        label = "You · clarifying question" if kind == "clarification" else "You"
    else:
        label = _HEADINGS.get(kind, "Interviewer")
    if question_number:
        label += f" · Q{question_number}"
    return label


def has_badge(author: str, kind: str) -> bool:
    return kind == "feedback" or (author == "candidate" and kind == "skip")


def answer_body(text: str, *, dark: bool = True) -> RenderableType:
    """The candidate's words exactly as typed; fenced code blocks are highlighted."""
    parts: list[RenderableType] = []
    at = 0
    for fence in _FENCE.finditer(text):
        prose = text[at : fence.start()].strip("\n")
        if prose:
            parts.append(Text(prose))
        language = fence.group(2) or "text"
        parts.append(
            Syntax(fence.group(3), language, theme=code_theme(dark), word_wrap=True, padding=(0, 1))
        )
        at = fence.end()
    rest = text[at:].strip("\n")
    if rest or not parts:
        parts.append(Text(rest))
    return parts[0] if len(parts) == 1 else Group(*parts)


def code_theme(dark: bool) -> str:
    return "monokai" if dark else "friendly"


class MessageStyles(VerticalScroll):
    """The parent of ChatMessages holds their header styles as component classes (the theme's
    colours, in app.tcss): one set for the whole list instead of one per message, since Textual
    styles every component class of every widget it mounts."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "msg--who-interviewer",
        "msg--who-candidate",
        "msg--who-feedback",
        "msg--who-system",
        "msg--band-pass",
        "msg--band-borderline",
        "msg--band-fail",
        "msg--band-none",
    }

    def style(self, name: str) -> Style:
        return self.get_component_rich_style(f"msg--{name}", partial=True)


class ChatMessage(Widget, can_focus=True):
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
        seq: int | None = None,
    ) -> None:
        super().__init__(classes=f"msg msg-{author} msg-{kind}", markup=False)
        self.author, self.kind = author, kind
        self.question_number = question_number
        self.score = score
        self.covered, self.missed = covered, missed
        self.text = content
        self.streaming = streaming
        self.seq = seq  # the saved message's number; None until saved (a live card, a note)
        self._dirty = False
        self._timer: Timer | None = None
        self._version = 0  # bumped when the text changes
        self._height: tuple[int, int, int] = (-1, -1, 0)  # (width, version, height)

    @classmethod
    def of(cls, said: Said) -> ChatMessage:
        return cls(
            author=said.author,
            kind=said.kind,
            content=said.content,
            question_number=said.question_number,
            score=said.score,
            covered=said.covered,
            missed=said.missed,
            seq=said.seq,
        )

    def said(self) -> Said:
        return Said(
            self.author,
            self.kind,
            self.text,
            self.question_number,
            self.score,
            self.covered,
            self.missed,
            self.seq,
        )

    # rendering -------------------------------------------------------------

    @property
    def has_badge(self) -> bool:
        return has_badge(self.author, self.kind)

    def badge_text(self) -> str:
        return "—" if self.score is None else f"{self.score}/10"

    def render(self) -> RenderableType:
        head = Text(heading(self.author, self.kind, self.question_number))
        styles = self.parent
        who = "feedback" if self.kind == "feedback" else self.author
        if isinstance(styles, MessageStyles):
            head.stylize(styles.style(f"who-{who}"))
        if self.has_badge:
            head.append(" ")
            badge = f" {self.badge_text()} "
            if isinstance(styles, MessageStyles):
                head.append(badge, style=styles.style(f"band-{band(self.score)}"))
            else:
                head.append(badge, style="reverse")
        return Group(head, self._body())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual drops its own cache when a widget is first sized, which rendered every message
        # of a transcript twice; the height only changes with the width or the text.
        cached_width, version, height = self._height
        if cached_width != width or version != self._version:
            height = super().get_content_height(container, viewport, width)
            self._height = (width, self._version, height)
        return height

    def _changed(self) -> None:
        self._version += 1
        self.refresh(layout=True)

    def _body(self) -> RenderableType:
        body = clean(self.text)
        dark = self.app.current_theme.dark
        if self.author == "candidate":
            return answer_body(body, dark=dark)
        if self.streaming and not body:
            return Text("…")
        if self.kind == "feedback":
            if self.covered:
                body += "\n\n**Covered:** " + ", ".join(clean(c) for c in self.covered)
            if self.missed:
                body += "\n\n**Missed:** " + ", ".join(clean(m) for m in self.missed)
        return Markdown(body, code_theme=code_theme(dark), hyperlinks=False)

    # streaming -------------------------------------------------------------

    def on_mount(self) -> None:
        if self.streaming:
            self._timer = self.set_interval(1 / FLUSH_HZ, self._flush)

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
        self._dirty = False
        self._changed()

    def _flush(self) -> None:
        if self._dirty:
            self._dirty = False
            self._changed()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.app.notify("Message copied to the clipboard.", timeout=2)
