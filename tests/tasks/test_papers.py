"""The organizer composes a paper per grade group and prints its booklet, sheet and key."""

import pytest
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import AuditEntry, OlympiadStatus, Paper
from tests.tasks.conftest import pdf_text


def _paper(group) -> Paper | None:
    db.session.expire_all()
    return db.session.scalar(select(Paper).where(Paper.group_id == group.id))


def _codes(paper: Paper) -> list[str]:
    return [item.task_version.task.code for item in paper.items]


def test_compose_order_and_total(client, organizer, make_task, make_olympiad):
    olympiad = make_olympiad()
    group = olympiad.groups[0]
    one, two, three = make_task(), make_task("matching"), make_task("open")
    base = f"/tasks/papers/{group.id}"
    page = client.get(base).get_data(as_text=True)
    assert "В варианте пока нет заданий." in page and ">T-001<" in page
    for task in (one, two, three):
        assert client.post(f"{base}/add/{task.id}").status_code == 302
    paper = _paper(group)
    assert _codes(paper) == ["T-001", "T-002", "T-003"]
    assert paper.max_total == 1 + 3 + 5
    # the same task twice is refused
    client.post(f"{base}/add/{one.id}")
    assert len(_paper(group).items) == 3
    third = _paper(group).items[2]
    client.post(f"/tasks/papers/items/{third.id}/move/up")
    assert _codes(_paper(group)) == ["T-001", "T-003", "T-002"]
    client.post(f"/tasks/papers/items/{third.id}/move/up")
    client.post(f"/tasks/papers/items/{third.id}/move/up")  # already first: nothing happens
    assert _codes(_paper(group)) == ["T-003", "T-001", "T-002"]
    assert [item.position for item in _paper(group).items] == [1, 2, 3]
    assert client.post(f"/tasks/papers/items/{third.id}/move/sideways").status_code == 404
    confirm = client.get(f"/tasks/papers/items/{third.id}/remove").get_data(as_text=True)
    assert "Убрать задание T-003" in confirm
    client.post(f"/tasks/papers/items/{third.id}/remove")
    paper = _paper(group)
    assert _codes(paper) == ["T-001", "T-002"] and paper.max_total == 4
    page = client.get(base).get_data(as_text=True)
    assert 'id="max-total">4<' in page
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "paper_task_added" in actions and "paper_task_removed" in actions


def test_bank_on_the_paper_page_defaults_to_the_groups_grades(
    client, organizer, make_task, make_olympiad
):
    olympiad = make_olympiad()
    make_task(grades=["7", "8"])
    make_task(grades=["10", "11"])
    archived = make_task(grades=["7"])
    client.post(f"/tasks/{archived.id}/archive")
    junior, senior = (f"/tasks/papers/{g.id}" for g in olympiad.groups)
    assert ">T-001<" in client.get(junior).get_data(as_text=True)
    page = client.get(senior).get_data(as_text=True)
    assert ">T-001<" not in page and ">T-002<" in page and ">T-003<" not in page
    page = client.get(senior, query_string={"grade": "all"}).get_data(as_text=True)
    assert ">T-001<" in page and ">T-002<" in page
    response = client.post(f"{senior}/add/{archived.id}")
    assert "в архиве" in client.get(response.location).get_data(as_text=True)


def test_time_limit_and_instructions(client, organizer, make_olympiad):
    group = make_olympiad().groups[1]
    client.post(
        f"/tasks/papers/{group.id}/settings",
        data={"time_limit_minutes": "90", "instructions": "Пишите ручкой.", "version": "0"},
    )
    paper = _paper(group)
    assert (paper.time_limit_minutes, paper.instructions) == (90, "Пишите ручкой.")
    response = client.post(
        f"/tasks/papers/{group.id}/settings",
        data={"time_limit_minutes": "90", "instructions": "", "version": str(paper.version + 5)},
    )
    assert "изменил другой пользователь" in client.get(response.location).get_data(as_text=True)
    assert _paper(group).instructions == "Пишите ручкой."


def test_held_paper_does_not_change(client, organizer, make_task, make_olympiad, compose):
    olympiad = make_olympiad(OlympiadStatus.HELD)
    task, other = make_task(), make_task("number")
    paper = compose(olympiad, 0, [task])
    group = olympiad.groups[0]
    page = client.get(f"/tasks/papers/{group.id}").get_data(as_text=True)
    assert "состав варианта не меняется" in page and "Добавить" not in page
    response = client.post(f"/tasks/papers/{group.id}/add/{other.id}")
    assert "уже проведена" in client.get(response.location).get_data(as_text=True)
    client.post(f"/tasks/papers/items/{paper.items[0].id}/remove")
    client.post(f"/tasks/papers/{group.id}/settings", data={"time_limit_minutes": "45"})
    paper = _paper(group)
    assert _codes(paper) == ["T-001"] and paper.time_limit_minutes == 60


def test_papers_are_listed_on_the_olympiad_page(
    client, organizer, make_task, make_olympiad, compose
):
    olympiad = make_olympiad()
    compose(olympiad, 0, [make_task(), make_task("open")], minutes=45)
    page = client.get(f"/olympiads/{olympiad.id}").get_data(as_text=True)
    assert "Варианты заданий" in page
    assert "заданий: 2, максимум 6, 45 мин" in page and "не составлен" in page


def test_pdfs_read_like_papers(client, organizer, make_task, make_olympiad, compose):
    olympiad = make_olympiad()
    tasks = [make_task(kind) for kind in ("single_choice", "matching", "ordering")]
    tasks += [make_task("short_answer", accepted="библиотековедение"), make_task("number")]
    tasks += [make_task("open")]
    compose(olympiad, 0, tasks, minutes=60)
    group = olympiad.groups[0]
    files = {}
    for kind in ("booklet", "answer-sheet", "key"):
        response = client.get(f"/tasks/papers/{group.id}/{kind}.pdf")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
        files[kind] = pdf_text(response.data)
    booklet, sheet, key = files["booklet"], files["answer-sheet"], files["key"]
    assert "Муниципальный этап олимпиады по информационной культуре" in booklet
    assert "2020–2021 учебный год" in booklet and "7–8 классы" in booklet
    assert "60 минут" in booklet and "Максимальный балл" in booklet
    assert "Как называется сдвоенный лист" in booklet and "Задание 6 (5 баллов)" in booklet
    assert "Шмуцтитул" in booklet and "Твёрдая обложка книжного блока" in booklet
    for secret in ("библиотековедение", "1-Г, 2-В, 3-А", "БГВА", "Предписанные знаки"):
        assert secret not in booklet and secret not in sheet
        assert secret in key
    assert "ШИФР" in sheet and "БЛАНК ОТВЕТОВ" in sheet and "Балл (жюри)" in sheet
    assert "Часть 2. Задания с развёрнутым ответом" in sheet
    assert "Как называется сдвоенный лист" not in sheet
    assert "КОНФИДЕНЦИАЛЬНО" in key and "Сокращения по ГОСТ Р 7.0.12" in key


def test_empty_paper_has_no_pdf(client, organizer, make_olympiad):
    group = make_olympiad().groups[0]
    response = client.get(f"/tasks/papers/{group.id}/key.pdf")
    assert response.status_code == 302
    assert "нет заданий" in client.get(response.location).get_data(as_text=True)


@pytest.mark.csrf
def test_composing_needs_the_form_token(client, make_user, make_task, make_olympiad):
    from tests.conftest import PASSWORD

    user = make_user()
    page = client.get("/auth/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post(
        "/auth/login", data={"login": user.login, "password": PASSWORD, "csrf_token": token}
    )
    group, task = make_olympiad().groups[0], make_task()
    client.post(f"/tasks/papers/{group.id}/add/{task.id}")
    assert _paper(group) is None
    page = client.get(f"/tasks/papers/{group.id}").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post(f"/tasks/papers/{group.id}/add/{task.id}", data={"csrf_token": token})
    assert _codes(_paper(group)) == ["T-001"]
