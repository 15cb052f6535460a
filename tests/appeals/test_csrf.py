"""Filing and deciding are forms: without the page's CSRF token nothing happens."""

import re

import pytest
from sqlalchemy import func, select

from olympiad.extensions import db
from olympiad.models import Appeal, AppealState
from tests.appeals.conftest import CODES
from tests.conftest import PASSWORD


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]


@pytest.mark.csrf
def test_filing_and_deciding_need_the_csrf_token(app, prelim):
    browser = app.test_client()
    token = _token(browser.get("/participant/login").get_data(as_text=True))
    signed = browser.post(
        "/participant/login", data={"code": CODES["KMT-103"], "csrf_token": token}
    )
    assert signed.status_code == 302
    data = {"paper_task_id": prelim.items["record"].id, "reasoning": "Не согласна."}
    assert browser.post("/appeals/mine", data=data).status_code == 400
    assert db.session.scalar(select(func.count(Appeal.id))) == 0
    token = _token(browser.get("/appeals/mine").get_data(as_text=True))
    assert browser.post("/appeals/mine", data={**data, "csrf_token": token}).status_code == 302

    chair = app.test_client()
    token = _token(chair.get("/auth/login").get_data(as_text=True))
    login = {"login": prelim.chair.login, "password": PASSWORD, "csrf_token": token}
    assert chair.post("/auth/login", data=login).status_code == 302
    url = f"/appeals/{prelim.olympiad.id}/1"
    decision = {"state": "rejected", "reason": "Верно.", "version": 1}
    assert chair.post(url, data=decision).status_code == 400
    assert db.session.scalar(select(Appeal.state)) == AppealState.PENDING
    token = _token(chair.get(url).get_data(as_text=True))
    assert chair.post(url, data={**decision, "csrf_token": token}).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Appeal.state)) == AppealState.REJECTED
