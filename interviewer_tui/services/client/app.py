"""`RemoteApplication`: the application port over a server's `/v1` API.

Identity is the login the shell's edge keeps for that server (in this computer's session store,
keyed by the server's URL) and hands in through `use_login`; the `user_id` the port's methods
take is checked against it and the server decides from the Bearer token. Everything decodes
with the wire codec (`services/wire.py`), the same one the server encodes with.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NoReturn

from interviewer_tui.errors import NotFoundError, UsageError
from interviewer_tui.services.client.http import Connection, stored_from
from interviewer_tui.services.client.outbox import Outbox

if TYPE_CHECKING:
    from interviewer_tui.auth.login_tokens import LoginTokens
    from interviewer_tui.config import Settings
    from interviewer_tui.core.models import InterviewOptions
    from interviewer_tui.errors import AppError
    from interviewer_tui.services.account_views import (
        Identity,
        Issued,
        SessionInfo,
        UserPublic,
    )
    from interviewer_tui.services.client.running import RemoteInterview
    from interviewer_tui.services.client.target import ServerTarget
    from interviewer_tui.services.model_answers import ModelAnswer
    from interviewer_tui.services.port import LoginSource, Reconnecting
    from interviewer_tui.services.views import (
        AttemptComparison,
        Dashboard,
        InterviewDetail,
        InterviewSummary,
        PracticeQuestion,
        Progress,
        RegradeResult,
    )

SESSION_ID = re.compile(r"^[0-9a-f]{1,64}$")
PAGE = 100  # the server's largest page of history


def fetch_detail(conn: Connection, interview_id: int) -> InterviewDetail:
    """`running.fetch_detail`, imported on first use: the read commands (history, whoami) never
    load the running-interview machinery (events, the outbox's streams) (issue 16)."""
    from interviewer_tui.services.client.running import fetch_detail as fetch

    return fetch(conn, interview_id)


def _identity(me: dict[str, Any]) -> Identity:
    from interviewer_tui.services.account_views import Identity

    return Identity(user=_user(me["user"]), login_id=str(me["session_id"]))


def _issued(body: dict[str, Any]) -> Issued:
    """A `/v1/sessions` (login or refresh) answer: whose tokens, and the tokens to keep."""
    from interviewer_tui.services.account_views import Issued

    return Issued(identity=_identity(body), tokens=stored_from(body))


def _user(data: dict[str, Any]) -> UserPublic:
    from interviewer_tui.services.account_views import UserPublic
    from interviewer_tui.services.wire import decode

    return decode(UserPublic, data)


class RemoteApplication:
    """The use cases, each one or two HTTP requests; blocking (call from worker threads)."""

    def __init__(self, target: ServerTarget, settings: Settings) -> None:
        self.target = target
        self.settings = settings
        self.conn = Connection(target, settings)
        self.outbox = Outbox(settings.paths.state, server=target.key)
        self._listener: Reconnecting | None = None

    @property
    def server(self) -> str | None:
        return self.target.url

    @property
    def smtp_configured(self) -> bool:
        return True  # the server decides, and says so when it cannot mail

    def model_label(self, *, offline: bool) -> tuple[str, str]:
        if offline:
            return ("offline", "built-in question bank")
        return ("server", self.target.label)

    def watch_connection(self, callback: Reconnecting | None) -> None:
        self._listener = callback

    def saved_theme(self) -> str | None:
        from interviewer_tui.services import preferences

        return preferences.read_theme(self.settings.paths.state)

    def save_theme(self, theme: str) -> None:
        from interviewer_tui.services import preferences

        preferences.write_theme(self.settings.paths.state, theme)

    # -- accounts -------------------------------------------------------------------------------

    @property
    def login_key(self) -> str:
        return self.target.key

    def use_login(self, source: LoginSource | None) -> None:
        self.conn.login = source

    def no_login(self) -> AppError:
        return self.conn.not_logged_in()

    def authenticate(self, tokens: LoginTokens) -> Identity | None:
        """GET /v1/me with `tokens` (None, without a request, when they are about to expire)."""
        from interviewer_tui.services.client.http import bearer, fresh_enough

        if not fresh_enough(tokens):
            return None
        response = self.conn.send("GET", "v1/me", headers=bearer(tokens))
        if response.status_code == 401:
            return None
        if response.status_code >= 400:
            raise self.conn.error_of(response)
        return _identity(response.json())

    def refresh(self, tokens: LoginTokens) -> Issued:
        return _issued(self.conn.rotate(tokens))

    def register(self, *, username: str, email: str, password: str) -> UserPublic:
        response = self.conn.call(
            "POST",
            "v1/accounts",
            json={"username": username, "email": email, "password": password},
            auth=False,
        )
        if response.status_code == 202:  # this server verifies addresses first
            raise UsageError(
                f"{response.json().get('message', 'verification email sent')}; then run "
                "`interviewer login`"
            )
        return _user(response.json())

    def login(
        self, *, identifier: str, password: str, replacing: LoginTokens | None = None
    ) -> Issued:
        response = self.conn.call(
            "POST",
            "v1/sessions",
            json={"identifier": identifier, "password": password},
            auth=False,
        )
        issued = _issued(response.json())
        if replacing is not None and replacing.access_token:
            self._end_quietly(replacing.access_token)  # a newer login here replaces it
        return issued

    def _end_quietly(self, access_token: str) -> None:
        import contextlib

        from interviewer_tui.errors import AppError

        # best effort: the server ends an unused login when it expires anyway
        with contextlib.suppress(AppError):
            self.conn.send(
                "POST",
                "v1/sessions/logout",
                json={"everywhere": False},
                headers={"Authorization": f"Bearer {access_token}"},
            )

    def logout(self, tokens: LoginTokens) -> None:
        """Presented through the login source (renewed once if the server refuses the access
        token), as every request is; a login the server has already ended is no error."""
        from interviewer_tui.errors import AuthError

        with contextlib.suppress(AuthError):
            self.conn.call("POST", "v1/sessions/logout", json={"everywhere": False})

    def logout_everywhere(self, caller: Identity) -> None:
        self.conn.call("POST", "v1/sessions/logout", json={"everywhere": True})

    def login_expires_at(self, caller: Identity) -> datetime:
        current = next((s for s in self.list_sessions(caller) if s.current), None)
        if current is not None:
            return current.expires_at
        return _time(self.conn.get_json("v1/me")["access_expires_at"])

    def list_sessions(self, caller: Identity) -> list[SessionInfo]:
        from interviewer_tui.services.account_views import SessionInfo
        from interviewer_tui.services.wire import decode

        return [decode(SessionInfo, row) for row in self.conn.get_json("v1/sessions")]

    def revoke_session(self, caller: Identity, *, session_id: str) -> bool:
        if not SESSION_ID.fullmatch(session_id):
            raise NotFoundError(f"no active session '{session_id}'")
        self.conn.call("DELETE", f"v1/sessions/{session_id}")
        return False  # as before: the next request finds out whether it was this one

    def change_password(
        self, caller: Identity, *, current_password: str, new_password: str
    ) -> Issued:
        """The server ends every login of the account; this one logs in again at once with the
        new password, as a local change keeps this computer's session."""
        self.conn.call(
            "POST",
            "v1/password/change",
            json={"current_password": current_password, "new_password": new_password},
        )
        return self.login(identifier=caller.user.username, password=new_password)

    def forgot_password(self, *, email: str) -> str:
        response = self.conn.call("POST", "v1/password/forgot", json={"email": email}, auth=False)
        return str(response.json().get("message", "a reset link is on its way"))

    def reset_password(self, *, token: str, new_password: str) -> bool:
        self.conn.call(
            "POST",
            "v1/password/reset",
            json={"token": token, "new_password": new_password},
            auth=False,
        )
        return True

    def delete_account(self, caller: Identity, *, password: str) -> None:
        self.conn.call("DELETE", "v1/me", json={"password": password})

    # -- interviews -----------------------------------------------------------------------------

    def _check_user(self, user_id: int) -> None:
        if self.conn.tokens().user_id != user_id:
            raise NotFoundError("that account is not the one logged in on this server")

    def dashboard(self, *, user_id: int) -> Dashboard:
        from interviewer_tui.services.views import Dashboard, InterviewSummary
        from interviewer_tui.services.wire import decode

        self._check_user(user_id)
        data = self.conn.get_json("v1/dashboard")
        unfinished = data.get("unfinished")
        return Dashboard(
            unfinished=decode(InterviewSummary, unfinished) if unfinished else None,
            recent=tuple(decode(InterviewSummary, r) for r in data.get("recent", ())),
            trend=tuple(int(x) for x in data.get("trend", ())),
            weakest_topics=tuple(
                (str(t["topic"]), int(t["percent"])) for t in data.get("weakest_topics", ())
            ),
        )

    def progress(self, *, user_id: int) -> Progress:
        from interviewer_tui.services.views import Progress
        from interviewer_tui.services.wire import decode

        self._check_user(user_id)
        return decode(Progress, self.conn.get_json("v1/progress"))

    def take_model_check_offer(self) -> bool:
        return False  # the model key is the server's, not this computer's

    def check_model(self, *, model: str | None = None) -> NoReturn:
        raise UsageError(
            "the model key is held by the server: run `interviewer model check` where it runs"
        )

    # -- the practice loop ------------------------------------------------------------------------

    def plan_practice(
        self, *, user_id: int, count: int = 5, ahead_days: int = 0
    ) -> tuple[PracticeQuestion, ...]:
        from interviewer_tui.services.views import PracticeQuestion
        from interviewer_tui.services.wire import decode

        self._check_user(user_id)
        data = self.conn.get_json("v1/practice/plan", count=count, ahead_days=ahead_days)
        return tuple(decode(PracticeQuestion, item) for item in data)

    def start_practice(
        self,
        *,
        user_id: int,
        count: int = 5,
        ahead_days: int = 0,
        offline: bool = False,
        login_id: str | None = None,
    ) -> RemoteInterview:
        self._check_user(user_id)
        body = {"count": count, "ahead_days": ahead_days, "offline": offline, "id": _request_id()}
        created = self.conn.call("POST", "v1/practice", json=body, idempotent=True).json()
        return self._running(user_id, fetch_detail(self.conn, int(created["id"])), resumed=False)

    def start_retry(
        self,
        *,
        user_id: int,
        interview_id: int,
        question_number: int,
        offline: bool = False,
        login_id: str | None = None,
    ) -> RemoteInterview:
        self._check_user(user_id)
        body = {"question_number": question_number, "offline": offline, "id": _request_id()}
        path = f"v1/interviews/{interview_id}/retry"
        created = self.conn.call("POST", path, json=body, idempotent=True).json()
        return self._running(user_id, fetch_detail(self.conn, int(created["id"])), resumed=False)

    def compare_attempts(self, *, user_id: int, retry_id: int) -> AttemptComparison:
        from interviewer_tui.services.views import AttemptComparison
        from interviewer_tui.services.wire import decode

        self._check_user(user_id)
        return decode(AttemptComparison, self.conn.get_json(f"v1/interviews/{retry_id}/comparison"))

    def regrade(
        self, *, user_id: int, interview_id: int, offline: bool = False, model: str | None = None
    ) -> RegradeResult:
        from interviewer_tui.services.views import RegradeResult
        from interviewer_tui.services.wire import decode

        self._check_user(user_id)
        body = {"offline": offline or model is None, "model": model}
        data = self.conn.call("POST", f"v1/interviews/{interview_id}/regrade", json=body).json()
        return decode(RegradeResult, data)

    def list_interviews(
        self,
        *,
        user_id: int,
        status: str | None = None,
        search: str | None = None,
        limit: int = 50,
    ) -> list[InterviewSummary]:
        from interviewer_tui.services.views import InterviewSummary
        from interviewer_tui.services.wire import decode

        self._check_user(user_id)
        rows: list[InterviewSummary] = []
        offset: int | None = 0
        while offset is not None and len(rows) < limit:
            page = self.conn.get_json(
                "v1/interviews",
                status=status,
                search=search or None,
                limit=min(PAGE, limit - len(rows)),
                offset=offset,
            )
            rows.extend(decode(InterviewSummary, item) for item in page["items"])
            offset = page.get("next_offset")
        return rows[:limit]

    def get_interview(self, *, user_id: int, interview_id: int) -> InterviewDetail:
        self._check_user(user_id)
        return fetch_detail(self.conn, interview_id)

    def delete_interview(self, *, user_id: int, interview_id: int) -> None:
        self._check_user(user_id)
        self.conn.call("DELETE", f"v1/interviews/{interview_id}")

    def model_answer(self, *, user_id: int, interview_id: int, question_number: int) -> ModelAnswer:
        from interviewer_tui.services.model_answers import ModelAnswer
        from interviewer_tui.services.wire import decode

        self._check_user(user_id)
        path = f"v1/interviews/{interview_id}/questions/{question_number}/model-answer"
        return decode(ModelAnswer, self.conn.get_json(path))

    def export_interview(self, *, user_id: int, interview_id: int, fmt: str) -> str:
        self._check_user(user_id)
        wire = "json" if fmt == "json" else "markdown"
        return self.conn.call(
            "GET", f"v1/interviews/{interview_id}/export", params={"format": wire}
        ).text

    def start_interview(
        self,
        *,
        user_id: int,
        options: InterviewOptions,
        offline: bool,
        login_id: str | None = None,
    ) -> RemoteInterview:
        self._check_user(user_id)
        body = {k: v for k, v in asdict(options).items() if v is not None}
        body["topics"] = list(options.topics)
        body["offline"] = offline
        body["id"] = _request_id()
        created = self.conn.call("POST", "v1/interviews", json=body, idempotent=True).json()
        return self._running(user_id, fetch_detail(self.conn, int(created["id"])), resumed=False)

    def resume_interview(
        self, *, user_id: int, interview_id: int | None = None, login_id: str | None = None
    ) -> RemoteInterview:
        """The given interview, else the one with answers waiting here, else the latest
        unfinished one on the server."""
        from interviewer_tui.errors import ConflictError

        self._check_user(user_id)
        if interview_id is None:
            waiting = [a.interview_id for a in self.outbox.pending(user_id=user_id)]
            waiting += self.outbox.paused_here(user_id=user_id)
            if waiting:
                interview_id = waiting[0]
            else:
                unfinished = self.dashboard(user_id=user_id).unfinished
                if unfinished is None:
                    raise NotFoundError(
                        "an unfinished interview not found: see `interviewer history`"
                    )
                interview_id = unfinished.id
        try:
            detail = fetch_detail(self.conn, interview_id)
        except NotFoundError:
            raise NotFoundError(
                f"interview {interview_id} not found: see `interviewer history`"
            ) from None
        status = detail.summary.status
        if status in ("completed", "abandoned"):
            self.outbox.clear_paused(user_id=user_id, interview_id=interview_id)
            raise ConflictError(
                f"interview {interview_id} is {status}; see it with "
                f"`interviewer show {interview_id}`"
            )
        self.outbox.clear_paused(user_id=user_id, interview_id=interview_id)
        return self._running(user_id, detail, resumed=True)

    def _running(self, user_id: int, detail: InterviewDetail, *, resumed: bool) -> RemoteInterview:
        from interviewer_tui.services.client.running import RemoteInterview

        return RemoteInterview(
            self.conn,
            self.outbox,
            user_id=user_id,
            detail=detail,
            retry_seconds=self.settings.server_retry_seconds,
            resumed=resumed,
            watch=lambda: self._listener,
        )

    def close(self) -> None:
        self.conn.close()
        self.outbox.close()


def _time(value: Any) -> datetime:
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _request_id() -> str:
    """An id of our own for a request that creates an interview: when the connection breaks
    before the answer arrives, the request is sent again and the server answers with the
    interview it made, never a second one (nor a second off the day's quota)."""
    import uuid

    return str(uuid.uuid4())
