"""A small olympiad with known totals, built straight in the database: grade 9 of ten present
participants (a tie at the quota boundary), one absent; a paper of two tasks of 10 points."""

from types import SimpleNamespace

from olympiad.extensions import db
from olympiad.models import (
    Answer,
    Attendance,
    JuryMember,
    OlympiadStatus,
    Paper,
    PaperTask,
    Role,
    Task,
    TaskVersion,
)

# surname: (task 1, task 2) -> totals 18, 15, 14, 13, 13, 12, 11, 9, 5, 3
POINTS = {
    "Арсеньева": (10, 8),
    "Борисов": (8, 7),
    "Васильева": (7, 7),
    "Григорьев": (6.5, 6.5),
    "Дмитриева": (7, 6),
    "Егоров": (6, 6),
    "Жукова": (6, 5),
    "Зайцев": (5, 4),
    "Ильина": (3, 2),
    "Ёлкин": (1.5, 1.5),
}


def _task(code: str) -> TaskVersion:
    task = Task(code=code)
    version = TaskVersion(
        type="number",
        topic="book_library",
        grades=[9, 10, 11],
        text=f"Задание {code}",
        max_points=10,
        key={"value": 5, "tolerance": 0},
    )
    task.versions = [version]
    db.session.add(task)
    return version


def build(
    make_olympiad, make_participant, make_school, make_user, status=OlympiadStatus.PRELIMINARY
):
    olympiad = make_olympiad(status=status, grades=[9, 10, 11])
    olympiad.groups = olympiad.groups[1:]  # 9–11 only
    group = olympiad.groups[0]
    paper = Paper(olympiad_id=olympiad.id, group_id=group.id)
    items = [PaperTask(position=n, task_version=_task(f"R-{olympiad.id}-{n}")) for n in (1, 2)]
    paper.items = items
    db.session.add(paper)
    db.session.commit()
    schools = [make_school(), make_school()]
    people = {}
    for n, (surname, marks) in enumerate(POINTS.items()):
        person = make_participant(
            olympiad,
            schools[n % 2],
            surname=surname,
            grade_studied=9,
            cipher=f"PXK-{100 + n}",
            access_code=f"AAAA-BBBB-{'23456789AB'[n]}CCC",
            attendance=Attendance.PRESENT,
        )
        for item, points in zip(items, marks, strict=True):
            db.session.add(
                Answer(participant_id=person.id, paper_task_id=item.id, text="5", points=points)
            )
        people[surname] = person
    absent = make_participant(
        olympiad,
        schools[0],
        surname="Отсутствующая",
        grade_studied=9,
        cipher="PXK-199",
        attendance=Attendance.ABSENT,
    )
    organizer = make_user(Role.ORGANIZER)
    chair = make_user(Role.JUROR, full_name="Председателева Прасковья")
    juror = make_user(Role.JUROR)
    coordinator = make_user(Role.COORDINATOR, school=schools[0])
    db.session.add_all(
        [
            JuryMember(olympiad_id=olympiad.id, user=chair, is_chair=True),
            JuryMember(olympiad_id=olympiad.id, user=juror),
        ]
    )
    db.session.commit()
    return SimpleNamespace(
        olympiad=olympiad,
        paper=paper,
        items=items,
        people=people,
        absent=absent,
        schools=schools,
        organizer=organizer,
        chair=chair,
        juror=juror,
        coordinator=coordinator,
    )


def close_appeals(olympiad) -> None:
    """The appeal window has ended (a minute ago): the chair may approve the final protocol."""
    from datetime import timedelta

    from olympiad.models.base import utcnow

    olympiad.appeals_close_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
