"""The TUI's doorway to the services.

Every method imports its service on first call, inside a worker thread, so the App's first frame
imports neither SQLModel nor OpenAI and never touches the database. Tests pass another object with
the same methods (see `Backend`) to render screens with fixed data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from interviewer_tui.core.models import InterviewOptions
    from interviewer_tui.llm.protocol import InterviewerModel
    from interviewer_tui.services.accounts import LoginResult, UserPublic
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.interviews import InterviewRunner
    from interviewer_tui.services.model_answers import ModelAnswer
    from interviewer_tui.services.views import Dashboard, InterviewDetail, InterviewSummary

ModelFactory = Callable[["AppContext", bool], "InterviewerModel"]
"""Builds the interviewer model for a run: (context, offline) -> model."""


class Backend(Protocol):
    """What the screens need from the services (all blocking: call from thread workers)."""

    @property
    def smtp_configured(self) -> bool: ...

    def model_label(self, *, offline: bool) -> tuple[str, str]: ...

    def saved_theme(self) -> str | None: ...

    def save_theme(self, theme: str) -> None: ...

    def current_user(self) -> UserPublic: ...

    def register(self, *, username: str, email: str, password: str) -> UserPublic: ...

    def login(self, *, identifier: str, password: str) -> LoginResult: ...

    def logout(self) -> None: ...

    def forgot_password(self, *, email: str) -> str: ...

    def reset_password(self, *, token: str, new_password: str) -> None: ...

    def dashboard(self, *, user_id: int) -> Dashboard: ...

    def list_interviews(
        self, *, user_id: int, status: str | None = None, search: str | None = None
    ) -> list[InterviewSummary]: ...

    def get_interview(self, *, user_id: int, interview_id: int) -> InterviewDetail: ...

    def delete_interview(self, *, user_id: int, interview_id: int) -> None: ...

    def model_answer(self, *, user_id: int, interview_id: int, question_number: int) -> ModelAnswer:
        """A strong answer to a graded question (UsageError before that)."""
        ...

    def export_interview(self, *, user_id: int, interview_id: int, fmt: str) -> str: ...

    def start_interview(
        self, *, user_id: int, options: InterviewOptions, offline: bool
    ) -> InterviewRunner: ...

    def resume_interview(
        self, *, user_id: int, interview_id: int | None = None
    ) -> InterviewRunner: ...


class ServiceBackend:
    """The real thing: the same services the CLI calls."""

    def __init__(self, ctx: AppContext, model_factory: ModelFactory | None = None) -> None:
        self.ctx = ctx
        self._model_factory = model_factory

    @property
    def smtp_configured(self) -> bool:
        return self.ctx.settings.smtp_configured

    def saved_theme(self) -> str | None:
        from interviewer_tui.services import preferences

        return preferences.saved_theme(self.ctx)

    def save_theme(self, theme: str) -> None:
        from interviewer_tui.services import preferences

        preferences.save_theme(self.ctx, theme)

    def model_label(self, *, offline: bool) -> tuple[str, str]:
        """(provider, model name) from settings alone: no SDK import, no network."""
        settings = self.ctx.settings
        if offline or settings.use_offline:
            return ("offline", "built-in question bank")
        return ("openai", settings.model)

    def _model(self, offline: bool) -> InterviewerModel:
        if self._model_factory is not None:
            return self._model_factory(self.ctx, offline)
        from interviewer_tui.services.interviews import model_for

        return model_for(self.ctx, offline=offline)

    def current_user(self) -> UserPublic:
        from interviewer_tui.services import accounts

        return accounts.current_user(self.ctx)

    def register(self, *, username: str, email: str, password: str) -> UserPublic:
        from interviewer_tui.services import accounts

        return accounts.register(self.ctx, username=username, email=email, password=password)

    def login(self, *, identifier: str, password: str) -> LoginResult:
        from interviewer_tui.services import accounts

        return accounts.login(self.ctx, identifier=identifier, password=password)

    def logout(self) -> None:
        from interviewer_tui.services import accounts

        accounts.logout(self.ctx)

    def forgot_password(self, *, email: str) -> str:
        from interviewer_tui.services import accounts

        return accounts.forgot_password(self.ctx, email=email)

    def reset_password(self, *, token: str, new_password: str) -> None:
        from interviewer_tui.services import accounts

        accounts.reset_password(self.ctx, token=token, new_password=new_password)

    def dashboard(self, *, user_id: int) -> Dashboard:
        from interviewer_tui.services import interviews

        return interviews.dashboard(self.ctx, user_id=user_id)

    def list_interviews(
        self, *, user_id: int, status: str | None = None, search: str | None = None
    ) -> list[InterviewSummary]:
        from interviewer_tui.services import interviews

        return interviews.list_interviews(
            self.ctx, user_id=user_id, status=status, search=search or None
        )

    def get_interview(self, *, user_id: int, interview_id: int) -> InterviewDetail:
        from interviewer_tui.services import interviews

        return interviews.get_interview(self.ctx, user_id=user_id, interview_id=interview_id)

    def model_answer(self, *, user_id: int, interview_id: int, question_number: int) -> ModelAnswer:
        from interviewer_tui.services.model_answers import model_answer

        return model_answer(
            self.ctx, user_id=user_id, interview_id=interview_id, question_number=question_number
        )

    def delete_interview(self, *, user_id: int, interview_id: int) -> None:
        from interviewer_tui.services import interviews

        interviews.delete_interview(self.ctx, user_id=user_id, interview_id=interview_id)

    def export_interview(self, *, user_id: int, interview_id: int, fmt: str) -> str:
        from interviewer_tui.services import interviews

        return interviews.export_interview(
            self.ctx, user_id=user_id, interview_id=interview_id, fmt=fmt
        )

    def start_interview(
        self, *, user_id: int, options: InterviewOptions, offline: bool
    ) -> InterviewRunner:
        from interviewer_tui.services import interviews

        return interviews.start_interview(
            self.ctx, user_id=user_id, options=options, model=self._model(offline)
        )

    def resume_interview(self, *, user_id: int, interview_id: int | None = None) -> InterviewRunner:
        from interviewer_tui.services import interviews

        # A resumed interview keeps its provider: offline ones stay offline.
        offline = False
        model = None
        if self._model_factory is not None:
            model = self._model_factory(self.ctx, offline)
        return interviews.resume_interview(
            self.ctx, user_id=user_id, interview_id=interview_id, model=model
        )
