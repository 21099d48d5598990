"""Access tokens (JWT, RFC 8725), opaque refresh and reset tokens, and the signing secret.

Access tokens are short-lived HS256 JWTs that let a command know who is logged in without
touching argon2 or the refresh-token rows. They carry an explicit type twice: the header `typ`
`at+jwt` (RFC 9068) and a `typ` claim `access`; refresh and reset tokens are opaque random strings,
so neither can ever pass for an access token. Only SHA-256 digests of opaque tokens are stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import stat
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from interviewer_tui.errors import UsageError

ALGORITHM = "HS256"
ISSUER = "interviewer"
ACCESS_TYP = "access"
HEADER_TYP = "at+jwt"
MIN_SECRET_BYTES = 32
SECRET_FILE = "jwt_secret"
REQUIRED_CLAIMS = ("sub", "iat", "exp", "jti", "iss", "aud", "typ", "sid")
# tolerated clock difference for `iat` (two processes on one machine, or a team box)
_SKEW = timedelta(seconds=5)


class InvalidAccessToken(Exception):
    """The cached access token cannot be used; the caller refreshes instead. Never shown as is."""


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    family_id: str
    issued_at: datetime
    expires_at: datetime
    jti: str


def new_opaque_token() -> str:
    """256 random bits, URL-safe: used for refresh tokens and password-reset codes."""
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What we store instead of an opaque token: its hex SHA-256 (tokens are high-entropy, so a
    fast hash is enough; a database leak gives nothing that can be presented)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_family_id() -> str:
    return secrets.token_hex(8)


AUDIENCE_PREFIX = "interviewer:"


def audience_for(secret: bytes, configured: str | None = None) -> str:
    """The deployment's name in its tokens: `INTERVIEWER_TOKEN_AUDIENCE` when set, else one
    derived from the signing key (so every replica sharing the key agrees without more config).

    It is stable: moving the database, renaming its file or adding a replica does not change it.
    Binding a token to one database is the family check's job (each command, each request, finds
    the token's `sid` live in *its* database), not the audience's. A token carrying another
    audience (one issued before this rule, when it was derived from the database URL) is simply
    invalid: the caller refreshes it, the user never notices.
    """
    if configured:
        return configured
    import hmac

    tag = hmac.new(secret, b"interviewer token audience", hashlib.sha256).hexdigest()[:16]
    return f"{AUDIENCE_PREFIX}{tag}"


def load_secret(configured: str | None, data_dir: Path) -> bytes:
    """`INTERVIEWER_JWT_SECRET` if set, else the secret kept in the data dir, made on first use.

    A secret shorter than 32 bytes is refused (RFC 7518 3.2: the HS256 key must be at least as
    long as the hash output).
    """
    if configured is not None:
        raw = configured.encode("utf-8")
        if len(raw) < MIN_SECRET_BYTES:
            raise UsageError(
                f"INTERVIEWER_JWT_SECRET is too short ({len(raw)} bytes): use at least "
                f"{MIN_SECRET_BYTES} random bytes, e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
            )
        return raw
    path = data_dir / SECRET_FILE
    try:
        raw = _read_or_create_secret(path)
        _refuse_if_shared(path)
    except OSError as exc:
        raise UsageError(
            f"cannot read or create the signing secret {path}: {exc.strerror}"
        ) from None
    if len(raw) < MIN_SECRET_BYTES:
        raise UsageError(
            f"the signing secret in {path} is shorter than {MIN_SECRET_BYTES} bytes: delete the "
            "file (everyone will have to log in again) or set INTERVIEWER_JWT_SECRET"
        )
    return raw


def _refuse_if_shared(path: Path) -> None:
    """A key other users could read is refused rather than quietly tightened: whoever read it can
    mint access tokens, so the owner must decide between keeping it and replacing it."""
    if os.name == "nt":
        return  # no POSIX mode bits; the profile folder's ACL protects it
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise UsageError(
            f"the signing secret {path} is readable by other users (mode {mode:04o}): run "
            f"`chmod 600 {path}` if nobody else could have read it, or delete it to make a new "
            "one (everyone will have to log in again)"
        )


def _read_or_create_secret(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        value = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=")
        try:
            # O_EXCL: two processes starting at once agree on one secret (the loser reads it).
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(value + b"\n")
            return value
    return path.read_bytes().strip()


def issue_access_token(
    secret: bytes, *, user_id: int, family_id: str, audience: str, now: datetime, ttl_seconds: int
) -> tuple[str, datetime]:
    issued = int(now.timestamp())
    expires = issued + ttl_seconds
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": audience,
        "sub": str(user_id),
        "sid": family_id,
        "typ": ACCESS_TYP,
        "iat": issued,
        "exp": expires,
        "jti": uuid.uuid4().hex,
    }
    return _encode_hs256(claims, secret), datetime.fromtimestamp(expires, UTC)


def verify_access_token(secret: bytes, token: str, *, audience: str, now: datetime) -> AccessClaims:
    """Check signature (HS256 only), issuer, audience, type and lifetime; InvalidAccessToken if not.

    Expiry is checked against the app's clock (not the system time) so tests can move time; the
    claims are still required to be present.
    """
    claims = _decode_hs256(token, secret)
    missing = [name for name in REQUIRED_CLAIMS if name not in claims]
    if missing:
        raise InvalidAccessToken(f"missing claim {missing[0]}")
    if claims["iss"] != ISSUER:
        raise InvalidAccessToken("wrong issuer")
    aud = claims["aud"]
    if not (aud == audience or (isinstance(aud, list) and audience in aud)):
        raise InvalidAccessToken("wrong audience")
    if claims.get("typ") != ACCESS_TYP:
        raise InvalidAccessToken("wrong token type")
    try:
        user_id = int(claims["sub"])
        issued = datetime.fromtimestamp(int(claims["iat"]), UTC)
        expires = datetime.fromtimestamp(int(claims["exp"]), UTC)
        family_id = str(claims["sid"])
        jti = str(claims["jti"])
    except (TypeError, ValueError, OverflowError):
        raise InvalidAccessToken("malformed claims") from None
    if now >= expires:
        raise InvalidAccessToken("expired")
    if issued > now.replace(microsecond=0) + _SKEW:
        raise InvalidAccessToken("issued in the future")
    return AccessClaims(
        user_id=user_id, family_id=family_id, issued_at=issued, expires_at=expires, jti=jti
    )


# -- the JWS compact form, HS256 only (RFC 7515, RFC 8725 3.1) -------------------------------------
# Written out with the standard library (hmac, json, base64) instead of PyJWT: every command
# verifies a token, and PyJWT loads `cryptography` for the algorithms we never accept, about a
# sixth of a read command's start-up (issue 16). tests/auth/test_tokens.py checks both directions
# against PyJWT.


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    if not text or not set(text) <= _B64URL:
        raise InvalidAccessToken("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        raise InvalidAccessToken("not base64url") from None


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _sign(signing_input: bytes, secret: bytes) -> bytes:
    return hmac.new(secret, signing_input, hashlib.sha256).digest()


def _encode_hs256(claims: dict[str, Any], secret: bytes) -> str:
    header = {"alg": ALGORITHM, "typ": HEADER_TYP}
    parts = [
        _b64encode(json.dumps(part, separators=(",", ":")).encode("utf-8"))
        for part in (header, claims)
    ]
    signing_input = ".".join(parts).encode("ascii")
    return f"{signing_input.decode('ascii')}.{_b64encode(_sign(signing_input, secret))}"


def _decode_hs256(token: str, secret: bytes) -> dict[str, Any]:
    """The claims of a token signed with `secret`: the header must say HS256 and at+jwt (pinned,
    never taken from the token to choose a key or an algorithm), the signature is compared in
    constant time, and only then is the payload parsed."""
    pieces = token.split(".") if isinstance(token, str) else []
    if len(pieces) != 3:
        raise InvalidAccessToken("not a JWS compact token")
    header_b64, payload_b64, signature_b64 = pieces
    header = _json_object(_b64decode(header_b64))
    if header.get("alg") != ALGORITHM:
        raise InvalidAccessToken("algorithm not allowed")
    if header.get("typ") != HEADER_TYP:
        raise InvalidAccessToken("wrong header type")
    if "crit" in header:
        raise InvalidAccessToken("critical header parameters are not supported")
    expected = _sign(f"{header_b64}.{payload_b64}".encode("ascii"), secret)
    if not hmac.compare_digest(expected, _b64decode(signature_b64)):
        raise InvalidAccessToken("bad signature")
    return _json_object(_b64decode(payload_b64))


def _json_object(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InvalidAccessToken("not JSON") from None
    if not isinstance(value, dict):
        raise InvalidAccessToken("not a JSON object")
    return value
