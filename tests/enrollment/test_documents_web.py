"""The papers download as PDFs with Cyrillic names inside and Cyrillic-safe file names."""

import io

import pytest
from pypdf import PdfReader

from olympiad.enrollment.services import issue_codes
from olympiad.extensions import db
from olympiad.models import OlympiadStatus, Role


def text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)


@pytest.fixture
def closed(client, login, make_user, make_school, make_olympiad, make_participant):
    login(make_user(Role.ORGANIZER))
    olympiad = make_olympiad(rooms=[("каб. 12", None, [7, 8])])
    school = make_school(short_name="Гусиноозёрская гимназия")
    seated = make_participant(
        olympiad, school, surname="Жамсуева", name="Дулма", room_id=olympiad.rooms[0].id
    )
    loose = make_participant(olympiad, school, surname="Ёлкина", name="Юлия", grade_studied=10)
    issue_codes(olympiad)
    olympiad.status = OlympiadStatus.REGISTRATION_CLOSED
    db.session.commit()
    return olympiad, seated, loose


def test_attendance_sheets(client, closed):
    olympiad, seated, loose = closed
    response = client.get(f"/enrollment/{olympiad.id}/attendance-sheets.pdf")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and "filename*=UTF-8''" in disposition
    content = text(response)
    assert "Жамсуева Дулма Петровна" in content and "Ёлкина Юлия Петровна" in content
    assert "Аудитория каб. 12 · 7 класс" in content
    assert "Без кабинета · 10 класс" in content
    assert seated.cipher not in content  # proctors need not know ciphers


def test_cipher_labels_and_key(client, closed):
    olympiad, seated, loose = closed
    labels = text(client.get(f"/enrollment/{olympiad.id}/cipher-labels.pdf?copies=2"))
    assert labels.count(seated.cipher) == 2 and "Жамсуева" not in labels
    response = client.get(f"/enrollment/{olympiad.id}/cipher-key.pdf")
    disposition = response.headers["Content-Disposition"]
    assert 'filename="cipher-key-2020-2021.pdf"' in disposition  # for clients without filename*
    assert "%D0%9A%D0%BB%D1%8E%D1%87" in disposition  # «Ключ»
    key = text(response)
    assert seated.cipher in key and "Жамсуева Дулма" in key and "КОНФИДЕНЦИАЛЬНО" in key


def test_access_slips_for_all_schools_or_one(client, closed, make_school, make_participant):
    olympiad, seated, loose = closed
    slips = text(client.get(f"/enrollment/{olympiad.id}/access-slips.pdf"))
    assert seated.access_code in slips and "Ёлкина Юлия" in slips
    assert seated.cipher not in slips
    one = client.get(f"/enrollment/{olympiad.id}/access-slips.pdf?school_id={seated.school_id}")
    assert "filename*=UTF-8''" in one.headers["Content-Disposition"]
    assert "Жамсуева" in text(one)


def test_olympiad_page_offers_the_papers(client, closed):
    olympiad = closed[0]
    page = client.get(f"/olympiads/{olympiad.id}").get_data(as_text=True)
    for label in ("Листы регистрации", "Наклейки с шифрами", "Ключ шифров", "Отметить явку"):
        assert label in page
    assert "Записать ученика" not in page
