"""The participants of an olympiad as lists: search and filters, counts, the XLSX export."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from olympiad.domain.codes import normalize_cipher
from olympiad.enrollment.labels import ATTENDANCE_NAMES, NO_ROOM, PUBLICATION_NAMES, STATUS_NAMES
from olympiad.enrollment.values import fold
from olympiad.enrollment.workbooks import export_xlsx
from olympiad.extensions import db
from olympiad.models import (
    Attendance,
    ConsentKind,
    Olympiad,
    Participant,
    ParticipantStatus,
    School,
)


@dataclass
class Filters:
    q: str = ""
    school_id: int | None = None
    grade: int | None = None
    status: str = "enrolled"
    by_cipher: bool = False  # the organizer may find a participant by cipher


_STATUS_WHERE = {
    "enrolled": [Participant.status == ParticipantStatus.ENROLLED],
    "withdrawn": [Participant.status == ParticipantStatus.WITHDRAWN],
    "all": [],
    **{
        name: [
            Participant.status == ParticipantStatus.ENROLLED,
            Participant.attendance == attendance,
        ]
        for name, attendance in (
            ("present", Attendance.PRESENT),
            ("absent", Attendance.ABSENT),
            ("disqualified", Attendance.DISQUALIFIED),
            ("unmarked", Attendance.UNKNOWN),
        )
    },
}


def participants_query(olympiad: Olympiad, filters: Filters):
    query = (
        select(Participant)
        .join(School)
        .where(Participant.olympiad_id == olympiad.id)
        .where(*_STATUS_WHERE.get(filters.status, _STATUS_WHERE["enrolled"]))
        .options(
            selectinload(Participant.school),
            selectinload(Participant.room),
            selectinload(Participant.consents),
        )
        .order_by(
            School.short_name,
            Participant.grade_competed,
            Participant.surname,
            Participant.name,
            Participant.id,
        )
    )
    if filters.school_id is not None:
        query = query.where(Participant.school_id == filters.school_id)
    if filters.grade is not None:
        query = query.where(Participant.grade_competed == filters.grade)
    cipher = normalize_cipher(filters.q) if filters.by_cipher else None
    if cipher:
        return query.where(Participant.cipher == cipher)
    # identity_key holds the folded name, so the search ignores case and ё on every database
    for word in fold(filters.q).split()[:5]:
        query = query.where(Participant.identity_key.contains(word, autoescape=True))
    return query


@dataclass
class Pivot:
    """Enrolled participants per school (rows) and grade competed (columns)."""

    grades: list[int]
    rows: list[tuple[School, dict[int, int], int]] = field(default_factory=list)
    totals: dict[int, int] = field(default_factory=dict)
    total: int = 0


def pivot(olympiad: Olympiad, school_id: int | None = None) -> Pivot:
    query = (
        select(Participant.school_id, Participant.grade_competed, func.count())
        .where(
            Participant.olympiad_id == olympiad.id,
            Participant.status == ParticipantStatus.ENROLLED,
        )
        .group_by(Participant.school_id, Participant.grade_competed)
    )
    if school_id is not None:
        query = query.where(Participant.school_id == school_id)
    cells: dict[int, dict[int, int]] = {}
    for school, grade, n in db.session.execute(query):
        cells.setdefault(school, {})[grade] = n
    table = Pivot(grades=sorted(olympiad.grades))
    schools = db.session.scalars(select(School).where(School.id.in_(cells))).all()
    for school in sorted(schools, key=lambda s: s.short_name):
        counts = cells[school.id]
        table.rows.append((school, counts, sum(counts.values())))
        for grade, n in counts.items():
            table.totals[grade] = table.totals.get(grade, 0) + n
    table.total = sum(table.totals.values())
    return table


def export(olympiad: Olympiad, filters: Filters) -> bytes:
    """The filtered list as XLSX. No ciphers or access codes: exports travel by e-mail."""
    headers = [
        _("№"),
        _("Фамилия"),
        _("Имя"),
        _("Отчество"),
        _("Школа"),
        _("Класс обучения"),
        _("Класс участия"),
        _("Наставник"),
        _("Согласие на обработку ПДн"),
        _("Публикация результатов"),
        _("Публикация работы"),
        _("Кабинет"),
        _("Явка"),
        _("Статус"),
        _("Дата записи"),
    ]
    participants = db.session.scalars(participants_query(olympiad, filters))
    return export_xlsx(
        headers,
        (_row(n, p) for n, p in enumerate(participants, start=1)),
        sheet_title=_("Участники"),
    )


def _row(n: int, p: Participant) -> list:
    def granted(kind: ConsentKind) -> str:
        consent = p.consent(kind)
        return _("да") if consent and consent.granted else _("нет")

    publication = p.consent(ConsentKind.PUBLICATION)
    form = publication.publication_form.value if publication and publication.granted else "none"
    return [
        n,
        p.surname,
        p.name,
        p.patronymic,
        p.school.full_name,
        p.grade_studied,
        p.grade_competed,
        p.mentor,
        granted(ConsentKind.PROCESSING),
        str(PUBLICATION_NAMES[form]),
        granted(ConsentKind.WORK_PUBLICATION),
        p.room.name if p.room else str(NO_ROOM),
        str(ATTENDANCE_NAMES[p.attendance]),
        str(STATUS_NAMES[p.status]),
        format_datetime(p.created_at, "dd.MM.yyyy HH:mm"),
    ]
