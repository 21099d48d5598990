"""User-facing errors: each carries the exit code the CLI returns and a message a person can act on.

Services raise these; `cli.py` turns them into one line on stderr and the documented exit code,
and the TUI shows them as notifications. Nothing here may ever include a secret: every message
goes through core.redact, so a URL with credentials in it (a base URL, a database URL) is masked
whoever built the message.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    AUTH = 3
    MODEL = 4
    DATABASE = 5
    SERVER = 6
    INTERRUPTED = 130


class AppError(Exception):
    """Base of every error a user is meant to read."""

    exit_code: ExitCode = ExitCode.UNEXPECTED

    def __init__(self, message: str) -> None:
        from interviewer_tui.core.redact import redact

        message = redact(message)
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(AppError):
    """Bad options or input: the user can fix the command line or the answer."""

    exit_code = ExitCode.USAGE


class ValidationError(UsageError):
    """A field the user typed is invalid; `field` lets the TUI show it inline."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(UsageError):
    """An id that does not exist, or that belongs to another user (we never say which)."""


class ConflictError(UsageError):
    """Something already exists or is busy (taken username, interview open elsewhere)."""


class AlreadyCreated(ConflictError):
    """A create request came again with the client-chosen id it carried the first time (a retry
    after a network failure): `existing_id` is what the first one created."""

    def __init__(self, existing_id: int) -> None:
        super().__init__(f"interview {existing_id} was already created with that request id")
        self.existing_id = existing_id


class AuthError(AppError):
    """Not logged in, bad credentials, revoked or expired session."""

    exit_code = ExitCode.AUTH


class NotLoggedInError(AuthError):
    def __init__(self, message: str = "not logged in: run `interviewer login`") -> None:
        super().__init__(message)


class ModelError(AppError):
    """The model provider failed after retries; the interview is saved and resumable."""

    exit_code = ExitCode.MODEL


class DatabaseError(AppError):
    """The database is unreachable, misconfigured, or its schema is out of date."""

    exit_code = ExitCode.DATABASE


class SchemaOutOfDateError(DatabaseError):
    pass


class ServerError(AppError):
    """The interviewer server (`interviewer login --server`) cannot be reached, or failed on its
    side (5xx); the message names its URL. Answers not yet confirmed stay in the local outbox."""

    exit_code = ExitCode.SERVER


class ServerUnreachableError(ServerError):
    """No answer from the server (refused, timed out, broken connection, an untrusted
    certificate, a proxy's 502): worth trying again later; nothing was lost here."""


class Interrupted(AppError):
    """Ctrl-C: raised after progress was saved."""

    exit_code = ExitCode.INTERRUPTED
