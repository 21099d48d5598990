"""Messages that cross from worker threads to screens (posted with the thread-safe post_message)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from interviewer_tui.services.events import RunEvent
    from interviewer_tui.services.views import MessageView


@dataclass
class RunEventMessage(Message):
    """One event of a running interview (a streamed token, a saved message, a retry...)."""

    event: RunEvent


@dataclass
class AdvanceDone(Message):
    """The model finished its steps: the candidate's turn, or the interview is over."""

    error: BaseException | None = None


@dataclass
class TranscriptLoaded(Message):
    """The saved conversation of a (resumed) interview, to draw in one batch; `draft` is the
    unsent answer to put back in the editor."""

    draft: str
    messages: tuple[MessageView, ...] = ()


@dataclass
class Note(Message):
    """A line for the transcript that is not a saved message ('you skipped question 3')."""

    text: str
