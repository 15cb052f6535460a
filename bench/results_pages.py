"""Benchmark: the rating-table page and its XLSX and PDF for many participants, in the app.

Builds an olympiad in preliminary results with N present participants over grades 7-11 (a
paper of 20 closed tasks per group, every answer stored) in a fresh SQLite database, then
times GET /results/<id> (the organizer's page with every table), the XLSX protocol and the
PDF protocol through the Flask test client, and counts the SQL queries of each request: the
count must be the same for 200 and for 2,000 participants.

Run: .venv/bin/python bench/results_pages.py [N ...]   (default: 200 2000)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, insert

from olympiad import create_app
from olympiad.auth.passwords import hash_password
from olympiad.extensions import db
from olympiad.models import (
    Answer,
    Attendance,
    GradeGroup,
    Olympiad,
    OlympiadStatus,
    Paper,
    PaperTask,
    Participant,
    Role,
    School,
    Task,
    TaskVersion,
    User,
)

PASSWORD = "bench-password-1"
SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов"]
NAMES = ["Анна", "Иван", "Мария", "Пётр", "Ольга", "Сергей", "Дарья"]


def build(count: int) -> int:
    rng = random.Random(count)
    schools = [School(full_name=f"МБОУ «СОШ № {n}»", short_name=f"СОШ № {n}") for n in range(40)]
    db.session.add_all(schools)
    olympiad = Olympiad(
        title="Муниципальный этап олимпиады по информационной культуре личности",
        academic_year="2020-2021",
        grades=[7, 8, 9, 10, 11],
        status=OlympiadStatus.PRELIMINARY,
    )
    olympiad.groups = [
        GradeGroup(name="7–8", grades=[7, 8], position=0),
        GradeGroup(name="9–11", grades=[9, 10, 11], position=1),
    ]
    db.session.add(olympiad)
    db.session.add(
        User(
            login="organizer",
            full_name="Организатор",
            role=Role.ORGANIZER,
            password_hash=hash_password(PASSWORD),
        )
    )
    db.session.flush()
    items = {}
    for group in olympiad.groups:
        paper = Paper(olympiad_id=olympiad.id, group_id=group.id)
        for position in range(1, 21):
            task = Task(code=f"B-{group.id}-{position}")
            version = TaskVersion(
                type="number",
                topic="book_library",
                grades=group.grades,
                text="?",
                max_points=rng.choice((1, 2, 3, 5)),
                key={"value": 1, "tolerance": 0},
            )
            task.versions = [version]
            db.session.add(task)
            paper.items.append(PaperTask(position=position, task_version=version))
        db.session.add(paper)
        db.session.flush()
        items[group.id] = [(item.id, item.task_version.max_points) for item in paper.items]
    people = []
    for n in range(count):
        grade = 7 + n % 5
        people.append(
            {
                "olympiad_id": olympiad.id,
                "school_id": schools[n % 40].id,
                "surname": rng.choice(SURNAMES),
                "name": rng.choice(NAMES),
                "patronymic": "",
                "grade_studied": grade,
                "grade_competed": grade,
                "mentor": "",
                "identity_key": f"k{n}",
                "status": "enrolled",
                "cipher": f"C{n:05d}",
                "attendance": Attendance.PRESENT.value,
                "disqualification_reason": "",
                "version": 1,
            }
        )
    db.session.execute(insert(Participant), people)
    ids = [(p.id, p.grade_competed) for p in db.session.query(Participant).all()]
    answers = []
    for pid, grade in ids:
        group = olympiad.groups[0] if grade <= 8 else olympiad.groups[1]
        for item_id, top in items[group.id]:
            answers.append(
                {
                    "participant_id": pid,
                    "paper_task_id": item_id,
                    "value": None,
                    "text": "1",
                    "points": rng.randint(0, int(top * 2)) / 2,
                    "version": 1,
                }
            )
    db.session.execute(insert(Answer), answers)
    db.session.commit()
    return olympiad.id


def measure(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "SQLALCHEMY_DATABASE_URI": url,
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
                "PASSWORD_HASH_PROFILE": "CHEAPEST",
            }
        )
        with app.app_context():
            db.create_all()
            olympiad_id = build(count)
            queries = [0]

            @event.listens_for(db.engine, "before_cursor_execute")
            def count_query(*args):
                queries[0] += 1

            client = app.test_client()
            client.post("/auth/login", data={"login": "organizer", "password": PASSWORD})
            for what, url in (
                ("page", f"/results/{olympiad_id}"),
                ("xlsx", f"/results/{olympiad_id}/protocol.xlsx"),
                ("pdf", f"/results/{olympiad_id}/protocol.pdf"),
            ):
                client.get(url)  # warm up templates and fonts
                best, size = float("inf"), 0
                for _ in range(3):
                    queries[0] = 0
                    start = time.perf_counter()
                    response = client.get(url)
                    best = min(best, time.perf_counter() - start)
                    size = len(response.data)
                    assert response.status_code == 200, (url, response.status_code)
                print(
                    f"{count:>6} participants  {what:<4}  {best * 1000:8.0f} ms  "
                    f"{queries[0]:3d} SQL queries  {size / 1024:8.0f} KB"
                )


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [200, 2000]:
        measure(n)
