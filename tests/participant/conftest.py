"""A participant with an access code, in an olympiad whose state each test chooses."""

import pytest

from olympiad.extensions import db
from olympiad.models import OlympiadStatus
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401

CODE = "K7MX-4QPR-9TWZ"


@pytest.fixture
def holder(make_olympiad, make_participant, make_school):  # noqa: F811
    """A participant holding CODE, in an olympiad that is being marked."""
    olympiad = make_olympiad(OlympiadStatus.MARKING)
    participant = make_participant(
        olympiad, make_school(), surname="Кодова", name="Вера", grade_studied=9
    )
    participant.cipher = "KOD-101"
    participant.access_code = CODE
    db.session.commit()
    return participant


@pytest.fixture
def sign_in(client):
    def do(code: str = CODE):
        return client.post("/participant/login", data={"code": code})

    return do
