"""Registration papers of an olympiad, from the database to PDF bytes."""

from __future__ import annotations

from itertools import groupby

from sqlalchemy.orm import selectinload

from olympiad.enrollment.day import enrolled
from olympiad.enrollment.labels import NO_ROOM
from olympiad.extensions import db
from olympiad.links import participant_login_url, public_url
from olympiad.models import Olympiad, Participant
from olympiad.pdf.enrollment import (
    AccessSlipsData,
    AttendanceData,
    CipherKeyData,
    CipherLabelsData,
    KeyRow,
    Label,
    Person,
    RoomGroup,
    SchoolSlips,
    Slip,
    build_access_slips,
    build_attendance_sheets,
    build_cipher_key,
    build_cipher_labels,
)


def _people(olympiad: Olympiad, school_id: int | None = None) -> list[Participant]:
    query = enrolled(olympiad).options(
        selectinload(Participant.school), selectinload(Participant.room)
    )
    if school_id is not None:
        query = query.where(Participant.school_id == school_id)
    return list(db.session.scalars(query))


def codes_issued(olympiad: Olympiad, school_id: int | None = None) -> bool:
    return any(p.access_code for p in _people(olympiad, school_id))


def attendance_sheets(olympiad: Olympiad) -> bytes:
    """One sheet per room and grade competed; those without a room come last."""
    order = {room.id: n for n, room in enumerate(olympiad.rooms)}

    def place(p: Participant) -> tuple:
        return (order.get(p.room_id, len(order)), p.grade_competed)

    groups = []
    for (_room, grade), people in groupby(sorted(_people(olympiad), key=place), key=place):
        people = list(people)
        room = people[0].room
        name = f"{room.venue}, {room.name}" if room and room.venue else room and room.name
        groups.append(
            RoomGroup(
                room=name or str(NO_ROOM),
                grade=grade,
                people=[Person(p.full_name, p.school.short_name, p.grade_studied) for p in people],
            )
        )
    return build_attendance_sheets(AttendanceData(olympiad.title, _day(olympiad), groups))


def cipher_labels(olympiad: Olympiad, copies: int = 1) -> bytes:
    labels = [Label(p.cipher, p.grade_competed) for p in _people(olympiad) if p.cipher]
    return build_cipher_labels(CipherLabelsData(olympiad.title, labels, copies=copies))


def cipher_key(olympiad: Olympiad) -> bytes:
    rows = [
        KeyRow(p.cipher, p.full_name, p.school.short_name, p.grade_competed)
        for p in _people(olympiad)
        if p.cipher
    ]
    return build_cipher_key(CipherKeyData(olympiad.title, _day(olympiad), rows))


def access_slips(olympiad: Olympiad, school_id: int | None = None) -> bytes:
    """Slips with access codes, a fresh page per school; only for participants with a code.
    Each prints the public sign-in address and a QR code that opens it with the code."""
    base = public_url()
    people = [p for p in _people(olympiad, school_id) if p.access_code]
    people.sort(key=lambda p: (p.school.short_name, p.school_id))
    schools = [
        SchoolSlips(
            school.full_name,
            [
                Slip(
                    p.full_name,
                    p.grade_competed,
                    p.access_code,
                    participant_login_url(p.access_code, base),
                )
                for p in group
            ],
        )
        for school, group in groupby(people, key=lambda p: p.school)
    ]
    login_url = participant_login_url(base=base)
    return build_access_slips(AccessSlipsData(olympiad.title, login_url, schools))


def _day(olympiad: Olympiad):
    return olympiad.held_on or ""
