"""A marking scene: an olympiad in marking with a paper of every task type, present and absent
participants with ciphers (and names, schools and rooms a jury page must never show), the
organizer, a jury of a chair and two members, and a juror from outside the jury."""

from types import SimpleNamespace

import pytest

from olympiad.extensions import db
from olympiad.models import (
    Attendance,
    JuryMember,
    OlympiadStatus,
    Paper,
    PaperTask,
    Role,
    Room,
    Task,
    TaskVersion,
)
from tests.conftest import PASSWORD
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401

OPTIONS = ["каталог", "формуляр", "указатель", "словарь"]
TASKS = {  # name: (type, max, key)
    "single": ("single_choice", 1, {"options": OPTIONS, "correct": 1}),
    "multiple": (
        "multiple_choice",
        2,
        {"options": OPTIONS, "correct": [0, 2], "mode": "partial"},
    ),
    "matching": (
        "matching",
        3,
        {
            "left": ["автор", "заглавие", "год"],
            "right": ["Пушкин", "Евгений Онегин", "1833"],
            "pairs": [[0, 0], [1, 1], [2, 2]],
            "mode": "per_pair",
        },
    ),
    "ordering": (
        "ordering",
        2,
        {"items": ["А", "Б", "В", "Г"], "order": [2, 0, 3, 1], "mode": "all_or_nothing"},
    ),
    "short": ("short_answer", 1, {"accepted": ["каталог"]}),
    "number": ("number", 1, {"value": 5, "tolerance": 0}),
    "annotation": (
        "open",
        5,
        {
            "criteria": [
                {"title": "Содержание", "max": 2, "description": "Тема и проблема книги."},
                {"title": "Грамотность", "max": 3, "description": "Без ошибок."},
            ]
        },
    ),
    "record": (
        "open",
        10,
        {
            "criteria": [
                {"title": "Порядок элементов", "max": 4, "description": "Как в образце."},
                {"title": "Пунктуация", "max": 6, "description": "Предписанная."},
            ]
        },
    ),
}
SECRETS = ("Засекреченова", "Невидимкин", "Тайная СОШ", "Наставникова", "Кабинет-сейф")


def _paper(olympiad, group) -> Paper:
    paper = Paper(olympiad_id=olympiad.id, group_id=group.id)
    for position, (name, (kind, top, key)) in enumerate(TASKS.items(), start=1):
        task = Task(code=f"M-{olympiad.id}-{position}")
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
        paper.items.append(
            PaperTask(position=position, task_version=version, markers=2 if name == "record" else 1)
        )
    db.session.add(paper)
    return paper


@pytest.fixture
def scene(app, make_user, make_school, make_olympiad, make_participant):  # noqa: F811
    olympiad = make_olympiad(status=OlympiadStatus.MARKING, marking_tolerance=2)
    junior, senior = olympiad.groups
    room = Room(olympiad_id=olympiad.id, name="Кабинет-сейф", position=0)
    school = make_school(full_name="МБОУ «Тайная СОШ № 7»", short_name="Тайная СОШ № 7")
    db.session.add(room)
    paper = _paper(olympiad, junior)
    db.session.commit()
    people = []
    for n in range(1, 5):
        people.append(
            make_participant(
                olympiad,
                school,
                surname="Засекреченова" if n % 2 else "Невидимкин",
                name=f"Анна{n}",
                mentor="Наставникова Ирина Петровна",
                grade_studied=7 + n % 2,
                cipher=f"KMT-10{n}",
                attendance=Attendance.PRESENT,
                room_id=room.id,
            )
        )
    absent = make_participant(
        olympiad, school, grade_studied=7, cipher="KMT-199", attendance=Attendance.ABSENT
    )
    senior_work = make_participant(
        olympiad, school, grade_studied=10, cipher="KMT-901", attendance=Attendance.PRESENT
    )
    organizer = make_user(Role.ORGANIZER, full_name="Организаторова Ольга")
    chair, juror_a, juror_b, outsider = (
        make_user(Role.JUROR, full_name=name)
        for name in ("Председателева Прасковья", "Первова Полина", "Вторая Варвара", "Чужая Чара")
    )
    db.session.add_all(
        [
            JuryMember(olympiad_id=olympiad.id, user=chair, is_chair=True),
            JuryMember(olympiad_id=olympiad.id, user=juror_a, group_ids=[junior.id]),
            JuryMember(olympiad_id=olympiad.id, user=juror_b, group_ids=[junior.id]),
        ]
    )
    db.session.commit()
    items = {name: item for name, item in zip(TASKS, paper.items, strict=True)}
    return SimpleNamespace(
        olympiad=olympiad,
        junior=junior,
        senior=senior,
        paper=paper,
        items=items,
        works=people,
        absent=absent,
        senior_work=senior_work,
        organizer=organizer,
        chair=chair,
        juror_a=juror_a,
        juror_b=juror_b,
        outsider=outsider,
    )


@pytest.fixture
def client_for(app):
    """client_for(user): a separate logged-in browser session (its own cookies)."""

    def make(user, password=PASSWORD):
        other = app.test_client()
        response = other.post("/auth/login", data={"login": user.login, "password": password})
        assert response.status_code == 302, "login failed"
        return other

    return make


def post_answer(client, olympiad, cipher, item, text, version=0, headers=None, **extra):
    body = {"cipher": cipher, "paper_task_id": item.id, "text": text, "version": version}
    return client.post(f"/marking/{olympiad.id}/answers", json={**body, **extra}, headers=headers)


def post_mark(client, olympiad, item, cipher, marks, version=0, **extra):
    data = {"criterion": [str(m) for m in marks], "version": version, "then": "stay", **extra}
    return client.post(f"/marking/{olympiad.id}/tasks/{item.id}/works/{cipher}", data=data)
