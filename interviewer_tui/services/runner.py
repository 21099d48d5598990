"""The running interview: one user's interview driven step by step, each step one commit.

Durability rule: the candidate's answer is committed before the model is called, and the model's
reply is committed only once complete, together with the engine's next state. A crash at any point
leaves the database at a state boundary; `resume` re-runs only the pending model step.

One client drives an interview at a time: a lease (owner, expiry) on the interview row, renewed
by the conditional UPDATE that every commit starts with. A lease left by a killed process on this
host is taken over at once; elsewhere it expires after LEASE_TTL, which a heartbeat renews while
the runner is open (see services/lease.py).
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from interviewer_tui.core import flow
from interviewer_tui.core.flow import FlowState, Phase
from interviewer_tui.core.models import (
    EMPTY_ANSWER,
    MAX_ANSWER_CHARS,
    Evaluation,
    EvaluationRequest,
    QuestionResult,
    QuestionSummary,
    Report,
    ReportDraft,
    ReportRequest,
    ThreadEntry,
    TurnRequest,
    Usage,
    is_blank,
)
from interviewer_tui.core.prompts import SUMMARY_QUESTION_CHARS, shorten
from interviewer_tui.core.scoring import question_score
from interviewer_tui.core.text import clean_input
from interviewer_tui.errors import ConflictError, NotFoundError, ValidationError
from interviewer_tui.services import lease
from interviewer_tui.services.events import (
    Evaluated,
    MessageSaved,
    Reported,
    RunEvent,
    TurnStarted,
)
from interviewer_tui.services.lease import Heartbeat
from interviewer_tui.services.mapping import (
    message_view,
    options_of,
    report_from_json,
    report_to_json,
    result_of,
)
from interviewer_tui.services.views import MessageView

if TYPE_CHECKING:
    from sqlmodel import Session

    from interviewer_tui.llm.protocol import InterviewerModel
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.store.interviews import MessageRow
    from interviewer_tui.store.tables import Conversation, Interview, Question

T = TypeVar("T")
Steps = Generator[RunEvent, None, None]
Charge = Callable[["Session", int], None]
"""Adds a model step's tokens to a ledger of the caller's, in the step's own transaction."""
AtRest = Literal["release", "pause"]


@dataclass
class _Thread:
    """The current question as the runner keeps it in memory between commits."""

    question_id: int | None = None
    prompt: str = ""
    entries: list[ThreadEntry] = field(default_factory=list)
    missed: tuple[str, ...] = ()
    false_claims: tuple[str, ...] = ()  # for a challenging follow-up; not kept across resume
    scores: list[int] = field(default_factory=list)  # each graded answer's own score, in order


@dataclass(frozen=True)
class StoredRows:
    """What a runner is built from when it resumes: read in one transaction, usually the one
    that takes the lease (services/interviews.py), so opening costs one round of reads."""

    interview: Interview
    conversation: Conversation
    questions: Sequence[Question]
    thread: Sequence[tuple[MessageRow, int | None]]  # the current question's messages


def read_rows(
    session: Session,
    *,
    user_id: int,
    interview_id: int,
    interview: Interview | None = None,
    conversation: Conversation | None = None,
) -> StoredRows:
    """Everything `InterviewRunner` needs of a started interview (`interview`, `conversation`:
    its rows, when the caller has just read them). NotFoundError for an id that is not the
    user's."""
    from interviewer_tui.store import interviews as repo

    if interview is None:
        interview = repo.get_interview(session, user_id=user_id, interview_id=interview_id)
    if conversation is None:
        conversation = repo.get_conversation(session, user_id=user_id, interview_id=interview_id)
    if interview is None or conversation is None or conversation.id is None:
        raise NotFoundError(f"interview {interview_id} not found")
    questions = repo.list_questions(session, conversation_id=conversation.id)
    state = FlowState.from_dict(conversation.state)
    current = next((q for q in questions if q.question_number == state.current.number), None)
    thread: Sequence[tuple[MessageRow, int | None]] = ()
    if current is not None and current.id is not None and state.phase is not Phase.ASK:
        thread = repo.list_messages(
            session, conversation_id=conversation.id, question_id=current.id
        )
    return StoredRows(interview, conversation, questions, thread)


_OPEN: weakref.WeakSet[InterviewRunner] = weakref.WeakSet()


def pause_all_open() -> None:
    """Save every interview this process has open as paused, best effort: for a hang-up (the
    terminal is gone, the process is about to end), so the row does not stay `in_progress`."""
    for runner in list(_OPEN):
        with contextlib.suppress(Exception):
            runner.pause()


class InterviewRunner:
    """Drives one interview for one user; holds the lease while open. Not thread-safe: one
    worker at a time calls it (the TUI runs it in an exclusive worker)."""

    _conversation_id: int
    _next_seq: int
    _last_answer_seq: int | None
    _results: dict[int, QuestionResult]
    _question_ids: dict[int, int | None]

    def __init__(
        self,
        ctx: AppContext,
        *,
        user_id: int,
        interview_id: int,
        model: InterviewerModel,
        owner: str,
        created: tuple[Interview, Conversation] | None = None,
        rows: StoredRows | None = None,
        start: bool = True,
    ) -> None:
        """`created`: the rows `start_interview` has just written, so that a new interview is
        driven from them instead of being read back; `rows`: what a resume read (`read_rows`)
        in the transaction that took the lease. With neither, everything is read here.
        `start=False`: built inside that transaction, the caller calls `start()` once it is
        committed (the heartbeat must not run for a lease that may not be ours)."""
        self._ctx = ctx
        self._user_id = user_id
        self.interview_id = interview_id
        self._model = model
        self._owner = owner
        self._closed = False
        self._charge: Charge | None = None
        self._at_rest: Callable[[], AtRest] | None = None
        self._rested = False
        if created is not None:
            self._adopt(*created)
        elif rows is not None:
            self._adopt_rows(rows)
        else:
            self._load()
        self._heartbeat = Heartbeat(ctx, interview_id=interview_id, owner=owner)
        if start:
            self.start()

    def start(self) -> None:
        """Keep the lease fresh from now on, and count this runner among the open ones."""
        self._heartbeat.start()
        _OPEN.add(self)

    # ----------------------------------------------------------------- state

    def _load(self) -> None:
        self._adopt_rows(
            self._ctx.tx(
                lambda s: read_rows(s, user_id=self._user_id, interview_id=self.interview_id)
            )
        )

    def _adopt_rows(self, rows: StoredRows) -> None:
        """The runner's state from what `read_rows` read: the rows, the questions asked so far
        and the current question's thread."""
        self._adopt(rows.interview, rows.conversation)
        questions = rows.questions
        self._results = {q.question_number: result_of(q) for q in questions}
        self._question_ids = {q.question_number: q.id for q in questions}
        current = self._state.current.number
        qid = self._question_ids.get(current)
        if qid is not None and self._state.phase is not Phase.ASK:
            q = next(q for q in questions if q.id == qid)
            self._thread = _Thread(question_id=qid, prompt=q.prompt, missed=tuple(q.missed or ()))
            for message, _num in rows.thread:
                if message.author == "candidate":
                    self._last_answer_seq = message.seq
                if message.kind == "feedback" and message.score is not None:
                    self._thread.scores.append(message.score)
                if message.kind != "feedback":
                    self._thread.entries.append(
                        ThreadEntry(message.author, message.kind, message.content)  # type: ignore[arg-type]
                    )

    def _adopt(self, interview: Interview, conversation: Conversation) -> None:
        """The runner's state from its two rows, as for an interview with no question yet; a
        resume (`_load`) then adds the questions and the current thread."""
        self._interview_values(interview)
        assert conversation.id is not None
        self._conversation_id = conversation.id
        self._next_seq = conversation.next_seq
        self._last_answer_seq = None
        self._state = FlowState.from_dict(conversation.state)
        self._results = {}
        self._question_ids = {}
        self._thread = _Thread()

    def _interview_values(self, interview: Interview) -> None:
        self.options = options_of(interview)
        self.provider = interview.provider
        self.model_name = interview.model
        self.started_at: datetime = interview.created_at
        self.status = interview.status
        self.draft: str | None = interview.draft_answer
        self.tokens_used = interview.prompt_tokens + interview.completion_tokens
        self._report_json = interview.report

    @property
    def context(self) -> AppContext:
        """For use cases that act on this interview beside the run (e.g. a model answer)."""
        return self._ctx

    @property
    def user_id(self) -> int:
        return self._user_id

    def results(self) -> tuple[QuestionResult, ...]:
        """Each question's grade so far, by number."""
        return tuple(r for _, r in sorted(self._results.items()))

    @property
    def phase(self) -> str:
        return self._state.phase.value

    @property
    def question_number(self) -> int:
        return self._state.current.number

    @property
    def total_questions(self) -> int:
        return len(self._state.plan)

    @property
    def topic(self) -> str:
        return self._state.current.topic

    @property
    def finished(self) -> bool:
        return self._state.phase is Phase.DONE

    @property
    def awaiting_answer(self) -> bool:
        return self._state.phase is Phase.AWAIT_ANSWER

    @property
    def time_up(self) -> bool:
        minutes = self.options.length_minutes
        return bool(minutes) and self._ctx.clock() - self.started_at >= timedelta(
            minutes=minutes or 0
        )

    def report(self) -> Report | None:
        return report_from_json(self._report_json)

    def transcript(self) -> list[MessageView]:
        from interviewer_tui.store import interviews as repo

        def read(session: Session) -> list[MessageView]:
            rows = repo.list_messages(session, conversation_id=self._conversation_id)
            return [message_view(m, n) for m, n in rows]

        return self._ctx.tx(read)

    # ----------------------------------------------------------------- writes

    def _commit(
        self,
        write: Callable[[Session, datetime], T] | None = None,
        new_state: FlowState | None = None,
        *,
        interview: dict[str, Any] | None = None,
        usage: Usage | None = None,
        release: bool = False,
        session: Session | None = None,
    ) -> T | None:
        """One transaction: renew our lease while updating the interview row, run `write`, and
        save the flow's next state.

        In-memory state (engine state, next sequence number) moves on only if the commit
        succeeds, so a failed write (database down, lease lost, Ctrl-C) leaves the runner where
        the database is. With `session`, the work joins that transaction (the one that built
        this runner: if it fails, the runner is dropped with it).
        """
        from interviewer_tui.store import interviews as repo

        next_state = new_state or self._state
        seq_before = self._next_seq
        spent = usage or Usage()
        tokens = spent.prompt_tokens + spent.completion_tokens
        values = dict(interview or {})
        rest = self._rest_mode(new_state)
        if rest is not None:
            release = True
            if rest == "pause" and "status" not in values and self.status == "in_progress":
                values["status"] = "paused"

        def work(session: Session) -> T | None:
            self._next_seq = seq_before  # a retried attempt (after a reconnect) starts afresh
            now = self._ctx.clock()
            if not repo.renew_and_update(
                session,
                user_id=self._user_id,
                interview_id=self.interview_id,
                owner=self._owner,
                now=now,
                lease_now=self._ctx.lease_clock(session),
                ttl=lease.LEASE_TTL,
                values=values,
                add_prompt_tokens=spent.prompt_tokens,
                add_completion_tokens=spent.completion_tokens,
                release=release,
            ):
                raise ConflictError(
                    f"interview {self.interview_id} was taken over by another client; "
                    "nothing was saved here"
                )
            result = write(session, now) if write is not None else None
            if tokens and self._charge is not None:
                self._charge(session, tokens)
            repo.save_conversation(
                session,
                conversation_id=self._conversation_id,
                state=next_state.to_dict(),
                current_question=next_state.current.number,
                current_topic=next_state.current.topic,
                next_seq=self._next_seq,
                now=now,
            )
            return result

        try:
            result = work(session) if session is not None else self._ctx.tx(work)
        except BaseException:
            self._next_seq = seq_before
            raise
        self._state = next_state
        self.tokens_used += tokens
        if rest is not None:
            self._rested = True
            self.status = values.get("status", self.status)
        return result

    def _rest_mode(self, new_state: FlowState | None) -> AtRest | None:
        """How a model step that leaves the interview at rest (the candidate's turn, or done)
        lets go of the lease in its own commit, when `advance` was asked to (`at_rest`)."""
        if self._at_rest is None or new_state is None or new_state.phase in flow.MODEL_PHASES:
            return None
        return self._at_rest()

    def _message(
        self,
        session: Session,
        now: datetime,
        *,
        author: str,
        kind: str,
        content: str,
        question_id: int | None,
        score: int | None = None,
        usage: Usage | None = None,
        client_id: str | None = None,
    ) -> MessageView:
        """Insert the next message of the conversation and return how the shells see it."""
        from interviewer_tui.store import interviews as repo

        seq = self._next_seq
        spent = usage or Usage()
        repo.insert_message(
            session,
            conversation_id=self._conversation_id,
            seq=seq,
            author=author,
            kind=kind,
            content=content,
            question_id=question_id,
            score=score,
            prompt_tokens=spent.prompt_tokens,
            completion_tokens=spent.completion_tokens,
            now=now,
            client_id=client_id,
        )
        self._next_seq = seq + 1
        return MessageView(
            seq=seq,
            author=author,
            kind=kind,
            content=content,
            score=score,
            question_number=self.question_number,
            created_at=now,
            tokens=spent.prompt_tokens + spent.completion_tokens,
        )

    def _ensure_open(self) -> None:
        if self._closed:
            raise ConflictError("this interview session is closed")

    def answer(self, text: str, *, client_id: str | None = None) -> MessageView:
        """Validate and commit the answer *before* any model call.

        `client_id` (at most 36 characters, unique) is stored with the message, so a client
        that retries a submission can find the answer it already sent instead of adding a second.
        """
        return self._answer(text, client_id, None)

    def answer_in(self, session: Session, text: str, *, client_id: str | None) -> MessageView:
        """`answer`, written in the transaction that is opening this runner (`start=False`):
        a server request takes the lease and stores the answer in one commit."""
        return self._answer(text, client_id, session)

    def _answer(self, text: str, client_id: str | None, session: Session | None) -> MessageView:
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
        if self._state.phase is not Phase.AWAIT_ANSWER:
            raise ConflictError("the interviewer has not finished its turn yet")

        def write(session: Session, now: datetime) -> MessageView:
            return self._message(
                session,
                now,
                author="candidate",
                kind="answer",
                content=body,
                question_id=self._thread.question_id,
                client_id=client_id,
            )

        message = self._commit(
            write,
            flow.answered(self._state),
            interview={"draft_answer": None, "status": "in_progress"},
            session=session,
        )
        assert message is not None
        self.draft = None
        self.status = "in_progress"
        self._last_answer_seq = message.seq
        self._thread.entries.append(ThreadEntry("candidate", "answer", body))
        return message

    def skip(self) -> None:
        self.skip_question()

    def skip_question(self) -> MessageView:
        """Skip the current question (scores 0); the skip message as stored (a server streams
        it without reading it back)."""
        self._ensure_open()
        from interviewer_tui.store import interviews as repo

        number = self.question_number
        question_id = self._thread.question_id
        feedback = "Skipped: counts as 0."

        def write(session: Session, now: datetime) -> MessageView:
            message = self._message(
                session,
                now,
                author="candidate",
                kind="skip",
                content="(skipped)",
                question_id=question_id,
                score=0,
            )
            if question_id is not None:
                repo.update_question(
                    session,
                    question_id=question_id,
                    values={
                        "status": "skipped",
                        "score": 0,
                        "feedback": feedback,
                        "evaluated_at": now,
                    },
                )
            return message

        message = self._commit(
            write, flow.skipped(self._state, time_up=self.time_up), interview={"draft_answer": None}
        )
        assert message is not None
        self.draft = None
        prior = self._results.get(number)
        if prior is not None:
            self._results[number] = QuestionResult(
                number, prior.topic, prior.question, 0, feedback, skipped=True
            )
        self._thread = _Thread()
        return message

    def end(self) -> None:
        """End early: the report covers what was answered (or the interview is abandoned)."""
        self._ensure_open()
        new_state = flow.ended(self._state)
        abandon = not any(r.score is not None for r in self._results.values())
        values: dict[str, Any] = {}
        if abandon:
            new_state = flow.reported(new_state)
            values = {"status": "abandoned", "completed_at": self._ctx.clock()}
        self._commit(None, new_state, interview=values)
        if abandon:
            self.status = "abandoned"

    def save_draft(self, text: str) -> None:
        if self._closed:
            return
        text = clean_input(text)
        self._commit(None, interview={"draft_answer": text[: MAX_ANSWER_CHARS * 2] or None})
        self.draft = text or None

    def pause(self) -> None:
        """Leave the interview resumable and release the lease."""
        if self._closed:
            return
        values = {"status": "paused"} if self.status == "in_progress" else {}
        self._heartbeat.stop()
        self._commit(None, interview=values, release=True)
        if values:
            self.status = "paused"
        self._closed = True

    def release(self) -> None:
        """Let another process drive the interview next, without pausing it (a server between
        two requests: each request takes the lease, runs its step and lets go)."""
        if self._closed:
            return
        self._heartbeat.stop()
        try:
            self._commit(None, release=True)
        finally:
            self._closed = True
            self._model.close()

    def close(self) -> None:
        try:
            self.pause()
        finally:
            self._heartbeat.stop()
            self._closed = True
            self._model.close()

    # ----------------------------------------------------------------- model steps

    def advance(
        self, *, charge: Charge | None = None, at_rest: Callable[[], AtRest] | None = None
    ) -> Steps:
        """Pending model steps until the candidate's turn or the end, as events to pull.

        Checks that the runner is open now, not at the first `next()`. Closing the iterator
        mid-step cancels the model call (services/pull.py); nothing of that step is saved.

        For a runner opened for one request (the server): `charge` adds each step's tokens to
        the caller's ledger in that step's transaction; `at_rest` is asked, at the commit of
        the step that leaves the interview at rest, whether to let go of the lease in that same
        commit ("release") or to leave the interview paused ("pause", the server is stopping).
        The runner is closed after such a step: no transaction of its own to release it.
        """
        self._ensure_open()
        return self._steps(charge, at_rest)

    def _steps(self, charge: Charge | None, at_rest: Callable[[], AtRest] | None) -> Steps:
        self._charge, self._at_rest = charge, at_rest
        try:
            yield from self._model_steps()
        finally:
            self._charge = self._at_rest = None
            if self._rested:
                self._heartbeat.stop()
                self._closed = True
                self._model.close()

    def _model_steps(self) -> Steps:
        while self._state.phase in flow.MODEL_PHASES:
            phase = self._state.phase
            if phase is Phase.ASK:
                yield from self._speak("question")
            elif phase is Phase.FOLLOW_UP:
                yield from self._speak("followup")
            elif phase is Phase.CLARIFY:
                yield from self._speak("clarification")
            elif phase is Phase.EVALUATE:
                yield from self._evaluate()
            elif phase is Phase.REPORT:
                yield from self._write_report()

    def _summary(self) -> tuple[QuestionSummary, ...]:
        current = self.question_number
        return tuple(
            QuestionSummary(
                number=r.number,
                topic=r.topic,
                question=shorten(r.question, SUMMARY_QUESTION_CHARS),
                score=r.score,
                skipped=r.skipped,
            )
            for n, r in sorted(self._results.items())
            if n < current
        )

    def _speak(self, kind: str) -> Steps:
        from interviewer_tui.services.pull import pulled
        from interviewer_tui.store import interviews as repo

        planned = self._state.current
        yield TurnStarted(kind, planned.number, self.total_questions, planned.topic)
        request = TurnRequest(
            kind=kind,  # type: ignore[arg-type]
            options=self.options,
            question=planned,
            total_questions=self.total_questions,
            thread=tuple(self._thread.entries) if kind != "question" else (),
            summary=self._summary(),
            seed=self.interview_id,
            missed=self._thread.missed if kind == "followup" else (),
            false_claims=self._thread.false_claims if kind == "followup" else (),
            is_last=self._state.is_last_question,
        )
        utterance = yield from pulled(lambda listen: self._model.stream_turn(request, listen))
        # the model's text is stored too: cleaned like user text so PostgreSQL can store it
        text = (
            clean_input(utterance.text).strip()
            or "(the interviewer said nothing; please answer or /skip)"
        )
        usage = utterance.usage
        asked: dict[str, int] = {}

        def write(session: Session, now: datetime) -> MessageView:
            question_id = self._thread.question_id
            if kind == "question":
                question_id = repo.insert_question(
                    session,
                    conversation_id=self._conversation_id,
                    number=planned.number,
                    topic=planned.topic,
                    prompt=text,
                    now=now,
                )
                asked["id"] = question_id
            elif kind == "followup" and question_id is not None:
                repo.update_question(session, question_id=question_id, values={}, add_followup=True)
            return self._message(
                session,
                now,
                author="interviewer",
                kind=kind,
                content=text,
                question_id=question_id,
                usage=usage,
            )

        message = self._commit(write, flow.spoke(self._state), usage=usage)
        assert message is not None
        if kind == "question":
            self._thread = _Thread(question_id=asked["id"], prompt=text)
            self._question_ids[planned.number] = asked["id"]
            self._results[planned.number] = QuestionResult(
                planned.number, planned.topic, text, None, None
            )
        self._thread.entries.append(ThreadEntry("interviewer", kind, text))
        yield MessageSaved(message, self.total_questions, planned.topic)

    def _evaluate(self) -> Steps:
        from interviewer_tui.services.pull import pulled
        from interviewer_tui.store import interviews as repo

        planned = self._state.current
        yield TurnStarted("evaluation", planned.number, self.total_questions, planned.topic)
        last_answer = next(
            (e.text for e in reversed(self._thread.entries) if e.author == "candidate"), ""
        )
        request = EvaluationRequest(
            options=self.options,
            question=planned,
            question_text=self._thread.prompt,
            thread=tuple(self._thread.entries),
            answer=last_answer,
        )
        evaluation: Evaluation = yield from pulled(
            lambda listen: self._model.evaluate(request, listen)
        )
        evaluation = replace(evaluation, feedback=clean_input(evaluation.feedback))
        if self._state.clarifications >= flow.MAX_CLARIFICATIONS and evaluation.intent != "answer":
            evaluation = replace(evaluation, intent="answer")
        new_state = flow.evaluated(self._state, evaluation, time_up=self.time_up)
        usage = evaluation.usage
        question_id = self._thread.question_id

        if evaluation.intent != "answer":
            # the candidate asked for clarification: relabel their message, no score
            def relabel(session: Session, now: datetime) -> None:
                if self._last_answer_seq is not None:
                    repo.relabel_message(
                        session,
                        conversation_id=self._conversation_id,
                        seq=self._last_answer_seq,
                        kind="clarification",
                    )

            self._commit(relabel, new_state, usage=usage)
            entries = self._thread.entries
            if entries and entries[-1].author == "candidate":
                entries[-1] = ThreadEntry("candidate", "clarification", entries[-1].text)
            return

        # the question's score combines the first answer with the follow-ups (core.scoring):
        # the feedback message keeps this answer's own grade
        combined = question_score([*self._thread.scores, evaluation.score])

        def write(session: Session, now: datetime) -> MessageView:
            if question_id is not None:
                repo.update_question(
                    session,
                    question_id=question_id,
                    values={
                        "status": "answered",
                        "score": combined,
                        "feedback": evaluation.feedback,
                        "covered": list(evaluation.covered),
                        "missed": list(evaluation.missed),
                        "evaluated_at": now,
                    },
                )
            from interviewer_tui.store import review

            # the spaced-review profile moves in the same transaction as the grade it reflects
            review.record_grade(
                session,
                user_id=self._user_id,
                topic=planned.topic,
                question=self._thread.prompt,
                score=evaluation.score,
                covered=evaluation.covered,
                missed=evaluation.missed,
                claimed=evaluation.false_claims,
                now=now,
            )
            return self._message(
                session,
                now,
                author="interviewer",
                kind="feedback",
                content=evaluation.feedback,
                question_id=question_id,
                score=evaluation.score,
                usage=usage,
            )

        message = self._commit(write, new_state, usage=usage)
        assert message is not None
        self._thread.missed = evaluation.missed
        self._thread.false_claims = evaluation.false_claims
        self._thread.scores.append(evaluation.score)
        self._results[planned.number] = QuestionResult(
            planned.number,
            planned.topic,
            self._thread.prompt,
            combined,
            evaluation.feedback,
            evaluation.covered,
            evaluation.missed,
        )
        yield Evaluated(
            planned.number,
            evaluation.score,
            evaluation.feedback,
            evaluation.covered,
            evaluation.missed,
        )
        yield MessageSaved(message, self.total_questions, planned.topic)
        if self._state.phase is Phase.ASK:
            self._thread = _Thread()

    def _write_report(self) -> Steps:
        from interviewer_tui.core.scoring import build_report
        from interviewer_tui.services.pull import pulled

        yield TurnStarted("report", self.question_number, self.total_questions, self.topic)
        results = tuple(r for _, r in sorted(self._results.items()))
        request = ReportRequest(options=self.options, results=results)
        draft: ReportDraft = yield from pulled(
            lambda listen: self._model.write_report(request, listen)
        )
        report = build_report(results, draft, provider=self.provider, model=self.model_name)
        report_json = report_to_json(report)
        self._commit(
            None,
            flow.reported(self._state),
            interview={
                "score": report.overall_percent,
                "report": report_json,
                "status": "completed",
                "completed_at": self._ctx.clock(),
            },
            usage=draft.usage,
        )
        self._report_json = report_json
        self.status = "completed"
        yield Reported(report)
