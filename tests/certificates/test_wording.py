"""The texts of every kind of document, agreed with the person, against hand-written
expectations: Russian and Buryat names, double surnames, names without a patronymic."""

import dataclasses
from datetime import date

import pytest

from olympiad.pdf.certificates import Certificate, Kind, default_designs
from olympiad.pdf.certificates.wording import wording

DESIGNS = default_designs()
SCHOOL = "МБОУ «Селенгинская СОШ»"
OLYMPIAD = "по информационной культуре личности"


def _cert(kind, name, gender="", status="участник", place=None, pupils=()):
    return Certificate(
        kind=kind,
        serial="2020-2021/ИК/0001",
        verify_url="http://x/v/1",
        full_name=name,
        school=SCHOOL,
        grade=9,
        olympiad=OLYMPIAD,
        year="2020-2021",
        status=status,
        place=place,
        issued_on=date(2021, 3, 23),
        gender=gender,
        pupils=pupils,
    )


def _text(cert, design=None):
    words = wording(cert, design or DESIGNS[cert.kind])
    return [*words.lead, words.name, *words.body]


PARTICIPANTS = [
    # name, gender as the documents get it, the line about the pupil, the verb
    ("Бадмаева Сэсэг Цыреновна", "f", "ученица 9 класса", "приняла"),
    ("Эрдынеев Эрдэм Баторович", "m", "ученик 9 класса", "принял"),
    ("Константинопольская-Верхнеудинская Александра-Мария", "f", "ученица 9 класса", "приняла"),
    ("Шагдуров Тумэн", "m", "ученик 9 класса", "принял"),
    ("Ким Саша", "", "ученик(ца) 9 класса", "принял(а)"),  # nobody told: neutral
]


@pytest.mark.parametrize(("name", "gender", "pupil", "verb"), PARTICIPANTS)
def test_participation_certificate_agrees_with_the_pupil(name, gender, pupil, verb):
    assert _text(_cert(Kind.PARTICIPANT, name, gender)) == [
        "подтверждает, что",
        name,
        f"{pupil} {SCHOOL},",
        f"{verb} участие в муниципальном этапе олимпиады",
        f"«{OLYMPIAD}»",
        "2020-2021 учебного года",
    ]


def test_diplomas_give_the_status_and_the_place_only_when_asked():
    winner = _cert(Kind.WINNER, "Ринчинова Баярма Доржиевна", "f", "победитель", 1)
    assert _text(winner) == [
        "награждается",
        "Ринчинова Баярма Доржиевна",
        f"ученица 9 класса {SCHOOL},",
        "победитель муниципального этапа олимпиады",
        f"«{OLYMPIAD}»",
        "2020-2021 учебного года",
    ]
    prize = _cert(Kind.PRIZE_WINNER, "Дашиев Жаргал Дашиевич", "m", "призёр", 10)
    text = _text(prize)
    assert "призёр муниципального этапа олимпиады" in text and "ученик 9 класса" in text[2]
    assert not any("10" in line or "место" in line for line in text)
    asked = dataclasses.replace(DESIGNS[Kind.PRIZE_WINNER], show_place=True)
    assert (
        _text(_cert(Kind.PRIZE_WINNER, "Дашиев Жаргал Дашиевич", "m", "призёр", 2), asked)[-1]
        == "за II место"
    )


def test_a_mentor_gets_one_letter_in_the_dative_listing_the_pupils():
    letter = _cert(
        Kind.MENTOR,
        "Аюшеева Дулма Цыреновна",
        "f",
        pupils=(
            ("Бадмаева Сэсэг Цыреновна", 9, "победитель"),
            ("Римский-Корсаков Николай Андреевич", 10, "призёр"),
            ("Шагдуров Тумэн", 11, "призёр"),
        ),
    )
    assert _text(letter) == [
        "объявляется благодарность",
        "Аюшеевой Дулме Цыреновне",
        SCHOOL,
        "за подготовку победителя и призёров муниципального этапа олимпиады",
        f"«{OLYMPIAD}» 2020-2021 учебного года:",
        "Бадмаева Сэсэг Цыреновна, 9 класс — победитель",
        "Римский-Корсаков Николай Андреевич, 10 класс — призёр",
        "Шагдуров Тумэн, 11 класс — призёр",
        "Благодарим за профессионализм и творческий подход к работе!",
    ]


@pytest.mark.parametrize(
    ("mentor", "gender", "dative", "statuses", "prepared"),
    [
        ("Петров Иван Сергеевич", "m", "Петрову Ивану Сергеевичу", ["призёр"], "призёра"),
        ("Цыденова Дарима", "f", "Цыденовой Дариме", ["победитель", "победитель"], "победителей"),
        ("Соколова И. В.", "f", "Соколовой И. В.", ["призёр", "призёр"], "призёров"),
    ],
)
def test_letter_names_and_numbers_agree(mentor, gender, dative, statuses, prepared):
    pupils = tuple((f"Ученик {n}", 9, s) for n, s in enumerate(statuses))
    text = _text(_cert(Kind.MENTOR, mentor, gender, pupils=pupils))
    assert text[1] == dative
    assert text[3] == f"за подготовку {prepared} муниципального этапа олимпиады"
