"""`interviewer register|login|logout|whoami|sessions|password ...|account delete`.

Thin: parse, prompt for what is missing (passwords hidden, new ones typed twice), call the
account use cases through this computer's login (`edge/login.py`, which keeps the tokens the
port issues), print one or two lines. Secrets are never echoed.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from interviewer_tui.edge.login import StoredLogin
    from interviewer_tui.services.context import AppContext

password_app = typer.Typer(
    help="Change, forget or reset your password.", no_args_is_help=True, rich_markup_mode=None
)
account_app = typer.Typer(help="Manage your account.", no_args_is_help=True, rich_markup_mode=None)

ServerOpt = Annotated[
    str | None,
    typer.Option(
        "--server",
        metavar="URL",
        help="Use this `interviewer serve` (https://...) from now on instead of a database.",
    ),
]
CaBundleOpt = Annotated[
    Path | None,
    typer.Option(
        "--ca-bundle",
        metavar="FILE",
        help="PEM file of the CA that signed the server's certificate (a private CA).",
        dir_okay=False,
    ),
]
InsecureHttpOpt = Annotated[
    bool,
    typer.Option(
        "--insecure-http",
        help="Allow plain http:// to a server that is not on this computer (unencrypted!).",
    ),
]
LocalOpt = Annotated[
    bool,
    typer.Option("--local", help="Use this computer's database again (forget the server)."),
]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from the first line of standard input instead of prompting.",
    ),
]


def register(app: typer.Typer) -> None:
    app.command("register")(register_cmd)
    app.command("login")(login_cmd)
    app.command("logout")(logout_cmd)
    app.command("whoami")(whoami_cmd)
    app.command("sessions")(sessions_cmd)
    app.add_typer(password_app, name="password")
    app.add_typer(account_app, name="account")


def register_cmd(
    username: Annotated[
        str | None, typer.Option("--username", "-u", help="3-32 of a-z 0-9 _ - .")
    ] = None,
    email: Annotated[str | None, typer.Option("--email", "-e", help="For password resets.")] = None,
    password_stdin: PasswordStdin = False,
    server: ServerOpt = None,
    ca_bundle: CaBundleOpt = None,
    insecure_http: InsecureHttpOpt = False,
    local: LocalOpt = False,
) -> None:
    """Create an account and log in (here, or on a server with --server URL)."""
    if password_stdin and (username is None or email is None):
        _usage("--password-stdin needs --username and --email on the command line")
    username = username if username is not None else typer.prompt("Username")
    email = email if email is not None else typer.prompt("Email")
    password = _new_password(password_stdin)
    ctx, app = _login_app(server, ca_bundle, insecure_http, local)
    result = app.register_and_login(username=username, email=email, password=password)
    _remember(ctx, app, server, local)
    user = result.user
    where = f" on {result.server}" if result.server else ""
    _say(f"registered {user.username} <{user.email}>{where} and logged in")
    _notice(result.notice)


def login_cmd(
    username: Annotated[str | None, typer.Option("--username", "-u", help="Your username.")] = None,
    email: Annotated[str | None, typer.Option("--email", "-e", help="Or your email.")] = None,
    password_stdin: PasswordStdin = False,
    server: ServerOpt = None,
    ca_bundle: CaBundleOpt = None,
    insecure_http: InsecureHttpOpt = False,
    local: LocalOpt = False,
) -> None:
    """Log in with your username or email address (on a team server with --server URL)."""
    if username is not None and email is not None:
        _usage("give --username or --email, not both")
    identifier = username if username is not None else email
    if identifier is None:
        if password_stdin:
            _usage("--password-stdin needs --username or --email on the command line")
        identifier = typer.prompt("Username or email")
    ctx, app = _login_app(server, ca_bundle, insecure_http, local)
    password = _password(password_stdin, "Password")
    result = app.login(identifier=identifier, password=password)
    _remember(ctx, app, server, local)
    where = f" on {result.server}" if result.server else ""
    _say(f"logged in as {result.user.username}{where} (session kept in the {result.session_store})")
    _notice(result.notice)


def logout_cmd(
    everywhere: Annotated[
        bool, typer.Option("--all", help="End every session of your account, on every computer.")
    ] = False,
) -> None:
    """End this session (or all of them)."""
    _app().logout(everywhere=everywhere)
    _say("logged out everywhere" if everywhere else "logged out")


def whoami_cmd() -> None:
    """Show who is logged in, until when, and where the session is kept."""
    info = _app().whoami()
    _say(f"user: {info.user.username} <{info.user.email}>")
    if info.server:
        _say(f"server: {info.server}")
    _say(f"session expires: {_when(info.session_expires_at)} (renewed while you use it)")
    _say(f"session store: {info.session_store}")


def sessions_cmd(
    revoke: Annotated[
        str | None, typer.Option("--revoke", metavar="ID", help="End the session with this ID.")
    ] = None,
) -> None:
    """List your active sessions, or end one with --revoke."""
    app = _app()
    if revoke is not None:
        app.revoke_session(session_id=revoke)
        _say(f"session {revoke} ended")
        return
    rows = app.list_sessions()
    header = f"  {'ID':<16}  {'HOST':<24}  {'STARTED':<16}  {'LAST USED':<16}  EXPIRES"
    _say(header)
    for row in rows:
        mark = "*" if row.current else " "
        host = row.host if len(row.host) <= 24 else row.host[:23] + "…"
        _say(
            f"{mark} {row.id:<16}  {host:<24}  {_when(row.created_at):<16}  "
            f"{_when(row.last_used_at):<16}  {_when(row.expires_at)}"
        )
    _say("* this session")


@password_app.command("change")
def password_change(password_stdin: PasswordStdin = False) -> None:
    """Change your password (ends every other session).

    With --password-stdin, the first line is the current password and the second the new one.
    """
    app = _app()
    app.current_user()  # fail with "not logged in" before asking for anything
    if password_stdin:
        current, new = _stdin_line(), _stdin_line()
    else:
        current = _ask_hidden("Current password", confirm=False)
        new = _ask_hidden("New password", confirm=True)
    app.change_password(current_password=current, new_password=new)
    _say("password changed; every other session has been ended")


@password_app.command("forgot")
def password_forgot(
    email: Annotated[
        str | None, typer.Option("--email", "-e", help="Your account's email.")
    ] = None,
) -> None:
    """Email yourself a one-time reset code (needs SMTP settings)."""
    from interviewer_tui.commands.common import build_app

    app = build_app()
    if not app.smtp_configured:
        from interviewer_tui.errors import UsageError
        from interviewer_tui.services.mailer import SMTP_HELP

        raise UsageError(SMTP_HELP)
    address = email if email is not None else typer.prompt("Email")
    _say(app.forgot_password(email=address))


@password_app.command("reset")
def password_reset(
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            "-t",
            help="The emailed code. Avoid it: a code on the command line shows in `ps` and stays "
            "in your shell history. Without it the code is asked for (hidden), or read from the "
            "first line of standard input with --password-stdin.",
        ),
    ] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Choose a new password with the code from `interviewer password forgot`.

    With --password-stdin, the first line is the reset code and the second the new password.
    """
    if token is None:
        token = _stdin_line() if password_stdin else _ask_hidden("Reset code", confirm=False)
    else:
        _notice(
            "--token puts the reset code in `ps` and your shell history; leave it out to be "
            "asked for it, or pipe it in with --password-stdin"
        )
    new = _new_password(password_stdin)
    _app().reset_password(token=token, new_password=new)
    _say("password changed and every session ended: run `interviewer login`")


@account_app.command("delete")
def account_delete(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    password_stdin: PasswordStdin = False,
) -> None:
    """Delete your account and all your interviews, for good."""
    if password_stdin and not yes:
        _usage("--password-stdin needs --yes: the confirmation question would read your password")
    app = _app()
    user = app.current_user()
    if not yes:
        typer.confirm(
            f"Delete the account {_safe(user.username)} and all its interviews for good?",
            abort=True,
        )
    password = _password(password_stdin, "Password")
    app.delete_account(password=password)
    _say(f"account {user.username} and all its interviews deleted")


# -- helpers ------------------------------------------------------------------------------------


def _app() -> StoredLogin:
    from interviewer_tui.commands.common import open_login

    return open_login()


def _login_app(
    server: str | None, ca_bundle: Path | None, insecure_http: bool, local: bool
) -> tuple[AppContext, StoredLogin]:
    from interviewer_tui.commands.common import build_context
    from interviewer_tui.edge.login import StoredLogin
    from interviewer_tui.services.select import for_login

    ctx = build_context()
    app = for_login(
        ctx, server=server, ca_bundle=ca_bundle, insecure_http=insecure_http, local=local
    )
    return ctx, StoredLogin(app, ctx)


def _remember(ctx: AppContext, login: StoredLogin, server: str | None, local: bool) -> None:
    """`--server` and `--local` last beyond this command (the next ones use the same)."""
    if server is not None or local:
        from interviewer_tui.services.select import remember_choice

        remember_choice(ctx, login.app)


def _password(from_stdin: bool, label: str) -> str:
    if from_stdin:
        return _stdin_line()
    return _ask_hidden(label, confirm=False)


def _new_password(from_stdin: bool) -> str:
    if from_stdin:
        return _stdin_line()
    return _ask_hidden("Password", confirm=True)


def _ask_hidden(label: str, *, confirm: bool) -> str:
    if not _has_terminal():
        _usage(
            "there is no terminal to ask for the password on: "
            "pass it on standard input with --password-stdin"
        )
    return str(typer.prompt(label, hide_input=True, confirmation_prompt=confirm))


def _has_terminal() -> bool:
    """Hidden prompts read the controlling terminal even when stdin is a pipe."""
    if sys.stdin.isatty() or os.name == "nt":
        return True
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(fd)
    return True


def _stdin_line() -> str:
    line = sys.stdin.readline()
    if not line:
        _usage("--password-stdin: nothing to read on standard input")
    return line.rstrip("\r\n")


def _usage(message: str) -> NoReturn:
    from interviewer_tui.errors import UsageError

    raise UsageError(message)


def _safe(text: str) -> str:
    from interviewer_tui.core.text import sanitize_terminal

    return sanitize_terminal(text)


def _say(text: str) -> None:
    typer.echo(_safe(text))


def _notice(text: str | None) -> None:
    if text:
        from interviewer_tui.commands.common import err

        err(f"note: {text}")


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
