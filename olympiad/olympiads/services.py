"""Operations on olympiads. They flush; the view commits."""

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time

from flask_babel import gettext as _
from flask_babel import to_user_timezone, to_utc
from sqlalchemy import select

from olympiad import audit
from olympiad.actions import Refused
from olympiad.domain.appeal_window import default_close
from olympiad.domain.olympiad_rules import (
    GradeGroupError,
    can_move,
    format_grades,
    parse_grades,
    parse_groups,
    registration_is_open,
)
from olympiad.domain.plan_numbers import item_numbers, may_be_olympiad, number_key
from olympiad.extensions import db
from olympiad.models import (
    GradeGroup,
    Olympiad,
    OlympiadStatus,
    Paper,
    Plan,
    Role,
    Room,
    User,
)
from olympiad.models.base import utcnow
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
    starts_at_time: time | None = None
    what_to_bring: str = ""
    comments_visible: bool = False


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


def plan_item_choices(keep: int | None = None) -> list[tuple[int, str]]:
    """Items of the plans an olympiad can fulfil, with their numbers («2020-2021, 6.2: …»);
    `keep` (the item already linked) stays in the list whatever it says."""
    choices = [(0, _("— не связана с планом —"))]
    plans = db.session.scalars(select(Plan).order_by(Plan.academic_year.desc()))
    for plan in plans:
        numbers = item_numbers(plan)
        items = [item for item in plan.items if item.id in numbers]
        items.sort(key=lambda item: number_key(numbers[item.id]))
        choices += [
            (item.id, f"{plan.academic_year}, {numbers[item.id]}: {item.text[:120]}")
            for item in items
            if may_be_olympiad(item.section.value, item.text) or item.id == keep
        ]
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
    if data.plan_item_id and data.plan_item_id not in {
        item_id for item_id, _label in plan_item_choices(olympiad.plan_item_id)
    }:
        raise OlympiadError(_("Такого пункта плана нет или олимпиада не может его выполнять."))
    _check_groups_may_change(olympiad, grades, groups)
    olympiad.title = data.title.strip()
    olympiad.academic_year = data.academic_year
    olympiad.held_on = data.held_on
    olympiad.venue = data.venue.strip()
    olympiad.starts_at_time = data.starts_at_time
    olympiad.what_to_bring = data.what_to_bring.strip()
    olympiad.comments_visible = data.comments_visible
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


def default_appeals_close(now: datetime) -> datetime:
    """Two working days from now, at the end of the district's working day (aware, UTC)."""
    local = to_user_timezone(now).replace(tzinfo=None)
    return to_utc(default_close(local)).replace(tzinfo=UTC)


def change_status(
    actor: User,
    olympiad: Olympiad,
    target: OlympiadStatus,
    appeals_close_at: datetime | None = None,
) -> None:
    """Move the olympiad to its next state; closing registration issues the codes, closing
    marking opens the appeal window until `appeals_close_at` (default: two working days)."""
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
        now = utcnow()
        closes = appeals_close_at or default_appeals_close(now)
        if closes <= now:
            raise OlympiadError(_("Срок подачи апелляций должен закончиться позже, чем сейчас."))
        olympiad.appeals_close_at = closes
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
    from olympiad.mail import events

    events.olympiad_status_changed(olympiad)


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
