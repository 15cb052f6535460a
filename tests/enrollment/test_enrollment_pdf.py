"""Registration papers: Cyrillic text is really there, and ciphers only where they belong."""

import io
from dataclasses import fields
from datetime import date

from pypdf import PdfReader

from olympiad.domain.codes import issue_ciphers, new_access_code
from olympiad.pdf.enrollment import (
    AccessSlipsData,
    AttendanceData,
    CipherKeyData,
    CipherLabelsData,
    KeyRow,
    Label,
    Person,
    RoomGroup,
    SchoolSlips,
    Slip,
    build_access_slips,
    build_attendance_sheets,
    build_cipher_key,
    build_cipher_labels,
)

TITLE = "Муниципальный этап олимпиады по информационной культуре личности"
NAMES = [f"{s} {n} Петровна" for s in ("Ёлкина", "Щукина", "Юдина") for n in ("Анна", "Дарья")]
NAMES *= 10  # 60 people: several pages
SCHOOLS = ["МБОУ «СОШ № 1»", "МАОУ «Гимназия № 3»"]
CIPHERS = issue_ciphers(list(range(len(NAMES))), {})


def text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_attendance_sheets_have_names_and_no_ciphers():
    people = [Person(n, SCHOOLS[i % 2], 7 + i % 2) for i, n in enumerate(NAMES)]
    groups = [RoomGroup("101", 7, people[:45]), RoomGroup("205а", 8, people[45:])]
    pages = text(build_attendance_sheets(AttendanceData(TITLE, date(2024, 11, 15), groups)))
    whole = "\n".join(pages)
    assert len(pages) >= 3
    for word in ("Ёлкина Анна Петровна", "Щукина", "Юдина", "Подпись", "15.11.2024", "205а"):
        assert word in whole
    assert "Аудитория 101 · 7 класс" in pages[1]  # continuation pages say whose they are
    assert not any(cipher in whole for cipher in CIPHERS.values())
    assert not any("cipher" in f.name for cls in (Person, RoomGroup) for f in fields(cls))


def test_cipher_labels_show_ciphers_and_grades_only():
    labels = [Label(CIPHERS[i], 7 + i % 5) for i in range(len(NAMES))]
    pages = text(build_cipher_labels(CipherLabelsData(TITLE, labels, copies=2)))
    whole = "\n".join(pages)
    assert len(pages) == 5  # 120 stickers, 24 to a sheet
    assert all(whole.count(c) == 2 for c in CIPHERS.values())
    assert "11 класс" in whole and "Ёлкина" not in whole


def test_cipher_key_is_confidential():
    rows = [KeyRow(CIPHERS[i], n, SCHOOLS[i % 2], 8) for i, n in enumerate(NAMES)]
    pages = text(build_cipher_key(CipherKeyData(TITLE, "15 ноября 2024 г.", rows)))
    whole = "\n".join(pages)
    assert all("Конфиденциально" in p for p in pages)
    assert all(c in whole for c in CIPHERS.values())
    assert "Щукина Дарья Петровна" in whole and "МАОУ «Гимназия № 3»" in whole


def test_access_slips_per_school_on_fresh_pages():
    codes = [new_access_code() for _ in NAMES]
    schools = [
        SchoolSlips(s, [Slip(n, 9, codes[i]) for i, n in enumerate(NAMES) if i % 2 == k])
        for k, s in enumerate(SCHOOLS)
    ]
    data = AccessSlipsData(TITLE, "https://olymp.example.ru/me", schools)
    pages = text(build_access_slips(data))
    assert len(pages) == 6  # 30 slips a school, 10 to a page
    assert all(SCHOOLS[0] in p for p in pages[:3]) and all(SCHOOLS[1] in p for p in pages[3:])
    assert not any(SCHOOLS[0] in p for p in pages[3:])
    whole = "\n".join(pages)
    assert all(code in whole for code in codes)
    assert "Ёлкина Анна Петровна" in whole and "olymp.example.ru/me" in whole


def test_empty_inputs_still_make_a_pdf():
    assert build_attendance_sheets(AttendanceData(TITLE, "", [])).startswith(b"%PDF")
    assert build_cipher_labels(CipherLabelsData(TITLE, [])).startswith(b"%PDF")
    assert build_access_slips(AccessSlipsData(TITLE, "", [])).startswith(b"%PDF")
