"""The documents as the app prints them: each kind with the right Cyrillic name, status and
serial, a QR code that reads back as the verification address, long names on one page."""

import re

import pytest
from sqlalchemy import select

from olympiad.certificates.documents import document
from olympiad.certificates.labels import olympiad_words, safe_name
from olympiad.extensions import db
from olympiad.models import Certificate
from olympiad.pdf.certificates import Kind
from tests.certificates.conftest import page_count, pdf_text, qr_payloads

WORDS = {
    Kind.WINNER: "победитель",
    Kind.PRIZE_WINNER: "призёр",
    Kind.PARTICIPANT: "участника",
    Kind.MENTOR: "за подготовку победителя",  # the first letter: Арсеньева's mentor
}


def _one_of(olympiad, kind: Kind) -> Certificate:
    query = select(Certificate).where(
        Certificate.olympiad_id == olympiad.id, Certificate.kind == kind
    )
    return db.session.scalars(query.order_by(Certificate.number)).first()


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_prints_name_status_serial_and_a_readable_qr(
    issued, client, login, kind, tmp_path
):
    certificate = _one_of(issued.olympiad, kind)
    login(issued.organizer)
    response = client.get(f"/certificates/{issued.olympiad.id}/file/{certificate.id}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    content = response.data
    text = pdf_text(content)
    person = certificate.participant
    # the letter is addressed in the dative: «Петровой Анне Сергеевне»
    name = "Петровой Анне Сергеевне" if kind is Kind.MENTOR else person.full_name
    assert certificate.mentor == "Петрова Анна Сергеевна" or kind is not Kind.MENTOR
    assert name in text
    assert WORDS[kind] in text
    assert certificate.serial in text
    assert "по информационной культуре личности" in text
    assert "Муниципальный этап" not in text  # the title is not repeated inside the sentence
    if kind is Kind.MENTOR:
        assert person.full_name in text
    url = f"http://localhost/v/{certificate.code}"
    assert qr_payloads(content, tmp_path) == [url]
    assert page_count(content) == 1


def test_public_url_setting_goes_into_the_qr_code(issued, app):
    app.config["PUBLIC_URL"] = "https://olymp.example.org/"
    certificate = _one_of(issued.olympiad, Kind.WINNER)
    assert document(certificate).verify_url == f"https://olymp.example.org/v/{certificate.code}"


def test_a_very_long_name_and_school_stay_on_one_page(issued, client, login, tmp_path):
    certificate = _one_of(issued.olympiad, Kind.PRIZE_WINNER)
    person = certificate.participant
    person.surname = "Константинопольская-Верхнеудинская"
    person.name = "Александра-Мария"
    person.patronymic = "Владиславовна"
    person.school.full_name = (
        "Муниципальное бюджетное общеобразовательное учреждение «Гусиноозёрская средняя "
        "общеобразовательная школа № 1 с углублённым изучением отдельных предметов»"
    )
    db.session.commit()
    login(issued.organizer)
    content = client.get(f"/certificates/{issued.olympiad.id}/file/{certificate.id}").data
    text = pdf_text(content)
    assert page_count(content) == 1
    assert "Константинопольская-Верхнеудинская" in text and "Владиславовна" in text
    assert "углублённым изучением отдельных предметов" in text
    assert qr_payloads(content, tmp_path) == [f"http://localhost/v/{certificate.code}"]


def test_file_names_are_russian_with_a_safe_ascii_fallback(issued, client, login):
    certificate = _one_of(issued.olympiad, Kind.WINNER)
    login(issued.organizer)
    response = client.get(f"/certificates/{issued.olympiad.id}/file/{certificate.id}")
    header = response.headers["Content-Disposition"]
    fallback = re.search(r'filename="([^"]*)"', header).group(1)
    assert fallback == "Diplom pobeditelya - Arsen'eva Anna Petrovna.pdf".replace("'", "")
    assert "filename*=UTF-8''%D0%94%D0%B8%D0%BF%D0%BB%D0%BE%D0%BC" in header


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Благодарственное письмо - Соловьёва Ю. Ь.", "Blagodarstvennoe pismo - Soloveva Yu.pdf"),
        ('МБОУ «СОШ № 1»: 9\\11 <a>|b?*"', "MBOU SOSh No 1 911 ab.pdf"),
        ("Точки в конце...   ", "Tochki v kontse.pdf"),
        ("CON", "_CON.pdf"),
        ("", "_.pdf"),
    ],
)
def test_safe_names(text, expected):
    assert safe_name(text, ".pdf") == expected


def test_safe_names_are_short_enough_for_windows():
    name = safe_name("Константинопольская-Верхнеудинская " * 10, ".pdf")
    assert len(name) <= 100 and name.endswith(".pdf") and not name[:-4].endswith((" ", "."))


def test_olympiad_words():
    title = "Муниципальный этап олимпиады по информационной культуре личности"
    assert olympiad_words(title) == "по информационной культуре личности"
    assert olympiad_words("Информационная культура школьника") == (
        "«Информационная культура школьника»"
    )
