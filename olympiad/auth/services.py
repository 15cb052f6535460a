"""Authentication and password changes."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from olympiad import audit
from olympiad.auth.passwords import hash_password, verify_password
from olympiad.extensions import db
from olympiad.models import User
from olympiad.models.base import utcnow

# verifying against a real hash even for unknown logins keeps the timing the same
_DUMMY_HASH: dict[str, str] = {}


def find_user(login: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.login) == login.strip().lower()))


def authenticate(login: str, password: str) -> User | None:
    """The active user with this login and password, or None."""
    user = find_user(login)
    if user is None:
        dummy = _DUMMY_HASH.setdefault("hash", hash_password("not-a-password"))
        verify_password(dummy, password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    user.last_login_at = utcnow()
    return user


class PasswordRefused(ValueError):
    """A refused password change: the form field to blame and the message for the user."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password; PasswordRefused if the current one is wrong or the new one is the
    current password or the login again."""
    if not verify_password(user.password_hash, current):
        raise PasswordRefused("current", _("Текущий пароль введён неверно."))
    if new == current:
        raise PasswordRefused("new", _("Новый пароль совпадает с текущим: придумайте другой."))
    if new.strip().casefold() == user.login.strip().casefold():
        raise PasswordRefused("new", _("Пароль не должен совпадать с логином."))
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.end_sessions()
    audit.record(user, "password_changed", user)
