"""A jury member knows a work only by its cipher: no name, school, mentor or room on any
jury page or export, and forged ids and ciphers lead nowhere."""

import io
import zipfile

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Attendance, JuryMember, OlympiadStatus
from tests.marking.conftest import SECRETS, post_answer, post_mark


def page_text(response) -> str:
    """The response as text; an XLSX file as the text of all its parts."""
    if response.data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
            return " ".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return response.get_data(as_text=True)


def assert_anonymous(text: str, where: str) -> None:
    found = [secret for secret in SECRETS if secret in text]
    assert not found, f"{where} shows {found}"


def _marking_urls(app, values):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("marking.") and "GET" in rule.methods:
            yield rule.build({arg: values[arg] for arg in rule.arguments})[1]


def test_no_jury_page_or_export_shows_who_wrote_the_work(app, client_for, scene):
    o, record = scene.olympiad, scene.items["record"]
    first, second = client_for(scene.juror_a), client_for(scene.juror_b)
    body = post_answer(first, o, "KMT-101", scene.items["single"], "Б").get_data(as_text=True)
    stale = post_answer(second, o, "KMT-101", scene.items["single"], "А").get_data(as_text=True)
    post_mark(first, o, record, "KMT-101", [0, 1], comment="кратко")
    post_mark(second, o, record, "KMT-101", [4, 6], comment="полно")
    values = {
        "olympiad_id": o.id,
        "group_id": scene.junior.id,
        "paper_task_id": record.id,
        "cipher": "KMT-101",
        "member_id": 1,
    }
    pages = 0
    for user in (scene.chair, scene.juror_a, scene.organizer):
        client = client_for(user)
        for url in _marking_urls(app, values):
            response = client.get(url, follow_redirects=True)
            assert response.status_code in (200, 403, 404), f"{url}: {response.status_code}"
            assert_anonymous(page_text(response), f"{url} for {user.login}")
            pages += response.status_code == 200
    assert pages >= 30
    assert_anonymous(body + stale, "the answers endpoint")


def test_forged_ciphers_and_ids_lead_nowhere(
    client_for, scene, make_olympiad, make_participant, make_school
):
    o, record = scene.olympiad, scene.items["record"]
    other = make_olympiad(status=OlympiadStatus.MARKING, title="Чужая олимпиада")
    stranger = make_participant(
        other, make_school(), cipher="KMT-555", attendance=Attendance.PRESENT
    )
    juror = client_for(scene.juror_a)
    forged = [
        f"/marking/{o.id}/works/KMT-555/answers",  # a cipher of another olympiad
        f"/marking/{o.id}/tasks/{record.id}/works/KMT-555",
        f"/marking/{o.id}/tasks/{record.id}/works/{scene.works[0].id}",  # a row id, not a cipher
        f"/marking/{o.id}/tasks/{record.id}/works/KMT-199",  # absent
        f"/marking/{o.id}/works/KMT-901/answers",  # a group this member does not mark
        f"/marking/{other.id}/",
        f"/marking/{other.id}/works/KMT-555/answers",
        f"/marking/{o.id}/groups/{other.groups[0].id}/answers",
        f"/marking/{o.id}/tasks/{scene.items['single'].id}/works/KMT-101",  # a closed task
    ]
    for url in forged:
        response = juror.get(url)
        assert response.status_code == 404, url
        assert stranger.surname not in response.get_data(as_text=True)
    assert juror.get(f"/marking/{o.id}/works/KMT-101").status_code == 403  # card: chair only
    member = db.session.scalar(select(JuryMember).where(JuryMember.user_id == scene.juror_a.id))
    assert juror.get(f"/marking/jury/{member.id}").status_code == 403  # the organizer's page
    response = juror.get(f"/marking/{o.id}/find?cipher={stranger.cipher}", follow_redirects=True)
    assert "нет" in response.get_data(as_text=True)
