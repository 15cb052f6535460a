"""The machine-readable export of the results: one record per enrolled participant, as CSV
(for Russian Excel: UTF-8 with BOM, ';', decimal commas, Russian headers and values) and as
JSON (the documented English keys and codes).

Ranked participants come with their place, status and points per task; those who were absent
or disqualified (or whose attendance was never marked) are in the export too, with no place,
no status and no total, so that the file accounts for everyone enrolled.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from olympiad.domain.olympiad_rules import FROZEN
from olympiad.enrollment.workbooks import neutralize
from olympiad.extensions import db
from olympiad.models import Attendance, Olympiad, Participant, ParticipantStatus
from olympiad.results.labels import status_name
from olympiad.results.tables import Line, Table

FIELDS = (
    "cipher",
    "surname",
    "name",
    "patronymic",
    "school",
    "grade",
    "grade_competed",
    "unit",
    "attendance",
    "total",
    "max_total",
    "percent",
    "place",
    "status",
    "status_name",
    "status_overridden",
)


# the CSV is read by people in Excel: Russian headers and words instead of codes
CSV_HEADERS = {
    "cipher": "Шифр",
    "surname": "Фамилия",
    "name": "Имя",
    "patronymic": "Отчество",
    "school": "Школа",
    "grade": "Класс обучения",
    "grade_competed": "Класс участия",
    "unit": "Рейтинг",
    "attendance": "Явка",
    "total": "Балл",
    "max_total": "Максимум",
    "percent": "% от максимума",
    "place": "Место",
    "status_name": "Статус",
    "status_overridden": "Статус изменён вручную",
}
CSV_ATTENDANCE = {
    "present": "явился",
    "absent": "не явился",
    "disqualified": "дисквалифицирован",
    "unknown": "не отмечено",
}


def _number(value: Decimal | None) -> float | None:
    """Decimal -> float: marks are whole or halves, which binary floats hold exactly."""
    return None if value is None else float(value)


def _person(p: Participant) -> dict:
    return {
        "cipher": p.cipher,
        "surname": p.surname,
        "name": p.name,
        "patronymic": p.patronymic or "",
        "school": p.school.full_name,
        "grade": p.grade_studied,
        "grade_competed": p.grade_competed,
    }


def _ranked(table: Table, line: Line) -> dict:
    return {
        **_person(line.participant),
        "unit": table.unit,
        "attendance": line.participant.attendance.value,
        "total": _number(line.total),
        "max_total": _number(table.max_total),
        "percent": _number(line.percent),
        "place": line.place,
        "status": line.status.value,
        "status_name": status_name(line.status),
        "status_overridden": line.override is not None,
        "tasks": {str(item.position): _number(line.points.get(item.id)) for item in table.items},
    }


def _unranked(table: Table | None, p: Participant) -> dict:
    return {
        **_person(p),
        "unit": table.unit if table else None,
        "attendance": p.attendance.value,
        "total": None,
        "max_total": _number(table.max_total) if table else None,
        "percent": None,
        "place": None,
        "status": None,
        "status_name": "",
        "status_overridden": False,
        "tasks": None,
    }


def not_ranked(olympiad: Olympiad) -> list[Participant]:
    """Enrolled participants who were not present: absent, disqualified or never marked."""
    query = (
        select(Participant)
        .where(
            Participant.olympiad_id == olympiad.id,
            Participant.status == ParticipantStatus.ENROLLED,
            Participant.attendance != Attendance.PRESENT,
        )
        .options(selectinload(Participant.school))
    )
    people = list(db.session.scalars(query))
    people.sort(key=lambda p: (p.surname.casefold(), p.name.casefold(), p.patronymic.casefold()))
    return people


def records(olympiad: Olympiad, tables: Sequence[Table]) -> list[dict]:
    """Per grade (or group) in the tables' order: its ranked lines in table order, then those
    of its grades who were not ranked, alphabetically."""
    absent: dict[int, list[Participant]] = {}
    for p in not_ranked(olympiad):
        absent.setdefault(p.grade_competed, []).append(p)
    result = []
    for table in tables:
        result += [_ranked(table, line) for line in table.lines]
        for grade in table.grades:
            result += [_unranked(table, p) for p in absent.pop(grade, [])]
    for people in absent.values():  # a grade that is not ranked at all
        result += [_unranked(None, p) for p in people]
    return result


def _task_names(rows: Sequence[dict]) -> list[str]:
    names = {name for row in rows for name in (row.get("tasks") or {})}
    return sorted(names, key=lambda n: (len(n), n))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")  # what Russian Excel reads as a number
    return str(neutralize(str(value)))


def to_csv(rows: Sequence[dict]) -> bytes:
    """UTF-8 with BOM and ';': Russian Excel opens it by double click with Cyrillic intact.
    Headers and values in Russian; tasks become «Задание 1», «Задание 2», …; cells that
    would run as formulas are neutralised."""
    tasks = _task_names(rows)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([*CSV_HEADERS.values(), *(f"Задание {name}" for name in tasks)])
    for row in rows:
        marks = row.get("tasks") or {}
        values = {**row, "attendance": CSV_ATTENDANCE.get(row.get("attendance"), "")}
        writer.writerow(
            [_cell(values.get(f)) for f in CSV_HEADERS] + [_cell(marks.get(n)) for n in tasks]
        )
    return out.getvalue().encode("utf-8-sig")


def state(olympiad: Olympiad) -> str:
    return "final" if olympiad.status in FROZEN else "preliminary"


def to_json(olympiad: Olympiad, rows: Sequence[dict]) -> bytes:
    document = {
        "olympiad": {
            "id": olympiad.id,
            "title": olympiad.title,
            "academic_year": olympiad.academic_year,
            "held_on": olympiad.held_on.isoformat() if olympiad.held_on else None,
            "state": state(olympiad),
            "final_order": olympiad.final_order or None,
            "final_order_date": (
                olympiad.final_order_date.isoformat() if olympiad.final_order_date else None
            ),
        },
        "results": list(rows),
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
