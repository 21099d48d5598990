"""`LocalApplication`: the application port (`services/port.py`) on this computer's database.

Every shell gets one from its composition root (`commands/common.py`, `ui/launch.py`, tests'
`tests/support/`) and calls nothing else. Each method imports its service on first call, so
building one (and the TUI's first frame) loads neither SQLModel nor OpenAI and never touches the
database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from interviewer_tui.auth.login_tokens import LoginTokens
    from interviewer_tui.core.models import InterviewOptions
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
    from interviewer_tui.services.model_answers import ModelAnswer
    from interviewer_tui.services.port import LoginSource, ModelFactory, Reconnecting
    from interviewer_tui.services.runner import InterviewRunner
    from interviewer_tui.services.views import (
        AttemptComparison,
        Dashboard,
        InterviewDetail,
        InterviewSummary,
        PracticeQuestion,
        Progress,
        RegradeResult,
    )


def model_label(ctx: AppContext, *, offline: bool) -> tuple[str, str]:
    """(provider, model name) from settings alone: the same decision as `llm.factory.make_model`
    (`Settings.use_offline`), without importing the SDK."""
    settings = ctx.settings
    if offline or settings.use_offline:
        return ("offline", "built-in question bank")
    return ("openai", settings.model)


def pause_all_open() -> None:
    """Pause every interview this process has open (SIGHUP: the terminal went away)."""
    from interviewer_tui.services.runner import pause_all_open as pause

    pause()


def preload() -> None:
    """Import the use cases (SQLModel and all) now, for a caller whose deadline should only cover
    what can hang (the keyring, the database server), as shell completion does."""
    from interviewer_tui.services import accounts, interviews  # noqa: F401


class LocalApplication:
    """The use cases of `services/accounts.py` and `services/interviews.py` behind the port."""

    def __init__(self, ctx: AppContext, model_factory: ModelFactory | None = None) -> None:
        self.ctx = ctx
        self._model_factory = model_factory

    @property
    def smtp_configured(self) -> bool:
        return self.ctx.settings.smtp_configured

    @property
    def server(self) -> str | None:
        return None

    def saved_theme(self) -> str | None:
        from interviewer_tui.services import preferences

        return preferences.saved_theme(self.ctx)

    def save_theme(self, theme: str) -> None:
        from interviewer_tui.services import preferences

        preferences.save_theme(self.ctx, theme)

    def model_label(self, *, offline: bool) -> tuple[str, str]:
        return model_label(self.ctx, offline=offline)

    def take_model_check_offer(self) -> bool:
        from interviewer_tui.services import preferences

        return preferences.take_model_check_offer(self.ctx)

    def check_model(self, *, model: str | None = None) -> ProbeResult:
        from interviewer_tui.services.model_check import check_model

        return check_model(self.ctx, model=model)

    def watch_connection(self, callback: Reconnecting | None) -> None:
        if callback is None:
            self.ctx.on_reconnect = None
            return
        from interviewer_tui.services.port import ConnectionTarget

        def told(attempt: int, delay: float, database: str) -> None:
            callback(attempt, delay, ConnectionTarget("database", database))

        self.ctx.on_reconnect = told

    def _model(self, offline: bool) -> InterviewerModel:
        if self._model_factory is not None:
            return self._model_factory(self.ctx, offline)
        from interviewer_tui.services.interviews import model_for

        return model_for(self.ctx, offline=offline)

    # -- accounts -------------------------------------------------------------------------------

    @property
    def login_key(self) -> str:
        from interviewer_tui.auth.login_tokens import database_key

        return database_key(self.ctx.settings.effective_database_url)

    def use_login(self, source: LoginSource | None) -> None:
        """Nothing to present: each use case gets its caller as an argument."""

    def no_login(self) -> AppError:
        from interviewer_tui.errors import NotLoggedInError

        self.ctx.check_database()  # a database that is down must not read as "not logged in"
        return NotLoggedInError()

    def authenticate(self, tokens: LoginTokens) -> Identity | None:
        from interviewer_tui.services import logins

        return logins.authenticate(self.ctx, tokens)

    def refresh(self, tokens: LoginTokens) -> Issued:
        from interviewer_tui.services import logins

        return logins.refresh(self.ctx, tokens)

    def register(self, *, username: str, email: str, password: str) -> UserPublic:
        from interviewer_tui.services import accounts

        return accounts.register(self.ctx, username=username, email=email, password=password)

    def login(
        self, *, identifier: str, password: str, replacing: LoginTokens | None = None
    ) -> Issued:
        from interviewer_tui.services import accounts

        return accounts.login(
            self.ctx, identifier=identifier, password=password, replacing=replacing
        )

    def logout(self, tokens: LoginTokens) -> None:
        from interviewer_tui.services import accounts

        accounts.logout(self.ctx, tokens)

    def logout_everywhere(self, caller: Identity) -> None:
        from interviewer_tui.services import accounts

        accounts.logout_everywhere(self.ctx, caller)

    def login_expires_at(self, caller: Identity) -> datetime:
        from interviewer_tui.services import accounts

        return accounts.login_expires_at(self.ctx, caller)

    def list_sessions(self, caller: Identity) -> list[SessionInfo]:
        from interviewer_tui.services import accounts

        return accounts.list_sessions(self.ctx, caller)

    def revoke_session(self, caller: Identity, *, session_id: str) -> bool:
        from interviewer_tui.services import accounts

        return accounts.revoke_session(self.ctx, caller, session_id=session_id)

    def change_password(
        self, caller: Identity, *, current_password: str, new_password: str
    ) -> Issued:
        from interviewer_tui.services import accounts

        return accounts.change_password(
            self.ctx, caller, current_password=current_password, new_password=new_password
        )

    def forgot_password(self, *, email: str) -> str:
        from interviewer_tui.services import accounts

        return accounts.forgot_password(self.ctx, email=email)

    def reset_password(self, *, token: str, new_password: str) -> bool:
        from interviewer_tui.services import accounts

        accounts.reset_password(self.ctx, token=token, new_password=new_password)
        return False  # what is kept here may be another account's; when used it says it ended

    def delete_account(self, caller: Identity, *, password: str) -> None:
        from interviewer_tui.services import accounts

        accounts.delete_account(self.ctx, caller, password=password)

    # -- interviews -----------------------------------------------------------------------------

    def dashboard(self, *, user_id: int) -> Dashboard:
        from interviewer_tui.services import interviews

        return interviews.dashboard(self.ctx, user_id=user_id)

    def progress(self, *, user_id: int) -> Progress:
        """The spaced-review profile for home (due items, trend per topic)."""
        from interviewer_tui.services.practice import progress

        return progress(self.ctx, user_id=user_id)

    def list_interviews(
        self,
        *,
        user_id: int,
        status: str | None = None,
        search: str | None = None,
        limit: int = 50,
    ) -> list[InterviewSummary]:
        from interviewer_tui.services import interviews

        return interviews.list_interviews(
            self.ctx, user_id=user_id, status=status, search=search or None, limit=limit
        )

    def get_interview(self, *, user_id: int, interview_id: int) -> InterviewDetail:
        from interviewer_tui.services import interviews

        return interviews.get_interview(self.ctx, user_id=user_id, interview_id=interview_id)

    def delete_interview(self, *, user_id: int, interview_id: int) -> None:
        from interviewer_tui.services import interviews

        interviews.delete_interview(self.ctx, user_id=user_id, interview_id=interview_id)

    def model_answer(self, *, user_id: int, interview_id: int, question_number: int) -> ModelAnswer:
        from interviewer_tui.services.model_answers import model_answer

        return model_answer(
            self.ctx, user_id=user_id, interview_id=interview_id, question_number=question_number
        )

    def export_interview(self, *, user_id: int, interview_id: int, fmt: str) -> str:
        from interviewer_tui.services import interviews

        return interviews.export_interview(
            self.ctx, user_id=user_id, interview_id=interview_id, fmt=fmt
        )

    def start_interview(
        self,
        *,
        user_id: int,
        options: InterviewOptions,
        offline: bool,
        login_id: str | None = None,
    ) -> InterviewRunner:
        from interviewer_tui.services import interviews

        return interviews.start_interview(
            self.ctx,
            user_id=user_id,
            options=options,
            model=self._model(offline),
            login_id=login_id,
        )

    # -- the practice loop ------------------------------------------------------------------------

    def plan_practice(
        self, *, user_id: int, count: int = 5, ahead_days: int = 0
    ) -> tuple[PracticeQuestion, ...]:
        from interviewer_tui.services import practice

        return practice.plan_practice(self.ctx, user_id=user_id, count=count, ahead_days=ahead_days)

    def start_practice(
        self,
        *,
        user_id: int,
        count: int = 5,
        ahead_days: int = 0,
        offline: bool = False,
        login_id: str | None = None,
    ) -> InterviewRunner:
        from interviewer_tui.services import practice

        return practice.start_practice(
            self.ctx,
            user_id=user_id,
            count=count,
            ahead_days=ahead_days,
            model=self._model(offline),
            login_id=login_id,
        )

    def start_retry(
        self,
        *,
        user_id: int,
        interview_id: int,
        question_number: int,
        offline: bool = False,
        login_id: str | None = None,
    ) -> InterviewRunner:
        from interviewer_tui.services import retry

        # None: the original interview's own kind of interviewer (offline stays offline)
        model = self._model(offline) if offline or self._model_factory is not None else None
        return retry.start_retry(
            self.ctx,
            user_id=user_id,
            interview_id=interview_id,
            question_number=question_number,
            model=model,
            login_id=login_id,
        )

    def compare_attempts(self, *, user_id: int, retry_id: int) -> AttemptComparison:
        from interviewer_tui.services import retry

        return retry.compare_attempts(self.ctx, user_id=user_id, retry_id=retry_id)

    def regrade(
        self, *, user_id: int, interview_id: int, offline: bool = False, model: str | None = None
    ) -> RegradeResult:
        from interviewer_tui.services import regrade

        grader = regrade.grader_for(self.ctx, offline=offline, model=model)
        try:
            return regrade.regrade(
                self.ctx, user_id=user_id, interview_id=interview_id, grader=grader
            )
        finally:
            grader.close()

    def resume_interview(
        self, *, user_id: int, interview_id: int | None = None, login_id: str | None = None
    ) -> InterviewRunner:
        from interviewer_tui.services import interviews

        # A resumed interview keeps its provider (offline ones stay offline) unless a test's
        # factory decides the model.
        model = self._model_factory(self.ctx, False) if self._model_factory is not None else None
        return interviews.resume_interview(
            self.ctx, user_id=user_id, interview_id=interview_id, model=model, login_id=login_id
        )

    def close(self) -> None:
        self.ctx.close()
