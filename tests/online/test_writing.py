"""A participant writes online: starts in the window, saves answers of every type as typed,
finds them after a reload, hands in or is submitted at the deadline; the server's clock and
the save numbers decide, never the browser."""

import re
from datetime import timedelta

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Answer, Attendance, AuditEntry, OnlineAnswer, OnlineAttempt
from tests.online.conftest import CODES, RIGHT, save


def _start(participant_client, code=CODES["a1"]):
    client = participant_client(code)
    page = client.get("/online/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    response = client.post("/online/start", data={"csrf_token": token.group(1) if token else ""})
    assert response.status_code == 302
    return client


def _attempt(participant) -> OnlineAttempt:
    query = select(OnlineAttempt).where(OnlineAttempt.participant_id == participant.id)
    return db.session.scalar(query.execution_options(populate_existing=True))


def test_the_participant_finds_the_round_on_their_page_and_starts_it(online, participant_client):
    client = participant_client(CODES["a1"])
    home = client.get("/participant/").get_data(as_text=True)
    assert "Написать олимпиаду онлайн" in home and "/online/" in home
    page = client.get("/online/").get_data(as_text=True)
    assert "Начать" in page and "60 мин" in page
    assert client.get("/online/work").headers["Location"].endswith("/online/")  # not started
    client.post("/online/start")
    attempt = _attempt(online.people["a1"])
    assert attempt is not None and attempt.submitted_at is None
    db.session.refresh(online.people["a1"])
    assert online.people["a1"].attendance == Attendance.PRESENT  # at home: starting is present
    assert client.get("/online/").headers["Location"].endswith("/online/work")
    work = client.get("/online/work").get_data(as_text=True)
    assert "Задание 1" in work and 'id="countdown"' in work and "1:00:00" in work
    # a participant of the 9–11 group writes on paper: no link, no round
    senior = participant_client(CODES["s1"])
    assert "Написать олимпиаду онлайн" not in senior.get("/participant/").get_data(as_text=True)
    assert senior.get("/online/").status_code == 404


def test_answers_of_every_type_are_saved_and_shown_again_after_a_reload(online, participant_client):
    client = _start(participant_client)
    for name, fields in RIGHT.items():
        response = save(client, online.number[name], fields)
        assert response.status_code == 200, (name, response.get_json())
        body = response.get_json()
        assert body == {"stored": True, "seq": 1, "answered": True, "left": 3600}
    client.post("/online/layout", data={"layout": "all"})
    page = client.get("/online/work").get_data(as_text=True)
    n = online.number
    assert f'name="answer" value="1" id="t{n["single"]}-o1" checked' in page
    assert f'value="0" id="t{n["multiple"]}-o0" checked' in page
    assert f'value="2" id="t{n["multiple"]}-o2" checked' in page
    assert re.search(rf'id="t{n["matching"]}-p2">.*?<option value="2" selected', page, re.S)
    assert re.search(rf'id="t{n["ordering"]}-k0">.*?<option value="3" selected', page, re.S)
    assert 'value="шифр"' in page and 'value="98765,4321"' in page
    assert "Книга о библиотеке.\nДля 7 класса.</textarea>" in page
    assert page.count('name="seq" value="2"') == len(RIGHT)  # the next save is number 2
    assert page.count("btn-success") >= len(RIGHT)  # every task marked answered in the list


def test_a_late_save_never_overwrites_a_newer_one(online, participant_client):
    client = _start(participant_client)
    n = online.number["short"]
    assert save(client, n, {"answer": "новое"}, seq=5).get_json()["stored"] is True
    late = save(client, n, {"answer": "старое"}, seq=4).get_json()
    assert late["stored"] is False and late["seq"] == 5
    same = save(client, n, {"answer": "повтор"}, seq=5).get_json()
    assert same["stored"] is False
    stored = db.session.scalars(select(OnlineAnswer)).one()
    assert (stored.value, stored.seq) == ("новое", 5)
    # a plain form (no script) without a number goes after whatever is stored
    response = client.post(f"/online/tasks/{n}", data={"answer": "из формы", "then": "stay"})
    assert response.status_code == 302
    db.session.refresh(stored)
    assert (stored.value, stored.seq) == ("из формы", 6)


def test_the_plain_form_saves_and_moves_on_without_any_script(online, participant_client):
    client = _start(participant_client)
    response = client.post("/online/tasks/1", data={"answer": "2", "seq": "1", "then": "next"})
    assert response.headers["Location"].endswith("/online/work?n=2")
    page = client.get("/online/work?n=2").get_data(as_text=True)
    assert "Задание 2" in page and "Задание 1</h2>" not in page
    # the screen remembers where the participant was
    assert client.get("/online/work").get_data(as_text=True).count('aria-current="step"') == 1
    assert _attempt(online.people["a1"]).position == 2
    last = len(online.items)
    response = client.post(f"/online/tasks/{last}", data={"answer": "", "then": "review"})
    assert response.headers["Location"].endswith("/online/review")
    review = client.get("/online/review").get_data(as_text=True)
    assert f"Без ответа заданий: {len(online.items) - 1} из {len(online.items)}" in review


def test_saves_after_the_deadline_are_refused_and_the_work_is_submitted(
    online, participant_client, clock
):
    client = _start(participant_client)
    n = online.number["single"]
    assert save(client, n, {"answer": "1"}).status_code == 200
    clock.move(minutes=60, seconds=5)  # past the deadline, within the grace
    assert save(client, n, {"answer": "2"}, seq=2).status_code == 200
    clock.move(seconds=6)
    refused = save(client, n, {"answer": "3"}, seq=3)
    assert refused.status_code == 409 and refused.get_json()["closed"] is True
    attempt = _attempt(online.people["a1"])
    assert attempt.auto_submitted
    assert attempt.submitted_at == attempt.started_at + timedelta(minutes=60)  # at the deadline
    answer = db.session.scalar(
        select(Answer).where(Answer.paper_task_id == online.items["single"].id)
    )
    assert answer.text == "В" and answer.points == 0  # the last accepted save, scored
    page = client.get("/online/").get_data(as_text=True)
    assert "сдана автоматически" in page
    assert client.get("/online/work").headers["Location"].endswith("/online/")


def test_the_participants_own_page_after_the_deadline_submits_at_once(
    online, participant_client, clock
):
    client = _start(participant_client)
    clock.move(minutes=60)
    assert client.get("/online/state").get_json() == {"left": 0, "submitted": True}
    assert _attempt(online.people["a1"]).auto_submitted


def test_handing_in_scores_closed_answers_like_a_sheet_and_keeps_open_ones_for_the_jury(
    online, participant_client
):
    client = _start(participant_client)
    for name in ("single", "multiple", "matching", "ordering", "short", "annotation"):
        assert save(client, online.number[name], RIGHT[name]).status_code == 200
    assert client.post("/online/submit").status_code == 302
    attempt = _attempt(online.people["a1"])
    assert attempt.submitted_at is not None and not attempt.auto_submitted
    answers = {
        a.paper_task_id: a
        for a in db.session.scalars(
            select(Answer).where(Answer.participant_id == online.people["a1"].id)
        )
    }
    items = online.items
    assert set(answers) == {i.id for name, i in items.items() if name != "annotation"}
    got = {
        name: (answers[i.id].text, answers[i.id].points)
        for name, i in items.items()
        if i.id in answers
    }
    assert got == {
        "single": ("Б", 1),
        "multiple": ("АВ", 2),
        "matching": ("1-А, 2-Б, 3-В", 3),
        "ordering": ("ГВАБ", 2),
        "short": ("шифр", 1),
        "number": ("-", 0),  # not answered: the sheet's dash
    }
    audited = db.session.scalars(select(AuditEntry.action)).all()
    assert audited.count("answer_entered") == 6 and "online_submitted" in audited
    # handed in: nothing changes any more
    assert save(client, 1, {"answer": "0"}, seq=9).status_code == 409


def test_a_participant_reaches_only_their_own_work(online, participant_client):
    first = _start(participant_client, CODES["a1"])
    second = _start(participant_client, CODES["b1"])
    assert save(first, 1, {"answer": "1"}).status_code == 200
    assert save(second, 1, {"answer": "3"}).status_code == 200
    rows = db.session.scalars(select(OnlineAnswer).order_by(OnlineAnswer.id)).all()
    owners = {r.attempt.participant_id: r.value for r in rows}
    assert owners == {online.people["a1"].id: 1, online.people["b1"].id: 3}
    # no task numbers beyond the paper, no ids to forge, no staff pages
    assert save(first, 99, {"answer": "1"}).status_code == 400
    assert save(first, 0, {"answer": "1"}).status_code == 400
    assert save(first, 1, {"answer": "7"}).status_code == 400  # no such option
    assert first.get(f"/online/sittings/{online.sitting.id}").status_code == 302
    response = first.post(
        f"/online/sittings/{online.sitting.id}/participants/{online.people['b1'].id}/admit"
    )
    assert "/auth/login" in response.headers["Location"]
    assert _attempt(online.people["b1"]).answers[0].value == 3


def test_no_key_and_no_points_reach_a_participant(online, participant_client):
    client = _start(participant_client)
    texts = []
    for name, fields in RIGHT.items():
        texts.append(save(client, online.number[name], fields).get_data(as_text=True))
    for layout in ("one", "all"):
        client.post("/online/layout", data={"layout": layout})
        texts.append(client.get("/online/work").get_data(as_text=True))
        texts += [client.get(f"/online/work?n={n}").get_data(as_text=True) for n in range(1, 8)]
    texts.append(client.get("/online/review").get_data(as_text=True))
    texts.append(client.get("/online/state").get_data(as_text=True))
    client.post("/online/submit")
    texts.append(client.get("/online/").get_data(as_text=True))
    texts.append(client.get("/participant/").get_data(as_text=True))
    for text in texts:
        assert "СЕКРЕТ" not in text and "98765.4321" not in text
        assert '"correct"' not in text and '"pairs"' not in text and '"points"' not in text
    assert "набрано" not in texts[-2] and "баллов" not in texts[-2]


def test_layout_and_place_are_remembered(online, participant_client):
    client = _start(participant_client)
    client.get("/online/work?n=3")
    client.post("/online/layout", data={"layout": "all"})
    page = client.get("/online/work").get_data(as_text=True)
    assert page.count('class="online-task card') == len(online.items)
    client.post("/online/layout", data={"layout": "one"})
    page = client.get("/online/work").get_data(as_text=True)
    assert page.count('class="online-task card') == 1 and 'id="task-3"' in page
    assert _attempt(online.people["a1"]).layout == "one"


def test_a_disqualified_participant_stops_writing(online, participant_client):
    client = _start(participant_client)
    online.people["a1"].attendance = Attendance.DISQUALIFIED
    db.session.commit()
    assert save(client, 1, {"answer": "1"}).status_code == 409
    assert client.get("/online/work").headers["Location"].endswith("/online/")
    assert "дисквалифицирован" in client.get("/online/").get_data(as_text=True)
