"""The appeal window cannot be cut short: closing marking sets its end (two working days by
default, or what the organizer chose), the end can be moved later but not earlier, and the
chair approves only after it."""

from datetime import UTC, datetime, timedelta

import pytest

from olympiad.extensions import db
from olympiad.models import Olympiad, OlympiadStatus
from olympiad.models.base import utcnow
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.results import scene as results_scene


@pytest.fixture
def marking(make_olympiad, make_participant, make_school, make_user):  # noqa: F811
    return results_scene.build(
        make_olympiad, make_participant, make_school, make_user, status=OlympiadStatus.MARKING
    )


def test_closing_marking_asks_for_the_end_with_two_working_days_offered(marking, client, login):
    login(marking.organizer)
    url = f"/olympiads/{marking.olympiad.id}/status/preliminary"
    page = client.get(url).get_data(as_text=True)
    assert 'name="appeals_close_at"' in page and "T18:00" in page
    client.post(url, data={"appeals_close_at": "2000-01-01T10:00"})  # in the past: refused
    db.session.expire_all()
    assert db.session.get(Olympiad, marking.olympiad.id).status == OlympiadStatus.MARKING
    later = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(url, data={"appeals_close_at": later}).status_code == 302
    db.session.expire_all()
    olympiad = db.session.get(Olympiad, marking.olympiad.id)
    assert olympiad.status == OlympiadStatus.PRELIMINARY
    assert olympiad.appeals_close_at > utcnow() + timedelta(days=2)


def test_closing_marking_without_a_choice_gives_two_working_days(marking):
    from olympiad.olympiads.services import change_status

    change_status(marking.organizer, marking.olympiad, OlympiadStatus.PRELIMINARY)
    closes = marking.olympiad.appeals_close_at
    assert utcnow() + timedelta(days=1) < closes < utcnow() + timedelta(days=5)


def test_the_end_can_move_later_but_not_earlier(marking, client, login):
    olympiad = marking.olympiad
    olympiad.status = OlympiadStatus.PRELIMINARY
    olympiad.appeals_close_at = utcnow() + timedelta(days=2)
    db.session.commit()
    before = olympiad.appeals_close_at
    login(marking.organizer)
    earlier = (datetime.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page = client.post(
        f"/results/{olympiad.id}/settings",
        data={
            "threshold_share": "0.5",
            "threshold_strict": "y",
            "quota_share": "0.45",
            "rounding": "down",
            "winners": "top",
            "winners_share": "0.1",
            "tie_policy": "include",
            "appeals_close_at": earlier,
            "version": olympiad.version,
            "save": "1",
        },
    ).get_data(as_text=True)
    assert "можно продлить, но не сократить" in page
    db.session.expire_all()
    assert db.session.get(Olympiad, olympiad.id).appeals_close_at == before


def test_the_chair_sees_why_approval_waits(marking, client, login):
    olympiad = marking.olympiad
    olympiad.status = OlympiadStatus.PRELIMINARY
    olympiad.appeals_close_at = utcnow() + timedelta(hours=5)
    db.session.commit()
    login(marking.chair)
    page = client.post(
        f"/results/{olympiad.id}/approve", data={"order": "1", "order_date": "2021-03-20"}
    ).get_data(as_text=True)
    assert "Приём апелляций ещё не закончился: он идёт до" in page
    db.session.expire_all()
    assert db.session.get(Olympiad, olympiad.id).status == OlympiadStatus.PRELIMINARY
