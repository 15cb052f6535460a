"""Progress per task and per jury member, closing marking only when nothing is missing, and
marks frozen afterwards."""

from datetime import date

from olympiad.extensions import db
from olympiad.marking.answers import save_answers
from olympiad.marking.marks import save_mark
from olympiad.marking.progress import progress
from olympiad.marking.works import find_work, is_open
from olympiad.models import OlympiadStatus
from tests.marking.conftest import post_answer, post_mark

RIGHT = {
    "single": "Б",
    "multiple": "АВ",
    "matching": "1-А, 2-Б, 3-В",
    "ordering": "ВАГБ",
    "short": "каталог",
    "number": "5",
}


def _fill(scene, skip=None):
    """Answers and marks for every work of the junior paper, except `skip` (cipher, task)."""
    o = scene.olympiad
    for participant in scene.works:
        work = find_work(o, participant.cipher)
        cells = [
            (scene.items[name], text, 0)
            for name, text in RIGHT.items()
            if (participant.cipher, name) != skip
        ]
        save_answers(scene.juror_a, o, work, cells)
        for name in ("annotation", "record"):
            if (participant.cipher, name) == skip:
                continue
            item = scene.items[name]
            criteria = [1.0, 1.0]
            save_mark(scene.juror_a, o, work, item, criteria, "", 0)
            if item.markers == 2:
                save_mark(scene.juror_b, o, work, item, [1.0, 1.5], "", 0)
    db.session.commit()


def test_progress_counts_per_task_and_per_jury_member(client, login, client_for, scene):
    o = scene.olympiad
    login(scene.juror_a)
    post_answer(client, o, "KMT-101", scene.items["single"], "Б")
    post_mark(client, o, scene.items["record"], "KMT-101", [1, 1])
    post_mark(client_for(scene.juror_b), o, scene.items["record"], "KMT-102", [4, 6])
    result = progress(o)
    junior = result.groups[0]
    rows = {row.item.id: row for row in junior.tasks}
    assert junior.works == 4 and rows[scene.items["single"].id].done == 1
    assert rows[scene.items["record"].id].waiting == 2
    jurors = {j.name: j for j in result.jurors}
    assert jurors["Первова Полина"].answers == 1 and jurors["Первова Полина"].slots["first"] == 1
    assert jurors["Вторая Варвара"].slots["first"] == 1
    assert len(result.gaps) == 5 and not result.complete  # 4 junior works and the senior one
    page = client_for(scene.organizer).get(f"/marking/{o.id}/progress").get_data(as_text=True)
    assert "Первова Полина" in page and "KMT-103" in page and "Завершить проверку" in page
    assert "disabled" in page  # the closing button is not active yet
    assert client.get(f"/marking/{o.id}/progress").status_code == 403  # a member, not the chair
    assert client_for(scene.chair).get(f"/marking/{o.id}/progress").status_code == 200


# closing marking asks until when appeals are taken (a time in the future)
APPEALS_UNTIL = {"appeals_close_at": f"{date.today().year + 1}-03-01T18:00"}


def test_closing_is_refused_while_anything_is_missing(client, login, scene):
    o = scene.olympiad
    scene.senior_work.attendance = "absent"  # the senior group has no paper
    db.session.commit()
    _fill(scene, skip=("KMT-103", "record"))
    login(scene.organizer)
    response = client.post(
        f"/olympiads/{o.id}/status/preliminary", data=APPEALS_UNTIL, follow_redirects=True
    )
    assert "Проверку нельзя завершить" in response.get_data(as_text=True)
    db.session.expire_all()
    assert o.status == OlympiadStatus.MARKING


def test_closing_freezes_every_mark(client, login, client_for, scene):
    o = scene.olympiad
    scene.senior_work.attendance = "absent"
    db.session.commit()
    _fill(scene)
    login(scene.organizer)
    page = client.get(f"/marking/{o.id}/progress").get_data(as_text=True)
    assert "Все работы закончены" in page and f"/olympiads/{o.id}/status/preliminary" in page
    response = client.post(
        f"/olympiads/{o.id}/status/preliminary", data=APPEALS_UNTIL, follow_redirects=True
    )
    assert "Предварительные результаты" in response.get_data(as_text=True)
    db.session.expire_all()
    assert o.status == OlympiadStatus.PRELIMINARY
    juror = client_for(scene.juror_a)
    response = post_answer(juror, o, "KMT-101", scene.items["single"], "А", 1, reason="x")
    assert response.status_code == 403 and "заморожены" in response.get_json()["error"]
    page = post_mark(juror, o, scene.items["annotation"], "KMT-101", [2, 3], 1, reason="x")
    assert "заморожены" in page.get_data(as_text=True)
    response = client.post(
        f"/marking/{o.id}/settings", data={"tolerance": "3", "rule": "mean"}, follow_redirects=True
    )
    assert "завершена" in response.get_data(as_text=True)
    assert all(not is_open(i) or i.markers in (1, 2) for i in scene.paper.items)
