"""A results scene: an olympiad with preliminary results for grades 7 and 8 (one paper of
three tasks, marks with halves, a tie, a status override, a formula for a surname), and
participants who were absent or disqualified."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from olympiad.domain.awards import Status
from olympiad.extensions import db
from olympiad.models import (
    Answer,
    Attendance,
    Mark,
    MarkSlot,
    OlympiadStatus,
    Paper,
    PaperTask,
    Role,
    StatusOverride,
    Task,
    TaskVersion,
)
from olympiad.results.tables import rating_tables
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401

FORMULA = '=HYPERLINK("http://evil.example","x")'
REASON = "Ошибка в ключе задания 2 признана жюри"
# surname, grade, attendance, points for tasks 1, 2 (closed, max 4) and 3 (open, max 10)
PEOPLE = [
    ("Первая", 7, Attendance.PRESENT, (4, 4, 9.5)),  # 17.5: 1, winner
    ("Вторая", 7, Attendance.PRESENT, (4, 3, 6)),  # 13: 2, prize-winner (tie at the quota)
    ("Третья", 7, Attendance.PRESENT, (3, 4, 6)),  # 13: 2, prize-winner
    ("Четвёртая", 7, Attendance.PRESENT, (2, 2, 5)),  # 9 (not above 9): 4, overridden
    (FORMULA, 7, Attendance.PRESENT, (1, 1, 0.5)),  # 2.5: 5, participant
    ("Отсутствующая", 7, Attendance.ABSENT, None),
    ("Восьмая", 8, Attendance.PRESENT, (2, 2, None)),  # open task not marked yet: 4
    ("Дисквалифицированная", 8, Attendance.DISQUALIFIED, None),
]


def _paper(olympiad, group) -> Paper:
    paper = Paper(olympiad_id=olympiad.id, group_id=group.id)
    kinds = [("matching", 4), ("ordering", 4), ("open", 10)]
    for position, (kind, top) in enumerate(kinds, start=1):
        task = Task(code=f"R-{olympiad.id}-{position}")
        version = TaskVersion(
            type=kind,
            topic="book_library",
            grades=[7, 8],
            text=f"Задание {position}",
            max_points=top,
            key={"criteria": [{"title": "Всё", "max": top, "description": ""}]},
        )
        task.versions = [version]
        db.session.add(task)
        paper.items.append(PaperTask(position=position, task_version=version))
    db.session.add(paper)
    db.session.flush()
    return paper


@pytest.fixture
def documents_scene(app, make_school, make_user, make_olympiad, make_participant):  # noqa: F811
    olympiad = make_olympiad(
        status=OlympiadStatus.PRELIMINARY,
        grades=[7, 8],
        venue="МБОУ «Селенгинская СОШ»",
    )
    school_a = make_school(full_name="МБОУ «Селенгинская СОШ»", short_name="Селенгинская СОШ")
    school_b = make_school(full_name="МАОУ «Гусиноозёрская гимназия»", short_name="Гимназия")
    organizer = make_user(Role.ORGANIZER, full_name="Организаторова Ольга Петровна")
    juror = make_user(Role.JUROR, full_name="Андреева Людмила Михайловна")
    paper = _paper(olympiad, olympiad.groups[0])
    people = {}
    for n, (surname, grade, attendance, marks) in enumerate(PEOPLE, start=1):
        person = make_participant(
            olympiad,
            school_a if n % 2 else school_b,
            surname=surname,
            name="Анна",
            grade_studied=grade,
            cipher=f"R-{n:03}",
            attendance=attendance,
        )
        people[surname] = person
        for item, value in zip(paper.items, marks or (), strict=False):
            if value is None:
                continue
            if item.task_version.type == "open":
                db.session.add(
                    Mark(
                        participant_id=person.id,
                        paper_task_id=item.id,
                        slot=MarkSlot.FIRST,
                        juror_id=juror.id,
                        criteria=[value],
                        total=value,
                    )
                )
            else:
                db.session.add(
                    Answer(participant_id=person.id, paper_task_id=item.id, points=value)
                )
    db.session.add(
        StatusOverride(
            participant_id=people["Четвёртая"].id,
            status=Status.PRIZE_WINNER,
            reason=REASON,
            set_by_id=organizer.id,
        )
    )
    db.session.commit()
    return SimpleNamespace(
        olympiad=olympiad,
        paper=paper,
        people=people,
        organizer=organizer,
        juror=juror,
        schools=(school_a, school_b),
        tables=lambda: rating_tables(olympiad),
    )


def total_of(marks) -> Decimal:
    return sum((Decimal(str(m)) for m in marks if m is not None), Decimal(0))
