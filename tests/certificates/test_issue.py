"""Issuing certificates once results are final, idempotently, and re-issuing one."""

import re

import pytest
from sqlalchemy import select

from olympiad.certificates.issuing import (
    CertificateError,
    issue_all,
    missing,
    reissue,
)
from olympiad.certificates.letters import mentors_of
from olympiad.domain.codes import ACCESS_ALPHABET
from olympiad.extensions import db
from olympiad.models import AuditEntry, Certificate, OlympiadStatus
from olympiad.pdf.certificates import Kind
from tests.results import scene as results_scene


def _all(olympiad):
    query = select(Certificate).where(Certificate.olympiad_id == olympiad.id)
    return db.session.scalars(query.order_by(Certificate.number)).all()


def test_one_document_per_ranked_participant_and_a_letter_per_mentor(issued):
    certificates = _all(issued.olympiad)
    own = {c.participant.surname: c.kind for c in certificates if c.kind != Kind.MENTOR}
    assert own == {
        "Арсеньева": Kind.WINNER,
        "Борисов": Kind.PRIZE_WINNER,
        "Васильева": Kind.PRIZE_WINNER,
        "Григорьев": Kind.PRIZE_WINNER,
        "Дмитриева": Kind.PRIZE_WINNER,
        "Егоров": Kind.PARTICIPANT,
        "Жукова": Kind.PARTICIPANT,
        "Зайцев": Kind.PARTICIPANT,
        "Ильина": Kind.PARTICIPANT,
        "Ёлкин": Kind.PARTICIPANT,
    }
    letters = sorted(
        (c.participant.surname, c.mentor) for c in certificates if c.kind == Kind.MENTOR
    )
    # one letter per mentor in each school, filed under their first pupil
    assert letters == [
        ("Арсеньева", "Петрова Анна Сергеевна"),  # also Васильева, Дмитриева
        ("Борисов", "Петрова Анна Сергеевна"),  # another school: also Григорьев
        ("Васильева", "Сидорова Мария Ивановна"),
    ]
    assert "Отсутствующая" not in own  # absent: no place, no document


def test_serials_follow_each_other_and_codes_are_random_and_unique(issued):
    certificates = _all(issued.olympiad)
    assert [c.serial for c in certificates] == [
        f"2020-2021/ИК/{n:04d}" for n in range(1, len(certificates) + 1)
    ]
    codes = [c.code for c in certificates]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(f"[{ACCESS_ALPHABET}]{{12}}", code) for code in codes)
    first = certificates[0]
    assert first.participant.surname == "Арсеньева" and first.place == 1
    assert first.status == "winner"


def test_issuing_again_adds_only_what_is_missing(issued):
    before = _all(issued.olympiad)
    assert issue_all(issued.organizer, issued.olympiad) == 0
    db.session.delete(before[3])
    db.session.commit()
    assert [m.key for m in missing(issued.olympiad)] == [(before[3].participant_id, before[3].kind)]
    assert issue_all(issued.organizer, issued.olympiad) == 1
    db.session.commit()
    after = _all(issued.olympiad)
    assert len(after) == len(before)
    assert after[-1].number == len(before) + 1  # numbers are never given twice


def test_issue_is_audited(issued):
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "certificates_issued"))
    assert entry.user_id == issued.organizer.id
    assert entry.new_value["count"] == 13
    assert entry.new_value["kinds"] == {
        "winner": 1,
        "prize_winner": 4,
        "participant": 5,
        "mentor": 3,
    }


def test_nothing_is_issued_before_results_are_final(
    make_olympiad, make_participant, make_school, make_user
):
    scene = results_scene.build(make_olympiad, make_participant, make_school, make_user)
    with pytest.raises(CertificateError):
        issue_all(scene.organizer, scene.olympiad)
    db.session.rollback()
    assert _all(scene.olympiad) == []


def test_mentor_field_is_split_on_commas_and_semicolons():
    assert mentors_of(" Петрова А. С.; Иванов И. И., ,;Петрова А. С.") == [
        "Петрова А. С.",
        "Иванов И. И.",
    ]
    assert mentors_of("") == [] and mentors_of(None) == []


def test_reissue_revokes_the_old_one_and_gives_a_new_serial_and_code(issued):
    old = _all(issued.olympiad)[1]
    fresh = reissue(issued.organizer, old, "Исправлена ошибка в фамилии")
    db.session.commit()
    assert old.revoked and old.revoke_reason == "Исправлена ошибка в фамилии"
    assert fresh.serial == "2020-2021/ИК/0014" and fresh.code != old.code
    assert (fresh.participant_id, fresh.kind, fresh.mentor, fresh.status, fresh.place) == (
        old.participant_id,
        old.kind,
        old.mentor,
        old.status,
        old.place,
    )
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "certificate_reissued"))
    assert entry.old_value["serial"] == old.serial and entry.new_value["serial"] == fresh.serial
    assert entry.reason == "Исправлена ошибка в фамилии"
    assert issue_all(issued.organizer, issued.olympiad) == 0  # the new one counts
    with pytest.raises(CertificateError, match="уже отозван"):
        reissue(issued.organizer, old, "Ещё раз")
    db.session.rollback()
    with pytest.raises(CertificateError, match="причину"):
        reissue(issued.organizer, fresh, "  ")


def test_organizer_issues_from_the_page(signed, client, login):
    final = signed
    login(final.organizer)
    page = client.get(f"/certificates/{final.olympiad.id}").get_data(as_text=True)
    assert "Выпустить" in page and "Диплом победителя" in page
    confirm = client.get(f"/certificates/{final.olympiad.id}/issue").get_data(as_text=True)
    assert "Выпустить документов: 13?" in confirm
    response = client.post(f"/certificates/{final.olympiad.id}/issue", follow_redirects=True)
    assert "Выпущено документов: 13." in response.get_data(as_text=True)
    response = client.post(f"/certificates/{final.olympiad.id}/issue", follow_redirects=True)
    assert "Все документы уже выпущены" in response.get_data(as_text=True)
    assert len(_all(final.olympiad)) == 13


def test_issue_page_waits_for_final_results(make_olympiad, client, login, make_user):
    olympiad = make_olympiad(status=OlympiadStatus.PRELIMINARY)
    login(make_user())
    page = client.get(f"/certificates/{olympiad.id}").get_data(as_text=True)
    assert "когда председатель жюри утвердит итоговые результаты" in page
    response = client.post(f"/certificates/{olympiad.id}/issue", follow_redirects=True)
    assert "когда итоговые результаты утверждены" in response.get_data(as_text=True)


def test_reissue_from_the_page_needs_a_reason(issued, client, login):
    login(issued.organizer)
    old = _all(issued.olympiad)[0]
    url = f"/certificates/{issued.olympiad.id}/reissue/{old.id}"
    page = client.post(url, data={"reason": ""}).get_data(as_text=True)
    assert "Укажите причину" in page
    db.session.refresh(old)
    assert not old.revoked
    response = client.post(url, data={"reason": "Апелляция"}, follow_redirects=True)
    assert "2020-2021/ИК/0014" in response.get_data(as_text=True)
    db.session.refresh(old)
    assert old.revoked


def test_coordinator_and_jury_cannot_issue(final, client, login):
    for user in (final.coordinator, final.chair):
        login(user)
        assert client.post(f"/certificates/{final.olympiad.id}/issue").status_code == 403
        client.post("/auth/logout")
    assert _all(final.olympiad) == []


def test_the_olympiad_page_leads_to_the_certificates(issued, client, login):
    login(issued.organizer)
    page = client.get(f"/olympiads/{issued.olympiad.id}").get_data(as_text=True)
    assert f'href="/certificates/{issued.olympiad.id}"' in page
    client.post("/auth/logout")
    login(issued.coordinator)
    page = client.get(f"/olympiads/{issued.olympiad.id}").get_data(as_text=True)
    assert f'href="/certificates/{issued.olympiad.id}/school"' in page


def test_nothing_is_issued_while_a_signatory_has_no_name(final, client, login):
    with pytest.raises(CertificateError, match="Начальник Управления образования"):
        issue_all(final.organizer, final.olympiad)
    db.session.rollback()
    login(final.organizer)
    response = client.post(f"/certificates/{final.olympiad.id}/issue", follow_redirects=True)
    assert "Не указано, кто подписывает" in response.get_data(as_text=True)
    assert _all(final.olympiad) == []


def test_reissued_letter_keeps_its_mentor_and_school(issued):
    letter = next(c for c in _all(issued.olympiad) if c.kind == Kind.MENTOR)
    fresh = reissue(issued.organizer, letter, "Опечатка")
    db.session.commit()
    assert (fresh.mentor, fresh.participant_id) == (letter.mentor, letter.participant_id)
    assert issue_all(issued.organizer, issued.olympiad) == 0
