"""`RemoteInterview`: one interview driven through the server (the port's `RunningInterview`).

An answer is written to the outbox (on disk) before it is sent, sent with its client-generated
id, and forgotten only once the server's stream says it is stored (the `answer` event with its
sequence number). A stream that breaks reconnects with `Last-Event-ID` (or re-sends the answer:
the server's idempotency makes that safe), yielding `Reconnecting` so the shell can say so; after
`server_retry_seconds` without a server the interview is left paused here with its outbox, and
the next `interviewer resume` sends what is left. Drafts never leave this computer.

The server's events (the vocabulary of `--json`, plus `turn` and `delta`) become the same
RunEvents a local runner yields; stored-message events carry their sequence number as SSE id, so
a replay after a reconnect is told apart from what was already shown.
"""

from __future__ import annotations

import contextlib
import time
import uuid
import weakref
from collections.abc import Callable, Generator, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from interviewer_tui.core.models import EMPTY_ANSWER, MAX_ANSWER_CHARS, is_blank
from interviewer_tui.core.text import clean_input
from interviewer_tui.errors import (
    AppError,
    AuthError,
    ConflictError,
    ModelError,
    ServerError,
    ServerUnreachableError,
    UsageError,
    ValidationError,
)
from interviewer_tui.services.client.outbox import Outbox, PendingAnswer
from interviewer_tui.services.events import (
    Evaluated,
    MessageSaved,
    Reported,
    RunEvent,
    TurnDelta,
    TurnRetry,
    TurnStarted,
)
from interviewer_tui.services.views import InterviewDetail, MessageView

if TYPE_CHECKING:
    from httpx_sse import ServerSentEvent

    from interviewer_tui.core.models import InterviewOptions, QuestionResult, Report
    from interviewer_tui.services.client.http import Connection
    from interviewer_tui.services.port import Reconnecting

SPOKEN = frozenset({"question", "followup", "clarification"})
FIRST_DELAY = 0.2
MAX_DELAY = 3.0
HANGUP_SECONDS = 3.0  # how long a hang-up waits for the server to take the pause

_OPEN: weakref.WeakSet[RemoteInterview] = weakref.WeakSet()


def pause_all_open() -> None:
    """Leave every interview this process drives through a server paused, best effort: for a
    hang-up (the terminal is gone and the process is about to end)."""
    for running in list(_OPEN):
        with contextlib.suppress(Exception):
            running.hang_up()


def fetch_detail(conn: Connection, interview_id: int) -> InterviewDetail:
    """The whole interview as the server's export document (the one wire codec), as a detail."""
    from interviewer_tui.services.wire import InterviewExport, decode

    data = conn.get_json(f"v1/interviews/{interview_id}/export", format="json")
    doc = decode(InterviewExport, data)
    return InterviewDetail(
        summary=doc.interview,
        options=doc.options,
        messages=doc.messages,
        questions=doc.questions,
        report=doc.report,
    )


def error_of_event(data: dict[str, Any], url: str) -> AppError:
    """An `error` event of the stream as the error the local runner would have raised."""
    code = int(data.get("code", 1) or 1)
    message = str(data.get("message", "the turn stopped"))
    if code == 4:
        return ModelError(message)
    if code == 3:
        return AuthError(message)
    if code == 5:
        return ServerUnreachableError(f"the server at {url} lost its database: {message}")
    if code == 2:
        return ConflictError(message) if "taken over" in message else UsageError(message)
    return ServerError(f"the server at {url} failed: {message}")


class RemoteInterview:
    """Not thread-safe, like the local runner: one worker at a time calls it."""

    def __init__(
        self,
        conn: Connection,
        outbox: Outbox,
        *,
        user_id: int,
        detail: InterviewDetail,
        retry_seconds: float,
        resumed: bool = False,
        watch: Callable[[], Reconnecting | None] = lambda: None,
    ) -> None:
        self._conn = conn
        self._outbox = outbox
        self._user_id = user_id
        self._detail = detail
        self._retry_seconds = retry_seconds
        self._resume_first = resumed
        self._closed = False
        self._messages: list[MessageView] = list(detail.messages)
        self._seen = self._messages[-1].seq if self._messages else 0
        self._turn: TurnStarted | None = None
        self._topics: dict[int, str] = {q.number: q.topic for q in detail.questions}
        self._stack: contextlib.ExitStack | None = None
        self._events: Iterator[ServerSentEvent] | None = None
        self._sending: PendingAnswer | None = None
        self._shown: set[str] = set()  # pending answers the shell has already drawn
        self._action: str | None = None  # skip/end sent, its stream not read to the end yet
        self._unsure_skip: int | None = None  # a skip of this question failed on the way
        self._streaming = False  # deltas of an unsaved turn are on the shell's screen
        self._watch = watch  # the shell's "reconnecting…" listener (Application.watch_connection)
        _OPEN.add(self)

    # -- read model ----------------------------------------------------------------------------

    @property
    def interview_id(self) -> int:
        return self._detail.summary.id

    @property
    def user_id(self) -> int:
        return self._user_id

    @property
    def server(self) -> str:
        return self._conn.url

    @property
    def options(self) -> InterviewOptions:
        return self._detail.options

    @property
    def provider(self) -> str:
        return self._detail.summary.provider

    @property
    def model_name(self) -> str:
        return self._detail.summary.model

    @property
    def started_at(self) -> datetime:
        return self._detail.summary.created_at

    @property
    def status(self) -> str:
        return self._detail.summary.status

    @property
    def draft(self) -> str | None:
        return self._outbox.draft(user_id=self._user_id, interview_id=self.interview_id)

    @property
    def tokens_used(self) -> int:
        return sum(m.tokens for m in self._messages)

    @property
    def phase(self) -> str:
        if self.finished:
            return "done"
        return "await_answer" if self.awaiting_answer else "model"

    @property
    def question_number(self) -> int:
        numbers = [m.question_number for m in self._messages if m.question_number]
        latest = numbers[-1] if numbers else 1
        if self._turn is not None and self._turn.question_number > latest:
            return self._turn.question_number
        return latest

    @property
    def total_questions(self) -> int:
        return self._detail.summary.number_questions

    @property
    def topic(self) -> str:
        number = self.question_number
        if number in self._topics:
            return self._topics[number]
        if self._turn is not None and self._turn.question_number == number:
            return self._turn.topic
        topics = self._detail.options.topics
        return topics[0] if topics else ""

    @property
    def finished(self) -> bool:
        return self.status in ("completed", "abandoned")

    def _pending(self) -> list[PendingAnswer]:
        return self._outbox.pending(user_id=self._user_id, interview_id=self.interview_id)

    @property
    def awaiting_answer(self) -> bool:
        if self.finished or self._events is not None or self._action is not None:
            return False
        if self._sending is not None or self._pending():
            return False
        last = self._messages[-1] if self._messages else None
        return last is not None and last.author == "interviewer" and last.kind in SPOKEN

    def report(self) -> Report | None:
        return self._detail.report

    def results(self) -> tuple[QuestionResult, ...]:
        return self._detail.questions

    def transcript(self) -> list[MessageView]:
        return list(self._messages)

    # -- what the candidate does ---------------------------------------------------------------

    def _ensure_open(self) -> None:
        if self._closed:
            raise ConflictError("this interview session is closed")

    def answer(self, text: str, *, client_id: str | None = None) -> MessageView:
        """Kept in the outbox, then sent; returns once the server has stored it, or (server
        away) at once with seq 0: `advance()` then keeps re-sending it."""
        self._ensure_open()
        body = clean_input(text).strip("\n")
        if is_blank(body):
            raise ValidationError(EMPTY_ANSWER, field="answer")
        if len(body) > MAX_ANSWER_CHARS:
            raise ValidationError(
                f"the answer is too long ({len(body):,} characters; at most "
                f"{MAX_ANSWER_CHARS:,}): shorten it and answer again",
                field="answer",
            )
        if not self.awaiting_answer:
            raise ConflictError("the interviewer has not finished its turn yet")
        pending = PendingAnswer(
            client_id=client_id or str(uuid.uuid4()),
            interview_id=self.interview_id,
            question_number=self.question_number,
            text=body,
        )
        self._outbox.put(user_id=self._user_id, answer=pending)
        self._shown.add(pending.client_id)
        view = MessageView(
            seq=0,
            author="candidate",
            kind="answer",
            content=body,
            score=None,
            question_number=pending.question_number,
            created_at=datetime.now(UTC),
        )
        try:
            self._open_answer(pending, again=False)
            confirmed = self._read_until_answer()
        except ServerUnreachableError:
            self._drop_stream()  # advance() re-sends it from the outbox
            return view
        return replace(view, seq=confirmed) if confirmed is not None else view

    def skip(self) -> None:
        self._ensure_open()
        number = self.question_number
        if self._unsure_skip == number:
            # the last skip's answer never came: did it land? The stored messages say.
            self._refresh()
            if any(m.kind == "skip" and m.question_number == number for m in self._messages):
                self._unsure_skip = None
                return
        try:
            self._send_action("skip")
        except ServerUnreachableError:
            self._unsure_skip = number
            raise
        self._unsure_skip = None

    def end(self) -> None:
        self._ensure_open()
        self._send_action("end")

    def _send_action(self, action: str) -> None:
        """Skip and end are not idempotent: after a failure the stored messages say whether it
        landed, so a retry never skips the next question too."""
        try:
            self._open(f"v1/interviews/{self.interview_id}/{action}", method="POST")
        except ServerUnreachableError:
            self._drop_stream()
            raise
        self._action = action
        if action == "skip":
            try:
                self._read_until_answer()
            except ServerUnreachableError:
                self._drop_stream()  # advance() reconnects and the stored messages tell

    def save_draft(self, text: str) -> None:
        if self._closed:
            return
        self._outbox.save_draft(
            user_id=self._user_id, interview_id=self.interview_id, text=clean_input(text)
        )

    def pause(self) -> None:
        """Pause on the server; if it cannot be reached, here (the outbox keeps the rest)."""
        if self._closed or self.finished:
            self._closed = True
            return
        self._drop_stream()
        try:
            self._conn.call("POST", f"v1/interviews/{self.interview_id}/pause")
        except ServerUnreachableError:
            self._outbox.mark_paused(
                user_id=self._user_id, interview_id=self.interview_id, reason="server unreachable"
            )
        except ConflictError:
            pass  # finished, or driven elsewhere right now: nothing of ours to pause
        else:
            self._outbox.clear_paused(user_id=self._user_id, interview_id=self.interview_id)
        self._closed = True

    def hang_up(self, budget: float = HANGUP_SECONDS) -> None:
        """The terminal went away (SIGHUP) and the process ends next: paused here first, so
        `interviewer resume` finds it and sends the outbox whatever happens, then paused on the
        server if it takes it within `budget` seconds. Called from the signal handler while a
        worker may be mid-request, so the stream is left to the process's end."""
        if self._closed or self.finished:
            return
        self._closed = True
        ids = {"user_id": self._user_id, "interview_id": self.interview_id}
        self._outbox.mark_paused(**ids, reason="hung up")
        deadline = time.monotonic() + budget
        while (left := deadline - time.monotonic()) > 0:
            try:
                self._conn.call(
                    "POST", f"v1/interviews/{self.interview_id}/pause", timeout=max(left, 0.5)
                )
            except ConflictError:  # a turn still runs there and holds it: ask again once saved
                time.sleep(min(FIRST_DELAY, max(left, 0.0)))
                continue
            except AppError:
                return  # away, or refused: paused here, and resume takes it from there
            self._outbox.clear_paused(**ids)
            return

    def release(self) -> None:
        """Nothing is held between requests: the server takes the lease per request."""
        self._drop_stream()

    def close(self) -> None:
        try:
            self.pause()
        finally:
            self._drop_stream()
            self._closed = True

    # -- the stream ----------------------------------------------------------------------------

    def _drop_stream(self) -> None:
        stack, self._stack, self._events = self._stack, None, None
        if stack is not None:
            with contextlib.suppress(Exception):
                stack.close()

    def _open(self, path: str, *, method: str, json: Any = None, after: int | None = None) -> None:
        self._drop_stream()
        stack = contextlib.ExitStack()
        try:
            self._events = stack.enter_context(
                self._conn.events(method, path, json=json, last_event_id=after)
            )
        except BaseException:
            stack.close()
            raise
        self._stack = stack

    def _open_answer(self, pending: PendingAnswer, *, again: bool = True) -> None:
        """Send an answer from the outbox; `again=False` for its first send (right after
        `Outbox.put`, which counted it)."""
        self._sending = pending
        if again:
            self._outbox.attempted(pending.client_id)
        try:
            self._open(
                f"v1/interviews/{self.interview_id}/answers",
                method="POST",
                json={"id": pending.client_id, "text": pending.text},
            )
        except ServerUnreachableError:
            raise
        except AppError:
            self._rejected()
            raise

    def _rejected(self) -> None:
        """The server refused the answer for good (not its turn, today's quota...): it goes
        back into the draft, so nothing typed is lost and nothing is re-sent forever."""
        sending, self._sending = self._sending, None
        if sending is not None:
            self._outbox.rejected(user_id=self._user_id, answer=sending)

    def _read_until_answer(self) -> int | None:
        """Read the answer/skip event at the head of the stream (its seq), nothing further."""
        assert self._events is not None
        for sse in self._events:
            if sse.event == "answer":
                return self._confirm(sse.json())
            if sse.event == "error":
                self._drop_stream()
                error = error_of_event(sse.json(), self._conn.url)
                if not isinstance(error, ServerUnreachableError):
                    self._rejected()
                raise error
        self._drop_stream()
        return None

    def _confirm(self, data: dict[str, Any]) -> int:
        seq = int(data.get("seq", 0))
        kind = "skip" if data.get("kind") == "skip" else "answer"
        sending, self._sending = self._sending, None
        if seq > self._seen or not any(m.seq == seq for m in self._messages):
            text = "(skipped)" if kind == "skip" else (sending.text if sending else "")
            self._messages.append(
                MessageView(
                    seq=seq,
                    author="candidate",
                    kind=kind,
                    content=text,
                    score=0 if kind == "skip" else None,
                    question_number=int(data.get("number", 0)) or None,
                    created_at=datetime.now(UTC),
                )
            )
            self._seen = max(self._seen, seq)
        if sending is not None and kind == "answer":
            self._outbox.confirmed(sending.client_id)
        return seq

    def _open_next(self) -> bool:
        """Open the request that moves the interview on; False when nothing is to be done."""
        pending = self._pending()
        if pending:
            self._open_answer(pending[0])
            return True
        if self.finished:
            return False
        last = self._messages[-1] if self._messages else None
        if last is not None and last.author == "interviewer" and last.kind in SPOKEN:
            return False  # the candidate's turn
        path = f"v1/interviews/{self.interview_id}/events"
        if self._resume_first:
            self._resume_first = False
            self._open(f"v1/interviews/{self.interview_id}/resume", method="POST", after=self._seen)
        else:
            self._open(path, method="GET", after=self._seen)
        return True

    def advance(self) -> Generator[RunEvent, None, None]:
        self._ensure_open()
        return self._steps()

    def _steps(self) -> Generator[RunEvent, None, None]:
        attempt = 0
        deadline: float | None = None
        try:
            while True:
                try:
                    if self._events is None and not self._open_next():
                        return
                    progressed = yield from self._consume()
                    self._refresh()
                    if attempt and progressed:
                        self._tell(0, 0.0)  # connected again
                        attempt, deadline = 0, None
                    if self.finished or self.awaiting_answer:
                        return
                    if progressed:
                        continue
                    raise ServerUnreachableError(
                        f"the server at {self._conn.url} ended the turn early"
                    )
                except ServerUnreachableError as exc:
                    self._drop_stream()
                    now = time.monotonic()
                    deadline = deadline if deadline is not None else now + self._retry_seconds
                    if now >= deadline:
                        raise self._gave_up(exc) from None
                    attempt += 1
                    delay = min(FIRST_DELAY * 2 ** (attempt - 1), MAX_DELAY)
                    if self._streaming:  # text shown for the turn in flight is void now
                        self._streaming = False
                        yield TurnRetry(attempt, delay, "the connection to the server broke")
                    self._tell(attempt, delay)
                    time.sleep(min(delay, max(0.0, deadline - now)))
        finally:
            self._drop_stream()

    def _tell(self, attempt: int, delay: float) -> None:
        listener = self._watch()
        if listener is not None:
            from interviewer_tui.services.port import ConnectionTarget

            url = self._conn.url  # checked: never a user name or password in it
            listener(attempt, delay, ConnectionTarget(url, f"the interviewer server at {url}"))

    def _gave_up(self, exc: ServerUnreachableError) -> ServerUnreachableError:
        unsent = len(self._pending())
        kept = (
            f"; your {'answer is' if unsent == 1 else f'{unsent} answers are'} kept on this "
            "computer and `interviewer resume` sends "
            f"{'it' if unsent == 1 else 'them'} when the server is back"
            if unsent
            else "; `interviewer resume` continues when the server is back"
        )
        return ServerUnreachableError(exc.message + kept)

    def _refresh(self) -> None:
        """Re-read the interview (the truth after a stream), keeping what we already drew."""
        detail = fetch_detail(self._conn, self.interview_id)
        self._detail = detail
        self._messages = list(detail.messages)
        self._topics.update({q.number: q.topic for q in detail.questions})
        if self._messages:
            self._seen = max(self._seen, self._messages[-1].seq)
        self._action = None

    def _consume(self) -> Generator[RunEvent, None, bool]:
        """Turn the open stream's events into RunEvents; True if it brought anything new."""
        assert self._events is not None
        progressed = False
        pending_feedback: Evaluated | None = None
        for sse in self._events:
            name = sse.event
            data = sse.json() if sse.data else {}
            seq = _event_id(sse)
            if name == "turn":
                self._turn = TurnStarted(
                    str(data["kind"]), int(data["number"]), int(data["total"]), str(data["topic"])
                )
                self._topics.setdefault(self._turn.question_number, self._turn.topic)
                yield self._turn
            elif name == "delta":
                self._streaming = True
                yield TurnDelta(str(data.get("text", "")))
            elif name == "retry":
                yield TurnRetry(
                    int(data.get("attempt", 0)),
                    float(data.get("delay", 0.0)),
                    str(data.get("reason", "")),
                )
            elif name == "answer":
                progressed = True
                shown = self._sending is None or self._sending.client_id in self._shown
                sending = self._sending
                self._confirm(data)
                if not shown and sending is not None:
                    yield MessageSaved(self._messages[-1], self.total_questions, self.topic)
            elif name in SPOKEN and seq is not None:
                progressed = True
                if seq <= self._seen:
                    continue  # replayed after a reconnect: already shown
                number = int(data.get("number", 0))
                self._topics.setdefault(number, str(data.get("topic", "")))
                view = MessageView(
                    seq=seq,
                    author="interviewer",
                    kind=name,
                    content=str(data.get("text", "")),
                    score=None,
                    question_number=number or None,
                    created_at=datetime.now(UTC),
                )
                self._messages.append(view)
                self._seen = seq
                self._streaming = False
                yield MessageSaved(view, int(data.get("total", 0)), str(data.get("topic", "")))
            elif name == "feedback" and seq is not None:
                progressed = True
                if seq <= self._seen:
                    continue
                number = int(data.get("number", 0))
                score = int(data.get("score", 0))
                feedback = str(data.get("feedback", ""))
                pending_feedback = Evaluated(
                    number,
                    score,
                    feedback,
                    tuple(str(x) for x in data.get("covered", ())),
                    tuple(str(x) for x in data.get("missed", ())),
                )
                yield pending_feedback
                view = MessageView(
                    seq=seq,
                    author="interviewer",
                    kind="feedback",
                    content=feedback,
                    score=score,
                    question_number=number or None,
                    created_at=datetime.now(UTC),
                )
                self._messages.append(view)
                self._seen = seq
                yield MessageSaved(view, self.total_questions, self._topics.get(number, ""))
            elif name == "report":
                progressed = True
                self._refresh()
                if self._detail.report is not None:
                    yield Reported(self._detail.report)
            elif name == "error":
                self._drop_stream()
                error = error_of_event(data, self._conn.url)
                if self._sending is not None and not isinstance(error, ServerUnreachableError):
                    self._rejected()  # refused before it was stored
                raise error
        self._drop_stream()
        return progressed


def _event_id(sse: ServerSentEvent) -> int | None:
    try:
        return int(sse.id) if sse.id else None
    except ValueError:
        return None
