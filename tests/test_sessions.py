"""Logging out ends the session for good: a copy of the session cookie (a shared school
computer, a cookie taken before the logout) no longer signs anybody in. And a new password is
neither the current one nor the login."""

from olympiad.extensions import db
from olympiad.models import OlympiadStatus, Role
from tests.conftest import PASSWORD
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.participant.conftest import CODE, holder  # noqa: F401


def _copy(client, app):
    """Another browser holding a copy of this client's session cookie."""
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie(cookie.key, cookie.value)
    return thief


def test_staff_logout_ends_a_copied_session(app, client, login, make_user):
    login(make_user(Role.ORGANIZER))
    copy = _copy(client, app)
    assert copy.get("/olympiads/").status_code == 200  # the copy works while the session is open
    client.post("/auth/logout")
    for browser in (client, copy):
        response = browser.get("/olympiads/")
        assert response.status_code == 302 and "/auth/login" in response.location
    assert copy.get("/accounts/").status_code == 302


def test_staff_can_sign_in_again_after_logout(app, client, login, make_user):
    user = make_user(Role.JUROR)
    login(user)
    client.post("/auth/logout")
    login(user)
    assert client.get("/olympiads/").status_code == 200


def test_participant_sign_out_ends_a_copied_session(app, client, holder):  # noqa: F811
    assert client.post("/participant/login", data={"code": CODE}).status_code == 302
    copy = _copy(client, app)
    assert copy.get("/participant/").status_code == 200
    client.post("/participant/logout")
    for browser in (client, copy):
        response = browser.get("/participant/")
        assert response.status_code == 302 and "/participant/login" in response.location
    # the code still works for a new sign-in, and the enrollment record was not touched
    version = holder.version
    assert client.post("/participant/login", data={"code": CODE}).status_code == 302
    assert client.get("/participant/").status_code == 200
    db.session.refresh(holder)
    assert holder.version == version


def test_participant_sign_out_without_a_session_changes_nothing(app, client, holder):  # noqa: F811
    generation = holder.session_generation
    assert client.post("/participant/logout").status_code == 302
    db.session.refresh(holder)
    assert holder.session_generation == generation


def test_sign_in_works_in_every_state_that_allows_it(app, client, holder):  # noqa: F811
    holder.olympiad.status = OlympiadStatus.HELD
    db.session.commit()
    assert client.post("/participant/login", data={"code": CODE}).status_code == 302
    assert client.get("/participant/").status_code == 200


def _change(client, current: str, new: str):
    data = {"current": current, "new": new, "repeat": new}
    return client.post("/auth/password", data=data)


def test_new_password_equal_to_the_current_one_is_refused(client, login, make_user):
    user = make_user(Role.JUROR, must_change_password=True)
    login(user)
    page = _change(client, PASSWORD, PASSWORD)
    assert page.status_code == 200
    assert "Новый пароль совпадает с текущим" in page.get_data(as_text=True)
    assert "/auth/password" in client.get("/").location  # still has to change it


def test_new_password_equal_to_the_login_is_refused(client, login, make_user):
    user = make_user(Role.COORDINATOR, login="librarian-selenga")
    login(user)
    for new in ("librarian-selenga", "LIBRARIAN-Selenga"):
        page = _change(client, PASSWORD, new).get_data(as_text=True)
        assert "Пароль не должен совпадать с логином" in page
    client.post("/auth/logout")
    login(user)  # the old password still works


def test_a_different_password_is_accepted(client, login, make_user):
    user = make_user(Role.JUROR)
    login(user)
    assert _change(client, PASSWORD, "a-new-one-2021").status_code == 302
    client.post("/auth/logout")
    login(user, "a-new-one-2021")
