"""The organizer manages coordinator and jury accounts."""

import re

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import AuditEntry, Role, User


def _one_time_password(page: str) -> str:
    return re.search(r'<code class="fs-4">([^<]+)</code>', page).group(1)


def test_organizer_creates_coordinator_who_must_change_password(
    app, client, login, make_user, make_school
):
    school = make_school()
    login(make_user())
    page = client.post(
        "/accounts/new",
        data={
            "login": "lib.selenga",
            "full_name": "Цыренова Туяна",
            "role": "coordinator",
            "school_id": school.id,
            "email": "",
        },
    ).get_data(as_text=True)
    assert "Запишите или распечатайте пароль" in page
    password = _one_time_password(page)
    user = db.session.scalar(select(User).where(User.login == "lib.selenga"))
    assert user.school_id == school.id and user.must_change_password
    assert password not in user.password_hash  # hashed, not stored
    assert user.password_hash.startswith("$argon2id$")
    client.post("/auth/logout")
    response = client.post("/auth/login", data={"login": "lib.selenga", "password": password})
    assert "/auth/password" in response.location


def test_coordinator_needs_a_school(client, login, make_user):
    login(make_user())
    page = client.post(
        "/accounts/new",
        data={"login": "noschool", "full_name": "Без Школы", "role": "coordinator", "school_id": 0},
    ).get_data(as_text=True)
    assert "выберите действующую школу" in page
    assert db.session.scalar(select(User).where(User.login == "noschool")) is None


def test_duplicate_login_is_refused(client, login, make_user):
    organizer = make_user()
    login(organizer)
    page = client.post(
        "/accounts/new",
        data={
            "login": organizer.login.upper(),
            "full_name": "Двойник",
            "role": "juror",
            "school_id": 0,
        },
    ).get_data(as_text=True)
    assert "уже занят" in page
    assert db.session.query(User).count() == 1


def test_reset_password_gives_a_new_one_time_password(client, login, make_user):
    juror = make_user(Role.JUROR)
    login(make_user())
    page = client.get(f"/accounts/{juror.id}/password").get_data(as_text=True)
    assert "Сбросить пароль" in page  # asks first
    page = client.post(f"/accounts/{juror.id}/password").get_data(as_text=True)
    new_password = _one_time_password(page)
    client.post("/auth/logout")
    assert (
        client.post(
            "/auth/login", data={"login": juror.login, "password": "correct-horse-7"}
        ).status_code
        == 200
    )
    response = client.post("/auth/login", data={"login": juror.login, "password": new_password})
    assert "/auth/password" in response.location


def test_deactivate_and_activate(client, login, make_user):
    juror = make_user(Role.JUROR)
    login(make_user())
    client.post(f"/accounts/{juror.id}/active")
    db.session.refresh(juror)
    assert not juror.active
    client.post(f"/accounts/{juror.id}/active")
    db.session.refresh(juror)
    assert juror.active
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.object_id == juror.id).order_by(AuditEntry.id)
    )
    assert list(actions) == ["account_deactivated", "account_activated"]


def test_organizer_cannot_deactivate_themselves(client, login, make_user):
    organizer = make_user()
    login(organizer)
    response = client.post(f"/accounts/{organizer.id}/active", follow_redirects=True)
    assert "Нельзя отключить собственную" in response.get_data(as_text=True)
    db.session.refresh(organizer)
    assert organizer.active


def test_search_and_filter(client, login, make_user):
    make_user(Role.JUROR, full_name="Будаева Сэсэг Дашиевна")
    make_user(Role.JUROR, full_name="Андреева Людмила")
    login(make_user())
    page = client.get("/accounts/?q=будаева").get_data(as_text=True)
    assert "Будаева" in page and "Андреева" not in page
    page = client.get("/accounts/?role=juror").get_data(as_text=True)
    assert "Будаева" in page and "Андреева" in page


def test_unknown_account_is_404(client, login, make_user):
    login(make_user())
    assert client.get("/accounts/9999/edit").status_code == 404
