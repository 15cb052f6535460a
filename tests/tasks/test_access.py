"""Tasks and keys: the organizer always, the olympiad's jury from its day, nobody else.
(Which jury member and group, and online sittings: tests/test_paper_access.py.)"""

import pytest

from olympiad.extensions import db
from olympiad.models import JuryMember, OlympiadStatus, Role

S = OlympiadStatus
BEFORE = [S.DRAFT, S.REGISTRATION_OPEN, S.REGISTRATION_CLOSED]
FROM_THE_DAY = [S.HELD, S.MARKING, S.PRELIMINARY, S.FINAL, S.PUBLISHED, S.ARCHIVED]
PAPER_URLS = ("", "/booklet.pdf", "/answer-sheet.pdf", "/key.pdf")


@pytest.fixture
def juror_of(make_user):
    def make(*olympiads):
        juror = make_user(Role.JUROR)
        db.session.add_all(JuryMember(olympiad_id=o.id, user=juror) for o in olympiads)
        db.session.commit()
        return juror

    return make


@pytest.fixture
def paper(make_task, make_olympiad, compose):
    def make(status):
        olympiad = make_olympiad(status)
        task = make_task("single_choice")
        compose(olympiad, 0, [task])
        return olympiad, olympiad.groups[0], task

    return make


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.JUROR])
def test_bank_is_the_organizers_only(client, login, make_user, make_task, role):
    task = make_task()
    login(make_user(role))
    for url in ("/tasks/", f"/tasks/{task.id}", "/tasks/new", "/tasks/export.json"):
        assert client.get(url).status_code == 403, url


def test_anonymous_is_sent_to_login(client, paper):
    _, group, task = paper(S.HELD)
    for url in ("/tasks/", f"/tasks/{task.id}", f"/tasks/papers/{group.id}/key.pdf"):
        response = client.get(url)
        assert response.status_code == 302 and "/auth/login" in response.location


@pytest.mark.parametrize("status", BEFORE + FROM_THE_DAY)
def test_coordinator_never_sees_papers(client, login, make_user, paper, status):
    olympiad, group, _ = paper(status)
    login(make_user(Role.COORDINATOR))
    for suffix in PAPER_URLS:
        assert client.get(f"/tasks/papers/{group.id}{suffix}").status_code == 403
    if status != S.DRAFT:
        page = client.get(f"/olympiads/{olympiad.id}").get_data(as_text=True)
        assert "Варианты заданий" not in page


@pytest.mark.parametrize("status", BEFORE)
def test_juror_is_refused_before_the_day(client, login, juror_of, paper, status):
    olympiad, group, task = paper(status)
    login(juror_of(olympiad))
    for suffix in PAPER_URLS:
        assert client.get(f"/tasks/papers/{group.id}{suffix}").status_code == 403
    if status != S.DRAFT:
        page = client.get(f"/olympiads/{olympiad.id}").get_data(as_text=True)
        assert "Варианты заданий" not in page


@pytest.mark.parametrize("status", FROM_THE_DAY)
def test_juror_reads_paper_and_key_from_the_day(client, login, juror_of, paper, status):
    olympiad, group, task = paper(status)
    login(juror_of(olympiad))
    page = client.get(f"/tasks/papers/{group.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "T-001" in text and "Ключи для жюри (PDF)" in text
    assert "Добавить" not in text and "Убрать" not in text and '/tasks/1"' not in text
    for suffix in PAPER_URLS[1:]:
        assert client.get(f"/tasks/papers/{group.id}{suffix}").status_code == 200
    assert "Варианты заданий" in client.get(f"/olympiads/{olympiad.id}").get_data(as_text=True)
    # reading is all: composing stays the organizer's
    assert client.post(f"/tasks/papers/{group.id}/add/{task.id}").status_code == 403
    assert client.get(f"/tasks/{task.id}").status_code == 403


def test_juror_sees_a_picture_only_through_a_held_paper(
    client, login, juror_of, make_task, make_olympiad, compose
):
    task = make_task()
    task.current.image, task.current.image_type = b"\x89PNG-not-checked", "image/png"
    db.session.commit()
    url = f"/tasks/versions/{task.current.id}/image"
    before, held = make_olympiad(S.REGISTRATION_CLOSED), make_olympiad(S.HELD, year="2019-2020")
    login(juror_of(before, held))
    assert client.get(url).status_code == 403
    compose(before, 0, [task])
    assert client.get(url).status_code == 403
    compose(held, 0, [task])
    assert client.get(url).status_code == 200
