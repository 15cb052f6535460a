"""A forgotten password, reset by a link sent by e-mail.

The link carries the user's id and a fingerprint of the password hash and the session token,
signed with SECRET_KEY (itsdangerous, its own salt) and dated: it stops working after
PASSWORD_RESET_MAX_AGE, and once used (the password and the session token change, so the
fingerprint no longer matches). The request page answers the same whatever was typed: nobody
learns from it whether a login or an address exists."""

from __future__ import annotations

import hashlib

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, or_, select

from olympiad import audit
from olympiad.auth.passwords import hash_password, verify_password
from olympiad.auth.services import PasswordRefused
from olympiad.extensions import db
from olympiad.links import public_url
from olympiad.models import OutboxMessage, User

SALT = "olympiad-password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(user: User) -> str:
    text = f"{user.password_hash}|{user.session_token}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def make_token(user: User) -> str:
    return _serializer().dumps({"u": user.id, "f": _fingerprint(user)})


def user_of(token: str) -> User | None:
    """The user the link is for, or None when it is forged, expired, used or the account off."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or not user.active or data.get("f") != _fingerprint(user):
        return None
    return user


def matching(text: str) -> list[User]:
    """Active accounts whose login or e-mail address is `text` (any case)."""
    text = text.strip().lower()
    if not text:
        return []
    query = select(User).where(
        User.active, or_(func.lower(User.login) == text, func.lower(User.email) == text)
    )
    return [user for user in db.session.scalars(query) if user.email]


def request_reset(text: str) -> None:
    """Queue a reset link for each account the text names; nothing said either way."""
    for user in matching(text):
        link = public_url() + url_for("auth.reset_password", token=make_token(user))
        minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
        with force_locale("ru"):
            subject = _("Восстановление пароля")
            body = _(
                "Здравствуйте, %(name)s!\n\nКто-то (возможно, вы) попросил сменить пароль "
                "для входа под логином %(login)s. Чтобы задать новый пароль, откройте "
                "ссылку:\n\n%(link)s\n\nСсылка действует %(minutes)s мин. и только один раз. "
                "Если вы не просили сменить пароль, ничего не делайте: старый пароль "
                "продолжает действовать.",
                name=user.full_name,
                login=user.login,
                link=link,
                minutes=minutes,
            )
        db.session.add(
            OutboxMessage(kind="password_reset", recipient=user.email, subject=subject, body=body)
        )
        audit.record(None, "password_reset_requested", user)
    db.session.flush()


def reset_password(user: User, new: str) -> None:
    """Set the new password by the link (the same rules as a change); the link is spent."""
    if new.strip().casefold() == user.login.strip().casefold():
        raise PasswordRefused("new", _("Пароль не должен совпадать с логином."))
    if verify_password(user.password_hash, new):
        raise PasswordRefused("new", _("Новый пароль совпадает с текущим: придумайте другой."))
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.end_sessions()
    audit.record(user, "password_reset", user)
