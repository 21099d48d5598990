"""The lease owner is the login (its refresh-token family), not a process (issue 13): the record
names the login an interview is driven for, whoever runs it (a terminal here, or a server
request on the caller's behalf), and ending that login releases what it held."""

from __future__ import annotations

from typing import Any

import pytest

from interviewer_tui.core.models import InterviewOptions
from interviewer_tui.errors import AppError, ConflictError
from interviewer_tui.services import lease
from tests.support.contexts import signed
from tests.support.users import PASSWORD, make_user

from .conftest import ScriptedModel


def _opts() -> InterviewOptions:
    return InterviewOptions(difficulty="easy", topics=("caching",), questions=2)  # type: ignore[arg-type]


def _owner(ctx: Any, interview_id: int) -> lease.LeaseOwner | None:
    from interviewer_tui.store.tables import Interview

    row = ctx.tx(lambda s: s.get(Interview, interview_id))
    return lease.LeaseOwner.parse(row.lease_owner) if row.lease_owner else None


def _app(ctx: Any) -> Any:
    return signed(ctx, lambda _ctx, _offline: ScriptedModel())


def test_two_logins_of_one_user_on_one_machine_hold_leases_by_login(
    actx: Any, second_computer: Any
) -> None:
    make_user(actx, "alice")
    here, there = _app(actx), _app(second_computer)  # two homes: two logins of alice
    here.login(identifier="alice", password=PASSWORD)
    there.login(identifier="alice", password=PASSWORD)
    first, second = here.identity(), there.identity()
    assert first.user == second.user and first.login_id != second.login_id

    runner = here.app.start_interview(
        user_id=first.user.id, options=_opts(), offline=True, login_id=first.login_id
    )
    list(runner.advance())
    owner = _owner(actx, runner.interview_id)
    assert owner is not None and owner.login == first.login_id

    with pytest.raises(ConflictError, match="open elsewhere"):
        there.app.resume_interview(
            user_id=second.user.id, interview_id=runner.interview_id, login_id=second.login_id
        )
    # a second window of the *same* login is still refused: one runner drives at a time
    with pytest.raises(ConflictError, match="open elsewhere"):
        here.app.resume_interview(
            user_id=first.user.id, interview_id=runner.interview_id, login_id=first.login_id
        )

    here.logout()  # ending the first login releases what it held, without waiting for expiry
    taken = there.app.resume_interview(
        user_id=second.user.id, interview_id=runner.interview_id, login_id=second.login_id
    )
    owner = _owner(actx, runner.interview_id)
    assert owner is not None and owner.login == second.login_id
    with pytest.raises(AppError):
        runner.answer("typed in the logged-out window")  # its lease is gone
    taken.answer("answered through the second login")
    taken.close()
    runner._heartbeat.stop()


def test_a_server_request_holds_the_lease_for_its_callers_login(actx: Any) -> None:
    from interviewer_tui.server import port
    from interviewer_tui.services import remote

    make_user(actx, "alice")
    pair = remote.login(actx, identifier="alice", password=PASSWORD, client="test", ttl_seconds=60)
    caller = remote.authenticate(actx, pair.access_token)
    runner = port.start(actx, caller, _opts(), offline=True)
    try:
        owner = _owner(actx, runner.interview_id)
        assert owner is not None and owner.login == caller.login_id
        runner.release()
        again = port.open_runner(actx, caller, runner.interview_id)
        owner = _owner(actx, again.interview_id)
        assert owner is not None and owner.login == caller.login_id
        again.release()
    finally:
        runner._heartbeat.stop()


def test_lease_records_name_their_login() -> None:
    record = lease.LeaseOwner.parse(lease.new_lease_owner("0123456789abcdef"))
    assert record is not None and record.login == "0123456789abcdef"
    assert lease.LeaseOwner.parse(lease.new_lease_owner()).login is None  # type: ignore[union-attr]
    assert len(lease.new_lease_owner("f" * 16)) <= lease.OWNER_MAX


def _held_on_the_other_computer(actx: Any, second_computer: Any) -> tuple[Any, Any, Any]:
    """alice logged in on two computers; the second one has an interview open (its lease)."""
    make_user(actx, "alice")
    here, there = _app(actx), _app(second_computer)
    here.login(identifier="alice", password=PASSWORD)
    there.login(identifier="alice", password=PASSWORD)
    other = there.identity()
    runner = there.app.start_interview(
        user_id=other.user.id, options=_opts(), offline=True, login_id=other.login_id
    )
    list(runner.advance())
    me = here.identity()
    with pytest.raises(ConflictError, match="open elsewhere"):
        here.app.resume_interview(
            user_id=me.user.id, interview_id=runner.interview_id, login_id=me.login_id
        )
    return here, there, runner


def _resumes_at_once(ctx: Any, app: Any, runner: Any) -> None:
    me = app.identity()
    taken = app.app.resume_interview(
        user_id=me.user.id, interview_id=runner.interview_id, login_id=me.login_id
    )
    try:
        owner = _owner(ctx, runner.interview_id)
        assert owner is not None and owner.login == me.login_id
        with pytest.raises(AppError):
            runner.answer("typed on the computer whose login ended")  # its lease is gone
    finally:
        taken.close()
        runner._heartbeat.stop()


def test_a_password_change_frees_the_interview_open_on_the_other_computer(
    actx: Any, second_computer: Any
) -> None:
    here, _there, runner = _held_on_the_other_computer(actx, second_computer)
    here.change_password(current_password=PASSWORD, new_password="An0ther-long-passphrase!")
    _resumes_at_once(actx, here, runner)


def test_logout_everywhere_frees_the_interviews_its_logins_held(
    actx: Any, second_computer: Any
) -> None:
    here, _there, runner = _held_on_the_other_computer(actx, second_computer)
    here.logout(everywhere=True)
    here.login(identifier="alice", password=PASSWORD)
    _resumes_at_once(actx, here, runner)


def test_on_the_server_a_password_change_frees_the_callers_other_logins_leases(
    actx: Any,
) -> None:
    from interviewer_tui.server import port
    from interviewer_tui.services import remote

    make_user(actx, "alice")

    def caller(password: str) -> Any:
        pair = remote.login(
            actx, identifier="alice", password=password, client="test", ttl_seconds=60
        )
        return remote.authenticate(actx, pair.access_token)

    laptop, desktop = caller(PASSWORD), caller(PASSWORD)
    runner = port.start(actx, desktop, _opts(), offline=True)  # held (not released) for desktop
    try:
        remote.change_password(
            actx, laptop, current_password=PASSWORD, new_password="An0ther-long-passphrase!"
        )
        again = port.open_runner(actx, caller("An0ther-long-passphrase!"), runner.interview_id)
        again.release()
    finally:
        runner._heartbeat.stop()
