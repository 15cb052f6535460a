"""Signing in while the online round can be started lands on the round's page, and while the
work is being written on the work itself; otherwise on the participant's home page, which
stays one link away."""

import re
from datetime import timedelta

from olympiad.extensions import db
from tests.online.conftest import CODES


def _sign_in(app, code: str, query: str = ""):
    browser = app.test_client()
    return browser, browser.post(f"/participant/login{query}", data={"code": code})


def _start(browser) -> None:
    page = browser.get("/online/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    browser.post("/online/start", data={"csrf_token": token.group(1) if token else ""})


def test_in_the_window_the_child_lands_on_the_round_with_the_home_page_a_link_away(app, online):
    browser, response = _sign_in(app, CODES["a1"])
    assert response.status_code == 302 and response.location.endswith("/online/")
    page = browser.get(response.location).get_data(as_text=True)
    assert "Начать" in page and 'href="/participant/"' in page
    assert browser.get("/participant/").status_code == 200


def test_a_started_work_is_found_again_on_signing_in(app, online):
    browser, _ = _sign_in(app, CODES["a1"])
    _start(browser)
    _, again = _sign_in(app, CODES["a1"])
    assert again.location.endswith("/online/work")


def test_after_handing_in_the_child_lands_on_their_home_page(app, online):
    browser, _ = _sign_in(app, CODES["a1"])
    _start(browser)
    browser.post("/online/submit")
    _, again = _sign_in(app, CODES["a1"])
    assert again.location.endswith("/participant/")


def test_before_or_after_the_window_and_on_paper_the_child_lands_on_their_home_page(
    app, online, clock
):
    _, on_paper = _sign_in(app, CODES["s1"])
    assert on_paper.location.endswith("/participant/")
    online.sitting.starts_at = clock.now + timedelta(minutes=5)
    db.session.commit()
    assert _sign_in(app, CODES["a1"])[1].location.endswith("/participant/")
    online.sitting.starts_at = clock.now - timedelta(hours=4)
    online.sitting.ends_at = clock.now - timedelta(hours=1)
    db.session.commit()
    assert _sign_in(app, CODES["a1"])[1].location.endswith("/participant/")


def test_a_local_next_still_wins(app, online):
    _, response = _sign_in(app, CODES["a1"], "?next=/participant/")
    assert response.location.endswith("/participant/")
    _, outside = _sign_in(app, CODES["a1"], "?next=https://evil.example/")
    assert outside.location.endswith("/online/")
