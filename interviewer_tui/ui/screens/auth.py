"""Welcome: log in, register, and (when SMTP is configured) reset a forgotten password."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, TabbedContent, TabPane

from interviewer_tui.errors import ValidationError
from interviewer_tui.ui.screens.base import AppScreen
from interviewer_tui.ui.text import plain
from interviewer_tui.ui.widgets.field_error import FieldError


def _field(
    label: str, input_id: str, *, password: bool = False, placeholder: str = ""
) -> ComposeResult:
    yield Label(label, classes="field-label")
    yield Input(id=input_id, password=password, placeholder=placeholder, compact=True)
    yield FieldError(id=f"{input_id}-error")


class AuthScreen(AppScreen):
    SUB_TITLE = "Welcome"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+l", "tab('login')", "Log in"),
        Binding("ctrl+r", "tab('register')", "Register"),
    ]

    def __init__(self, *, notice: str | None = None) -> None:
        super().__init__()
        self.notice = notice

    def body(self) -> ComposeResult:
        with Container(id="auth"), TabbedContent(id="auth-tabs", initial="login"):
            with TabPane("Log in", id="login"), VerticalScroll(classes="form"):
                yield from _field("Username or email", "login-identifier")
                yield from _field("Password", "login-password", password=True)
                with Horizontal(classes="form-buttons"):
                    yield Button("Log in", variant="primary", id="login-submit")
                yield Label("", id="login-status", classes="form-status", markup=False)
            with TabPane("Register", id="register"), VerticalScroll(classes="form"):
                yield from _field("Username", "register-username", placeholder="3-32 letters")
                yield from _field("Email", "register-email", placeholder="you@example.com")
                yield from _field("Password", "register-password", password=True)
                yield from _field("Repeat password", "register-confirm", password=True)
                with Horizontal(classes="form-buttons"):
                    yield Button("Create account", variant="primary", id="register-submit")
                yield Label("", id="register-status", classes="form-status", markup=False)
            if self.iapp.smtp_configured:
                with TabPane("Forgot password", id="forgot"), VerticalScroll(classes="form"):
                    yield from _field("Email", "forgot-email")
                    with Horizontal(classes="form-buttons"):
                        yield Button("Email me a reset code", id="forgot-submit")
                    yield from _field("Reset code from the email", "reset-token")
                    yield from _field("New password", "reset-password", password=True)
                    with Horizontal(classes="form-buttons"):
                        yield Button("Set new password", variant="primary", id="reset-submit")
                    yield Label("", id="forgot-status", classes="form-status", markup=False)

    def on_mount(self) -> None:
        if self.notice:
            self.query_one("#login-status", Label).update(plain(self.notice))
        self.query_one("#login-identifier", Input).focus()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        first = {"login": "#login-identifier", "register": "#register-username"}[tab]
        self.query_one(first, Input).focus()

    # ---------------------------------------------------------------- helpers

    def _clear_errors(self, prefix: str) -> None:
        for label in self.query(".field-error"):
            if label.id and label.id.startswith(prefix):
                label.update("")  # type: ignore[attr-defined]

    def _error(self, input_id: str, message: str) -> None:
        self.query_one(f"#{input_id}-error", FieldError).update(plain(message))
        self.query_one(f"#{input_id}", Input).focus()

    def _status(self, form: str, message: str) -> None:
        self.query_one(f"#{form}-status", Label).update(plain(message))

    def _value(self, input_id: str) -> str:
        return self.query_one(f"#{input_id}", Input).value

    def _busy(self, form: str, busy: bool) -> None:
        for button in self.query(f"#{form}-submit"):
            button.disabled = busy

    # ---------------------------------------------------------------- events

    @on(Input.Submitted)
    def _next_or_submit(self, event: Input.Submitted) -> None:
        """Enter moves to the next field, and submits from the last one."""
        event.stop()
        ident = event.input.id or ""
        order = {
            "login-identifier": "login-password",
            "register-username": "register-email",
            "register-email": "register-password",
            "register-password": "register-confirm",
            "reset-token": "reset-password",
        }
        if ident in order:
            self.query_one(f"#{order[ident]}", Input).focus()
        elif ident == "login-password":
            self.submit_login()
        elif ident == "register-confirm":
            self.submit_register()
        elif ident == "forgot-email":
            self.submit_forgot()
        elif ident == "reset-password":
            self.submit_reset()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "login-submit": self.submit_login,
            "register-submit": self.submit_register,
            "forgot-submit": self.submit_forgot,
            "reset-submit": self.submit_reset,
        }
        if event.button.id in actions:
            actions[event.button.id]()

    # ---------------------------------------------------------------- log in

    def submit_login(self) -> None:
        self._clear_errors("login-")
        identifier = self._value("login-identifier").strip()
        password = self._value("login-password")
        if not identifier:
            self._error("login-identifier", "Enter your username or email.")
            return
        if not password:
            self._error("login-password", "Enter your password.")
            return
        self._busy("login", True)
        self._status("login", "Logging in…")
        self._login(identifier, password)

    @work(thread=True, exclusive=True, exit_on_error=False, group="auth")
    def _login(self, identifier: str, password: str) -> None:
        try:
            result = self.backend.login(identifier=identifier, password=password)
        except Exception as exc:
            self.from_thread(self._failed, "login", exc)
            return
        self.from_thread(self._logged_in, result.user, result.notice)

    def _logged_in(self, user: object, notice: str | None) -> None:
        if notice:
            self.notify(notice, timeout=6)
        self.iapp.signed_in(user)  # type: ignore[arg-type]

    def _failed(self, form: str, exc: BaseException) -> None:
        self._busy(form, False)
        self._status(form, "")
        if isinstance(exc, ValidationError) and exc.field:
            target = {
                "register": {
                    "username": "register-username",
                    "email": "register-email",
                    "password": "register-password",
                },
                "forgot": {
                    "email": "forgot-email",
                    "token": "reset-token",
                    "password": "reset-password",
                },
            }.get(form, {})
            if exc.field in target:
                self._error(target[exc.field], exc.message)
                return
        from interviewer_tui.errors import AppError

        if isinstance(exc, AppError):
            self._status(form, exc.message)
            if form == "login":
                pw = self.query_one("#login-password", Input)
                pw.value = ""
                pw.focus()
        else:
            self.iapp.show_error(exc)

    # ---------------------------------------------------------------- register

    def submit_register(self) -> None:
        self._clear_errors("register-")
        username = self._value("register-username").strip()
        email = self._value("register-email").strip()
        password = self._value("register-password")
        if not username:
            self._error("register-username", "Choose a username.")
            return
        if "@" not in email:
            self._error("register-email", "Enter a valid email address.")
            return
        if not password:
            self._error("register-password", "Choose a password.")
            return
        if password != self._value("register-confirm"):
            self._error("register-confirm", "The passwords do not match.")
            return
        self._busy("register", True)
        self._status("register", "Creating your account…")
        self._register(username, email, password)

    @work(thread=True, exclusive=True, exit_on_error=False, group="auth")
    def _register(self, username: str, email: str, password: str) -> None:
        try:
            result = self.backend.register_and_login(
                username=username, email=email, password=password
            )
        except Exception as exc:
            self.from_thread(self._failed, "register", exc)
            return
        self.from_thread(self._logged_in, result.user, result.notice)

    # ---------------------------------------------------------------- forgot password

    def submit_forgot(self) -> None:
        self._clear_errors("forgot-")
        email = self._value("forgot-email").strip()
        if "@" not in email:
            self._error("forgot-email", "Enter the email of your account.")
            return
        self._status("forgot", "Sending…")
        self._forgot(email)

    @work(thread=True, exclusive=True, exit_on_error=False, group="auth")
    def _forgot(self, email: str) -> None:
        try:
            message = self.backend.forgot_password(email=email)
        except Exception as exc:
            self.from_thread(self._failed, "forgot", exc)
            return
        self.from_thread(self._status, "forgot", message)
        self.from_thread(self.query_one("#reset-token", Input).focus)

    def submit_reset(self) -> None:
        self._clear_errors("reset-")
        token = self._value("reset-token").strip()
        password = self._value("reset-password")
        if not token:
            self._error("reset-token", "Paste the code from the email.")
            return
        if not password:
            self._error("reset-password", "Choose a new password.")
            return
        self._reset(token, password)

    @work(thread=True, exclusive=True, exit_on_error=False, group="auth")
    def _reset(self, token: str, password: str) -> None:
        try:
            self.backend.reset_password(token=token, new_password=password)
        except Exception as exc:
            self.from_thread(self._failed, "forgot", exc)
            return
        self.from_thread(self._reset_done)

    def _reset_done(self) -> None:
        self.action_tab("login")
        self._status("login", "Password changed: log in with the new one.")
