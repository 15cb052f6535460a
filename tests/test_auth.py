"""Logging in and out, passwords, sessions, CSRF, rate limit and security headers."""

import pytest

from olympiad.extensions import db, limiter
from olympiad.models import AuditEntry, Role
from tests.conftest import PASSWORD


def test_login_shows_role_dashboard_in_russian(client, login, make_user):
    coordinator = make_user(Role.COORDINATOR)
    login(coordinator)
    page = client.get("/").get_data(as_text=True)
    assert "Вы координатор школы" in page
    assert coordinator.school.full_name in page
    assert '<html lang="ru">' in page


def test_wrong_password_is_refused_with_message(client, make_user):
    user = make_user()
    response = client.post("/auth/login", data={"login": user.login, "password": "wrong-pass"})
    assert response.status_code == 200
    assert "Неверный логин или пароль" in response.get_data(as_text=True)
    assert client.get("/olympiads/").status_code == 302  # a staff page: not logged in
    assert "Вход участника" in client.get("/").get_data(as_text=True)  # the public home


def test_login_is_case_insensitive_for_the_login(client, make_user):
    user = make_user()
    response = client.post("/auth/login", data={"login": user.login.upper(), "password": PASSWORD})
    assert response.status_code == 302


def test_deactivated_user_cannot_log_in(client, make_user):
    user = make_user(Role.JUROR, active=False)
    response = client.post("/auth/login", data={"login": user.login, "password": PASSWORD})
    assert response.status_code == 200
    assert client.get("/olympiads/").status_code == 302


def test_deactivation_ends_an_open_session(client, login, make_user):
    juror = make_user(Role.JUROR)
    login(juror)
    assert client.get("/").status_code == 200
    juror.active = False
    juror.end_sessions()
    db.session.commit()
    response = client.get("/olympiads/")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_logout(client, login, make_user):
    login(make_user())
    client.post("/auth/logout")
    assert client.get("/olympiads/").status_code == 302


def test_one_time_password_must_be_changed_first(client, login, make_user):
    user = make_user(Role.JUROR, must_change_password=True)
    response = login(user)
    assert "/auth/password" in response.location
    assert "/auth/password" in client.get("/").location  # nothing else until it is changed
    response = client.post(
        "/auth/password",
        data={"current": PASSWORD, "new": "my-own-password", "repeat": "my-own-password"},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/auth/logout")
    login(user, "my-own-password")


def test_password_change_refuses_short_and_mismatched(client, login, make_user):
    login(make_user())
    page = client.post(
        "/auth/password", data={"current": PASSWORD, "new": "short", "repeat": "other"}
    ).get_data(as_text=True)
    assert "Пароли не совпадают" in page
    assert "10" in page


def test_password_change_needs_the_current_password(client, login, make_user):
    user = make_user()
    login(user)
    page = client.post(
        "/auth/password",
        data={"current": "not-it-at-all", "new": "another-password", "repeat": "another-password"},
    ).get_data(as_text=True)
    assert "Текущий пароль введён неверно" in page
    client.post("/auth/logout")
    login(user)  # the old password still works


def test_next_parameter_cannot_redirect_to_another_site(client, make_user):
    user = make_user()
    response = client.post(
        "/auth/login?next=//evil.example.org/",
        data={"login": user.login, "password": PASSWORD},
    )
    assert response.location == "/"


@pytest.mark.ratelimit
def test_wrong_passwords_are_rate_limited(app, client, make_user):
    limiter.reset()
    user = make_user()
    codes = [
        client.post("/auth/login", data={"login": user.login, "password": "bad-one"}).status_code
        for _ in range(6)
    ]
    assert codes[:5] == [200] * 5
    assert codes[5] == 429
    # even the right password waits now: the attacker cannot tell
    response = client.post("/auth/login", data={"login": user.login, "password": PASSWORD})
    assert response.status_code == 429
    assert "Слишком много попыток" in response.get_data(as_text=True)


@pytest.mark.ratelimit
def test_successful_logins_are_not_counted(app, client, make_user):
    limiter.reset()
    user = make_user()
    for _ in range(8):
        assert (
            client.post("/auth/login", data={"login": user.login, "password": PASSWORD}).status_code
            == 302
        )
        client.post("/auth/logout")


@pytest.mark.csrf
def test_form_without_csrf_token_is_refused(client, make_user):
    user = make_user()
    response = client.post("/auth/login", data={"login": user.login, "password": PASSWORD})
    assert response.status_code == 400
    assert "Форма устарела" in response.get_data(as_text=True)
    assert client.get("/olympiads/").status_code == 302  # not logged in


@pytest.mark.csrf
def test_form_with_csrf_token_is_accepted(client, make_user):
    import re

    user = make_user()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/auth/login", data={"login": user.login, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_security_headers(client):
    response = client.get("/auth/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    user = make_user()
    response = client.post("/auth/login", data={"login": user.login, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires=" in cookie  # the session is permanent with a lifetime, so it expires


def test_locale_switch_shows_english(client, login, make_user):
    login(make_user(Role.JUROR))
    response = client.post("/i18n/locale/en", data={"next": "/"})
    assert response.location == "/"
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Jury member" in page
    client.post("/i18n/locale/ru", data={"next": "/"})
    assert "Член жюри" in client.get("/").get_data(as_text=True)


def test_password_change_is_audited(client, login, make_user):
    user = make_user()
    login(user)
    client.post(
        "/auth/password",
        data={"current": PASSWORD, "new": "new-password-1", "repeat": "new-password-1"},
    )
    assert (
        db.session.query(AuditEntry).filter_by(action="password_changed", object_id=user.id).count()
        == 1
    )
