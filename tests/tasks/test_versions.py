"""Editing a task used by a held olympiad adds a version; the held paper keeps its own."""

import pytest
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import AuditEntry, OlympiadStatus, PaperTask, Task
from olympiad.tasks import services
from tests.tasks.conftest import task_form


def _edit(client, task, **changes):
    form = client.get(f"/tasks/{task.id}/edit").get_data(as_text=True)
    fingerprint = form.split('name="fingerprint" type="hidden" value="')[1].split('"')[0]
    data = task_form(task.current.type.value, fingerprint=fingerprint, **changes)
    return client.post(f"/tasks/{task.id}/edit", data=data)


def _reload(task: Task) -> Task:
    db.session.expire_all()
    return db.session.get(Task, task.id)


def test_edit_form_shows_the_key_as_typed(client, organizer, make_task):
    task = make_task("matching")
    page = client.get(f"/tasks/{task.id}/edit").get_data(as_text=True)
    assert 'value="1-Г, 2-В, 3-А"' in page
    assert "Переплёт\nКорешок\nОбрез" in page
    assert '<option selected value="per_pair">' in page


def test_unused_or_unheld_task_is_edited_in_place(
    client, organizer, make_task, make_olympiad, compose
):
    task = make_task()
    compose(make_olympiad(OlympiadStatus.REGISTRATION_CLOSED), 0, [task])
    response = _edit(client, task, correct="Г")
    assert response.status_code == 302
    task = _reload(task)
    assert len(task.versions) == 1 and task.current.key["correct"] == 3
    assert db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc())) == (
        "task_updated"
    )


@pytest.mark.parametrize("status", [OlympiadStatus.HELD, OlympiadStatus.FINAL])
def test_edit_after_the_olympiad_is_held_adds_a_version(
    client, organizer, make_task, make_olympiad, compose, status
):
    task = make_task()
    held = compose(make_olympiad(status), 0, [task])
    later = compose(make_olympiad(OlympiadStatus.DRAFT, year="2021-2022"), 1, [task])
    first = task.current
    assert "появится версия 2" in client.get(f"/tasks/{task.id}/edit").get_data(as_text=True)
    response = _edit(client, task, correct="Г", text="Исправленный текст задания.")
    assert response.status_code == 302
    task = _reload(task)
    assert [v.number for v in task.versions] == [1, 2]
    assert task.versions[0].key["correct"] == 2 and task.versions[0].text.startswith("Как")
    assert task.current.key["correct"] == 3 and task.current.text == "Исправленный текст задания."
    used = {item.paper_id: item.task_version_id for item in db.session.scalars(select(PaperTask))}
    assert used == {held.id: first.id, later.id: task.current.id}
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "2020-2021, 7–8" in page and "2021-2022, 9–11" in page
    assert ">текущая<" in page
    old = client.get(f"/tasks/{task.id}?version=1").get_data(as_text=True)
    assert "Вы смотрите версию 1" in old and "Как называется сдвоенный лист" in old
    # a second edit of the new (unheld) version happens in place
    _edit(client, _reload(task), correct="Б")
    assert [v.number for v in _reload(task).versions] == [1, 2]


def test_saving_the_same_content_changes_nothing(client, organizer, make_task):
    task = make_task()
    response = _edit(client, task)
    assert response.status_code == 302
    assert "Изменений нет." in client.get(response.location).get_data(as_text=True)
    assert len(_reload(task).versions) == 1


def test_stale_edit_is_refused(client, organizer, make_task):
    task = make_task()
    form = client.get(f"/tasks/{task.id}/edit").get_data(as_text=True)
    stale = form.split('name="fingerprint" type="hidden" value="')[1].split('"')[0]
    services.update_task(None, task, _changed(task))
    db.session.commit()
    data = task_form("single_choice", fingerprint=stale, correct="А")
    page = client.post(f"/tasks/{task.id}/edit", data=data).get_data(as_text=True)
    assert "изменил другой пользователь" in page
    assert _reload(task).current.key["correct"] == 1


def _changed(task):
    data = services.data_of(task.current)
    data.key = {**data.key, "correct": 1}
    return data


def test_invalid_edit_saves_nothing(client, organizer, make_task):
    task = make_task("ordering")
    page = _edit(client, task, order="АБВГ").get_data(as_text=True)
    assert "Элементы уже записаны в правильном порядке" in page
    assert _reload(task).current.key["order"] == [1, 3, 2, 0]
