"""The session cookie is signed anew only when it changed or is some minutes old: a page
served to a signed-in user sends no new cookie, yet the session still lives a working day
after the last request, not after sign-in."""

import time

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from olympiad.models import Role


def _signed_ago(app, data: dict, seconds: float) -> str:
    """The session `data` as the app signs it, but `seconds` ago."""
    interface = app.session_interface

    class Earlier(TimestampSigner):
        def get_timestamp(self):
            return int(time.time() - seconds)

    serializer = URLSafeTimedSerializer(
        app.secret_key,
        salt=interface.salt,
        serializer=interface.serializer,
        signer=Earlier,
        signer_kwargs={
            "key_derivation": interface.key_derivation,
            "digest_method": interface.digest_method,
        },
    )
    return serializer.dumps(data)


def _session(app, client) -> dict:
    cookie = client.get_cookie("session").value
    return app.session_interface.get_signing_serializer(app).loads(cookie)


def test_pages_of_a_signed_in_user_send_no_new_cookie(app, client, login, make_user):
    user = make_user(Role.COORDINATOR)
    login(user)
    client.get("/")  # the first page keeps the form token in the session: a new cookie
    for path in ("/", "/results/", "/"):
        response = client.get(path)
        assert response.status_code == 200
        assert user.full_name in response.get_data(as_text=True)
        assert "Set-Cookie" not in response.headers, path


def test_the_lifetime_counts_from_the_last_request_not_from_sign_in(app, client, login, make_user):
    user = make_user(Role.COORDINATOR)
    login(user)
    client.get("/")
    data = _session(app, client)
    lifetime = app.permanent_session_lifetime.total_seconds()
    # signed 11 hours ago and used now: still signed in, and the cookie is signed anew
    client.set_cookie("session", _signed_ago(app, data, lifetime - 3600))
    response = client.get("/")
    assert response.status_code == 200 and user.full_name in response.get_data(as_text=True)
    assert "Expires=" in response.headers["Set-Cookie"]
    assert client.get("/").status_code == 200
    # a cookie last signed 12 hours and a minute ago has expired: sign in again
    client.set_cookie("session", _signed_ago(app, data, lifetime + 60))
    response = client.get("/results/")
    assert response.status_code == 302 and "/auth/login" in response.location
    assert user.full_name not in client.get("/").get_data(as_text=True)


def test_a_cookie_a_few_minutes_old_is_signed_again(app, client, login, make_user):
    user = make_user(Role.JUROR)
    login(user)
    client.get("/")
    data = _session(app, client)
    refresh = app.config["SESSION_REFRESH_AFTER"].total_seconds()
    client.set_cookie("session", _signed_ago(app, data, refresh - 30))
    assert "Set-Cookie" not in client.get("/").headers
    client.set_cookie("session", _signed_ago(app, data, refresh + 30))
    assert "Set-Cookie" in client.get("/").headers
    assert "Set-Cookie" not in client.get("/").headers


def test_the_refresh_interval_may_come_from_the_environment_in_seconds(
    app, client, login, make_user
):
    app.config["SESSION_REFRESH_AFTER"] = 60  # OLYMPIAD_SESSION_REFRESH_AFTER=60
    user = make_user(Role.JUROR)
    login(user)
    client.get("/")
    data = _session(app, client)
    client.set_cookie("session", _signed_ago(app, data, 30))
    assert "Set-Cookie" not in client.get("/").headers
    client.set_cookie("session", _signed_ago(app, data, 90))
    assert "Set-Cookie" in client.get("/").headers
