"""One connection to an `interviewer serve`: httpx with verified TLS and timeouts, the tokens the
shell's edge keeps for that server (a `LoginSource`: it hands them in and saves the rotated ones),
and every failure as one of our errors: the server's own message for a 4xx/5xx, one line naming
the URL when it cannot be reached.

Tokens go only into the Authorization header: never into a URL, a message or a log line.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx

from interviewer_tui import __version__
from interviewer_tui.auth.login_tokens import LoginTokens
from interviewer_tui.errors import (
    AppError,
    AuthError,
    ConflictError,
    ModelError,
    NotFoundError,
    NotLoggedInError,
    ServerError,
    ServerUnreachableError,
    UsageError,
    ValidationError,
)

if TYPE_CHECKING:
    from httpx_sse import ServerSentEvent

    from interviewer_tui.config import Settings
    from interviewer_tui.services.client.target import ServerTarget
    from interviewer_tui.services.port import LoginSource

REFRESH_MARGIN = timedelta(seconds=30)  # refresh a little early: clocks differ, requests take time
STREAM_READ_TIMEOUT = 45.0  # the server pings every 15 s, so silence this long means it is gone
RETRYABLE_STATUS = frozenset({502, 503, 504})
GET_TRIES = 3


def _parse_time(value: Any) -> datetime:
    text = str(value)
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stored_from(body: dict[str, Any]) -> LoginTokens:
    """A `/v1/sessions` (login or refresh) response as what the shell keeps."""
    user = body["user"]
    return LoginTokens(
        user_id=int(user["id"]),
        username=str(user["username"]),
        refresh_token=str(body["refresh_token"]),
        access_token=str(body["access_token"]),
        access_expires_at=_parse_time(body["expires_at"]),
    )


class Connection:
    """Blocking HTTP calls to one server; built cheaply, connects on first use."""

    def __init__(self, target: ServerTarget, settings: Settings) -> None:
        self.target = target
        self.url = target.url
        self.timeout = settings.server_timeout
        self.login: LoginSource | None = None  # set by the shell's edge (`use_login`)
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            verify: ssl.SSLContext | bool = (
                self.target.ssl_context() if self.url.startswith("https:") else True
            )
            self._client = httpx.Client(
                base_url=self.url + "/",
                verify=verify,
                timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
                headers={"User-Agent": f"interviewer/{__version__}"},
                follow_redirects=False,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # -- errors -------------------------------------------------------------------------------

    def unreachable(self, exc: BaseException) -> ServerUnreachableError:
        """One line that names the server and says what went wrong on the way."""
        reason = "the connection broke"
        if isinstance(exc, httpx.TimeoutException):
            reason = f"no answer within {self.timeout:g} s"
        cause: BaseException | None = exc
        while cause is not None:
            if isinstance(cause, ssl.SSLCertVerificationError):
                detail = cause.verify_message or "certificate verify failed"
                reason = (
                    f"its TLS certificate is not trusted ({detail}): for a private CA pass "
                    "--ca-bundle FILE to `interviewer login` (or set SSL_CERT_FILE)"
                )
                break
            if isinstance(cause, ssl.SSLError):
                reason = f"TLS failed ({cause.reason or cause})"
                break
            if isinstance(cause, ConnectionRefusedError):
                reason = "connection refused (is `interviewer serve` running there?)"
                break
            if isinstance(cause, socket.gaierror):
                reason = "unknown host name"
                break
            cause = cause.__cause__ or cause.__context__
        if reason == "the connection broke" and isinstance(exc, httpx.ConnectError):
            reason = f"cannot connect ({exc})" if str(exc) else "cannot connect"
        where = f"cannot reach the interviewer server at {self.url}"
        return ServerUnreachableError(f"{where}: {reason}")

    def error_of(self, response: httpx.Response) -> AppError:
        """The server's `{"error": "..."}` as the error a local call would have raised."""
        status = response.status_code
        message: str | None = None
        with contextlib.suppress(ValueError, KeyError, TypeError, UnicodeDecodeError):
            found = response.json()["error"]
            message = found if isinstance(found, str) else None
        if message is None:  # not our server's answer: a proxy, a load balancer, another app
            text = f"the server at {self.url} answered HTTP {status} {response.reason_phrase}"
            return ServerUnreachableError(text) if status in RETRYABLE_STATUS else ServerError(text)
        if status == 401:
            if message.startswith("not logged in"):
                return NotLoggedInError(message)
            return AuthError(message)
        if status == 404:
            return NotFoundError(message)
        if status == 409:
            return ConflictError(message)
        if status == 422:
            return ValidationError(message)
        if status == 502:
            return ModelError(message)
        if status in RETRYABLE_STATUS:
            return ServerUnreachableError(f"the server at {self.url} is unavailable: {message}")
        if status >= 500:
            return ServerError(f"the server at {self.url} failed: {message}")
        return UsageError(message)

    # -- the login ----------------------------------------------------------------------------

    def not_logged_in(self) -> NotLoggedInError:
        return NotLoggedInError(f"not logged in on {self.url}: run `interviewer login`")

    def tokens(self) -> LoginTokens:
        """What the shell's edge keeps for this server (NotLoggedInError when nothing)."""
        if self.login is None:
            raise self.not_logged_in()
        return self.login.tokens()

    def session(self) -> LoginTokens:
        """The stored login with an access token that is good for a while (renewed if not)."""
        stored = self.tokens()
        if fresh_enough(stored):
            return stored
        return self.refresh(stored)

    def refresh(self, seen: LoginTokens) -> LoginTokens:
        """New tokens after `seen` was refused or is about to expire: the edge rotates them (one
        command of this computer at a time) and keeps what comes back."""
        if self.login is None:
            raise self.not_logged_in()
        return self.login.renewed(seen)

    def rotate(self, tokens: LoginTokens) -> dict[str, Any]:
        """POST /v1/sessions/refresh: the server's answer with the next tokens; AuthError when
        the login cannot go on. Keeps nothing."""
        response = self.send(
            "POST", "v1/sessions/refresh", json={"refresh_token": tokens.refresh_token}
        )
        if response.status_code != 200:
            raise self.error_of(response)
        body: dict[str, Any] = response.json()
        return body

    # -- requests -----------------------------------------------------------------------------

    def send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        idempotent: bool = False,
        timeout: float | None = None,
    ) -> httpx.Response:
        """One request, no error mapping beyond the transport's (ServerUnreachableError). A GET
        is tried again at once when the connection broke (reading twice is harmless), and so is
        a write the caller marks `idempotent` (it carries an id the server dedupes by); any other
        write is not: the server may have done it already. `timeout`: shorter than the
        setting's, for a caller that cannot wait (a hang-up)."""
        tries = GET_TRIES if method == "GET" or idempotent else 1
        extra: dict[str, Any] = {} if timeout is None else {"timeout": min(timeout, self.timeout)}
        for attempt in range(1, tries + 1):
            try:
                return self.client.request(
                    method, path, json=json, params=params, headers=headers, **extra
                )
            except httpx.TimeoutException as exc:
                raise self.unreachable(exc) from None
            except httpx.HTTPError as exc:
                if attempt == tries:
                    raise self.unreachable(exc) from None
        raise AssertionError("unreachable")

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        idempotent: bool = False,
        timeout: float | None = None,
    ) -> httpx.Response:
        """A request as the logged-in user (refreshing once on a 401); 4xx/5xx raise.
        `idempotent`, `timeout`: see `send`."""

        def once(headers: dict[str, str] | None) -> httpx.Response:
            return self.send(
                method,
                path,
                json=json,
                params=params,
                headers=headers,
                idempotent=idempotent,
                timeout=timeout,
            )

        if not auth:
            response = once(None)
        else:
            stored = self.session()
            response = once(bearer(stored))
            if response.status_code == 401:
                stored = self.refresh(stored)
                response = once(bearer(stored))
        if response.status_code >= 400:
            raise self.error_of(response)
        return response

    def get_json(self, path: str, **params: Any) -> Any:
        clean = {k: v for k, v in params.items() if v is not None}
        return self.call("GET", path, params=clean or None).json()

    @contextlib.contextmanager
    def events(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        last_event_id: int | None = None,
    ) -> Iterator[Iterator[ServerSentEvent]]:
        """A Server-Sent Events response as its events; a broken stream raises
        ServerUnreachableError from the iterator."""
        from httpx_sse import connect_sse

        timeout = httpx.Timeout(
            max(self.timeout, STREAM_READ_TIMEOUT), connect=min(self.timeout, 10.0)
        )
        stored = self.session()
        for attempt in (1, 2):
            headers = {**bearer(stored), "Accept": "text/event-stream"}
            if last_event_id:
                headers["Last-Event-ID"] = str(last_event_id)
            try:
                with connect_sse(
                    self.client,
                    method,
                    path,
                    json=json,
                    params={"deltas": "true"},
                    headers=headers,
                    timeout=timeout,
                ) as source:
                    response = source.response
                    if response.status_code == 401 and attempt == 1:
                        response.read()
                        stored = self.refresh(stored)
                        continue
                    if response.status_code != 200:
                        response.read()
                        raise self.error_of(response)
                    yield self._guarded(source.iter_sse())
                    return
            except httpx.HTTPError as exc:
                raise self.unreachable(exc) from None

    def _guarded(self, events: Iterator[ServerSentEvent]) -> Iterator[ServerSentEvent]:
        try:
            yield from events
        except httpx.HTTPError as exc:
            raise self.unreachable(exc) from None


def fresh_enough(tokens: LoginTokens) -> bool:
    """The access token is good for a while yet (no refresh needed before using it)."""
    expires = tokens.access_expires_at
    return bool(tokens.access_token and expires and expires - REFRESH_MARGIN > datetime.now(UTC))


def bearer(stored: LoginTokens) -> dict[str, str]:
    return {"Authorization": f"Bearer {stored.access_token}"}
