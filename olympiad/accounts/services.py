"""Operations on accounts. They flush; the view commits."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from olympiad import audit
from olympiad.actions import Refused
from olympiad.auth.passwords import hash_password, one_time_password
from olympiad.extensions import db
from olympiad.models import Role, School, User


class AccountError(Refused):
    """A refused change, with a message for the user."""


@dataclass
class NewAccount:
    login: str
    full_name: str
    role: Role
    school_id: int | None
    email: str | None = None


def search_query(q: str = "", role: str = ""):
    query = select(User).options(selectinload(User.school)).order_by(User.role, User.full_name)
    if q:
        pattern = f"%{q.strip().lower()}%"
        query = query.where(
            or_(func.lower(User.full_name).like(pattern), func.lower(User.login).like(pattern))
        )
    if role in {r.value for r in Role}:
        query = query.where(User.role == Role(role))
    return query


def _check_school(role: Role, school_id: int | None) -> int | None:
    if role != Role.COORDINATOR:
        return None
    school = db.session.get(School, school_id) if school_id else None
    if school is None or school.is_archived:
        raise AccountError(_("Для координатора выберите действующую школу."))
    return school.id


def create_account(actor: User, data: NewAccount) -> tuple[User, str]:
    """A new account with a one-time password, which is returned to be handed over."""
    login = data.login.strip()
    if db.session.scalar(select(User.id).where(func.lower(User.login) == login.lower())):
        raise AccountError(_("Логин «%(login)s» уже занят.", login=login))
    password = one_time_password()
    user = User(
        login=login,
        full_name=data.full_name.strip(),
        email=data.email or None,
        role=data.role,
        school_id=_check_school(data.role, data.school_id),
        password_hash=hash_password(password),
        must_change_password=True,
    )
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "account_created", user, new={"login": login, "role": data.role.value})
    return user, password


def update_account(actor: User, user: User, full_name: str, email: str | None, school_id) -> None:
    old = {"full_name": user.full_name, "school_id": user.school_id}
    user.full_name = full_name.strip()
    user.email = email or None
    user.school_id = _check_school(user.role, school_id)
    audit.record(
        actor,
        "account_updated",
        user,
        old=old,
        new={"full_name": user.full_name, "school_id": user.school_id},
    )


def set_active(actor: User, user: User, active: bool) -> None:
    if user.id == actor.id and not active:
        raise AccountError(_("Нельзя отключить собственную учётную запись."))
    if user.active == active:
        return
    user.active = active
    if not active:
        user.end_sessions()
    audit.record(
        actor,
        "account_activated" if active else "account_deactivated",
        user,
        old={"active": not active},
        new={"active": active},
    )


def reset_password(actor: User, user: User) -> str:
    password = one_time_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.end_sessions()
    audit.record(actor, "password_reset", user)
    return password
