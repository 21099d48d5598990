"""The application's port: the one API every shell calls (TUI, line mode, CLI commands, and next
the HTTP server and its remote client).

Two protocols. `Application` holds the use cases; `RunningInterview` is one interview being
driven, whose `advance()` hands back an iterator of typed events that the caller pulls: a shell
prints them, a web handler can `yield from` them, and closing the iterator (or just dropping it)
cancels the model step in flight without saving anything of it (STYLE.md 14).

Identity is explicit: every use case takes the acting user (`user_id`, or the `caller` of an
account use case), which the shell resolved once at its edge (`edge/login.py`) from the tokens
this computer keeps; the port issues tokens and never stores them.
`services/local.LocalApplication` is the implementation on this computer's database,
`services/client/app.RemoteApplication` the one over a server; tests pass one with fixed data.
Everything here is a protocol or a plain value: importing it loads neither SQLAlchemy nor pydantic.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from interviewer_tui.auth.login_tokens import LoginTokens
    from interviewer_tui.core.models import InterviewOptions, QuestionResult, Report
    from interviewer_tui.errors import AppError
    from interviewer_tui.llm.probe import ProbeResult
    from interviewer_tui.llm.protocol import InterviewerModel
    from interviewer_tui.services.account_views import (
        Identity,
        Issued,
        SessionInfo,
        UserPublic,
    )
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.events import RunEvent
    from interviewer_tui.services.model_answers import ModelAnswer
    from interviewer_tui.services.views import (
        AttemptComparison,
        Dashboard,
        InterviewDetail,
        InterviewSummary,
        MessageView,
        PracticeQuestion,
        Progress,
        RegradeResult,
    )

ModelFactory = Callable[["AppContext", bool], "InterviewerModel"]
"""Builds the interviewer model for a run: (context, offline) -> model."""


@dataclass(frozen=True)
class ConnectionTarget:
    """Where the data lives, for a reconnect: `target` names it the same way for both
    implementations of the port (`"database"`: this computer's database; else the team
    server's URL, which never holds credentials), `label` says it for people ("SQLite file …",
    "database 'x' on host:5432", "the interviewer server at https://…")."""

    target: str
    label: str

    def __str__(self) -> str:
        return self.label


Reconnecting = Callable[[int, float, ConnectionTarget], None]
"""Told (attempt, seconds until the next try, what is being reached) before each wait while the
connection to where the data lives (the database, or the team's server) is re-established, and
(0, 0.0, what) once it is back: a shell shows "reconnecting…" from the first call to the last."""


class RunningInterview(Protocol):
    """One user's interview, open for driving; holds it (no other client may drive it) until
    `close()`. Blocking: shells call it from a worker thread, one call at a time."""

    @property
    def interview_id(self) -> int: ...
    @property
    def user_id(self) -> int:
        """Whose interview this is (the identity it was opened with)."""
        ...

    @property
    def options(self) -> InterviewOptions: ...
    @property
    def provider(self) -> str: ...
    @property
    def model_name(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def status(self) -> str: ...
    @property
    def draft(self) -> str | None: ...
    @property
    def tokens_used(self) -> int: ...
    @property
    def phase(self) -> str: ...
    @property
    def question_number(self) -> int: ...
    @property
    def total_questions(self) -> int: ...
    @property
    def topic(self) -> str: ...
    @property
    def finished(self) -> bool: ...
    @property
    def awaiting_answer(self) -> bool: ...

    def report(self) -> Report | None: ...

    def results(self) -> tuple[QuestionResult, ...]:
        """Each question's grade so far, by number."""
        ...

    def transcript(self) -> list[MessageView]: ...

    def advance(self) -> Generator[RunEvent, None, None]:
        """The model's pending steps up to the candidate's turn (or the end), as events.

        Each step is committed before its last event is yielded; closing the iterator mid-step
        cancels that step and leaves the interview where the database is.
        """
        ...

    def answer(self, text: str, *, client_id: str | None = None) -> MessageView:
        """Committed before any model call (ValidationError when empty or too long). `client_id`
        is stored with it, so a client retrying a submission can find the answer it sent."""
        ...

    def skip(self) -> None: ...

    def end(self) -> None: ...

    def save_draft(self, text: str) -> None: ...

    def pause(self) -> None: ...

    def release(self) -> None:
        """Let another client drive it next without pausing it (between two server requests)."""
        ...

    def close(self) -> None:
        """Pause (when unfinished), release the interview and the model."""
        ...


class LoginSource(Protocol):
    """The tokens a remote application presents, kept by the shell's edge in this computer's
    session store: the current ones, and new ones when the server refused `seen` or they are
    about to expire (the edge refreshes through `Application.refresh`, one command of this
    computer at a time, and saves what comes back)."""

    def tokens(self) -> LoginTokens: ...

    def renewed(self, seen: LoginTokens) -> LoginTokens: ...


class Application(Protocol):
    """The use cases. Blocking: call them from worker threads in an event-loop shell."""

    @property
    def smtp_configured(self) -> bool: ...

    @property
    def server(self) -> str | None:
        """The `interviewer serve` URL this application talks to; None: this computer's
        database (`services/local.py`)."""
        ...

    def model_label(self, *, offline: bool) -> tuple[str, str]:
        """(provider, model) a new interview would use: settings alone, no network."""
        ...

    def saved_theme(self) -> str | None:
        """The terminal app's theme from the last run (None: the default)."""
        ...

    def save_theme(self, theme: str) -> None: ...

    def take_model_check_offer(self) -> bool:
        """True once, on the first run with a model key set here: offer `check_model` then."""
        ...

    def check_model(self, *, model: str | None = None) -> ProbeResult:
        """Probe the model endpoint (models, streaming, json_schema): `interviewer model check`."""
        ...

    def watch_connection(self, callback: Reconnecting | None) -> None:
        """Have `callback` told of every reconnect wait from now on (None: stop), so a shell can
        say "reconnecting…" instead of looking frozen. It runs in the thread that waits."""
        ...

    # -- accounts: identity comes in, tokens go out; nothing here keeps them ------------------
    # The shells' edge (`edge/login.py`) keeps this computer's tokens in the session store,
    # resolves who acts from them once (`authenticate`, else `refresh`), and passes that
    # `caller` in; whatever a use case issues comes back as `Issued` for the edge to save.

    @property
    def login_key(self) -> str:
        """The name the tokens for this place are kept under on this computer (a hash of the
        database's URL, or of the server's), so two places never share a login."""
        ...

    def use_login(self, source: LoginSource | None) -> None:
        """Where to get the tokens to present from now on (a remote application sends them
        with every request; this computer's database needs none): the shell's edge."""
        ...

    def no_login(self) -> AppError:
        """The error for a command run with no tokens kept here ("not logged in"; the database
        is checked first: one that is down must not read as that)."""
        ...

    def authenticate(self, tokens: LoginTokens) -> Identity | None:
        """Who `tokens` say acts, while the access token is good and its login live; None: the
        caller should `refresh` them."""
        ...

    def refresh(self, tokens: LoginTokens) -> Issued:
        """Rotate the refresh token: the login's next tokens. AuthError when the login cannot go
        on (ended, expired, or a rotated token presented again: then the whole login ends)."""
        ...

    def register(self, *, username: str, email: str, password: str) -> UserPublic: ...

    def login(
        self, *, identifier: str, password: str, replacing: LoginTokens | None = None
    ) -> Issued:
        """Start a login; `replacing` (the tokens kept here before) is ended once it succeeds."""
        ...

    def logout(self, tokens: LoginTokens) -> None:
        """End the login `tokens` belong to; quietly nothing when it has already ended."""
        ...

    def logout_everywhere(self, caller: Identity) -> None: ...

    def login_expires_at(self, caller: Identity) -> datetime:
        """Until when the caller's login lasts unless used (each use renews it)."""
        ...

    def list_sessions(self, caller: Identity) -> list[SessionInfo]: ...

    def revoke_session(self, caller: Identity, *, session_id: str) -> bool:
        """End one of the caller's logins; True when it was the caller's own."""
        ...

    def change_password(
        self, caller: Identity, *, current_password: str, new_password: str
    ) -> Issued:
        """Ends every login of the account and starts a fresh one for the caller."""
        ...

    def forgot_password(self, *, email: str) -> str: ...

    def reset_password(self, *, token: str, new_password: str) -> bool:
        """Ends every login of that account. True when the tokens kept here for this place are
        void with it (a server's), False when they may be another account's and say why they
        ended when next used (this computer's database)."""
        ...

    def delete_account(self, caller: Identity, *, password: str) -> None: ...

    # -- interviews, each scoped to the acting user -----------------------------------------

    def dashboard(self, *, user_id: int) -> Dashboard: ...

    def progress(self, *, user_id: int) -> Progress:
        """The spaced-review profile for home (due items, trend per topic)."""
        ...

    # -- the practice loop ------------------------------------------------------------------------

    def plan_practice(
        self, *, user_id: int, count: int = 5, ahead_days: int = 0
    ) -> tuple[PracticeQuestion, ...]:
        """What a practice session would ask now: the due points, soonest first."""
        ...

    def start_practice(
        self,
        *,
        user_id: int,
        count: int = 5,
        ahead_days: int = 0,
        offline: bool = False,
        login_id: str | None = None,
    ) -> RunningInterview:
        """A short interview on the due points (UsageError when nothing is due)."""
        ...

    def start_retry(
        self,
        *,
        user_id: int,
        interview_id: int,
        question_number: int,
        offline: bool = False,
        login_id: str | None = None,
    ) -> RunningInterview:
        """Answer one question of a past interview again, as a new interview linked to it; graded
        by the original's interviewer unless `offline`."""
        ...

    def compare_attempts(self, *, user_id: int, retry_id: int) -> AttemptComparison:
        """A retry's grade beside the original's (NotFoundError when it is not a retry)."""
        ...

    def regrade(
        self, *, user_id: int, interview_id: int, offline: bool = False, model: str | None = None
    ) -> RegradeResult:
        """Grade a stored interview's answers again with another interviewer; the originals
        stay as they are."""
        ...

    def list_interviews(
        self,
        *,
        user_id: int,
        status: str | None = None,
        search: str | None = None,
        limit: int = 50,
    ) -> list[InterviewSummary]: ...

    def get_interview(self, *, user_id: int, interview_id: int) -> InterviewDetail: ...

    def delete_interview(self, *, user_id: int, interview_id: int) -> None: ...

    def model_answer(self, *, user_id: int, interview_id: int, question_number: int) -> ModelAnswer:
        """A strong answer to a graded question (UsageError before that)."""
        ...

    def export_interview(self, *, user_id: int, interview_id: int, fmt: str) -> str: ...

    # `login_id` (the caller's) is the login the opened interview's lease belongs to; a
    # remote client sends none: the server takes it from the access token.
    def start_interview(
        self,
        *,
        user_id: int,
        options: InterviewOptions,
        offline: bool,
        login_id: str | None = None,
    ) -> RunningInterview: ...

    def resume_interview(
        self, *, user_id: int, interview_id: int | None = None, login_id: str | None = None
    ) -> RunningInterview: ...

    def close(self) -> None:
        """Release what the application holds (connections)."""
        ...
