"""Operations on olympiads. They flush; the view commits."""

from dataclasses import dataclass, fields
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from olympiad import audit
from olympiad.domain.olympiad_rules import (
    GradeGroupError,
    can_move,
    format_grades,
    parse_grades,
    parse_groups,
    registration_is_open,
)
from olympiad.extensions import db
from olympiad.models import (
    GradeGroup,
    Olympiad,
    OlympiadStatus,
    Paper,
    Plan,
    PlanItem,
    PlanSection,
    Role,
    Room,
    User,
)
from olympiad.models.base import utcnow
from olympiad.operations import Refused
from olympiad.versions import is_stale


class OlympiadError(Refused):
    """A refused change, with a message for the user."""


@dataclass
class OlympiadData:
    title: str
    academic_year: str
    held_on: date | None
    venue: str
    grades: str
    groups: str
    registration_opens_on: date | None
    registration_closes_on: date | None
    school_grade_limit: int | None
    plan_item_id: int | None


def visible_query(user: User):
    query = select(Olympiad).order_by(Olympiad.academic_year.desc(), Olympiad.id.desc())
    if user.role != Role.ORGANIZER:
        query = query.where(Olympiad.status != OlympiadStatus.DRAFT)
    return query


def can_see(user: User, olympiad: Olympiad) -> bool:
    return user.role == Role.ORGANIZER or olympiad.status != OlympiadStatus.DRAFT


def registration_open(olympiad: Olympiad, today: date | None = None) -> bool:
    return registration_is_open(
        olympiad.status,
        olympiad.registration_opens_on,
        olympiad.registration_closes_on,
        today or date.today(),
    )


def plan_item_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(PlanItem, Plan.academic_year)
        .join(Plan)
        .where(PlanItem.section.in_([PlanSection.BETWEEN_MEETINGS, PlanSection.DIRECTION]))
        .order_by(Plan.academic_year.desc(), PlanItem.section, PlanItem.position)
    ).all()
    choices = [(0, _("— не связана с планом —"))]
    choices += [(item.id, f"{year}: {item.text[:120]}") for item, year in rows]
    return choices


def form_values(olympiad: Olympiad) -> dict:
    """The olympiad as the form shows it."""
    return {
        "grades": format_grades(olympiad.grades),
        "groups": "; ".join(format_grades(g.grades) for g in olympiad.groups),
        "plan_item_id": olympiad.plan_item_id or 0,
    }


def _apply(olympiad: Olympiad, data: OlympiadData) -> None:
    try:
        grades = parse_grades(data.grades)
        groups = parse_groups(data.groups, grades)
    except GradeGroupError as error:
        raise OlympiadError(str(error)) from None
    if (
        data.registration_opens_on
        and data.registration_closes_on
        and data.registration_opens_on > data.registration_closes_on
    ):
        raise OlympiadError(_("Регистрация не может закрыться раньше, чем откроется."))
    if data.plan_item_id and db.session.get(PlanItem, data.plan_item_id) is None:
        raise OlympiadError(_("Такого пункта плана нет."))
    _check_groups_may_change(olympiad, grades, groups)
    olympiad.title = data.title.strip()
    olympiad.academic_year = data.academic_year
    olympiad.held_on = data.held_on
    olympiad.venue = data.venue.strip()
    olympiad.grades = grades
    olympiad.registration_opens_on = data.registration_opens_on
    olympiad.registration_closes_on = data.registration_closes_on
    olympiad.school_grade_limit = data.school_grade_limit
    olympiad.plan_item_id = data.plan_item_id or None
    # keep groups that did not change: papers of later stages are attached to them
    existing = {g.name: g for g in olympiad.groups}
    olympiad.groups = [
        existing.get(group.name) or GradeGroup(name=group.name, grades=list(group.grades))
        for group in groups
    ]
    for position, group in enumerate(olympiad.groups):
        group.position = position


_SETTLED = {
    OlympiadStatus.DRAFT,
    OlympiadStatus.REGISTRATION_OPEN,
    OlympiadStatus.REGISTRATION_CLOSED,
}


def _check_groups_may_change(olympiad: Olympiad, grades: list[int], groups) -> None:
    """Papers, answers and marks hang on grade groups: once the olympiad is held they stay,
    and before that a group with a paper is not dropped silently."""
    if olympiad.id is None:
        return
    wanted = {group.name: list(group.grades) for group in groups}
    current = {group.name: group.grades for group in olympiad.groups}
    if wanted == current and grades == olympiad.grades:
        return
    if olympiad.status not in _SETTLED:
        raise OlympiadError(_("Олимпиада уже проведена: классы и группы классов менять нельзя."))
    dropped = [g for g in olympiad.groups if wanted.get(g.name) != g.grades]
    with_papers = db.session.scalars(
        select(Paper).where(Paper.group_id.in_([g.id for g in dropped]))
    ).all()
    if any(paper.items for paper in with_papers):
        raise OlympiadError(
            _(
                "У группы «%(name)s» уже есть комплект заданий. Сначала уберите из него задания.",
                name=with_papers[0].group.name,
            )
        )


def _snapshot(data: OlympiadData) -> dict:
    return {f.name: str(getattr(data, f.name)) for f in fields(data)}


def create_olympiad(actor: User, data: OlympiadData) -> Olympiad:
    olympiad = Olympiad()
    _apply(olympiad, data)
    db.session.add(olympiad)
    db.session.flush()
    audit.record(actor, "olympiad_created", olympiad, new=_snapshot(data))
    return olympiad


def update_olympiad(actor: User, olympiad: Olympiad, data: OlympiadData, version) -> None:
    if is_stale(version, olympiad.version):
        raise OlympiadError(
            _("Пока вы редактировали, олимпиаду изменил другой пользователь. Обновите страницу.")
        )
    _apply(olympiad, data)
    db.session.flush()
    audit.record(actor, "olympiad_updated", olympiad, new=_snapshot(data))


def change_status(actor: User, olympiad: Olympiad, target: OlympiadStatus) -> None:
    """Move the olympiad to its next state; closing registration issues the codes."""
    if not can_move(olympiad.status, target):
        raise OlympiadError(_("Из текущего состояния олимпиады так перейти нельзя."))
    if target == OlympiadStatus.REGISTRATION_CLOSED:
        from olympiad.enrollment.services import issue_codes

        issue_codes(olympiad)
    if target == OlympiadStatus.MARKING:
        from olympiad.online.clock import now
        from olympiad.online.progress import ensure_finished

        ensure_finished(olympiad, now())
    if target == OlympiadStatus.PRELIMINARY:
        from olympiad.marking.progress import ensure_complete

        ensure_complete(olympiad)
    if target == OlympiadStatus.PUBLISHED:
        olympiad.published_at = utcnow()
    if target == OlympiadStatus.ARCHIVED:  # the retention period of personal data runs from here
        olympiad.archived_at = utcnow()
    old = olympiad.status
    olympiad.status = target
    db.session.flush()
    audit.record(
        actor, "olympiad_status", olympiad, old={"status": old.value}, new={"status": target.value}
    )


def add_room(actor: User, olympiad: Olympiad, venue: str, name: str, capacity, grades: str):
    try:
        room_grades = parse_grades(grades) if grades.strip() else []
    except GradeGroupError as error:
        raise OlympiadError(str(error)) from None
    if any(r.venue == venue.strip() and r.name == name.strip() for r in olympiad.rooms):
        raise OlympiadError(_("Такой кабинет уже есть."))
    room = Room(
        venue=venue.strip(),
        name=name.strip(),
        capacity=capacity,
        grades=room_grades,
        position=len(olympiad.rooms),
    )
    olympiad.rooms.append(room)
    db.session.flush()
    audit.record(actor, "room_added", room, new={"venue": room.venue, "name": room.name})
    return room


def remove_room(actor: User, room: Room) -> None:
    audit.record(actor, "room_removed", room, old={"venue": room.venue, "name": room.name})
    db.session.delete(room)
    db.session.flush()
