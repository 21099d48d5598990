"""The Textual app shell: session check, navigation between screens, errors as notifications.

This module imports only Textual and our light modules. The services (SQLModel, the OpenAI SDK)
are imported by `services.local.LocalApplication` (the application port) inside worker threads
after the first frame.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, LoadingIndicator

from interviewer_tui.errors import AppError, AuthError, DatabaseError, ModelError
from interviewer_tui.ui.palette import MainCommands
from interviewer_tui.ui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall

if TYPE_CHECKING:
    from interviewer_tui.core.models import InterviewOptions
    from interviewer_tui.edge.login import StoredLogin
    from interviewer_tui.services.account_views import UserPublic
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.port import (
        Application,
        ConnectionTarget,
        ModelFactory,
        RunningInterview,
    )
    from interviewer_tui.ui.screens.base import PaletteCommand


@dataclass(frozen=True)
class StartOptions:
    """What `interviewer start` passes on a terminal: go straight to an interview after login."""

    difficulty: str | None = None
    topics: tuple[str, ...] = ()
    questions: int | None = None
    language: str | None = None
    length_minutes: int | None = None
    job_description: str | None = None
    offline: bool = False
    resume_id: int | None = None
    resume: bool = False  # resume the latest unfinished interview
    options: InterviewOptions | None = None  # already validated (wins over the fields above)


class SplashScreen(Screen[None]):
    """The first frame: drawn before any service is imported or the database is opened.

    Keys typed while the session check runs (a user typing their name before the login form is
    up) are kept, not acted on, and replayed into the login form once it has focus: see
    `AuthScreen.replay`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Retry", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.failed = False

    def on_key(self, event: events.Key) -> None:
        if self.failed:  # the error is shown: r retries, ctrl+q quits
            return
        app = self.app
        if isinstance(app, InterviewerApp):
            app.typed_ahead.append(events.Key(event.key, event.character))
        event.stop()
        event.prevent_default()

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Center(id="splash"), Vertical(id="splash-box"):
            yield Label("interviewer", id="splash-title")
            yield Label("Backend Engineering interview practice", id="splash-sub")
            yield LoadingIndicator(id="splash-spinner")
            yield Label("", id="splash-error", markup=False)
        yield Footer(compact=True)

    def show_error(self, message: str) -> None:
        self.failed = True
        app = self.app
        if isinstance(app, InterviewerApp):
            app.typed_ahead.clear()  # typed for a form that will not come
        self.query_one("#splash-spinner").display = False
        self.query_one("#splash-error", Label).update(
            f"{message}\n\nPress r to retry, ctrl+q to quit."
        )

    def action_retry(self) -> None:
        self.failed = False
        self.query_one("#splash-spinner").display = True
        self.query_one("#splash-error", Label).update("")
        app = self.app
        if isinstance(app, InterviewerApp):
            app.check_session()


class InterviewerApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "interviewer"
    COMMANDS = App.COMMANDS | {MainCommands}
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Textual declares it as a plain attribute
        (0, "-tiny-w"),
        (MIN_WIDTH, "-fits-w"),
        (100, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-tiny-h"),
        (MIN_HEIGHT, "-fits-h"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),  # typed as text in a field
    ]

    def __init__(
        self,
        ctx: AppContext | None = None,
        *,
        model_factory: ModelFactory | None = None,
        backend: Application | None = None,
        login: StoredLogin | None = None,
        start: StartOptions | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        if backend is None:
            if ctx is None:
                raise ValueError("InterviewerApp needs an AppContext or an Application")
            from interviewer_tui.services.select import SelectedApplication

            # local or a server, decided in the session-check worker (settings load there)
            backend = cast("Application", SelectedApplication(ctx, model_factory))
        self.ctx = ctx
        self.clock: Callable[[], datetime] = clock or (
            ctx.clock if ctx is not None else lambda: datetime.now(UTC)
        )
        self.backend: Application = backend
        # this computer's login for the backend (the session store): who acts is resolved
        # from it once, then passed into every port call. Without a context (tests with fixed
        # data) the backend stands in for it.
        if login is None:
            if ctx is None:
                login = cast("StoredLogin", backend)
            else:
                from interviewer_tui.edge.login import StoredLogin

                login = StoredLogin(backend, ctx)
        self.stored_login: StoredLogin = login
        self.start_options = start
        self.user: UserPublic | None = None
        # the login the user signed in through (its token family): it owns the leases of the
        # interviews this app opens; resolved once, by the session check or the login form
        self.login_id: str | None = None
        self.smtp_configured = False  # offer the forgot-password tab (known after the check)
        self.typed_ahead: list[events.Key] = []  # keys pressed on the splash, for the login form
        self._saved_theme: str | None = None  # what ui.json holds: restoring it saves nothing

    # ------------------------------------------------------------------ startup

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.backend.watch_connection(self._connection_changed)
        self.push_screen(SplashScreen())
        self.check_session()

    @work(thread=True, exclusive=True, exit_on_error=False, group="session")
    def check_session(self) -> None:
        from interviewer_tui.errors import AuthError

        theme = self._read_theme()
        if theme is not None:
            self.from_thread(self._restore_theme, theme)
        try:
            try:
                me = self.stored_login.identity()
            finally:
                self.smtp_configured = self._read_smtp_flag()
        except AuthError as exc:
            notice = None if type(exc).__name__ == "NotLoggedInError" else exc.message
            self.from_thread(self.show_auth, notice)
            return
        except Exception as exc:
            self.from_thread(self._startup_failed, exc)
            return
        self.from_thread(self.signed_in, me.user, me.login_id)

    def _read_smtp_flag(self) -> bool:
        """Read in the session-check worker (it loads settings), so the auth screen need not."""
        try:
            return self.backend.smtp_configured
        except Exception:
            return False

    def _read_theme(self) -> str | None:
        try:
            return self.backend.saved_theme()
        except Exception:  # a preference never stops the app
            return None

    def _restore_theme(self, theme: str) -> None:
        if theme in self.available_themes:
            self._saved_theme = theme
            self.theme = theme

    def _theme_changed(self, theme: object) -> None:
        """The user picked a theme (palette "Change theme"): remember it for the next run."""
        if self.theme != self._saved_theme:
            self._saved_theme = self.theme
            self._save_theme(self.theme)

    @work(thread=True, exclusive=True, exit_on_error=False, group="theme")
    def _save_theme(self, theme: str) -> None:
        try:
            self.backend.save_theme(theme)
        except Exception as exc:
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            self.from_thread(self.notify, f"Could not save the theme: {reason}", timeout=4)

    def _startup_failed(self, exc: BaseException) -> None:
        screen = self.screen
        message = describe_error(exc)
        if isinstance(screen, SplashScreen):
            screen.show_error(message)
        else:
            self.show_error(exc)

    def show_auth(self, notice: str | None = None) -> None:
        from interviewer_tui.ui.screens.auth import AuthScreen

        self.user = None
        self._reset_to(AuthScreen(notice=notice))

    def take_typed_ahead(self) -> list[events.Key]:
        """The keys typed on the splash, once: the auth screen replays them into its form."""
        keys, self.typed_ahead = self.typed_ahead, []
        return keys

    def signed_in(self, user: UserPublic, login_id: str | None = None) -> None:
        from interviewer_tui.ui.screens.home import HomeScreen

        # Keys typed on the splash were meant for a login form; on Home they would be commands
        # (c continues an interview, h opens history), so they are not replayed there.
        self.typed_ahead.clear()
        self.user = user
        self.login_id = login_id
        self._reset_to(HomeScreen())
        start, self.start_options = self.start_options, None
        if start is not None:
            self._apply_start(start)
        else:
            self._offer_model_check()

    # ------------------------------------------------------------------ first-run model check

    @work(thread=True, exclusive=True, exit_on_error=False, group="model-check")
    def _offer_model_check(self) -> None:
        """On the first run with a model key set, offer `model check` (once, ever)."""
        try:
            offer = self.backend.take_model_check_offer()
        except Exception:  # a preference never stops the app
            return
        if offer:
            self.from_thread(self._ask_model_check)

    def _ask_model_check(self) -> None:
        """A notice, not a modal: the first screen stays usable, and keys typed meanwhile are
        not taken as an answer to a question the user has not read."""
        self.notify(
            "A model key is set. To check the endpoint (models, streaming, structured output): "
            'ctrl+p, then "Check the model endpoint" — or `interviewer model check`.',
            title="First run",
            timeout=20,
            markup=False,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="model-check")
    def run_model_check(self) -> None:
        from interviewer_tui.ui.widgets.model_check_dialog import ModelCheckDialog

        self.from_thread(self.notify, "Checking the model endpoint…", timeout=3)
        try:
            result = self.backend.check_model()
        except Exception as exc:
            self.from_thread(self.show_error, exc)
            return
        self.from_thread(self.push_screen, ModelCheckDialog(result))

    def _reset_to(self, screen: Screen[Any]) -> None:
        """Make `screen` the only screen above the default one."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen) if len(self.screen_stack) > 1 else self.push_screen(screen)

    def _apply_start(self, start: StartOptions) -> None:
        if start.resume_id is not None or start.resume:
            self.resume_interview(start.resume_id)
            return
        if start.options is not None:
            self.start_interview(start.options, offline=start.offline)
            return
        from interviewer_tui.core.plan import OptionsError, normalise_options

        try:
            options = normalise_options(
                difficulty=start.difficulty or "medium",
                topics=list(start.topics),
                questions=start.questions,
                language=start.language,
                length_minutes=start.length_minutes,
                job_description=start.job_description,
            )
        except OptionsError as exc:
            self.notify(str(exc), title="Check the options", severity="error")
            self.open_setup()
            return
        self.start_interview(options, offline=start.offline)

    # ------------------------------------------------------------------ navigation

    def go_home(self) -> None:
        from interviewer_tui.ui.screens.home import HomeScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())

    def open_setup(self) -> None:
        from interviewer_tui.ui.screens.setup import SetupScreen

        self.push_screen(SetupScreen())

    def open_history(self) -> None:
        from interviewer_tui.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def open_transcript(self, interview_id: int) -> None:
        from interviewer_tui.ui.screens.transcript import TranscriptScreen

        self.push_screen(TranscriptScreen(interview_id))

    def open_report(self, interview_id: int, *, replace: bool = False) -> None:
        from interviewer_tui.ui.screens.report import ReportScreen

        screen = ReportScreen(interview_id)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_interview(self, runner: RunningInterview) -> None:
        from interviewer_tui.ui.screens.interview import InterviewScreen

        self.push_screen(InterviewScreen(runner))

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-interview")
    def start_interview(self, options: InterviewOptions, *, offline: bool) -> None:
        if self.user is None:
            return
        self.from_thread(self.notify, "Preparing your interview…", timeout=2)
        try:
            runner = self.backend.start_interview(
                user_id=self.user.id, options=options, offline=offline, login_id=self.login_id
            )
        except Exception as exc:
            self.from_thread(self.show_error, exc)
            return
        self.from_thread(self.open_interview, runner)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-interview")
    def start_practice(self) -> None:
        """A short session on the points due for review (a notice when nothing is due)."""
        if self.user is None:
            return
        self.from_thread(self.notify, "Preparing your review…", timeout=2)
        try:
            runner = self.backend.start_practice(user_id=self.user.id, login_id=self.login_id)
        except Exception as exc:
            self.from_thread(self.show_error, exc)
            return
        self.from_thread(self.open_interview, runner)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-interview")
    def start_retry(self, interview_id: int, question_number: int) -> None:
        """Answer one past question again, as a new interview linked to the first."""
        if self.user is None:
            return
        self.from_thread(self.notify, f"Retrying Q{question_number}…", timeout=2)
        try:
            runner = self.backend.start_retry(
                user_id=self.user.id,
                interview_id=interview_id,
                question_number=question_number,
                login_id=self.login_id,
            )
        except Exception as exc:
            self.from_thread(self.show_error, exc)
            return
        self.from_thread(self.open_interview, runner)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-interview")
    def resume_interview(self, interview_id: int | None = None) -> None:
        if self.user is None:
            return
        try:
            runner = self.backend.resume_interview(
                user_id=self.user.id, interview_id=interview_id, login_id=self.login_id
            )
        except Exception as exc:
            self.from_thread(self.show_error, exc)
            return
        self.from_thread(self.open_interview, runner)

    @work(thread=True, exclusive=True, exit_on_error=False, group="session")
    def log_out(self) -> None:
        try:
            self.stored_login.logout()
        except Exception as exc:
            self.from_thread(self.show_error, exc)
        self.from_thread(self.show_auth, "Logged out.")

    # ------------------------------------------------------------------ plumbing

    # ------------------------------------------------------------------ connection

    def _connection_changed(self, attempt: int, delay: float, target: ConnectionTarget) -> None:
        """Told by a worker thread waiting for the database (or server) to come back."""
        self.from_thread(self.show_connection, attempt, target.label)

    def show_connection(self, attempt: int, target: str) -> None:
        """Say "reconnecting…" while a step waits for the connection (instead of looking frozen
        for up to INTERVIEWER_DB_RECONNECT_SECONDS), and "connected again" once it is back."""
        from interviewer_tui.ui.widgets.status_bar import StatusBar

        for bar in self.screen.query(StatusBar):
            bar.connection = f"reconnecting… (try {attempt})" if attempt else ""
        if attempt == 1:
            self.notify(
                f"Lost the connection to {target}: reconnecting…",
                title="Connection lost",
                severity="warning",
                markup=False,
            )
        elif attempt == 0:
            self.notify(f"Connected again to {target}.", title="Connection back", markup=False)

    def from_thread(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """call_from_thread that tolerates the app having closed meanwhile."""
        if not self.is_running:
            return
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(fn, *args, **kwargs)

    def show_error(self, exc: BaseException) -> None:
        """Every failure a worker hits ends here: a notification, never a crash."""
        if isinstance(exc, AuthError) and self.user is not None:
            self.notify(exc.message, title="Signed out", severity="error")
            self.show_auth(exc.message)
            return
        title = "Error"
        if isinstance(exc, ModelError):
            title = "The interviewer model failed"
        elif isinstance(exc, DatabaseError):
            title = "Database problem"
        elif isinstance(exc, AppError):
            title = "Cannot do that"
        self.notify(describe_error(exc), title=title, severity="error", timeout=8)

    def palette_commands(self, screen: Screen[Any]) -> list[PaletteCommand]:
        commands: list[PaletteCommand] = []
        if self.user is not None:
            commands += [
                ("New interview", "Choose options and start an interview", self.open_setup),
                (
                    "Continue unfinished interview",
                    "Resume your most recent unfinished interview",
                    lambda: self.resume_interview(None),
                ),
                ("History", "Past interviews: open, resume, export, delete", self.open_history),
                ("Home", "Back to the dashboard", self.go_home),
                (
                    "Check the model endpoint",
                    "Models, streaming and structured output, as `interviewer model check`",
                    self.run_model_check,
                ),
                ("Log out", "End this session on this computer", self.log_out),
            ]
        extra = getattr(screen, "palette_commands", None)
        if callable(extra):
            commands += extra()
        return commands

    def _handle_exception(self, error: Exception) -> None:
        """A bug in a handler ends the app (Textual's rule), but without Textual's traceback: it
        shows local variables, which can hold a password typed into a field. The traceback goes
        to crash.log (0600) and the terminal gets one line."""
        before = len(self._exit_renderables)
        super()._handle_exception(error)
        if self.is_headless:  # tests keep the full traceback
            return
        del self._exit_renderables[before:]
        from interviewer_tui.exits import log_crash

        path = log_crash(error)
        where = f"; details in {path}" if path else ""
        self._exit_renderables.append(
            Text(
                f"interviewer stopped on an unexpected {type(error).__name__}{where}. "
                "Your progress is saved: `interviewer resume` continues an interview."
            )
        )

    def action_help(self) -> None:
        """F1 / `?`: the keys of the screen underneath (F1 again closes it)."""
        from interviewer_tui.ui.screens.help import HelpScreen, key_rows

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss(None)
            return
        title = screen.sub_title or type(screen).__name__.removesuffix("Screen")
        self.push_screen(HelpScreen(title, key_rows(screen)))

    async def action_quit(self) -> None:
        """Leaving mid-interview asks first and saves; elsewhere quit at once."""
        leave = getattr(self.screen, "leave_for_quit", None)
        if callable(leave):
            await leave()
            return
        self.exit()


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, AppError):
        return exc.message
    from interviewer_tui.exits import log_crash

    path = log_crash(exc)
    where = f" (details in {path})" if path else ""
    return f"unexpected {type(exc).__name__}{where}"
