"""The jury of an olympiad: appointing members and one chair, assigning groups and tasks, the
marking settings, and what a jury member sees of the olympiads."""

import pytest
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.marking import jury
from olympiad.marking.answers import MarkingError
from olympiad.models import AuditEntry, JuryMember, OlympiadStatus, Role
from tests.marking.conftest import post_mark


def _member(scene, user):
    return db.session.scalar(
        select(JuryMember).where(
            JuryMember.olympiad_id == scene.olympiad.id, JuryMember.user_id == user.id
        )
    )


def test_organizer_appoints_one_chair(client, login, scene):
    login(scene.organizer)
    o = scene.olympiad
    page = client.get(f"/marking/{o.id}/jury").get_data(as_text=True)
    assert "Председателева Прасковья" in page and "Чужая Чара" in page  # member and candidate
    response = client.post(
        f"/marking/{o.id}/jury", data={"user_id": scene.outsider.id, "is_chair": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert _member(scene, scene.outsider).is_chair and not _member(scene, scene.chair).is_chair
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "jury_appointed"))


def test_only_jury_accounts_can_be_appointed(scene, make_user):
    coordinator = make_user(Role.COORDINATOR)
    with pytest.raises(MarkingError):
        jury.appoint(scene.organizer, scene.olympiad, coordinator.id, False)
    with pytest.raises(MarkingError):
        jury.appoint(scene.organizer, scene.olympiad, scene.juror_a.id, False)  # already there


def test_assignment_limits_what_a_member_marks(client, login, client_for, scene):
    o, record = scene.olympiad, scene.items["record"]
    member = _member(scene, scene.juror_a)
    organizer = client_for(scene.organizer)
    page = organizer.get(f"/marking/jury/{member.id}").get_data(as_text=True)
    assert "7–8: задание 8" in page
    data = {"group_ids": [scene.junior.id], "paper_task_ids": [record.id]}
    assert organizer.post(f"/marking/jury/{member.id}", data=data).status_code == 302
    login(scene.juror_a)
    home = client.get(f"/marking/{o.id}/").get_data(as_text=True)
    assert "№ 8" in home and "№ 7" not in home
    annotation = scene.items["annotation"]
    assert client.get(f"/marking/{o.id}/tasks/{annotation.id}").status_code == 404
    assert post_mark(client, o, record, "KMT-101", [1, 1]).status_code == 302


def test_member_with_marks_stays_on_the_jury(client, login, client_for, scene):
    o = scene.olympiad
    post_mark(client_for(scene.juror_a), o, scene.items["annotation"], "KMT-101", [1, 1])
    login(scene.organizer)
    member = _member(scene, scene.juror_a)
    response = client.post(f"/marking/jury/{member.id}/remove", follow_redirects=True)
    assert "уже есть оценки" in response.get_data(as_text=True)
    other = _member(scene, scene.juror_b)
    client.post(f"/marking/jury/{other.id}/remove")
    db.session.expire_all()
    assert _member(scene, scene.juror_b) is None and _member(scene, scene.juror_a) is not None


def test_settings_tolerance_rule_and_markers(client, login, client_for, scene):
    o, annotation, record = scene.olympiad, scene.items["annotation"], scene.items["record"]
    login(scene.organizer)
    page = client.get(f"/marking/{o.id}/settings").get_data(as_text=True)
    assert (
        f'name="markers-{record.id}"' in page
        and f'name="markers-{scene.items["single"].id}"' not in page
    )
    data = {
        "tolerance": "1,5",
        "rule": "higher",
        f"markers-{annotation.id}": "2",
        "version": o.version,
    }
    assert client.post(f"/marking/{o.id}/settings", data=data).status_code == 302
    db.session.expire_all()
    assert o.marking_tolerance == 1.5 and o.marking_rule == "higher" and annotation.markers == 2
    page = client.post(f"/marking/{o.id}/settings", data={**data, "tolerance": "два"})
    assert "Допустимое расхождение" in page.get_data(as_text=True)
    stale = client.post(f"/marking/{o.id}/settings", data={**data, "version": 1})
    assert "другой пользователь" in stale.get_data(as_text=True)
    # two markers back to one is refused once a second mark exists
    post_mark(client_for(scene.juror_a), o, record, "KMT-101", [1, 1])
    post_mark(client_for(scene.juror_b), o, record, "KMT-101", [1, 1])
    db.session.expire_all()
    data = {"tolerance": "1", "rule": "mean", f"markers-{record.id}": "1", "version": o.version}
    page = client.post(f"/marking/{o.id}/settings", data=data).get_data(as_text=True)
    assert "вторые оценки есть" in page
    db.session.expire_all()
    assert record.markers == 2


def test_a_jury_member_sees_only_their_olympiads(client, login, client_for, scene, make_olympiad):
    o = scene.olympiad
    other = make_olympiad(status=OlympiadStatus.MARKING, title="Другая олимпиада")
    login(scene.juror_a)
    dashboard = client.get("/").get_data(as_text=True)
    assert "Работы для проверки" in dashboard and f"/marking/{o.id}/" in dashboard
    listing = client.get("/marking/").get_data(as_text=True)
    assert f"/marking/{o.id}/" in listing and f"/marking/{other.id}/" not in listing
    assert client.get(f"/marking/{other.id}/").status_code == 404
    outsider = client_for(scene.outsider)
    assert f"/marking/{o.id}/" not in outsider.get("/").get_data(as_text=True)
    assert outsider.get(f"/marking/{o.id}/").status_code == 404
    o.status = OlympiadStatus.REGISTRATION_CLOSED  # before the day: no papers for the jury
    db.session.commit()
    assert client.get(f"/marking/{o.id}/").status_code == 404
    assert client_for(scene.organizer).get(f"/marking/{o.id}/").status_code == 200


def test_names_in_the_jury_messages_are_declined(client, login, client_for, scene):
    scene.juror_a.full_name = "Андреева Людмила Михайловна"
    db.session.commit()
    member = _member(scene, scene.juror_a)
    login(scene.organizer)
    page = client.get(f"/marking/jury/{member.id}/remove").get_data(as_text=True)
    assert "Исключить Андрееву Людмилу Михайловну из жюри этой олимпиады?" in page
    post_mark(
        client_for(scene.juror_a), scene.olympiad, scene.items["annotation"], "KMT-101", [1, 1]
    )
    response = client.post(f"/marking/jury/{member.id}/remove", follow_redirects=True)
    assert "У Андреевой Людмилы Михайловны уже есть оценки" in response.get_data(as_text=True)
