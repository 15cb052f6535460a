"""Saves from the page's script carry the CSRF token in a header; without it nothing is saved."""

import re

import pytest
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import OnlineAnswer
from tests.online.conftest import CODES, csrf_of, save


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


@pytest.mark.csrf
def test_a_save_needs_the_pages_csrf_token(online, client):
    token = _token(client.get("/participant/login").get_data(as_text=True))
    signed = client.post("/participant/login", data={"code": CODES["a1"], "csrf_token": token})
    assert signed.status_code == 302
    start = client.get("/online/").get_data(as_text=True)
    assert client.post("/online/start").status_code == 400  # the plain form needs it too
    client.post("/online/start", data={"csrf_token": _token(start)})
    page = client.get("/online/work").get_data(as_text=True)
    header = {"X-CSRFToken": csrf_of(page)}
    assert save(client, 1, {"answer": "1"}).status_code == 400
    assert db.session.scalar(select(OnlineAnswer)) is None
    response = save(client, 1, {"answer": "1"}, headers=header)
    assert response.status_code == 200 and response.get_json()["stored"] is True
    assert (
        save(client, 1, {"answer": "2"}, seq=2, headers={"X-CSRFToken": "forged"}).status_code
        == 400
    )
    assert db.session.scalar(select(OnlineAnswer.value)) == 1
