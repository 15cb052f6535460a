"""Operations on the schools registry. They flush; the view commits."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from olympiad import audit
from olympiad.actions import Refused
from olympiad.extensions import db
from olympiad.models import School, User
from olympiad.models.base import utcnow
from olympiad.versions import is_stale


class SchoolError(Refused):
    """A refused change, with a message for the user."""


@dataclass
class SchoolData:
    full_name: str
    short_name: str
    municipality: str = ""
    contact: str = ""


def search_query(q: str = "", archived: bool = False):
    query = select(School).order_by(School.municipality, School.short_name)
    query = query.where(
        School.archived_at.is_not(None) if archived else School.archived_at.is_(None)
    )
    if q:
        pattern = f"%{q.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(School.full_name).like(pattern),
                func.lower(School.short_name).like(pattern),
                func.lower(School.municipality).like(pattern),
            )
        )
    return query


def school_choices() -> list[tuple[int, str]]:
    schools = db.session.scalars(
        select(School).where(School.archived_at.is_(None)).order_by(School.short_name)
    )
    return [(0, _("— не выбрана —"))] + [(s.id, s.full_name) for s in schools]


def _check_unique(full_name: str, school_id: int | None = None) -> None:
    query = select(School.id).where(func.lower(School.full_name) == full_name.lower())
    if school_id is not None:
        query = query.where(School.id != school_id)
    if db.session.scalar(query):
        raise SchoolError(_("Школа «%(name)s» уже есть в реестре.", name=full_name))


def create_school(actor: User, data: SchoolData) -> School:
    data = SchoolData(*(value.strip() for value in vars(data).values()))
    _check_unique(data.full_name)
    school = School(**vars(data))
    db.session.add(school)
    db.session.flush()
    audit.record(actor, "school_created", school, new=vars(data))
    return school


def update_school(actor: User, school: School, data: SchoolData, version: int | None) -> None:
    if is_stale(version, school.version):
        raise SchoolError(
            _("Пока вы редактировали, запись изменил другой пользователь. Обновите страницу.")
        )
    data = SchoolData(*(value.strip() for value in vars(data).values()))
    _check_unique(data.full_name, school.id)
    old = {key: getattr(school, key) for key in vars(data)}
    for key, value in vars(data).items():
        setattr(school, key, value)
    db.session.flush()
    audit.record(actor, "school_updated", school, old=old, new=vars(data))


def set_archived(actor: User, school: School, archived: bool) -> None:
    school.archived_at = utcnow() if archived else None
    audit.record(actor, "school_archived" if archived else "school_restored", school)


def delete_school(actor: User, school: School) -> None:
    """Delete a school nothing refers to; otherwise refuse and suggest archiving."""
    try:
        with db.session.begin_nested():
            db.session.delete(school)
            db.session.flush()
    except IntegrityError:
        raise SchoolError(
            _(
                "Школу нельзя удалить: с ней связаны учётные записи, участники или записи плана. "
                "Её можно перенести в архив."
            )
        ) from None
    audit.record(actor, "school_deleted", school, old={"full_name": school.full_name})
