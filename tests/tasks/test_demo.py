"""The demo brings the shipped bank and the two papers of the demo olympiad."""

from sqlalchemy import select

from olympiad import demo
from olympiad.domain.task_keys import TaskType
from olympiad.extensions import db
from olympiad.models import AuditEntry, Olympiad, Paper, Task
from olympiad.tasks import demo as tasks_demo


def test_demo_bank_and_papers(load_demo, client):
    result = load_demo()
    assert result.exit_code == 0, result.output
    tasks = db.session.scalars(select(Task)).all()
    assert len(tasks) >= 40
    assert {t.current.type for t in tasks} == set(TaskType)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "task_created"))
    olympiad = db.session.scalar(select(Olympiad).where(Olympiad.academic_year == "2020-2021"))
    papers = {
        p.group.name: p
        for p in db.session.scalars(select(Paper).where(Paper.olympiad_id == olympiad.id))
    }
    junior, senior = papers["7–8"], papers["9–11"]
    junior_codes = [item.task_version.task.code for item in junior.items]
    assert junior.time_limit_minutes == 60 and senior.time_limit_minutes == 90
    assert not set(junior_codes) & tasks_demo.JUNIOR_LEFT_OUT
    assert all({7, 8} <= set(i.task_version.grades) for i in junior.items)
    assert [item.task_version.task.code for item in senior.items] == tasks_demo.SENIOR
    assert 15 <= len(junior.items) <= 35 and 50 <= junior.max_total <= 100
    assert 15 <= len(senior.items) <= 35 and 50 <= senior.max_total <= 100
    # the organizer of the demo can print them
    client.post("/auth/login", data={"login": "organizer", "password": demo.DEMO_PASSWORD})
    response = client.get(f"/tasks/papers/{senior.group_id}/booklet.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_bank_step_works_without_the_demo_olympiad(app):
    demo.load_schools_and_accounts()
    tasks_demo.load_bank()
    db.session.commit()
    assert len(db.session.scalars(select(Task)).all()) >= 40
    assert db.session.scalar(select(Paper)) is None
