"""The conversation as a scrolling list of ChatMessages, cheap to open however long it is.

A saved conversation is mounted in one batch (`load`): only its last `WINDOW` messages at first,
behind a line that brings `PAGE` earlier ones at a time (enter on it, a click, or scrolling to the
top). At most `WINDOW + PAGE` messages stay mounted: paging up unmounts the newest behind a
'later' line at the bottom (enter, a click or scrolling to the bottom brings them back), and home
/ end jump straight to the first / last `WINDOW` messages, so however long the conversation,
reading it costs the same time and memory. Once it overflows, the list is anchored to its end, so
it follows a streaming reply unless the reader has scrolled up. A live interview that grows past
`WINDOW + PAGE` mounted messages unmounts its oldest ones behind the 'earlier' line again, so each
streamed re-layout stays cheap.

Each saved message shows once, keyed by its sequence number. A feedback card drawn live from an
`Evaluated` event (it has covered/missed, the saved message does not) claims the saved feedback
message that follows it for the same question, so that one is not drawn twice; every other
feedback, such as the grade of a follow-up answer, shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from interviewer_tui.core.topics import title
from interviewer_tui.ui.widgets.chat_message import ChatMessage, MessageStyles, Said, heading

if TYPE_CHECKING:
    from interviewer_tui.services.views import MessageView

WINDOW = 50
"""Saved messages mounted when a conversation opens; older ones wait behind the 'earlier' line."""
PAGE = 50
"""Earlier messages mounted each time the reader asks for more."""

__all__ = [
    "ChatMessage",
    "EarlierMessages",
    "LaterMessages",
    "Transcript",
    "heading",
    "topic_line",
]


class MoreMessages(Static, can_focus=True):
    """A line standing for messages that are not mounted: enter or a click shows a page."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "more", "Show more")]
    WHICH = "earlier"
    WHERE = "top"

    def set_count(self, count: int) -> None:
        more = min(count, PAGE)
        noun = "message" if count == 1 else "messages"
        arrow = "▲" if self.WHICH == "earlier" else "▼"
        self.update(
            f"{arrow} {count} {self.WHICH} {noun}: press enter, click, or scroll to the "
            f"{self.WHERE} to show {more}"
        )

    def action_more(self) -> None:
        if isinstance(self.parent, Transcript):
            self.parent.show_more(self)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_more()


class EarlierMessages(MoreMessages):
    """The first line while older messages are not mounted."""


class LaterMessages(MoreMessages):
    """The last line while newer messages are not mounted (the reader paged up, or pressed home)."""

    WHICH = "later"
    WHERE = "bottom"


class Transcript(MessageStyles):
    """A scrolling list of ChatMessages that follows new content unless the reader scrolled up."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self._earlier: list[Said] = []  # not mounted (yet, or any more); oldest first
        self._later: list[Said] = []  # newer than every mounted message, not mounted; oldest first
        self._seqs: set[int] = set()
        self._live_feedback: dict[int, ChatMessage] = {}  # question -> card awaiting its seq
        self._placing = False  # keeping the view still after a page: no paging then

    def watch_virtual_size(self, size: Size) -> None:
        # Anchored only once it overflows: Textual bottom-aligns short anchored content.
        overflowing = size.height > self.size.height
        if overflowing != self.is_anchored:
            self.anchor(overflowing)

    # saved conversation --------------------------------------------------------

    def load(self, views: Iterable[MessageView]) -> list[ChatMessage]:
        """Show a saved conversation: one batch of widgets, one layout, one scroll."""
        fresh = [v for v in views if v.seq not in self._seqs]
        self._seqs.update(v.seq for v in fresh)
        self._earlier.extend(Said.of(v) for v in fresh[:-WINDOW])
        widgets = [ChatMessage.of(Said.of(v)) for v in fresh[-WINDOW:]]
        batch: list[Widget] = list(widgets)
        if self._earlier and not self.query(EarlierMessages):
            batch.insert(0, self._earlier_line())
        if batch:
            self.mount_all(batch)  # one layout; the anchor then shows the end
        return widgets

    def _earlier_line(self) -> EarlierMessages:
        line = EarlierMessages(classes="msg-earlier", markup=False)
        line.set_count(len(self._earlier))
        return line

    def _later_line(self) -> LaterMessages:
        line = LaterMessages(classes="msg-earlier", markup=False)
        line.set_count(len(self._later))
        return line

    @property
    def earlier_count(self) -> int:
        return len(self._earlier)

    @property
    def later_count(self) -> int:
        return len(self._later)

    def show_more(self, line: MoreMessages) -> None:
        if isinstance(line, LaterMessages):
            self.show_later()
        else:
            self.show_earlier()

    def show_earlier(self) -> None:
        """Mount the next page of older messages above the first one, keeping the view still,
        and unmount the newest beyond `WINDOW + PAGE` (below the view, so nothing moves)."""
        if not self._earlier:
            return
        page, self._earlier = self._earlier[-PAGE:], self._earlier[:-PAGE]
        line = self.query_one(EarlierMessages)
        oldest = next(iter(self.query(ChatMessage)), None)  # stays where it is on screen
        offset = None if oldest is None else oldest.virtual_region.y - self.scroll_y
        widgets = [ChatMessage.of(said) for said in page]
        self.mount_all(widgets, after=line)
        if self._earlier:
            line.set_count(len(self._earlier))
        else:
            if self.screen.focused is line:
                widgets[0].focus(scroll_visible=False)
            line.remove()
        self._drop(newest=True)

        def keep_place() -> None:
            if oldest is not None and offset is not None:
                self._placing = True  # our own scroll: it must not page in either way
                try:
                    self.scroll_to(
                        y=oldest.virtual_region.y - offset, animate=False, immediate=True
                    )
                finally:
                    self._placing = False

        self.call_after_refresh(keep_place)

    def show_later(self) -> None:
        """Mount the next page of newer messages below the last one, and unmount the oldest
        beyond `WINDOW + PAGE`, keeping the view still."""
        if not self._later:
            return
        self.release_anchor()  # reached the bottom, which re-anchors: mounting must not scroll
        page, self._later = self._later[:PAGE], self._later[PAGE:]
        line = self.query_one(LaterMessages)
        widgets = [ChatMessage.of(said) for said in page]
        self.mount_all(widgets, before=line)
        if self._later:
            line.set_count(len(self._later))
        else:
            if self.screen.focused is line:
                widgets[-1].focus(scroll_visible=False)
            line.remove()
        mounted = list(self.query(ChatMessage))
        kept = mounted[max(0, len(mounted) - WINDOW - PAGE)] if mounted else None
        offset = None if kept is None else kept.virtual_region.y - self.scroll_y
        self._drop(newest=False)

        def keep_place() -> None:
            if kept is not None and offset is not None:
                self._placing = True
                try:
                    self.scroll_to(y=kept.virtual_region.y - offset, animate=False, immediate=True)
                finally:
                    self._placing = False

        self.call_after_refresh(keep_place)

    def _drop(self, *, newest: bool) -> None:
        """Unmount the newest (or oldest) messages beyond `WINDOW + PAGE`, behind their line."""
        mounted = list(self.query(ChatMessage))
        excess = len(mounted) - WINDOW - PAGE
        if excess <= 0:
            return
        drop = mounted[-excess:] if newest else mounted[:excess]
        if any(m.streaming for m in drop):
            return
        saids = [m.said() for m in drop]
        if newest:
            self._later[:0] = saids
        else:
            self._earlier.extend(saids)
        kind: type[MoreMessages] = LaterMessages if newest else EarlierMessages
        lines = self.query(kind)
        if lines:
            line: MoreMessages = lines.first()
            line.set_count(len(self._later if newest else self._earlier))
        else:
            line = self._later_line() if newest else self._earlier_line()
            if newest:
                self.mount(line, after=drop[-1])
            else:
                self.mount(line, before=drop[0])
        if any(m.has_focus for m in drop):  # the nearest message still mounted
            mounted[-excess - 1 if newest else excess].focus(scroll_visible=False)
        self.remove_children(drop)

    async def _jump(self, *, start: bool) -> None:
        """Mount only the first (or last) `WINDOW` messages and show them."""
        mounted = list(self.query(ChatMessage))
        if not any(m.streaming for m in mounted):
            every = [*self._earlier, *(m.said() for m in mounted), *self._later]
            keep = every[:WINDOW] if start else every[-WINDOW:]
            self._earlier = [] if start else every[: len(every) - len(keep)]
            self._later = every[len(keep) :] if start else []
            await self.remove_children()
            widgets = [ChatMessage.of(said) for said in keep]
            batch: list[Widget] = list(widgets)
            if self._earlier:
                batch.insert(0, self._earlier_line())
            if self._later:
                batch.append(self._later_line())
            await self.mount_all(batch)
            if widgets:
                (widgets[0] if start else widgets[-1]).focus(scroll_visible=False)

        def settle() -> None:
            if start:
                self.scroll_home(animate=False)  # releases the anchor
            else:
                self.scroll_end(animate=False)  # anchors again: the end follows new messages

        settle()
        self.call_after_refresh(settle)  # after any scroll still pending from before the jump

    def action_scroll_home(self) -> None:
        """Home: the first message, however many are not mounted."""
        if self._earlier:
            self.call_later(self._jump, start=True)
        else:
            super().action_scroll_home()

    def action_scroll_end(self) -> None:
        """End: the last message, however many are not mounted."""
        if self._later:
            self.call_later(self._jump, start=False)
        else:
            super().action_scroll_end()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._placing:
            return
        if new <= 0 < old and self._earlier:
            self.show_earlier()
        elif self._later and old < new >= self.max_scroll_y > 0:
            self.show_later()

    # live interview ------------------------------------------------------------

    def add(self, widget: ChatMessage) -> ChatMessage:
        if self._later:  # the reader paged away from the end: what follows it comes back first
            line = self.query_one(LaterMessages)
            self.mount_all([ChatMessage.of(said) for said in self._later], before=line)
            self._later = []
            line.remove()
        self.mount(widget)
        self._trim()
        return widget

    def _trim(self) -> None:
        """Unmount the oldest messages of a long live conversation while the reader follows
        the end (nothing moves on screen then), keeping the last `WINDOW`."""
        following = self.is_anchored and self.scroll_y >= self.max_scroll_y - 1
        mounted = list(self.query(ChatMessage))
        if not following or len(mounted) <= WINDOW + PAGE:
            return
        drop = mounted[: len(mounted) - WINDOW]
        if any(m.has_focus or m.streaming for m in drop):
            return
        self._earlier.extend(m.said() for m in drop)
        lines = self.query(EarlierMessages)
        if lines:
            lines.first().set_count(len(self._earlier))
        else:
            self.mount(self._earlier_line(), before=drop[0])
        self.remove_children(drop)

    def add_view(self, view: MessageView) -> ChatMessage | None:
        """A message saved just now (or re-sent): drawn unless it is already on screen."""
        if view.seq in self._seqs:
            return None
        self._seqs.add(view.seq)
        if view.kind == "feedback" and view.question_number is not None:
            card = self._live_feedback.pop(view.question_number, None)
            if card is not None:  # the Evaluated event already drew it, with covered/missed
                card.seq = view.seq
                return None
        return self.add(ChatMessage.of(Said.of(view)))

    def add_feedback(
        self,
        question_number: int,
        score: int,
        feedback: str,
        covered: tuple[str, ...],
        missed: tuple[str, ...],
    ) -> ChatMessage:
        card = ChatMessage(
            author="interviewer",
            kind="feedback",
            content=feedback,
            question_number=question_number,
            score=score,
            covered=covered,
            missed=missed,
        )
        self._live_feedback[question_number] = card
        return self.add(card)

    def add_note(self, text: str) -> ChatMessage:
        """A system line (an error, 'interview ended'), not part of the saved conversation."""
        return self.add(ChatMessage(author="system", kind="note", content=text))

    def start_stream(self, kind: str, question_number: int) -> ChatMessage:
        return self.add(
            ChatMessage(
                author="interviewer", kind=kind, question_number=question_number, streaming=True
            )
        )

    # copying ---------------------------------------------------------------------

    def all_text(self) -> str:
        """The whole conversation as Markdown, including messages not mounted yet."""
        lines: list[str] = []

        def one(author: str, kind: str, number: int | None, score: int | None, text: str) -> None:
            lines.append(f"## {heading(author, kind, number)}")
            if score is not None:
                lines.append(f"Score: {score}/10")
            lines.extend((text, ""))

        for said in self._earlier:
            one(said.author, said.kind, said.question_number, said.score, said.content)
        for msg in self.query(ChatMessage):
            one(msg.author, msg.kind, msg.question_number, msg.score, msg.text)
        for said in self._later:
            one(said.author, said.kind, said.question_number, said.score, said.content)
        return "\n".join(lines)


def topic_line(topics: tuple[str, ...]) -> str:
    return ", ".join(title(t) for t in topics) or "default mix"
