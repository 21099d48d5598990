"""An unknown username costs the same argon2 work as a wrong password, in a fresh process.

Timing tests are flaky on a shared machine, so this counts argon2 calls instead: each login runs
the real CLI in a new Python process (where nothing is cached yet) with argon2-cffi's hash and
verify functions wrapped by counters.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.users import PASSWORD, make_user

COUNTING_CLI = """
import json, sys
import argon2._password_hasher as ph
counts = {"hash": 0, "verify": 0}
real_hash, real_verify = ph.hash_secret, ph.verify_secret
def counted_hash(*a, **k):
    counts["hash"] += 1
    return real_hash(*a, **k)
def counted_verify(*a, **k):
    counts["verify"] += 1
    return real_verify(*a, **k)
ph.hash_secret, ph.verify_secret = counted_hash, counted_verify
from interviewer_tui.cli import main
try:
    main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
with open(sys.argv[1], "w") as fh:
    json.dump({"code": code, **counts}, fh)
"""


def _login_counts(tmp_path: Path, name: str, identifier: str, password: str) -> dict[str, Any]:
    out = tmp_path / f"{name}.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            COUNTING_CLI,
            str(out),
            "login",
            "-u",
            identifier,
            "--password-stdin",
        ],
        input=password + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert out.exists(), proc.stderr
    result: dict[str, Any] = json.loads(out.read_text())
    result["stderr"] = proc.stderr
    return result


def test_unknown_user_costs_one_argon2_verification_like_a_wrong_password(
    actx: Any, tmp_path: Path
) -> None:
    make_user(actx, "alice")
    wrong = _login_counts(tmp_path, "wrong", "alice", PASSWORD + "x")
    unknown = _login_counts(tmp_path, "unknown", "nobody-here", PASSWORD + "x")
    assert wrong["code"] == unknown["code"] == 3
    assert wrong["stderr"] == unknown["stderr"]  # same message too
    assert (wrong["hash"], wrong["verify"]) == (0, 1)
    assert (unknown["hash"], unknown["verify"]) == (0, 1)


def test_the_shipped_dummy_hash_uses_todays_parameters() -> None:
    """If the argon2 parameters change, the constant must be regenerated, or an unknown user
    would cost a different amount of work than a real one."""
    from argon2 import extract_parameters

    from interviewer_tui.auth import passwords

    assert not passwords.needs_rehash(passwords.DUMMY_HASH)
    assert extract_parameters(passwords.DUMMY_HASH) == extract_parameters(
        passwords.hash_password("anything at all")
    )


@pytest.mark.parametrize("stale", ["$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"])
def test_a_stale_dummy_hash_is_replaced_by_one_with_todays_cost(
    stale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interviewer_tui.auth import passwords

    monkeypatch.setattr(passwords, "DUMMY_HASH", stale)
    passwords.dummy_hash.cache_clear()
    try:
        assert not passwords.needs_rehash(passwords.dummy_hash())
    finally:
        passwords.dummy_hash.cache_clear()
