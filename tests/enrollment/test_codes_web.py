"""Closing registration issues ciphers and access codes; who sees them and who does not."""

import io

import openpyxl
import pytest
from sqlalchemy import select

from olympiad.domain.codes import ACCESS_CODE_RE, CIPHER_RE
from olympiad.extensions import db
from olympiad.models import OlympiadStatus, Participant, ParticipantStatus, Role

SURNAMES = ["Аюшеев", "Бадмаев", "Васильев", "Гармаев", "Дашиев", "Ефимов", "Жамсуев", "Зайцев"]


@pytest.fixture
def organizer(make_user, login):
    user = make_user(Role.ORGANIZER)
    login(user)
    return user


def close(client, olympiad) -> None:
    url = f"/olympiads/{olympiad.id}/status/registration_closed"
    assert client.post(url).status_code == 302
    db.session.expire_all()


def test_ciphers_unique_random_and_kept_on_reopening(
    client, organizer, make_school, make_olympiad, make_participant
):
    olympiad = make_olympiad()
    school = make_school()
    people = [
        make_participant(olympiad, school, surname=f"{s}{suffix}", grade_studied=7 + n % 5)
        for n, (s, suffix) in enumerate((s, x) for x in ("", "а", "ов") for s in SURNAMES)
    ]
    close(client, olympiad)
    ciphers = [p.cipher for p in people]  # in enrollment order
    assert all(CIPHER_RE.fullmatch(c) for c in ciphers)
    assert len(set(ciphers)) == len(people)
    assert ciphers != sorted(ciphers), "ciphers must not follow enrollment order"
    by_name = [p.cipher for p in sorted(people, key=lambda p: p.surname)]
    assert by_name != sorted(by_name), "ciphers must not follow the alphabet"
    codes = [p.access_code for p in people]
    assert all(ACCESS_CODE_RE.fullmatch(c) for c in codes) and len(set(codes)) == len(codes)

    # reopen, withdraw one, enroll one more, close again: issued codes stay
    client.post(f"/olympiads/{olympiad.id}/status/registration_open")
    db.session.expire_all()
    client.post(f"/enrollment/participants/{people[0].id}/withdraw")
    late = make_participant(olympiad, school, surname="Поздняков")
    close(client, olympiad)
    assert [p.cipher for p in people] == ciphers
    assert [p.access_code for p in people] == codes
    assert people[0].status == ParticipantStatus.WITHDRAWN
    assert late.cipher and late.cipher not in ciphers


def test_who_sees_ciphers(client, login, organizer, make_user, make_olympiad, make_participant):
    coordinator = make_user(Role.COORDINATOR)
    olympiad = make_olympiad()
    p = make_participant(olympiad, coordinator.school, surname="Шифрова")
    page = client.get(f"/enrollment/{olympiad.id}/").get_data(as_text=True)
    assert "Шифр" in page  # the column is there, empty before closing
    close(client, olympiad)
    assert p.cipher in client.get(f"/enrollment/{olympiad.id}/").get_data(as_text=True)
    found = client.get(f"/enrollment/{olympiad.id}/?q={p.cipher.lower()}").get_data(as_text=True)
    assert "Шифрова" in found
    export = client.get(f"/enrollment/{olympiad.id}/participants.xlsx").data
    cells = {c for row in openpyxl.load_workbook(io.BytesIO(export)).active.values for c in row}
    assert "Шифрова" in cells and p.cipher not in cells  # exports carry no ciphers

    client.post("/auth/logout")
    login(coordinator)
    for url in (f"/enrollment/{olympiad.id}/", f"/enrollment/participants/{p.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "Шифрова" in page
        assert p.cipher not in page and p.access_code not in page
    page = client.get(f"/olympiads/{olympiad.id}").get_data(as_text=True)
    assert "Коды доступа учеников (PDF)" in page and "Ключ шифров" not in page


def test_coordinator_slips_only_after_codes(client, login, make_user, make_olympiad):
    coordinator = make_user(Role.COORDINATOR)
    login(coordinator)
    olympiad = make_olympiad()
    response = client.get(f"/enrollment/{olympiad.id}/access-slips.pdf", follow_redirects=True)
    assert "Коды доступа ещё не выданы" in response.get_data(as_text=True)


def test_closing_registration_via_service_issues_for_enrolled_only(
    client, organizer, make_school, make_olympiad, make_participant
):
    olympiad = make_olympiad()
    school = make_school()
    gone = make_participant(olympiad, school, status=ParticipantStatus.WITHDRAWN)
    stays = make_participant(olympiad, school)
    close(client, olympiad)
    assert olympiad.status == OlympiadStatus.REGISTRATION_CLOSED
    assert gone.cipher is None and stays.cipher is not None
    assert db.session.scalar(select(Participant.cipher).where(Participant.id == stays.id))
