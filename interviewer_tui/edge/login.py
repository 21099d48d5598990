"""This computer's login for one place (a database or a server): the only code that opens the
session store (`auth/session_store.py`, keyring or 0600 file).

The shells resolve who acts here once, at their edge (`StoredLogin.identity()`), and pass it into
every port call; the port (`services/port.py`) only ever sees tokens handed to it and hands new
ones back (`Issued`), which this module saves. Refreshing is this module's job too: of the
commands of this computer that find the access token expired at once, one rotates the refresh
token under the store's file lock (through `Application.refresh`) while the others wait and then
use what it saved, instead of presenting the rotated token, which would end the login. A remote
application gets its tokens from here (`use_login(self)`: `tokens`, `renewed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer_tui.auth.login_tokens import LoginTokens
    from interviewer_tui.auth.session_store import SessionStore
    from interviewer_tui.services.account_views import (
        Identity,
        Issued,
        LoginResult,
        SessionInfo,
        UserPublic,
        WhoAmI,
    )
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.port import Application


class StoredLogin:
    """The account use cases as a shell calls them: who acts comes from the tokens kept here,
    and whatever the port issues is kept here. Cheap to build: the store is opened (and the
    settings read) on first use, in the shell's worker."""

    def __init__(self, app: Application, ctx: AppContext) -> None:
        self.app = app
        self._ctx = ctx
        self._store: SessionStore | None = None

    @property
    def store(self) -> SessionStore:
        if self._store is None:
            from interviewer_tui.auth.session_store import SessionStore

            settings = self._ctx.settings
            self._store = SessionStore(
                mode=settings.session_store,
                database_key=self.app.login_key,
                state_dir=settings.paths.state,
            )
            self.app.use_login(self)
        return self._store

    # -- who acts ---------------------------------------------------------------------------------

    def identity(self) -> Identity:
        """Who is logged in here and through which login, refreshing the tokens if they need it
        (NotLoggedInError, exit 3, when nothing is kept or the login has ended)."""
        stored = self.store.load()
        if stored is None:
            raise self.app.no_login()
        found = self.app.authenticate(stored)
        if found is not None:
            return found
        with self.store.refresh_lock():
            current = self._kept()
            if current.refresh_token != stored.refresh_token and current.access_token:
                # another command refreshed while this one waited: use what it saved
                found = self.app.authenticate(current)
                if found is not None:
                    return found
            return self._refresh(current).identity

    def current_user(self) -> UserPublic:
        return self.identity().user

    def tokens(self) -> LoginTokens:
        """What is kept for this place (for a remote application's requests)."""
        return self._kept()

    def renewed(self, seen: LoginTokens) -> LoginTokens:
        """New tokens after `seen` was refused or ran out: rotated by one command at a time."""
        with self.store.refresh_lock():
            current = self._kept()
            if current.refresh_token != seen.refresh_token and current.access_token:
                return current  # rotated by another command meanwhile
            return self._refresh(current).tokens

    def _kept(self) -> LoginTokens:
        stored = self.store.load()
        if stored is None:
            raise self.app.no_login()
        return stored

    def _refresh(self, tokens: LoginTokens) -> Issued:
        """Called with the refresh lock held; a login that cannot go on is forgotten here."""
        from interviewer_tui.errors import AuthError

        try:
            issued = self.app.refresh(tokens)
        except AuthError:
            self.store.clear()
            raise
        self.store.save(issued.tokens)
        return issued

    # -- logging in and out -----------------------------------------------------------------------

    def login(self, *, identifier: str, password: str) -> LoginResult:
        """Log in and keep the tokens here; a login kept here before is ended by the new one."""
        from interviewer_tui.errors import UsageError
        from interviewer_tui.services.account_views import LoginResult

        try:
            previous = self.store.load()
        except UsageError:
            previous = None  # an unreadable store holds nothing to end
        issued = self.app.login(identifier=identifier, password=password, replacing=previous)
        saved = self.store.save(issued.tokens)
        expires = issued.tokens.access_expires_at
        assert expires is not None
        return LoginResult(
            user=issued.identity.user,
            session_store=saved.store,
            access_expires_at=expires,
            notice=saved.notice,
            server=self.app.server,
            login_id=issued.identity.login_id,
        )

    def register_and_login(self, *, username: str, email: str, password: str) -> LoginResult:
        """Create the account, then log it in: what both shells offer as one step."""
        user = self.app.register(username=username, email=email, password=password)
        return self.login(identifier=user.username, password=password)

    def logout(self, *, everywhere: bool = False) -> None:
        if everywhere:
            self.app.logout_everywhere(self.identity())
        else:
            self.app.logout(self._kept())
        self.store.clear()

    def whoami(self) -> WhoAmI:
        from interviewer_tui.services.account_views import WhoAmI

        me = self.identity()
        return WhoAmI(
            user=me.user,
            session_expires_at=self.app.login_expires_at(me),
            session_store=self.store.location(),
            server=self.app.server,
        )

    def list_sessions(self) -> list[SessionInfo]:
        return self.app.list_sessions(self.identity())

    def revoke_session(self, *, session_id: str) -> None:
        if self.app.revoke_session(self.identity(), session_id=session_id):
            self.store.clear()  # this computer's own login: nothing kept is good any more

    # -- passwords and the account ----------------------------------------------------------------

    def change_password(self, *, current_password: str, new_password: str) -> None:
        """Ends every login of the account; this computer goes on with the fresh one."""
        me = self.identity()
        issued = self.app.change_password(
            me, current_password=current_password, new_password=new_password
        )
        self.store.save(issued.tokens)

    def reset_password(self, *, token: str, new_password: str) -> None:
        if self.app.reset_password(token=token, new_password=new_password):
            self.store.clear()

    def delete_account(self, *, password: str) -> None:
        self.app.delete_account(self.identity(), password=password)
        self.store.clear()
