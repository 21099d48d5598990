"""Password hashing and the password rules (ASVS 5.0 V6.2, V11.4)."""

from __future__ import annotations

import pytest

from interviewer_tui.auth import passwords
from interviewer_tui.errors import ValidationError


def test_hash_is_argon2id_at_or_above_owasp_minimum() -> None:
    from argon2 import extract_parameters

    encoded = passwords.hash_password("plum-kettle-orbit-42")
    params = extract_parameters(encoded)
    assert encoded.startswith("$argon2id$")
    assert params.memory_cost >= 19 * 1024
    assert params.time_cost >= 2
    assert params.parallelism == 1
    assert "plum" not in encoded


def test_verify_accepts_the_password_and_rejects_others() -> None:
    encoded = passwords.hash_password("plum-kettle-orbit-42")
    assert passwords.verify_password(encoded, "plum-kettle-orbit-42")
    assert not passwords.verify_password(encoded, "plum-kettle-orbit-43")
    assert not passwords.verify_password("not a hash", "plum-kettle-orbit-42")


def test_no_truncation_the_last_of_256_characters_counts() -> None:
    long = "x" * 255 + "a"
    encoded = passwords.hash_password(long)
    assert passwords.verify_password(encoded, long)
    assert not passwords.verify_password(encoded, "x" * 255 + "b")


def test_unicode_is_normalised_so_composed_and_decomposed_accents_match() -> None:
    composed = "caf\u00e9-au-lait-matin"
    decomposed = "cafe\u0301-au-lait-matin"
    encoded = passwords.hash_password(composed)
    assert passwords.verify_password(encoded, decomposed)


def test_weaker_or_older_hashes_need_a_rehash() -> None:
    from argon2 import PasswordHasher, Type

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID).hash("pw")
    argon2i = PasswordHasher(type=Type.I).hash("pw")
    assert passwords.needs_rehash(weak)
    assert passwords.needs_rehash(argon2i)
    assert passwords.needs_rehash("$2b$12$bcrypt-or-garbage")
    assert not passwords.needs_rehash(passwords.hash_password("pw"))


def test_shipped_common_password_list_is_large_and_has_the_usual_suspects() -> None:
    common = passwords.common_passwords()
    assert len(common) >= 10_000
    for word in ("123456", "password", "qwerty", "iloveyou", "sunshine", "football"):
        assert word in common
    assert not any(word.startswith("#") for word in common)


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("short1!", "too short"),
        ("x" * 257, "too long"),
        ("password1", "most commonly used"),
        ("PassWord1", "most commonly used"),
        ("iloveyou", "most commonly used"),
        ("Alice_99", "username or email"),
        ("alice_99@example.com", "username or email"),
    ],
)
def test_bad_new_passwords_are_refused_with_a_reason(password: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        passwords.check_new_password(password, username="alice_99", email="alice_99@example.com")
    assert fragment in info.value.message
    assert info.value.field == "password"
    assert password not in info.value.message


@pytest.mark.parametrize(
    "password",
    [
        "plum-kettle-orbit-42",
        "x" * 256,
        "mot de passe très sûr",
        "пароль-надёжный",
        "12345678901234",
    ],
)
def test_good_passwords_pass_without_composition_rules(password: str) -> None:
    passwords.check_new_password(password, username="alice", email="alice@example.com")


def test_length_is_counted_in_characters_not_bytes() -> None:
    passwords.check_new_password("ééééééé€", username="alice", email="alice@example.com")
    with pytest.raises(ValidationError):
        passwords.check_new_password("éééé€€€", username="alice", email="alice@example.com")
