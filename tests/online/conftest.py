"""An online scene: a held olympiad whose 7–8 group has a paper of every task type (its keys
hold SECRET markers that no participant page may show), two schools, participants with access
codes, the staff, a movable clock, and a sitting written at home that is open now."""

import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from olympiad.extensions import db
from olympiad.models import (
    Attendance,
    JuryMember,
    OlympiadStatus,
    OnlineSitting,
    Paper,
    PaperTask,
    Role,
    Task,
    TaskVersion,
)
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.marking.conftest import client_for  # noqa: F401

OPTIONS = ["каталог", "формуляр", "указатель", "словарь"]
SECRET = "СЕКРЕТ"
TASKS = {  # name: (type, max points, key)
    "single": ("single_choice", 1, {"options": OPTIONS, "correct": 1}),
    "multiple": ("multiple_choice", 2, {"options": OPTIONS, "correct": [0, 2], "mode": "partial"}),
    "matching": (
        "matching",
        3,
        {
            "left": ["автор", "заглавие", "год"],
            "right": ["Пушкин", "Евгений Онегин", "1833", "Москва"],
            "pairs": [[0, 0], [1, 1], [2, 2]],
            "mode": "per_pair",
        },
    ),
    "ordering": (
        "ordering",
        2,
        {
            "items": ["аннотация", "реферат", "тезисы", "план"],
            "order": [3, 2, 0, 1],
            "mode": "partial",
        },
    ),
    "short": ("short_answer", 1, {"accepted": [f"{SECRET}-ОТВЕТ", "Шифр"]}),
    "number": ("number", 1, {"value": 98765.4321, "tolerance": 0}),
    "annotation": (
        "open",
        5,
        {
            "criteria": [
                {"title": "Содержание", "max": 2, "description": f"{SECRET}: образец ответа."},
                {"title": "Грамотность", "max": 3, "description": f"{SECRET}: без ошибок."},
            ]
        },
    ),
}
# what each task's form sends for its key's own answer (full points), and for a wrong one
RIGHT = {
    "single": {"answer": "1"},
    "multiple": {"answer": ["0", "2"]},
    "matching": {"pair-0": "0", "pair-1": "1", "pair-2": "2"},
    "ordering": {"place-0": "3", "place-1": "2", "place-2": "0", "place-3": "1"},
    "short": {"answer": "шифр"},
    "number": {"answer": "98765,4321"},
    "annotation": {"answer": "Книга о библиотеке.\nДля 7 класса."},
}
CODES = {
    "a1": "AAAA-BBBB-CC22",
    "a2": "AAAA-BBBB-CC23",
    "b1": "AAAA-BBBB-CC24",
    "s1": "AAAA-BBBB-CC25",
}


class Clock:
    """The server's clock in a test: it stands still until moved."""

    def __init__(self):
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    fixed = Clock()
    monkeypatch.setattr("olympiad.online.clock.now", fixed)
    return fixed


def _paper(olympiad, group) -> Paper:
    paper = Paper(olympiad_id=olympiad.id, group_id=group.id, time_limit_minutes=60)
    for position, (name, (kind, top, key)) in enumerate(TASKS.items(), start=1):
        task = Task(code=f"O-{olympiad.id}-{position}")
        version = TaskVersion(
            type=kind,
            topic="book_library",
            grades=[7, 8],
            text=f"Задание «{name}»",
            max_points=top,
            key=key,
        )
        task.versions = [version]
        db.session.add(task)
        paper.items.append(PaperTask(position=position, task_version=version))
    db.session.add(paper)
    return paper


@pytest.fixture
def online(app, clock, make_user, make_school, make_olympiad, make_participant):  # noqa: F811
    olympiad = make_olympiad(status=OlympiadStatus.HELD)
    junior, senior = olympiad.groups
    school_a = make_school(full_name="МБОУ «Школа А»", short_name="Школа А")
    school_b = make_school(full_name="МБОУ «Школа Б»", short_name="Школа Б")
    paper = _paper(olympiad, junior)
    db.session.commit()
    people = {}
    for n, (name, school, grade) in enumerate(
        [("a1", school_a, 7), ("a2", school_a, 8), ("b1", school_b, 7), ("s1", school_a, 10)]
    ):
        people[name] = make_participant(
            olympiad,
            school,
            surname=f"Онлайнова-{name}",
            grade_studied=grade,
            cipher=f"TXT-10{n}",
            access_code=CODES[name],
        )
    sitting = OnlineSitting(
        olympiad_id=olympiad.id,
        group_id=junior.id,
        school_ids=[],
        starts_at=clock.now - timedelta(minutes=10),
        ends_at=clock.now + timedelta(hours=3),
        time_limit_minutes=60,
        supervised=False,
    )
    db.session.add(sitting)
    organizer = make_user(Role.ORGANIZER)
    coordinator_a = make_user(Role.COORDINATOR, school=school_a)
    coordinator_b = make_user(Role.COORDINATOR, school=school_b)
    juror = make_user(Role.JUROR)
    db.session.add(JuryMember(olympiad_id=olympiad.id, user=juror, is_chair=True))
    db.session.commit()
    items = dict(zip(TASKS, paper.items, strict=True))
    return SimpleNamespace(
        olympiad=olympiad,
        junior=junior,
        senior=senior,
        paper=paper,
        items=items,
        number={name: item.position for name, item in items.items()},
        people=people,
        school_a=school_a,
        school_b=school_b,
        sitting=sitting,
        organizer=organizer,
        coordinator_a=coordinator_a,
        coordinator_b=coordinator_b,
        juror=juror,
    )


@pytest.fixture
def participant_client(app):
    """participant_client(code): a browser session signed in with this access code."""

    def make(code: str):
        other = app.test_client()
        response = other.post("/participant/login", data={"code": code})
        assert response.status_code == 302, "sign-in failed"
        return other

    return make


def save(client, n: int, fields: dict, seq: int | None = 1, headers=None):
    data = {**fields}
    if seq is not None:
        data["seq"] = str(seq)
    return client.post(f"/online/tasks/{n}/save", data=data, headers=headers)


def present(*people) -> None:
    for person in people:
        person.attendance = Attendance.PRESENT
    db.session.commit()


def csrf_of(html: str) -> str:
    return re.search(r'data-csrf="([^"]+)"', html).group(1)
