"""The grid of closed answers: a cell saved on its own, scored at once, a bad value refused,
a stale save refused with the current value, a change after the first entry needs a reason."""

import re

import pytest
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Answer, AuditEntry
from tests.conftest import PASSWORD
from tests.marking.conftest import post_answer


def test_grid_shows_ciphers_formats_and_the_script(client, login, scene):
    login(scene.juror_a)
    page = client.get(f"/marking/{scene.olympiad.id}/groups/{scene.junior.id}/answers")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for cipher in ("KMT-101", "KMT-104"):
        assert cipher in html
    assert "KMT-199" not in html  # absent: not marked
    for hint in ("одна буква", "буквы, напр. АВ", "1-Б, 2-А", "ВАГБ", "число"):
        assert hint in html
    assert "js/marking-grid.js" in html and "data-csrf" in html


def test_cell_is_saved_and_scored(client, login, scene):
    login(scene.juror_a)
    o, items = scene.olympiad, scene.items
    cases = [
        ("single", "Б", 1.0, "Б"),
        ("single", "a", 0.0, "А"),  # Latin a is Russian А
        ("multiple", "ав", 2.0, "АВ"),
        ("matching", "1-А, 2-Б, 3-Г", None, None),  # no Г on the right: refused below
        ("ordering", "ВАГБ", 2.0, "ВАГБ"),
        ("short", " Каталог ", 1.0, "Каталог"),
        ("number", "5,0", 1.0, "5,0"),
    ]
    ciphers = iter(["KMT-101", "KMT-102", "KMT-103", "KMT-101", "KMT-101", "KMT-101", "KMT-101"])
    for (name, text, points, display), cipher in zip(cases, ciphers, strict=True):
        response = post_answer(client, o, cipher, items[name], text)
        if points is None:
            assert response.status_code == 400
            continue
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        assert body["points"] == points and body["display"] == display and body["version"] == 1
    answers = db.session.scalars(select(Answer)).all()
    assert len(answers) == 6
    assert all(a.entered_by_id == scene.juror_a.id for a in answers)
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "answer_entered"))
    assert {e.new_value["cipher"] for e in entries} == {"KMT-101", "KMT-102", "KMT-103"}


def test_value_that_cannot_be_an_answer_changes_nothing(client, login, scene):
    login(scene.juror_a)
    o, item = scene.olympiad, scene.items["single"]
    response = post_answer(client, o, "KMT-101", item, "Ж")
    assert response.status_code == 400
    assert "Варианта «Ж» нет" in response.get_json()["error"]
    assert db.session.scalar(select(Answer)) is None
    assert post_answer(client, o, "KMT-101", item, "Б").status_code == 200
    assert post_answer(client, o, "KMT-101", item, "АБ", 1).status_code == 400
    answer = db.session.scalar(select(Answer))
    assert answer.text == "Б" and answer.version == 1


def test_dash_enters_no_answer_and_empty_cell_stays_empty(client, login, scene):
    login(scene.juror_a)
    o, item = scene.olympiad, scene.items["multiple"]
    body = post_answer(client, o, "KMT-101", item, "").get_json()
    assert body == {"text": "", "display": "", "points": None, "version": 0}
    body = post_answer(client, o, "KMT-101", item, "—").get_json()
    assert body["text"] == "-" and body["points"] == 0 and body["display"] == "—"


def test_change_needs_a_reason_and_is_audited(client, login, scene):
    login(scene.juror_a)
    o, item = scene.olympiad, scene.items["single"]
    post_answer(client, o, "KMT-101", item, "А")
    response = post_answer(client, o, "KMT-101", item, "Б", 1)
    assert response.status_code == 400 and response.get_json()["reason_required"] is True
    assert "причину" in response.get_json()["error"]
    response = post_answer(client, o, "KMT-101", item, "Б", 1, reason="опечатка при вводе")
    assert response.status_code == 200 and response.get_json()["points"] == 1
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "answer_changed"))
    assert entry.user_id == scene.juror_a.id and entry.reason == "опечатка при вводе"
    assert entry.old_value["text"] == "А" and entry.new_value["text"] == "Б"


def test_stale_cell_is_refused_with_the_current_value(client, login, client_for, scene):
    o, item = scene.olympiad, scene.items["single"]
    organizer = client_for(scene.organizer)
    login(scene.juror_a)
    # both have the empty cell on screen (version 0); the organizer saves first
    assert post_answer(organizer, o, "KMT-102", item, "Б").status_code == 200
    response = post_answer(client, o, "KMT-102", item, "В", 0)
    assert response.status_code == 409
    body = response.get_json()
    assert body["current"]["text"] == "Б" and body["current"]["version"] == 1
    assert "«Б»" in body["error"]
    assert db.session.scalar(select(Answer.text)) == "Б"


def test_who_may_enter(client, login, client_for, scene):
    o, item = scene.olympiad, scene.items["single"]
    outsider = client_for(scene.outsider)
    assert post_answer(outsider, o, "KMT-101", item, "Б").status_code == 404
    assert outsider.get(f"/marking/{o.id}/groups/{scene.junior.id}/answers").status_code == 404
    login(scene.juror_a)
    assert post_answer(client, o, "KMT-199", item, "Б").status_code == 404  # absent
    assert post_answer(client, o, "KMT-901", item, "Б").status_code == 403  # not juror's group
    assert post_answer(client, o, "KMT-101", scene.items["record"], "5").status_code == 400
    bad = client.post(f"/marking/{o.id}/answers", json={"cipher": 1})
    assert bad.status_code == 400 and "error" in bad.get_json()
    organizer = client_for(scene.organizer)
    assert post_answer(organizer, o, "KMT-901", item, "Б").status_code == 400  # not its paper
    assert db.session.scalar(select(Answer)) is None


def test_nothing_changes_after_marking_is_closed(client, login, scene):
    login(scene.juror_a)
    o, item = scene.olympiad, scene.items["single"]
    o.status = "preliminary"
    db.session.commit()
    response = post_answer(client, o, "KMT-101", item, "Б")
    assert response.status_code == 403 and "заморожены" in response.get_json()["error"]
    assert db.session.scalar(select(Answer)) is None


def test_plain_form_per_work_without_javascript(client, login, scene):
    login(scene.juror_b)
    o, items = scene.olympiad, scene.items
    url = f"/marking/{o.id}/works/KMT-103/answers"
    assert "KMT-103" in client.get(url).get_data(as_text=True)
    data = {f"text-{items['single'].id}": "Б", f"text-{items['number'].id}": "5"}
    data |= {f"version-{items[name].id}": "0" for name in ("single", "number")}  # empty cells
    response = client.post(url, data=data)
    assert response.status_code == 302
    assert sorted(db.session.scalars(select(Answer.text))) == ["5", "Б"]
    data[f"text-{items['single'].id}"] = "Ж"
    page = client.post(url, data=data).get_data(as_text=True)
    assert "Задание 1" in page and "Варианта «Ж» нет" in page


@pytest.mark.csrf
def test_the_grid_sends_its_csrf_token_in_a_header(client, scene):
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    login = {"login": scene.juror_a.login, "password": PASSWORD, "csrf_token": token}
    assert client.post("/auth/login", data=login).status_code == 302
    o, item = scene.olympiad, scene.items["single"]
    grid = client.get(f"/marking/{o.id}/groups/{scene.junior.id}/answers").get_data(as_text=True)
    token = re.search(r'data-csrf="([^"]+)"', grid).group(1)
    assert post_answer(client, o, "KMT-101", item, "Б").status_code == 400  # no token
    response = post_answer(client, o, "KMT-101", item, "Б", headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.get_json()["points"] == 1


def test_a_large_grid_comes_in_parts(client, login, scene, monkeypatch):
    from olympiad.marking import grid_views

    monkeypatch.setattr(grid_views, "WORKS_PER_PART", 3)
    login(scene.juror_a)
    url = f"/marking/{scene.olympiad.id}/groups/{scene.junior.id}/answers"
    first = client.get(url).get_data(as_text=True)
    assert "Работы 1–3 из 4:" in first
    assert "KMT-101" in first and "KMT-103" in first and "KMT-104" not in first
    second = client.get(url, query_string={"part": 2}).get_data(as_text=True)
    assert "Работы 4–4 из 4:" in second and "KMT-104" in second and "KMT-101" not in second
    assert "KMT-104" in client.get(url, query_string={"part": 99}).get_data(as_text=True)
