"""Demo step: the shipped bank of tasks, loaded through the same import as an uploaded file,
and the papers of the 2020-2021 olympiad's groups, if the demo olympiad is there.

The selections keep each paper free of leaks: no task gives away another task's answer.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Olympiad, Role, Task, User
from olympiad.tasks import exchange, papers

BANK = Path(__file__).with_name("demo_bank.json")
YEAR = "2020-2021"
JUNIOR_LEFT_OUT = {"T-004", "T-005", "T-023", "T-030", "T-031"}
SENIOR = [f"T-{n:03d}" for n in (1, 3, 4, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 20, 21)]
SENIOR += [f"T-{n:03d}" for n in (22, 24, 25, 26, 27, 38, 40, 42, 44, 46, 47, 49, 51, 52)]


def load_bank() -> None:
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER).limit(1))
    incoming = exchange.read_json(BANK.read_bytes())
    exchange.import_bank(organizer, incoming, update_existing=False)
    olympiad = db.session.scalar(
        select(Olympiad).where(Olympiad.academic_year == YEAR).order_by(Olympiad.id).limit(1)
    )
    if olympiad is None:
        return
    tasks = {task.code: task for task in db.session.scalars(select(Task).order_by(Task.code))}
    for group in olympiad.groups:
        if group.grades == [7, 8]:
            codes = [
                code
                for code, task in tasks.items()
                if {7, 8} <= set(task.current.grades) and code not in JUNIOR_LEFT_OUT
            ]
            minutes = 60
        elif group.grades == [9, 10, 11]:
            codes, minutes = SENIOR, 90
        else:
            continue
        versions = [tasks[code].current for code in codes if code in tasks]
        papers.fill_paper(organizer, group, versions, minutes)
