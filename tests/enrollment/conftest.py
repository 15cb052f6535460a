"""Factories of the enrollment tests: an olympiad in a given state, participants, files."""

import io

import openpyxl
import pytest

from olympiad.enrollment.columns import HEADERS
from olympiad.enrollment.services import identity_key
from olympiad.enrollment.validation import StudentData
from olympiad.extensions import db
from olympiad.models import (
    Consent,
    ConsentKind,
    GradeGroup,
    Olympiad,
    OlympiadStatus,
    Participant,
    PublicationForm,
    Room,
)


@pytest.fixture
def make_olympiad(app):
    def make(status: OlympiadStatus = OlympiadStatus.REGISTRATION_OPEN, rooms=(), **overrides):
        olympiad = Olympiad(
            **{
                "title": "Муниципальный этап олимпиады по информационной культуре личности",
                "academic_year": "2020-2021",
                "grades": [7, 8, 9, 10, 11],
                "status": status,
                **overrides,
            }
        )
        olympiad.groups = [
            GradeGroup(name="7–8", grades=[7, 8], position=0),
            GradeGroup(name="9–11", grades=[9, 10, 11], position=1),
        ]
        olympiad.rooms = [
            Room(name=name, capacity=capacity, grades=list(grades), position=n)
            for n, (name, capacity, grades) in enumerate(rooms)
        ]
        db.session.add(olympiad)
        db.session.commit()
        return olympiad

    return make


@pytest.fixture
def make_participant(app):
    counter = iter(range(1, 100_000))

    def make(olympiad: Olympiad, school, **overrides) -> Participant:
        n = next(counter)
        fields = {
            "surname": f"Ученикова{n}",
            "name": "Анна",
            "patronymic": "Петровна",
            "grade_studied": 7,
            "grade_competed": None,
            "mentor": "Петрова Анна Сергеевна",
            **overrides,
        }
        fields["grade_competed"] = fields["grade_competed"] or fields["grade_studied"]
        data = StudentData(
            surname=fields["surname"],
            name=fields["name"],
            patronymic=fields["patronymic"],
            school_id=school.id,
            grade_studied=fields["grade_studied"],
            grade_competed=fields["grade_competed"],
            mentor=fields["mentor"],
            consent_processing=True,
            consent_publication="initials",
            consent_work_publication=False,
        )
        participant = Participant(
            olympiad_id=olympiad.id,
            school_id=school.id,
            identity_key=identity_key(data),
            **{k: v for k, v in fields.items() if k in Participant.__table__.columns},
        )
        participant.consents = [
            Consent(kind=ConsentKind.PROCESSING, granted=True, text_version="2020-1"),
            Consent(
                kind=ConsentKind.PUBLICATION,
                granted=True,
                publication_form=PublicationForm.INITIALS,
                text_version="2020-1",
            ),
            Consent(kind=ConsentKind.WORK_PUBLICATION, granted=False, text_version="2020-1"),
        ]
        db.session.add(participant)
        db.session.commit()
        return participant

    return make


def xlsx(rows: list[list], headers=None) -> bytes:
    """A workbook with the template's headers (or the given ones) and these rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers or list(HEADERS.values()))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
