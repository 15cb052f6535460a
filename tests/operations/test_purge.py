"""Purging an archived olympiad's personal data: no name of its participants is left anywhere
in the database, while its results, statistics and certificate checks still work."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import JSON, String, Text, select

from olympiad.extensions import db
from olympiad.models import (
    AuditEntry,
    Certificate,
    Consent,
    Olympiad,
    OlympiadStatus,
    Participant,
    Role,
    User,
)
from olympiad.models.base import utcnow
from olympiad.olympiads.services import change_status
from olympiad.results.tables import rating_tables


@pytest.fixture
def archived(load_demo):
    """The demo olympiad, archived 400 days ago (its retention period is 365 days)."""
    assert load_demo().exit_code == 0
    olympiad = db.session.scalar(select(Olympiad).where(Olympiad.academic_year == "2020-2021"))
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER))
    change_status(organizer, olympiad, OlympiadStatus.ARCHIVED)
    olympiad.archived_at = utcnow() - timedelta(days=400)
    db.session.commit()
    return olympiad


def _needles(olympiad: Olympiad) -> set[str]:
    people = db.session.scalars(select(Participant).where(Participant.olympiad_id == olympiad.id))
    needles = set()
    for person in people:
        needles |= {person.full_name, f"{person.surname} {person.name}"}
        needles |= {person.mentor} if person.mentor else set()
    return needles


def _found(needles: set[str]) -> list[str]:
    """Every text and JSON value of every table that contains a needle."""
    hits = []
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, String | Text | JSON):
                    continue
                for value in conn.scalars(select(column).where(column.is_not(None))):
                    text = (
                        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                    )
                    hits += [f"{table.name}.{column.name}: {n}" for n in needles if n in text]
    return hits


def _results(olympiad):
    return [
        [(line.participant.cipher, line.place, line.total, line.status) for line in table.lines]
        for table in rating_tables(olympiad)
    ]


def test_purge_removes_every_name_and_keeps_the_results(archived, app, client, login, tmp_path):
    olympiad = archived
    app.config["CERTIFICATE_CACHE_DIR"] = str(tmp_path / "cache")
    needles = _needles(olympiad)
    assert len(needles) > 200 and _found(needles)  # the demo has names, mentors, audit trail
    before = _results(olympiad)
    codes = list(db.session.scalars(select(Certificate.code).where(Certificate.kind == "winner")))
    login(db.session.scalar(select(User).where(User.login == "organizer")), "demo-2020-2021")

    # the mentors' letters, downloaded once, wait in the cache with every mentor's name
    letters = client.get(f"/certificates/{olympiad.id}/bundle.pdf?set=mentors")
    assert letters.status_code == 200 and letters.get_data()
    other = tmp_path / "cache" / f"o{olympiad.id + 1000}-all-all-0.pdf"
    other.write_bytes(b"another olympiad's bundle")
    assert len(list((tmp_path / "cache").glob(f"o{olympiad.id}-*.pdf"))) == 1

    page = client.get(f"/operations/olympiads/{olympiad.id}/purge")
    assert page.status_code == 200
    assert "Будут удалены" in page.text and "согласия родителей: 360" in page.text
    assert client.post(f"/operations/olympiads/{olympiad.id}/purge").status_code == 302

    db.session.expire_all()
    # a mentor who is also a coordinator keeps their own account: staff, not the olympiad's data
    staff = {f"user_account.full_name: {u.full_name}" for u in db.session.scalars(select(User))}
    assert [hit for hit in _found(needles) if hit not in staff] == []
    assert db.session.scalar(select(Consent.id).limit(1)) is None
    assert olympiad.purged_at is not None
    assert list((tmp_path / "cache").glob(f"o{olympiad.id}-*")) == [] and other.exists()
    assert _results(olympiad) == before  # ciphers, places, totals, statuses
    public = client.get(f"/results/public/{olympiad.id}")
    assert public.status_code == 200 and before[0][0][0] in public.text
    check = client.get(f"/v/{codes[0]}")
    assert check.status_code == 200 and "подлинный" in check.text
    assert "персональные данные удалены" in check.text
    api = client.get(f"/api/v1/certificates/{codes[0]}").json
    assert api["state"] == "valid" and api["name"] is None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "personal_data_purged"))
    assert entry.object_id == olympiad.id and entry.new_value["consents"] == 360
    # a second purge is refused
    again = client.post(f"/operations/olympiads/{olympiad.id}/purge", follow_redirects=True)
    assert "уже удалены" in again.text


def test_purge_waits_for_the_archive_and_the_retention_period(load_demo, client, login, make_user):
    assert load_demo().exit_code == 0
    olympiad = db.session.scalar(select(Olympiad).where(Olympiad.academic_year == "2020-2021"))
    organizer = make_user()
    login(organizer)
    refused = client.post(f"/operations/olympiads/{olympiad.id}/purge", follow_redirects=True)
    assert "только у олимпиады в архиве" in refused.text
    change_status(organizer, olympiad, OlympiadStatus.ARCHIVED)
    db.session.commit()
    refused = client.post(f"/operations/olympiads/{olympiad.id}/purge", follow_redirects=True)
    assert "Срок хранения персональных данных ещё не истёк" in refused.text
    assert db.session.scalar(select(Consent.id).limit(1)) is not None
    response = client.post(f"/operations/olympiads/{olympiad.id}/retention", data={"days": "0"})
    assert response.status_code == 302
    db.session.expire_all()
    assert olympiad.retention_days == 0
    page = client.get("/operations/")
    assert "Удалить персональные данные" in page.text
