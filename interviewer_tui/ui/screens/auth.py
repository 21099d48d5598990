"""Welcome: log in, register, and reset a forgotten password (ctrl+f, or the palette).

The forgot-password tab is always there: without SMTP settings it says which to set instead of
offering to send mail, and a code already received can still be used."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, TabbedContent, TabPane

from interviewer_tui.errors import ValidationError
from interviewer_tui.ui.screens.base import AppScreen, PaletteCommand
from interviewer_tui.ui.text import plain
from interviewer_tui.ui.widgets.field_error import FieldError


def _field(
    label: str, input_id: str, *, password: bool = False, placeholder: str = ""
) -> ComposeResult:
    yield Label(label, classes="field-label")
    # select_on_focus off: text typed ahead at start-up is already there when the field gets
    # focus, and the next key must add to it, not replace it
    yield Input(
        id=input_id,
        password=password,
        placeholder=placeholder,
        compact=True,
        select_on_focus=False,
    )
    yield FieldError(id=f"{input_id}-error")


def _reveal(*widgets: Widget) -> None:
    for widget in widgets:
        widget.scroll_visible(animate=False, immediate=True)


NO_SMTP_HINT = (
    "Password reset by email is not set up here: it needs SMTP_HOST (and, for most servers, "
    "SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD and SMTP_FROM) in the environment, .env or "
    "config.toml; then restart interviewer. `interviewer config show` lists the settings. "
    "If you already have a reset code, enter it below."
)


# Enter in a field moves to the next one; in a form's last field it submits the form.
NEXT_FIELD = {
    "login-identifier": "login-password",
    "register-username": "register-email",
    "register-email": "register-password",
    "register-password": "register-confirm",
    "reset-token": "reset-password",
    "reset-password": "reset-confirm",
}


class AuthScreen(AppScreen):
    SUB_TITLE = "Welcome"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+l", "tab('login')", "Log in"),
        Binding("ctrl+r", "tab('register')", "Register"),
        Binding("ctrl+f", "tab('forgot')", "Forgot password"),
        Binding("ctrl+s", "submit", "Submit", show=False),
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
                yield FieldError(id="login-status", classes="form-status")
                yield Label(
                    "Forgot your password? Press ctrl+f.", id="login-forgot-hint", markup=False
                )
            with TabPane("Register", id="register"), VerticalScroll(classes="form"):
                yield from _field("Username", "register-username", placeholder="3-32 letters")
                yield from _field("Email", "register-email", placeholder="you@example.com")
                yield from _field("Password", "register-password", password=True)
                yield from _field("Repeat password", "register-confirm", password=True)
                with Horizontal(classes="form-buttons"):
                    yield Button("Create account", variant="primary", id="register-submit")
                yield FieldError(id="register-status", classes="form-status")
            with TabPane("Forgot password", id="forgot"), VerticalScroll(classes="form"):
                if self.iapp.smtp_configured:
                    yield from _field("Email", "forgot-email")
                    with Horizontal(classes="form-buttons"):
                        yield Button("Email me a reset code", id="forgot-submit")
                else:
                    yield Label(NO_SMTP_HINT, id="forgot-no-smtp", markup=False)
                yield from _field("Reset code from the email", "reset-token")
                yield from _field("New password", "reset-password", password=True)
                yield from _field("Repeat new password", "reset-confirm", password=True)
                with Horizontal(classes="form-buttons"):
                    yield Button("Set new password", variant="primary", id="reset-submit")
                yield FieldError(id="forgot-status", classes="form-status")

    def on_mount(self) -> None:
        if self.notice:
            self.query_one("#login-status", Label).update(plain(self.notice))
        self.query_one("#login-identifier", Input).focus()
        self.replay(self.iapp.take_typed_ahead())  # now, before any key typed from here on

    def replay(self, keys: list[events.Key]) -> None:
        """Apply keys typed during start-up to the login form as if typed now: characters and
        backspace into the field, Enter/Tab to the next field, Enter on the last one submits.

        Done here, synchronously, rather than by re-posting the key events: Enter's move to the
        next field is itself a message, and re-posted characters would overtake it.
        """
        field = self.query_one("#login-identifier", Input)
        for key in keys:
            if key.key in ("enter", "tab"):
                following = NEXT_FIELD.get(field.id or "")
                if following is None:
                    if key.key == "enter":
                        self._advance(field.id or "")
                    return
                field = self.query_one(f"#{following}", Input)
                field.focus()
            elif key.key == "backspace":
                field.action_delete_left()
            elif key.is_printable and key.character:
                field.insert_text_at_cursor(key.character)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        first = {
            "login": "#login-identifier",
            "register": "#register-username",
            "forgot": "#forgot-email" if self.iapp.smtp_configured else "#reset-token",
        }[tab]
        self.query_one(first, Input).focus()

    def action_submit(self) -> None:
        """ctrl+s submits the form on show (as on the setup screen), from any of its fields."""
        tab = self.query_one(TabbedContent).active
        if tab == "login":
            self.submit_login()
        elif tab == "register":
            self.submit_register()
        elif tab == "forgot":
            focused = self.focused.id if self.focused is not None else ""
            if self.iapp.smtp_configured and (
                focused == "forgot-email" or not self._value("reset-token").strip()
            ):
                self.submit_forgot()
            else:
                self.submit_reset()

    # ---------------------------------------------------------------- helpers

    def _clear_errors(self, prefix: str) -> None:
        for label in self.query(".field-error"):
            if label.id and label.id.startswith(prefix):
                label.update("")  # type: ignore[attr-defined]

    def _error(self, input_id: str, message: str) -> None:
        """The message under the field, the cursor in it, and both on screen: at 80x24 the
        register form scrolls, and an error below the fold looks like nothing happened."""
        error = self.query_one(f"#{input_id}-error", FieldError)
        error.update(plain(message))
        field = self.query_one(f"#{input_id}", Input)
        field.focus()
        self.call_after_refresh(_reveal, field, error)

    def _status(self, form: str, message: str) -> None:
        status = self.query_one(f"#{form}-status", Label)
        status.update(plain(message))
        if message:
            self.call_after_refresh(_reveal, status)

    def _value(self, input_id: str) -> str:
        return self.query_one(f"#{input_id}", Input).value

    def _busy(self, form: str, busy: bool) -> None:
        for button in self.query(f"#{form}-submit"):
            button.disabled = busy

    # ---------------------------------------------------------------- events

    @on(Input.Submitted)
    def _next_or_submit(self, event: Input.Submitted) -> None:
        event.stop()
        self._advance(event.input.id or "")

    def _advance(self, ident: str) -> None:
        """Enter moves to the next field, and submits from the last one."""
        if ident in NEXT_FIELD:
            self.query_one(f"#{NEXT_FIELD[ident]}", Input).focus()
        elif ident == "login-password":
            self.submit_login()
        elif ident == "register-confirm":
            self.submit_register()
        elif ident == "forgot-email":
            self.submit_forgot()
        elif ident == "reset-confirm":
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
            result = self.iapp.stored_login.login(identifier=identifier, password=password)
        except Exception as exc:
            self.from_thread(self._failed, "login", exc)
            return
        self.from_thread(self._logged_in, result.user, result.notice, result.login_id)

    def _logged_in(self, user: object, notice: str | None, login_id: str | None = None) -> None:
        if notice:
            self.notify(notice, timeout=6)
        self.iapp.signed_in(user, login_id)  # type: ignore[arg-type]

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
            result = self.iapp.stored_login.register_and_login(
                username=username, email=email, password=password
            )
        except Exception as exc:
            self.from_thread(self._failed, "register", exc)
            return
        self.from_thread(self._logged_in, result.user, result.notice, result.login_id)

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
        if password != self._value("reset-confirm"):
            self._error("reset-confirm", "The passwords do not match.")
            return
        self._status("forgot", "Setting the new password…")
        self._reset(token, password)

    @work(thread=True, exclusive=True, exit_on_error=False, group="auth")
    def _reset(self, token: str, password: str) -> None:
        try:
            self.iapp.stored_login.reset_password(token=token, new_password=password)
        except Exception as exc:
            self.from_thread(self._failed, "forgot", exc)
            return
        self.from_thread(self._reset_done)

    def _reset_done(self) -> None:
        self.action_tab("login")
        self._status("login", "Password changed: log in with the new one.")

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            ("Log in", "Log in to your account (ctrl+l)", lambda: self.action_tab("login")),
            ("Register", "Create an account (ctrl+r)", lambda: self.action_tab("register")),
            (
                "Forgot password",
                "Reset your password with a code sent by email (ctrl+f)",
                lambda: self.action_tab("forgot"),
            ),
        ]
