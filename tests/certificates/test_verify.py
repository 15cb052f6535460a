"""The public check at the QR address and by the form: genuine, revoked, not found; names
only as the publication consent allows; rate-limited; the form needs its CSRF token."""

import pytest
from sqlalchemy import select

from olympiad.certificates.issuing import reissue
from olympiad.extensions import db
from olympiad.models import Certificate, ConsentKind, PublicationForm
from olympiad.pdf.certificates import Kind


def _of(issued, surname: str, kind: Kind) -> Certificate:
    person = issued.people[surname]
    return db.session.scalar(
        select(Certificate).where(Certificate.participant_id == person.id, Certificate.kind == kind)
    )


def test_a_genuine_document_shows_what_it_is(issued, client):
    certificate = _of(issued, "Арсеньева", Kind.WINNER)
    response = client.get(f"/v/{certificate.code}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Документ подлинный и действует" in page
    assert "Диплом победителя" in page and "победитель" in page
    assert certificate.serial in page and "2020-2021" in page
    assert "Муниципальный этап олимпиады по информационной культуре личности" in page
    assert "Арсеньева А. П." in page  # the consent allows initials
    assert "Арсеньева Анна" not in page
    assert issued.schools[0].full_name not in page


def test_without_consent_to_publish_only_the_cipher_is_shown(issued, client):
    person = issued.people["Борисов"]
    consent = person.consent(ConsentKind.PUBLICATION)
    consent.granted, consent.publication_form = False, PublicationForm.CIPHER_ONLY
    db.session.commit()
    page = client.get(f"/v/{_of(issued, 'Борисов', Kind.PRIZE_WINNER).code}").get_data(as_text=True)
    assert "Документ подлинный" in page and "Борисов" not in page
    assert person.cipher in page and "имя не публикуется" in page


def test_a_mentors_letter_names_the_mentor(issued, client):
    letter = db.session.scalar(
        select(Certificate).where(
            Certificate.kind == Kind.MENTOR, Certificate.mentor == "Сидорова Мария Ивановна"
        )
    )
    page = client.get(f"/v/{letter.code}").get_data(as_text=True)
    assert "Благодарственное письмо" in page and "Сидорова Мария Ивановна" in page
    assert "Васильева А. П." in page


def test_a_revoked_document_says_so_and_keeps_the_new_code_secret(issued, client):
    old = _of(issued, "Арсеньева", Kind.WINNER)
    fresh = reissue(issued.organizer, old, "Исправлена ошибка в отчестве")
    db.session.commit()
    page = client.get(f"/v/{old.code}").get_data(as_text=True)
    assert "Документ отозван" in page and "Документ подлинный" not in page
    assert "Вместо него выдан новый документ" in page
    assert fresh.code not in page and fresh.serial not in page
    assert "Документ подлинный" in client.get(f"/v/{fresh.code}").get_data(as_text=True)


def test_an_unknown_code_is_not_found(issued, client):
    response = client.get("/v/K7MX4QPR9TWZ")
    assert response.status_code == 404
    assert "Документ не найден" in response.get_data(as_text=True)
    assert client.get("/v/<script>").status_code == 404


def test_the_form_takes_a_code_as_typed(issued, client):
    certificate = _of(issued, "Арсеньева", Kind.WINNER)
    code = certificate.code
    for typed in (
        f"{code[:4]}-{code[4:8]}-{code[8:]}",
        code.lower(),
        f"http://localhost/v/{code}",
    ):
        page = client.post("/certificates/verify", data={"number": typed}).get_data(as_text=True)
        assert "Документ подлинный" in page and "Арсеньева А. П." in page, typed


def test_a_serial_proves_the_document_exists_but_not_whose_it_is(issued, client):
    certificate = _of(issued, "Арсеньева", Kind.WINNER)
    number = certificate.serial.replace("/ИК/0", "/ик/")  # 2020-2021/ик/001
    page = client.post("/certificates/verify", data={"number": number}).get_data(as_text=True)
    assert "Документ подлинный" in page and certificate.serial in page
    assert "Арсеньева" not in page and "Кому выдан</dt>" not in page
    page = client.post("/certificates/verify", data={"number": "2020-2021/ИК/9999"}).get_data(
        as_text=True
    )
    assert "Документ не найден" in page


@pytest.mark.ratelimit
def test_failed_checks_are_rate_limited(issued, client, app):
    app.config["VERIFY_RATE_LIMIT"] = "3 per minute"
    code = _of(issued, "Арсеньева", Kind.WINNER).code
    wrong = "ZZZZZZZZZZZZ"
    assert [client.get(f"/v/{wrong}").status_code for _ in range(3)] == [404, 404, 404]
    response = client.get(f"/v/{wrong}")
    assert response.status_code == 429
    assert "Слишком много попыток" in response.get_data(as_text=True)
    assert client.post("/certificates/verify", data={"number": wrong}).status_code == 429
    # genuine documents are not failures: the office checks its whole stack
    assert [client.get(f"/v/{code}").status_code for _ in range(5)] == [200] * 5
    for _ in range(5):
        assert client.post("/certificates/verify", data={"number": code}).status_code == 200
