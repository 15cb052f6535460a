"""Open tasks by criteria: ranges and halves, one or two markers who do not see each other,
the chair's queue and final mark, stale saves and reasons for changes."""

import re

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import AuditEntry, Mark, MarkSlot
from tests.marking.conftest import post_mark


def _marks(item):
    return {
        m.slot: m for m in db.session.scalars(select(Mark).where(Mark.paper_task_id == item.id))
    }


def test_mark_by_criteria_with_halves_and_the_total(client, login, scene):
    login(scene.juror_a)
    o, item = scene.olympiad, scene.items["annotation"]
    page = client.get(f"/marking/{o.id}/tasks/{item.id}/works/KMT-101").get_data(as_text=True)
    assert "Содержание" in page and "Грамотность" in page and 'name="criterion"' in page
    response = post_mark(client, o, item, "KMT-101", ["1,5", "3"], comment="хорошо")
    assert response.status_code == 302
    mark = _marks(item)[MarkSlot.FIRST]
    assert mark.criteria == [1.5, 3.0] and mark.total == 4.5 and mark.comment == "хорошо"
    assert mark.juror_id == scene.juror_a.id


def test_mark_outside_the_range_is_refused_with_a_clear_message(client, login, scene):
    login(scene.juror_a)
    o, item = scene.olympiad, scene.items["annotation"]
    cases = {
        ("3", "1"): "«Содержание»: балл должен быть от 0 до 2, введено 3.",
        ("1,25", "1"): "допускаются только целые баллы и половины",
        ("-1", "1"): "от 0 до 2, введено -1",
        ("", "1"): "«Содержание»: поставьте балл.",
        ("два", "1"): "не число",
    }
    for marks, message in cases.items():
        response = post_mark(client, o, item, "KMT-101", marks)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert _marks(item) == {}


def test_double_marking_keeps_markers_apart_and_resolves(client, login, client_for, scene):
    o, item = scene.olympiad, scene.items["record"]  # two markers, tolerance 2, mean
    login(scene.juror_a)
    assert post_mark(client, o, item, "KMT-101", [3, 4], comment="первая").status_code == 302
    second = client_for(scene.juror_b)
    page = second.get(f"/marking/{o.id}/tasks/{item.id}/works/KMT-101").get_data(as_text=True)
    assert "первая" not in page and 'value="3"' not in page  # the first mark is not shown
    assert post_mark(second, o, item, "KMT-101", [4, 4], comment="вторая").status_code == 302
    marks = _marks(item)
    assert marks[MarkSlot.FIRST].juror_id == scene.juror_a.id
    assert marks[MarkSlot.SECOND].juror_id == scene.juror_b.id
    page = client.get(f"/marking/{o.id}/tasks/{item.id}/works/KMT-101").get_data(as_text=True)
    assert "вторая" not in page and "первая" in page  # each sees only their own
    # a third jury member finds no free slot
    third = client_for(scene.chair)
    response = post_mark(third, o, item, "KMT-101", [1, 1])
    assert "уже проверили другие члены жюри" in response.get_data(as_text=True)
    assert len(_marks(item)) == 2
    card = client_for(scene.organizer).get(f"/marking/{o.id}/works/KMT-101")
    assert "оценка итоговая" in card.get_data(as_text=True)
    assert "7,5" in card.get_data(as_text=True)  # mean of 7 and 8


def test_discrepancy_goes_to_the_chair(client, login, client_for, scene):
    o, item = scene.olympiad, scene.items["record"]
    login(scene.juror_a)
    post_mark(client, o, item, "KMT-102", [1, 1], comment="слабо")
    post_mark(client_for(scene.juror_b), o, item, "KMT-102", [4, 5], comment="отлично")
    chair = client_for(scene.chair)
    queue = chair.get(f"/marking/{o.id}/queue").get_data(as_text=True)
    assert "KMT-102" in queue and "Поставить итоговую" in queue
    url = f"/marking/{o.id}/tasks/{item.id}/works/KMT-102/chair"
    page = chair.get(url).get_data(as_text=True)
    for seen in ("слабо", "отлично", "Первова Полина", "Вторая Варвара"):
        assert seen in page  # both marks and comments, side by side
    assert client.get(url).status_code == 403  # not the chair
    response = chair.post(url, data={"criterion": ["3", "3,5"], "version": 0})
    assert response.status_code == 302
    assert _marks(item)[MarkSlot.CHAIR].total == 6.5
    assert "Расхождений нет" in chair.get(f"/marking/{o.id}/queue").get_data(as_text=True)
    # no discrepancy, no chair: the chair's page sends back to the queue
    post_mark(client, o, item, "KMT-103", [2, 2])
    assert chair.get(f"/marking/{o.id}/tasks/{item.id}/works/KMT-103/chair").status_code == 302


def test_change_needs_a_reason_and_the_history_shows_it(client, login, client_for, scene):
    o, item = scene.olympiad, scene.items["annotation"]
    login(scene.juror_a)
    post_mark(client, o, item, "KMT-101", [1, 1])
    page = post_mark(client, o, item, "KMT-101", [2, 2], version=1).get_data(as_text=True)
    assert "укажите причину изменения" in page
    assert _marks(item)[MarkSlot.FIRST].total == 2
    response = post_mark(client, o, item, "KMT-101", [2, 2], version=1, reason="пересчитала")
    assert response.status_code == 302 and _marks(item)[MarkSlot.FIRST].total == 4
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.object_type == "Mark").order_by(AuditEntry.id)
    ).all()
    assert [e.action for e in entries] == ["mark_entered", "mark_changed"]
    change = entries[1]
    assert change.user_id == scene.juror_a.id and change.reason == "пересчитала"
    assert change.old_value["total"] == 2 and change.new_value["total"] == 4
    for viewer in (scene.organizer, scene.chair):
        history = client_for(viewer).get(f"/marking/{o.id}/works/KMT-101").get_data(as_text=True)
        assert (
            "пересчитала" in history
            and "Первова Полина" in history
            and "оценка изменена" in history
        )
    assert client.get(f"/marking/{o.id}/works/KMT-101").status_code == 403  # not the chair


def test_stale_mark_from_another_window_is_refused_with_the_current_value(
    client, login, client_for, scene
):
    o, item = scene.olympiad, scene.items["annotation"]
    login(scene.juror_a)
    other = client_for(scene.juror_a)  # the same jury member on another computer
    post_mark(client, o, item, "KMT-101", [1, 1])
    url = f"/marking/{o.id}/tasks/{item.id}/works/KMT-101"
    assert 'name="version" type="hidden" value="1"' in client.get(url).get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in other.get(url).get_data(as_text=True)
    assert post_mark(client, o, item, "KMT-101", [2, 3], version=1, reason="a").status_code == 302
    page = post_mark(other, o, item, "KMT-101", [0, 0], version=1, reason="b")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "уже сохранили: сейчас 5 б." in html and "Сейчас сохранено: 5 б." in html
    assert 'name="version" type="hidden" value="2"' in html  # the next save knows what it replaces
    assert _marks(item)[MarkSlot.FIRST].total == 5


def test_next_work_button_walks_the_unmarked_works(client, login, scene):
    o, item = scene.olympiad, scene.items["annotation"]
    login(scene.juror_a)
    response = client.get(f"/marking/{o.id}/tasks/{item.id}/next")
    assert response.location.endswith("/works/KMT-101")
    data = {"criterion": ["1", "1"], "version": 0, "then": "next"}
    response = client.post(f"/marking/{o.id}/tasks/{item.id}/works/KMT-101", data=data)
    assert "/next?after=KMT-101" in response.location
    assert client.get(response.location).location.endswith("/works/KMT-102")
    for cipher in ("KMT-102", "KMT-103", "KMT-104"):
        post_mark(client, o, item, cipher, [1, 1])
    response = client.get(f"/marking/{o.id}/tasks/{item.id}/next", follow_redirects=True)
    assert "проверены" in response.get_data(as_text=True)


def test_jury_member_marks_only_assigned_tasks(client, login, scene):
    o, item = scene.olympiad, scene.items["annotation"]
    member = next(m for m in _members(o) if m.user_id == scene.juror_a.id)
    member.paper_task_ids = [scene.items["record"].id]
    db.session.commit()
    login(scene.juror_a)
    assert client.get(f"/marking/{o.id}/tasks/{item.id}/works/KMT-101").status_code == 404
    assert client.get(f"/marking/{o.id}/tasks/{scene.items['record'].id}").status_code == 200


def _members(olympiad):
    from olympiad.models import JuryMember

    return db.session.scalars(select(JuryMember).where(JuryMember.olympiad_id == olympiad.id))


def test_the_field_in_error_is_marked_and_the_total_is_shown_against_the_maximum(
    client, login, scene
):
    login(scene.juror_a)
    o, item = scene.olympiad, scene.items["annotation"]
    page = post_mark(client, o, item, "KMT-101", ["1", "4"]).get_data(as_text=True)
    fields = {
        tag.split('id="')[1].split('"')[0]: tag
        for tag in re.findall(r"<input[^>]*criterion-input[^>]*>", page)
    }
    assert "is-invalid" not in fields["criterion-1"] and "autofocus" not in fields["criterion-1"]
    assert "is-invalid" in fields["criterion-2"] and "autofocus" in fields["criterion-2"]
    message = page.split('id="criterion-2-error">')[1].split("<")[0]
    assert message == "«Грамотность»: балл должен быть от 0 до 3, введено 4."
    post_mark(client, o, item, "KMT-101", ["1,5", "3"])
    page = client.get(f"/marking/{o.id}/tasks/{item.id}/works/KMT-101").get_data(as_text=True)
    assert "4,5 из 5" in page
