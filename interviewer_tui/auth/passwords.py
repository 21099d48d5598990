"""Password rules and argon2id hashing (OWASP ASVS 5.0 V6.2, NIST SP 800-63B 3.1.1).

Length rules count the characters the user typed. Passwords are NFKC-normalised before they are
compared or hashed, so the same password typed on two keyboards (composed or decomposed accents,
full-width digits) still matches; measuring after NFKC would count one typed U+FDFA as 18. There is
no composition rule and no truncation: argon2 hashes the whole input. Input longer than
MAX_INPUT_LENGTH is refused before any hashing (a 50 MB "password" would cost seconds of argon2).
"""

from __future__ import annotations

import functools
import gzip
import unicodedata
from importlib import resources
from typing import TYPE_CHECKING

from interviewer_tui.errors import ValidationError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 8
MAX_LENGTH = 256
# What any password field accepts at all, new or old; above MAX_LENGTH so that a password made
# under an older rule (measured after NFKC) still logs in.
MAX_INPUT_LENGTH = 1024

# Above OWASP's floor (m=19 MiB, t=2, p=1): one more pass, about 45 ms on one core. Raising
# these later is safe: older hashes are upgraded at the next login.
TIME_COST = 3
MEMORY_COST_KIB = 19456
PARALLELISM = 1

_COMMON_FILE = "common_passwords.txt.gz"


def normalise(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


@functools.cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type

    return PasswordHasher(
        time_cost=TIME_COST,
        memory_cost=MEMORY_COST_KIB,
        parallelism=PARALLELISM,
        hash_len=32,
        salt_len=16,
        type=Type.ID,
    )


def refuse_oversized(password: str) -> None:
    """ValidationError (exit 2) for input no password can be: checked before any argon2 work."""
    if len(password) > MAX_INPUT_LENGTH:
        raise ValidationError(
            f"the password is too long: at most {MAX_INPUT_LENGTH} characters", field="password"
        )


def hash_password(password: str) -> str:
    refuse_oversized(password)
    return _hasher().hash(normalise(password))


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches; False for a wrong password or a hash we cannot read."""
    from argon2.exceptions import InvalidHashError, VerificationError

    refuse_oversized(password)
    try:
        return _hasher().verify(password_hash, normalise(password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters (or another algorithm) than today's."""
    from argon2.exceptions import InvalidHashError

    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


# A hash of a password no account has, made once with today's parameters and shipped, so an
# unknown user costs one argon2 verification like a wrong password does. Computing it at verify
# time would add a second argon2 run to the first unknown-user login of every process (issue 11,
# item 20). A test fails when the parameters above change and this is not regenerated.
DUMMY_HASH = (
    "$argon2id$v=19$m=19456,t=3,p=1$kVySFQH/51mPvPvLz0aW7g"
    "$hsI2fFdq6MgT6bjDO8Q7Ylts70z4gdGnt2v0K3gaSXQ"
)


@functools.cache
def dummy_hash() -> str:
    """The shipped hash; should it be stale (other parameters), one made now, once per process."""
    if needs_rehash(DUMMY_HASH):
        return hash_password("dummy password that no account has")
    return DUMMY_HASH


def burn_verification(password: str) -> None:
    """Spend one verification's work, so an unknown account answers as slowly as a known one."""
    verify_password(dummy_hash(), password)


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list (lower-cased); the data file's header names its source and licence."""
    data = resources.files(__package__).joinpath(_COMMON_FILE).read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def check_new_password(password: str, *, username: str, email: str) -> None:
    """Refuse passwords that are too short, too long, very common, or the account's own name.

    Lengths count the characters as typed (code points before NFKC)."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            f"the password is too short: use at least {MIN_LENGTH} characters "
            "(a few unrelated words make a good one)",
            field="password",
        )
    if len(password) > MAX_LENGTH:
        raise ValidationError(
            f"the password is too long: use at most {MAX_LENGTH} characters", field="password"
        )
    normal = normalise(password)
    folded = normal.casefold()
    if folded.strip() in common_passwords():
        raise ValidationError(
            "that password is one of the most commonly used ones: choose another", field="password"
        )
    email_folded = email.casefold()
    own = {username.casefold(), email_folded, email_folded.split("@", 1)[0]}
    if folded in own:
        raise ValidationError(
            "the password must not be your username or email address", field="password"
        )
