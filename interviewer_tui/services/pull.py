"""Turning a model call that pushes events to a listener into events the caller pulls.

The interviewer models (`llm/protocol.py`) report progress through a callback; the port promises
an iterator (`RunningInterview.advance`). `pulled` runs the call on a helper thread and hands its
events over a queue, so the caller's thread only ever waits on that queue: a Ctrl-C there lands at
once, and closing the generator cancels the call at its next event (the listener raises
`Cancelled`, a BaseException that the models' retry loops do not catch). Nothing of a cancelled
call is returned, so nothing of it is saved.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator
from typing import Generic, TypeVar

from interviewer_tui.llm.protocol import Delta, Listener, ModelEvent
from interviewer_tui.services.events import RunEvent, TurnDelta, TurnRetry

R = TypeVar("R")


class Cancelled(BaseException):
    """Raised inside a model call whose caller stopped pulling."""


class _Done(Generic[R]):
    __slots__ = ("value",)

    def __init__(self, value: R) -> None:
        self.value = value


class _Failed:
    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


def run_event(event: ModelEvent) -> RunEvent:
    """A model's progress as the shells see it."""
    if isinstance(event, Delta):
        return TurnDelta(event.text)
    return TurnRetry(event.attempt, event.delay, event.reason)


def pulled(call: Callable[[Listener], R]) -> Generator[RunEvent, None, R]:
    """Yield the call's events as they come; return its result (or raise its error)."""
    inbox: queue.SimpleQueue[ModelEvent | _Done[R] | _Failed] = queue.SimpleQueue()
    stop = threading.Event()

    def listen(event: ModelEvent) -> None:
        if stop.is_set():
            raise Cancelled
        inbox.put(event)

    def work() -> None:
        try:
            inbox.put(_Done(call(listen)))
        except BaseException as exc:  # handed to the caller's thread, which re-raises it
            inbox.put(_Failed(exc))

    threading.Thread(target=work, name="model-call", daemon=True).start()
    try:
        while True:
            item = inbox.get()
            if isinstance(item, _Done):
                return item.value
            if isinstance(item, _Failed):
                raise item.error
            yield run_event(item)
    finally:
        stop.set()  # closed, interrupted or failed: the call stops at its next event
