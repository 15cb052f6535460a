"""A participant signs in with the code from their slip, and only while it may be used."""

import pytest

from olympiad.extensions import db
from olympiad.models import OlympiadStatus, ParticipantStatus
from tests.participant.conftest import CODE


def test_code_typed_loosely_signs_in_and_shows_own_page(client, holder, sign_in):
    response = sign_in("k7mx 4qpr 9twz")
    assert response.status_code == 302
    assert response.location.endswith("/participant/")
    page = client.get("/participant/").get_data(as_text=True)
    assert "Кодова Вера" in page
    assert "KOD-101" in page
    assert holder.school.short_name in page or holder.school.full_name in page


def test_wrong_code_is_refused_with_a_russian_message(client, holder, sign_in):
    response = sign_in("AAAA-BBBB-CCCC")
    assert response.status_code == 200
    assert "Такого кода нет" in response.get_data(as_text=True)
    assert client.get("/participant/").status_code == 302


def test_staff_pages_stay_closed_to_a_participant(client, holder, sign_in):
    sign_in()
    response = client.get("/olympiads/")
    assert response.status_code == 302 and "/auth/login" in response.location


@pytest.mark.parametrize(
    "status", [OlympiadStatus.DRAFT, OlympiadStatus.REGISTRATION_OPEN, OlympiadStatus.ARCHIVED]
)
def test_no_sign_in_before_codes_are_issued_or_after_archiving(client, holder, sign_in, status):
    holder.olympiad.status = status
    db.session.commit()
    assert sign_in().status_code == 200
    assert client.get("/participant/").status_code == 302


def test_withdrawn_participant_cannot_sign_in(client, holder, sign_in):
    holder.status = ParticipantStatus.WITHDRAWN
    db.session.commit()
    assert sign_in().status_code == 200


def test_reissued_code_ends_the_old_session(client, holder, sign_in):
    sign_in()
    assert client.get("/participant/").status_code == 200
    holder.access_code = "ZZZZ-4QPR-9TWZ"
    db.session.commit()
    response = client.get("/participant/")
    assert response.status_code == 302 and "/participant/login" in response.location


def test_sign_out(client, holder, sign_in):
    sign_in()
    response = client.post("/participant/logout")
    assert response.status_code == 302
    assert client.get("/participant/").status_code == 302


def test_next_only_inside_the_participant_area(client, holder):
    response = client.post("/participant/login?next=https://evil.example/", data={"code": CODE})
    assert response.location.endswith("/participant/")


@pytest.mark.ratelimit
def test_retrying_a_wrong_code_is_rate_limited(client, holder, sign_in, app):
    app.config["CODE_RATE_LIMIT"] = "3 per minute"
    for _ in range(3):
        assert sign_in("AAAA-BBBB-CCCC").status_code == 200
    assert sign_in("AAAA-BBBB-CCCC").status_code == 429
    assert sign_in().status_code == 302  # the right code is another key (tests/test_limits.py)
