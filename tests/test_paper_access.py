"""Object-level access to papers and keys, beside the route matrix of tests/test_access.py.

A paper, its booklet, answer sheet and key, and the pictures of its tasks are for the
organizer and for the jury of that olympiad appointed to that grade group, and never while
an online sitting of the group can still be written (a juror is often a teacher whose own
pupils are writing)."""

import io
from datetime import timedelta

import pytest
from PIL import Image

from olympiad.extensions import db
from olympiad.models import JuryMember, OlympiadStatus, OnlineAttempt, Role
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.online.conftest import clock, online  # noqa: F401

SUFFIXES = ("", "/booklet.pdf", "/answer-sheet.pdf", "/key.pdf")
ALLOWED, REFUSED = "allowed", "refused"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def place(online, make_user, make_olympiad):  # noqa: F811
    """The online fixture's olympiad (its 7–8 group writes online now) with a picture in the
    paper, and jurors in every relation to it."""
    version = online.paper.items[0].task_version
    version.image, version.image_type = _png(), "image/png"
    other_olympiad = make_olympiad(status=OlympiadStatus.HELD, academic_year="2019-2020")
    people = {
        "organizer": online.organizer,
        "coordinator": online.coordinator_a,
        "jury, all groups": online.juror,
        "jury, 7–8": make_user(Role.JUROR),
        "jury, 9–11": make_user(Role.JUROR),
        "jury of another olympiad": make_user(Role.JUROR),
        "juror on no jury": make_user(Role.JUROR),
    }
    db.session.add_all(
        [
            JuryMember(
                olympiad_id=online.olympiad.id,
                user=people["jury, 7–8"],
                group_ids=[online.junior.id],
            ),
            JuryMember(
                olympiad_id=online.olympiad.id,
                user=people["jury, 9–11"],
                group_ids=[online.senior.id],
            ),
            JuryMember(olympiad_id=other_olympiad.id, user=people["jury of another olympiad"]),
        ]
    )
    db.session.commit()
    online.people_by_role = people
    online.image_url = f"/tasks/versions/{version.id}/image"
    return online


def _answers(app, place, who: str) -> dict[str, int]:
    client = app.test_client()
    user = place.people_by_role[who]
    response = client.post("/auth/login", data={"login": user.login, "password": "correct-horse-7"})
    assert response.status_code == 302
    urls = [f"/tasks/papers/{place.junior.id}{suffix}" for suffix in SUFFIXES]
    answers = {url: client.get(url).status_code for url in urls + [place.image_url]}
    page = client.get(f"/olympiads/{place.olympiad.id}").get_data(as_text=True)
    answers["listed on the olympiad page"] = (
        200 if f'href="/tasks/papers/{place.junior.id}"' in page else 403
    )
    return answers


def _check(app, place, table: dict[str, str]) -> None:
    for who, expected in table.items():
        for url, status in _answers(app, place, who).items():
            if expected == ALLOWED:
                assert status == 200, f"{who}: {url} answered {status}"
            else:
                assert status == 403, f"{who}: {url} answered {status}"


NOBODY_ELSE = {
    "coordinator": REFUSED,
    "jury, 9–11": REFUSED,
    "jury of another olympiad": REFUSED,
    "juror on no jury": REFUSED,
}


def test_while_the_group_writes_online_only_the_organizer_sees(app, place):
    table = {"organizer": ALLOWED, "jury, all groups": REFUSED, "jury, 7–8": REFUSED}
    _check(app, place, table | NOBODY_ELSE)


def test_after_the_window_the_groups_jury_sees(app, place, clock):  # noqa: F811
    clock.move(hours=3, seconds=11)  # the window and its grace are over, nobody started
    table = {"organizer": ALLOWED, "jury, all groups": ALLOWED, "jury, 7–8": ALLOWED}
    _check(app, place, table | NOBODY_ELSE)


def test_a_participants_extended_time_keeps_the_key_closed(app, place, clock):  # noqa: F811
    attempt = OnlineAttempt(
        sitting_id=place.sitting.id,
        participant_id=place.people["a1"].id,
        started_at=clock.now + timedelta(hours=2, minutes=30),  # until the window's end
        last_seen_at=clock.now,
        extra_minutes=30,  # the organizer gave half an hour more
    )
    db.session.add(attempt)
    db.session.commit()
    clock.move(hours=3, minutes=10)  # the window is over, her time is not
    _check(app, place, {"organizer": ALLOWED, "jury, 7–8": REFUSED})
    clock.move(minutes=25)
    _check(app, place, {"jury, 7–8": ALLOWED})


def test_a_submitted_work_does_not_keep_it_closed(app, place, clock):  # noqa: F811
    db.session.add(
        OnlineAttempt(
            sitting_id=place.sitting.id,
            participant_id=place.people["a1"].id,
            started_at=clock.now + timedelta(hours=2, minutes=30),
            last_seen_at=clock.now,
            extra_minutes=30,
            submitted_at=clock.now + timedelta(hours=2, minutes=40),
        )
    )
    db.session.commit()
    clock.move(hours=3, minutes=10)
    _check(app, place, {"jury, 7–8": ALLOWED})


def test_once_marking_begins_the_sitting_is_over(app, place):
    place.olympiad.status = OlympiadStatus.MARKING
    db.session.commit()
    table = {"organizer": ALLOWED, "jury, all groups": ALLOWED, "jury, 7–8": ALLOWED}
    _check(app, place, table | NOBODY_ELSE)


def test_the_refusal_says_why(app, place):
    client = app.test_client()
    user = place.people_by_role["jury, 7–8"]
    client.post("/auth/login", data={"login": user.login, "password": "correct-horse-7"})
    page = client.get(f"/tasks/papers/{place.junior.id}/key.pdf")
    assert page.status_code == 403
    assert "Онлайн-тур этой группы ещё идёт" in page.get_data(as_text=True)
    user = place.people_by_role["jury, 9–11"]
    client.post("/auth/logout")
    client.post("/auth/login", data={"login": user.login, "password": "correct-horse-7"})
    page = client.get(f"/tasks/papers/{place.junior.id}")
    assert "Вы не назначены в жюри этой группы" in page.get_data(as_text=True)
    # the group they are appointed to (no sitting) is theirs
    assert client.get(f"/tasks/papers/{place.senior.id}").status_code == 200
