"""Composing a paper in a few clicks: several tasks at once, fresh ones, last year's as a start."""

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Paper


def _codes(group) -> list[str]:
    db.session.expire_all()
    paper = db.session.scalar(select(Paper).where(Paper.group_id == group.id))
    return [item.task_version.task.code for item in paper.items] if paper else []


def test_ticked_tasks_are_added_at_once_in_the_banks_order(
    client, organizer, make_task, make_olympiad
):
    group = make_olympiad().groups[0]
    one, two, three = make_task(), make_task(), make_task()
    base = f"/tasks/papers/{group.id}"
    page = client.get(base).get_data(as_text=True)
    assert f'name="task_id" value="{one.id}"' in page and "Добавить отмеченные" in page
    response = client.post(f"{base}/add", data={"task_id": [str(three.id), str(one.id)]})
    assert "Добавлено заданий: 2." in client.get(response.location).get_data(as_text=True)
    assert _codes(group) == ["T-001", "T-003"]
    # one of the ticked is already there: nothing is added, and the page says why
    response = client.post(f"{base}/add", data={"task_id": [str(two.id), str(one.id)]})
    assert "уже есть в варианте" in client.get(response.location).get_data(as_text=True)
    assert _codes(group) == ["T-001", "T-003"]
    response = client.post(f"{base}/add", data={})
    assert "Отметьте задания" in client.get(response.location).get_data(as_text=True)


def test_last_years_paper_is_a_start_and_its_tasks_can_be_left_out(
    client, organizer, make_task, make_olympiad, compose
):
    last = make_olympiad(year="2019-2020")
    old_one, old_two, new = make_task(), make_task(), make_task()
    compose(last, 0, [old_two, old_one], minutes=45)
    group = make_olympiad(year="2020-2021").groups[0]
    base = f"/tasks/papers/{group.id}"
    page = client.get(base).get_data(as_text=True)
    assert "Взять за основу вариант 2019-2020 года (7–8 классы, заданий: 2)" in page
    fresh = client.get(base, query_string={"fresh": "1"}).get_data(as_text=True)
    assert ">T-003<" in fresh and ">T-001<" not in fresh and ">T-002<" not in fresh
    client.post(f"{base}/copy-previous")
    assert _codes(group) == ["T-002", "T-001"]
    paper = db.session.scalar(select(Paper).where(Paper.group_id == group.id))
    assert paper.time_limit_minutes == 45
    # only into an empty paper
    response = client.post(f"{base}/copy-previous")
    assert "только пустой" in client.get(response.location).get_data(as_text=True)
    assert "Взять за основу" not in client.get(base).get_data(as_text=True)
    assert new.code == "T-003"
