"""Access tokens (RFC 8725 / RFC 9068), opaque tokens and the signing secret."""

from __future__ import annotations

import base64
import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest

from interviewer_tui.auth import tokens
from interviewer_tui.errors import UsageError

SECRET = b"k" * 32
AUD = tokens.audience_for(SECRET)
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
NO_EXP = {"verify_exp": False, "verify_iat": False}


def _issue(**overrides: object) -> str:
    token, _ = tokens.issue_access_token(
        SECRET, user_id=7, family_id="fam", audience=AUD, now=NOW, ttl_seconds=900
    )
    if not overrides:
        return token
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience=AUD, options=NO_EXP)
    claims.update({k: v for k, v in overrides.items() if v is not None})
    for key in [k for k, v in overrides.items() if v is None]:
        claims.pop(key)
    return jwt.encode(claims, SECRET, algorithm="HS256", headers={"typ": "at+jwt"})


def _verify(token: str, *, now: datetime = NOW, audience: str = AUD) -> tokens.AccessClaims:
    return tokens.verify_access_token(SECRET, token, audience=audience, now=now)


def test_round_trip_carries_user_family_and_lifetime() -> None:
    token, expires = tokens.issue_access_token(
        SECRET, user_id=7, family_id="fam", audience=AUD, now=NOW, ttl_seconds=900
    )
    claims = _verify(token)
    assert (claims.user_id, claims.family_id) == (7, "fam")
    assert expires == NOW + timedelta(seconds=900) == claims.expires_at
    payload = jwt.decode(token, SECRET, algorithms=["HS256"], audience=AUD, options=NO_EXP)
    assert set(payload) >= {"sub", "iat", "exp", "jti", "iss", "aud", "typ"}
    assert jwt.get_unverified_header(token)["typ"] == "at+jwt"


def test_each_token_has_its_own_jti() -> None:
    a = jwt.decode(_issue(), SECRET, algorithms=["HS256"], audience=AUD, options=NO_EXP)
    b = jwt.decode(_issue(), SECRET, algorithms=["HS256"], audience=AUD, options=NO_EXP)
    assert a["jti"] != b["jti"]


def test_expiry_follows_the_app_clock() -> None:
    token = _issue()
    _verify(token, now=NOW + timedelta(seconds=899))
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(token, now=NOW + timedelta(seconds=900))


def test_a_token_from_the_future_is_refused() -> None:
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(_issue(), now=NOW - timedelta(minutes=5))


def test_tampered_payload_is_refused() -> None:
    header, payload, signature = _issue().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["sub"] = "8"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(f"{header}.{forged}.{signature}")


def test_wrong_secret_is_refused() -> None:
    token, _ = tokens.issue_access_token(
        b"z" * 32, user_id=7, family_id="fam", audience=AUD, now=NOW, ttl_seconds=900
    )
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(token)


def test_alg_none_is_refused() -> None:
    claims = jwt.decode(_issue(), SECRET, algorithms=["HS256"], audience=AUD, options=NO_EXP)
    unsigned = jwt.encode(claims, None, algorithm="none", headers={"typ": "at+jwt"})
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(unsigned)


@pytest.mark.filterwarnings("ignore:The HMAC key")
def test_another_hmac_algorithm_is_refused_because_hs256_is_pinned() -> None:
    claims = jwt.decode(_issue(), SECRET, algorithms=["HS256"], audience=AUD, options=NO_EXP)
    other = jwt.encode(claims, SECRET, algorithm="HS512", headers={"typ": "at+jwt"})
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(other)


def test_wrong_audience_is_refused() -> None:
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(_issue(), audience=tokens.audience_for(SECRET, "another-deployment"))


def test_wrong_issuer_is_refused() -> None:
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(_issue(iss="someone-else"))


@pytest.mark.parametrize("typ", ["refresh", "reset", "id", ""])
def test_wrong_typ_claim_is_refused(typ: str) -> None:
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(_issue(typ=typ))


def test_wrong_header_typ_is_refused() -> None:
    claims = jwt.decode(_issue(), SECRET, algorithms=["HS256"], audience=AUD, options=NO_EXP)
    plain = jwt.encode(claims, SECRET, algorithm="HS256")  # header typ "JWT"
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(plain)


@pytest.mark.parametrize("claim", ["sub", "iat", "exp", "jti", "iss", "aud", "typ", "sid"])
def test_every_required_claim_must_be_present(claim: str) -> None:
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(_issue(**{claim: None}))


def test_opaque_tokens_cannot_pass_for_access_tokens() -> None:
    refresh = tokens.new_opaque_token()
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(refresh)
    assert len(base64.urlsafe_b64decode(refresh + "=")) == 32  # 256 random bits
    assert tokens.new_opaque_token() != refresh


def test_only_a_sha256_digest_is_stored() -> None:
    import hashlib

    refresh = tokens.new_opaque_token()
    assert tokens.digest(refresh) == hashlib.sha256(refresh.encode()).hexdigest()
    assert refresh not in tokens.digest(refresh)


def test_generated_secret_is_256_bits_mode_0600_and_stable(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = tokens.load_secret(None, data)
    path = data / tokens.SECRET_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert len(base64.urlsafe_b64decode(first + b"=")) == 32
    assert tokens.load_secret(None, data) == first


def test_configured_secret_wins_and_must_be_at_least_32_bytes(tmp_path: Path) -> None:
    assert tokens.load_secret("s" * 32, tmp_path) == b"s" * 32
    assert not (tmp_path / tokens.SECRET_FILE).exists()
    with pytest.raises(UsageError) as info:
        tokens.load_secret("s" * 31, tmp_path)
    assert "too short" in info.value.message
    assert "s" * 31 not in info.value.message


def test_a_short_secret_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / tokens.SECRET_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"short")
    os.close(fd)
    with pytest.raises(UsageError, match="shorter than 32 bytes"):
        tokens.load_secret(None, tmp_path)


# -- the standard-library HS256 codec against PyJWT (issue 16: PyJWT is off the read path) ------


def test_pyjwt_accepts_our_tokens_and_we_accept_its_tokens() -> None:
    ours = _issue()
    header = jwt.get_unverified_header(ours)
    assert header == {"alg": "HS256", "typ": "at+jwt"}
    claims = jwt.decode(ours, SECRET, algorithms=["HS256"], audience=AUD, issuer="interviewer",
                        options=NO_EXP)  # fmt: skip
    theirs = jwt.encode(claims, SECRET, algorithm="HS256", headers={"typ": "at+jwt"})
    assert _verify(theirs) == _verify(ours)


def test_an_audience_list_holding_ours_is_accepted_like_pyjwt_does() -> None:
    assert _verify(_issue(aud=["other", AUD])).user_id == 7
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(_issue(aud=["other"]))


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: "",
        lambda t: "not-a-token",
        lambda t: t + ".extra",
        lambda t: t.rsplit(".", 1)[0],  # no signature part
        lambda t: t.rsplit(".", 1)[0] + ".",  # empty signature
        lambda t: t.rsplit(".", 1)[0] + ".!!!!",  # not base64url
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # another signature
        lambda t: "e30." + t.split(".", 1)[1],  # header {} (no alg)
    ],
)
def test_malformed_tokens_are_refused(mangle: object) -> None:
    assert callable(mangle)
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(mangle(_issue()))


def _signed(header: object, payload: bytes) -> str:
    import hashlib
    import hmac

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    signing_input = f"{b64(json.dumps(header).encode())}.{b64(payload)}"
    mac = hmac.new(SECRET, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(mac)}"


@pytest.mark.parametrize("payload", [b"[1, 2]", b"not json", b"\xff\xfe", b'"text"'])
def test_a_signed_payload_that_is_not_a_json_object_is_refused(payload: bytes) -> None:
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(_signed({"alg": "HS256", "typ": "at+jwt"}, payload))


def test_a_critical_header_is_refused() -> None:
    claims = jwt.decode(_issue(), SECRET, algorithms=["HS256"], audience=AUD, options=NO_EXP)
    token = _signed({"alg": "HS256", "typ": "at+jwt", "crit": ["exp"]}, json.dumps(claims).encode())
    with pytest.raises(tokens.InvalidAccessToken):
        _verify(token)
