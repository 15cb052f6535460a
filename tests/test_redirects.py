"""Every redirect whose target comes from the request stays on this site and never fails:
the `next` of both sign-ins and the language switch, for any text at all."""

from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from olympiad.redirects import is_local_path
from tests.conftest import PASSWORD
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.participant.conftest import CODE, holder, sign_in  # noqa: F401

BASE = "http://localhost/"
HOSTILE = [
    "/\t/evil.example",
    "/\n/x",
    "/\r\n/evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    " //evil.example",
    "\x00/evil",
    "/\x00",
    "/\u202e/evil",
    "/\u2028//evil",
    "/\ud800",
    "//evil.example/%2F..",
    "/%09/evil.example",  # as the browser sends it, the % stays: a local path, fine
    "",
    "evil.example",
    "/" + "a" * 5000,
]

# text a browser or a crafted link may carry in `next`: URL-ish pieces and anything at all
url_pieces = st.sampled_from(
    ["/", "//", "\\", ":", "@", "?", "#", "\t", "\n", "\r", " ", "%", "evil.example", "https"]
)
targets = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(url_pieces, st.text(max_size=4)), max_size=10).map("".join),
)


def stays_here(location: str) -> bool:
    """Where a browser goes with this Location, as it reads it: CR, LF and TAB dropped,
    backslashes as slashes."""
    cleaned = location.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    resolved = urlsplit(urljoin(BASE, cleaned))
    return resolved.scheme == "http" and resolved.netloc == "localhost"


@pytest.mark.parametrize("target", HOSTILE)
def test_hostile_targets_are_not_local(target):
    if target == "/%09/evil.example":
        assert is_local_path(target)
    else:
        assert not is_local_path(target)


@given(target=targets)
@example("/\t/evil.example")
@example("/\\evil")
def test_a_local_path_keeps_the_browser_here(target):
    if is_local_path(target):
        assert stays_here(target)


@pytest.mark.parametrize("target", ["/", "/olympiads/?page=2", "/results/mine#top", "/a/b?c=d/e"])
def test_ordinary_paths_are_kept(target):
    assert is_local_path(target)


def _check(response):
    assert response.status_code < 500
    if response.status_code in (301, 302, 303, 307, 308):
        assert stays_here(response.location), response.location


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(target=targets)
@example("/\t/evil.example")
@example("/\n/x")
@example("\\\\evil")
@example("//evil")
@example("https://evil")
def test_staff_login_next_never_leaves_the_site(app, make_user, target):
    user = make_user()
    client = app.test_client()
    response = client.post(
        "/auth/login",
        query_string={"next": target},
        data={"login": user.login, "password": PASSWORD},
    )
    _check(response)
    assert response.status_code == 302


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(target=targets)
@example("/\t/evil.example")
@example("/\n/x")
@example("//evil")
def test_language_switch_never_leaves_the_site(app, target):
    client = app.test_client()
    _check(client.post("/i18n/locale/en", data={"next": target}))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(target=targets)
@example("/\t/evil.example")
@example("https://evil")
def test_participant_next_never_leaves_the_site(app, holder, target):  # noqa: F811
    client = app.test_client()
    response = client.post("/participant/login", query_string={"next": target}, data={"code": CODE})
    _check(response)
    assert response.status_code == 302


@pytest.mark.parametrize("raw", [b"/%09/evil.example", b"/%0A/x", b"%5C%5Cevil", b"/%5Cevil"])
def test_the_reported_cases(client, make_user, raw):
    """As reported: the query string exactly as an attacker's link has it."""
    user = make_user()
    response = client.post(
        "/auth/login?next=" + raw.decode(), data={"login": user.login, "password": PASSWORD}
    )
    assert response.status_code == 302 and response.location == "/"


def test_a_local_next_is_followed(client, make_user):
    user = make_user()
    response = client.post(
        "/auth/login?next=/olympiads/%3Fpage%3D2", data={"login": user.login, "password": PASSWORD}
    )
    assert response.location == "/olympiads/?page=2"
