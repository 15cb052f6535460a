"""Sign-in and check limits: guessing is stopped, and one person's failures never refuse
another person's correct sign-in, also when everybody comes from one address (a school's NAT,
or nginx in front without PROXY_HOPS). And the trusted-proxy setting itself."""

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from olympiad import create_app, register_proxy
from olympiad.domain.codes import new_access_code
from olympiad.extensions import db, limiter
from olympiad.models import OlympiadStatus, Role
from tests.conftest import PASSWORD, make_config
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401

pytestmark = pytest.mark.ratelimit
SCHOOL = {"REMOTE_ADDR": "203.0.113.7"}  # everybody below signs in from this one address


@pytest.fixture(autouse=True)
def _fresh_counters(app):
    limiter.reset()


def _login(client, login: str, password: str, **kwargs):
    data = {"login": login, "password": password}
    return client.post("/auth/login", data=data, environ_base=SCHOOL, **kwargs)


# staff


def test_wrong_passwords_stop_guessing_that_login(app, client, make_user):
    organizer = make_user(Role.ORGANIZER)
    codes = [_login(client, organizer.login, "wrong-guess").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    # the right password waits too: the guesser cannot tell
    response = _login(client, organizer.login, PASSWORD)
    assert response.status_code == 429
    assert "Слишком много попыток" in response.get_data(as_text=True)
    # typed in another case, with spaces, the login is the same key
    assert _login(client, f"  {organizer.login.upper()} ", "wrong").status_code == 429


def test_someone_elses_failures_never_refuse_a_correct_login(app, make_user):
    organizer = make_user(Role.ORGANIZER)
    coordinator = make_user(Role.COORDINATOR)
    mistyping, other = app.test_client(), app.test_client()
    for _ in range(6):
        _login(mistyping, organizer.login, "wrong-guess")
    assert _login(mistyping, organizer.login, PASSWORD).status_code == 429
    # from the same address, the coordinator's correct login goes through
    assert _login(other, coordinator.login, PASSWORD).status_code == 302
    assert other.get("/olympiads/").status_code == 200


def test_trying_many_logins_from_one_address_hits_the_ceiling(app, client, make_user):
    app.config["LOGIN_ADDRESS_RATE_LIMIT"] = "4 per minute"
    user = make_user(Role.JUROR)
    for n in range(4):
        assert _login(client, f"guess{n}", "wrong").status_code == 200
    assert _login(client, "guess-more", "wrong").status_code == 429
    # the ceiling is per address: elsewhere the same user signs in
    response = client.post(
        "/auth/login",
        data={"login": user.login, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "198.51.100.1"},
    )
    assert response.status_code == 302


def test_successful_logins_are_never_counted(app, make_user):
    app.config["LOGIN_ADDRESS_RATE_LIMIT"] = "3 per minute"
    users = [make_user(Role.COORDINATOR) for _ in range(6)]
    for user in users * 2:
        client = app.test_client()
        assert _login(client, user.login, PASSWORD).status_code == 302


def test_a_huge_login_costs_the_counters_a_short_key(app, client):
    huge = "x" * (3 * 1024 * 1024)
    for _ in range(3):
        assert _login(client, huge, "wrong").status_code == 200
    keys = list(limiter.storage.storage) + list(limiter.storage.events)
    assert keys and max(map(len, keys)) < 200


# participants


@pytest.fixture
def classroom(make_participant_with_code):
    """Thirty participants of one school, each with their own code."""
    return [make_participant_with_code(n) for n in range(30)]


@pytest.fixture
def make_participant_with_code(make_olympiad, make_participant, make_school):  # noqa: F811
    school = make_school()
    olympiad = make_olympiad(OlympiadStatus.HELD)

    def make(n: int):
        participant = make_participant(olympiad, school)
        participant.cipher = f"ABC-{100 + n}"
        participant.access_code = new_access_code()
        db.session.commit()
        return participant

    return make


def _code(client, code: str):
    return client.post("/participant/login", data={"code": code}, environ_base=SCHOOL)


def test_a_whole_class_signs_in_from_one_address_despite_a_mistyping_pupil(app, classroom):
    mistyping = app.test_client()
    for _ in range(8):
        _code(mistyping, "AAAA-BBBB-CCCC")
    assert _code(mistyping, "AAAA-BBBB-CCCC").status_code == 429  # that code is stopped
    for participant in classroom:
        client = app.test_client()
        assert _code(client, participant.access_code).status_code == 302
        assert client.get("/participant/").status_code == 200


def test_guessing_codes_from_one_address_hits_the_ceiling(app, client, classroom):
    app.config["CODE_ADDRESS_RATE_LIMIT"] = "10 per minute"
    for n in range(10):
        assert _code(client, f"AAAA-BBBB-{n:04d}".replace("0", "2")).status_code == 200
    assert _code(client, "ZZZZ-ZZZZ-ZZZZ").status_code == 429
    assert _code(client, classroom[0].access_code).status_code == 429  # the guesser cannot tell
    other_place = client.post(
        "/participant/login",
        data={"code": classroom[0].access_code},
        environ_base={"REMOTE_ADDR": "198.51.100.1"},
    )
    assert other_place.status_code == 302


def test_a_code_typed_loosely_is_the_same_key(app, client, classroom):
    code = "AAAA-BBBB-CCCC"
    for typed in (code, code.lower(), code.replace("-", " "), code, code):
        assert _code(client, typed).status_code == 200
    assert _code(client, code.replace("-", "")).status_code == 429


# certificate checks


def test_certificate_checks_count_failures_per_code_and_per_address(app, client):
    app.config["VERIFY_RATE_LIMIT"] = "5 per minute"
    app.config["VERIFY_ADDRESS_RATE_LIMIT"] = "6 per minute"
    for _ in range(5):
        assert client.get("/v/K7MX4QPR9TWZ", environ_base=SCHOOL).status_code == 404
    assert client.get("/v/K7MX4QPR9TWZ", environ_base=SCHOOL).status_code == 429
    # the typed form and the API share the counters of that code
    page = client.post("/certificates/verify", data={"number": "k7mx4qpr9twz"}, environ_base=SCHOOL)
    assert page.status_code == 429
    # another code from the same address: one more failure allowed, then the ceiling
    assert client.get("/api/v1/certificates/ZZZZZZZZZZZZ", environ_base=SCHOOL).status_code == 404
    assert client.get("/v/YYYYYYYYYYYY", environ_base=SCHOOL).status_code == 429
    elsewhere = client.get("/v/YYYYYYYYYYYY", environ_base={"REMOTE_ADDR": "198.51.100.1"})
    assert elsewhere.status_code == 404


# the trusted proxy


def _behind_proxy(client, login: str, forwarded_for: str):
    return client.post(
        "/auth/login",
        data={"login": login, "password": "wrong"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
        headers={"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https"},
    )


def test_behind_one_proxy_each_client_has_its_own_address(app, client):
    app.config["LOGIN_ADDRESS_RATE_LIMIT"] = "2 per minute"
    app.config["PROXY_HOPS"] = 1
    register_proxy(app)
    for n in range(2):
        assert _behind_proxy(client, f"a{n}", "192.0.2.10").status_code == 200
    assert _behind_proxy(client, "a3", "192.0.2.10").status_code == 429
    # another client behind the same nginx is not refused
    assert _behind_proxy(client, "b1", "192.0.2.11").status_code == 200
    # a client cannot pose as another by adding its own header: nginx appends the real one
    assert _behind_proxy(client, "a4", "192.0.2.99, 192.0.2.10").status_code == 429


def test_without_the_setting_forwarded_headers_are_ignored(app, client):
    app.config["LOGIN_ADDRESS_RATE_LIMIT"] = "2 per minute"
    for n in range(2):
        assert _behind_proxy(client, f"a{n}", f"192.0.2.{n}").status_code == 200
    assert _behind_proxy(client, "a3", "192.0.2.77").status_code == 429


def test_proxy_hops_comes_through_the_configuration_layers(database_url, monkeypatch):
    assert not isinstance(create_app(make_config(database_url)).wsgi_app, ProxyFix)
    monkeypatch.setenv("OLYMPIAD_PROXY_HOPS", "1")
    app = create_app(make_config(database_url))
    assert app.config["PROXY_HOPS"] == 1
    assert isinstance(app.wsgi_app, ProxyFix) and app.wsgi_app.x_for == 1
    for wrong in ("-1", "many", "99"):
        monkeypatch.setenv("OLYMPIAD_PROXY_HOPS", wrong)
        with pytest.raises(RuntimeError, match="PROXY_HOPS"):
            create_app(make_config(database_url))
