"""Password hashing with argon2id and one-time passwords the organizer hands out."""

import secrets

import argon2
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

# no 0/O, 1/l/I: a one-time password is read aloud or copied from paper
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _hasher() -> argon2.PasswordHasher:
    profile = getattr(argon2.profiles, current_app.config["PASSWORD_HASH_PROFILE"])
    return argon2.PasswordHasher.from_parameters(profile)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def one_time_password() -> str:
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))
