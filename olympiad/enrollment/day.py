"""The olympiad day: who sits in which room, and who came. They flush; the view commits."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from olympiad import audit
from olympiad.domain.seating import RoomSeats, Seat, seat
from olympiad.enrollment.services import EnrollmentError
from olympiad.extensions import db
from olympiad.models import (
    Attendance,
    Olympiad,
    OlympiadStatus,
    Participant,
    ParticipantStatus,
    Room,
    User,
)
from olympiad.text import check_text

ROOM_STATES = (
    OlympiadStatus.REGISTRATION_OPEN,
    OlympiadStatus.REGISTRATION_CLOSED,
    OlympiadStatus.HELD,
)
ATTENDANCE_STATES = (OlympiadStatus.REGISTRATION_CLOSED, OlympiadStatus.HELD)


def enrolled(olympiad: Olympiad):
    return (
        select(Participant)
        .where(
            Participant.olympiad_id == olympiad.id,
            Participant.status == ParticipantStatus.ENROLLED,
        )
        .order_by(Participant.grade_competed, Participant.surname, Participant.name, Participant.id)
    )


def _check_rooms_state(olympiad: Olympiad) -> None:
    if olympiad.status not in ROOM_STATES:
        raise EnrollmentError(_("Сейчас распределять участников по кабинетам нельзя."))


def set_room(actor: User, participant: Participant, room_id: int | None) -> None:
    _check_rooms_state(participant.olympiad)
    if participant.status != ParticipantStatus.ENROLLED:
        raise EnrollmentError(_("Участник отозван."))
    room = db.session.get(Room, room_id) if room_id else None
    if room_id and (room is None or room.olympiad_id != participant.olympiad_id):
        raise EnrollmentError(_("Такого кабинета в этой олимпиаде нет."))
    old = participant.room.name if participant.room else None
    participant.room = room
    db.session.flush()
    audit.record(
        actor, "participant_room", participant, old={"room": old}, new={"room": room and room.name}
    )


def assign_rooms(actor: User, olympiad: Olympiad) -> tuple[int, int]:
    """Seat everyone without a room, grade by grade, in the rooms' order; places chosen by
    hand are kept. Returns (seated now, left without a room)."""
    _check_rooms_state(olympiad)
    people = db.session.scalars(enrolled(olympiad)).all()
    taken = Counter(p.room_id for p in people if p.room_id)
    rooms = [RoomSeats(r.id, r.grades, r.capacity, taken[r.id]) for r in olympiad.rooms]
    waiting = [p for p in people if p.room_id is None]
    placed = seat([Seat(p.id, p.grade_competed) for p in waiting], rooms)
    for participant in waiting:
        participant.room_id = placed.get(participant.id)
    db.session.flush()
    audit.record(
        actor,
        "rooms_assigned",
        olympiad,
        new={"seated": len(placed), "without_room": len(waiting) - len(placed)},
    )
    return len(placed), len(waiting) - len(placed)


@dataclass(frozen=True)
class Mark:
    attendance: Attendance
    reason: str = ""


def missing_reasons(marks: dict[int, Mark]) -> dict[int, str]:
    """Participant id -> message, for each disqualification given without a reason (or with
    a reason no database can take)."""
    errors = {
        pid: _("Укажите причину дисквалификации.")
        for pid, mark in marks.items()
        if mark.attendance == Attendance.DISQUALIFIED and not mark.reason.strip()
    }
    for pid, mark in marks.items():
        if problem := check_text(mark.reason, _("Причина")):
            errors[pid] = problem
    return errors


def mark_attendance(actor: User, olympiad: Olympiad, marks: dict[int, Mark]) -> int:
    """Record attendance for these participants; all or nothing. Returns how many changed."""
    if olympiad.status not in ATTENDANCE_STATES:
        raise EnrollmentError(
            _("Явку отмечают после закрытия регистрации и до начала проверки работ.")
        )
    people = {
        p.id: p
        for p in db.session.scalars(enrolled(olympiad).where(Participant.id.in_(list(marks))))
    }
    if set(marks) - set(people):
        raise EnrollmentError(_("В списке есть участники не этой олимпиады. Обновите страницу."))
    if missing_reasons(marks):
        raise EnrollmentError(_("Не сохранено: для дисквалификации нужна причина."))
    changed = 0
    for pid, mark in marks.items():
        participant = people[pid]
        reason = mark.reason.strip() if mark.attendance == Attendance.DISQUALIFIED else ""
        old = {
            "attendance": participant.attendance.value,
            "reason": participant.disqualification_reason,
        }
        new = {"attendance": mark.attendance.value, "reason": reason}
        if old == new:
            continue
        participant.attendance = mark.attendance
        participant.disqualification_reason = reason
        audit.record(actor, "attendance_marked", participant, old=old, new=new, reason=reason)
        changed += 1
    db.session.flush()
    return changed
