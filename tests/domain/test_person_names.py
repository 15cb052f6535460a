"""Names declined and words agreed, against a table written out by hand."""

import pytest

from olympiad.domain.person_names import (
    Case,
    Gender,
    decline,
    decline_full,
    gender_from_patronymic,
    gender_of,
    guess_gender,
    place_in_words,
    roman,
)

# surname, name, patronymic, gender, genitive, dative, accusative
TABLE = [
    ("Бадмаев", "Баир", "Баирович", "m",
     "Бадмаева Баира Баировича", "Бадмаеву Баиру Баировичу", "Бадмаева Баира Баировича"),
    ("Бадмаева", "Сэсэг", "Цыреновна", "f",
     "Бадмаевой Сэсэг Цыреновны", "Бадмаевой Сэсэг Цыреновне", "Бадмаеву Сэсэг Цыреновну"),
    ("Эрдынеев", "Эрдэм", "Баторович", "m",
     "Эрдынеева Эрдэма Баторовича", "Эрдынееву Эрдэму Баторовичу",
     "Эрдынеева Эрдэма Баторовича"),
    ("Ринчинова", "Баярма", "Доржиевна", "f",
     "Ринчиновой Баярмы Доржиевны", "Ринчиновой Баярме Доржиевне",
     "Ринчинову Баярму Доржиевну"),
    ("Намсараев", "Мунко", "Булатович", "m",
     "Намсараева Мунко Булатовича", "Намсараеву Мунко Булатовичу",
     "Намсараева Мунко Булатовича"),
    ("Цыденова", "Туяна", "Дашиевна", "f",
     "Цыденовой Туяны Дашиевны", "Цыденовой Туяне Дашиевне", "Цыденову Туяну Дашиевну"),
    ("Андреева", "Людмила", "Михайловна", "f",
     "Андреевой Людмилы Михайловны", "Андреевой Людмиле Михайловне",
     "Андрееву Людмилу Михайловну"),
    ("Соловьёв", "Артём", "Сергеевич", "m",
     "Соловьёва Артёма Сергеевича", "Соловьёву Артёму Сергеевичу",
     "Соловьёва Артёма Сергеевича"),
    ("Константинопольская-Верхнеудинская", "Александра-Мария", "Владиславовна", "f",
     "Константинопольской-Верхнеудинской Александры-Марии Владиславовны",
     "Константинопольской-Верхнеудинской Александре-Марии Владиславовне",
     "Константинопольскую-Верхнеудинскую Александру-Марию Владиславовну"),
    ("Римский-Корсаков", "Николай", "Андреевич", "m",
     "Римского-Корсакова Николая Андреевича", "Римскому-Корсакову Николаю Андреевичу",
     "Римского-Корсакова Николая Андреевича"),
    ("Шагдуров", "Тумэн", "", "m", "Шагдурова Тумэна", "Шагдурову Тумэну", "Шагдурова Тумэна"),
    ("Доржиева", "Сарюна", "", "f", "Доржиевой Сарюны", "Доржиевой Сарюне", "Доржиеву Сарюну"),
    ("Черных", "Алёна", "Сергеевна", "f",
     "Черных Алёны Сергеевны", "Черных Алёне Сергеевне", "Черных Алёну Сергеевну"),
    ("Мамедов", "Эльдар", "Рашид оглы", "m",
     "Мамедова Эльдара Рашид оглы", "Мамедову Эльдару Рашид оглы",
     "Мамедова Эльдара Рашид оглы"),
]  # fmt: skip


@pytest.mark.parametrize("row", TABLE, ids=[f"{r[0]} {r[1]}" for r in TABLE])
def test_names_are_declined_as_written_by_hand(row):
    surname, name, patronymic, gender, genitive, dative, accusative = row
    g = Gender(gender)
    assert decline(surname, name, patronymic, Case.GENITIVE, g) == genitive
    assert decline(surname, name, patronymic, Case.DATIVE, g) == dative
    assert decline(surname, name, patronymic, Case.ACCUSATIVE, g) == accusative
    assert decline(surname, name, patronymic, Case.NOMINATIVE, g) == " ".join(
        p for p in (surname, name, patronymic) if p
    )


@pytest.mark.parametrize(
    ("patronymic", "gender"),
    [
        ("Баирович", Gender.MALE),
        ("Сергеевич", Gender.MALE),
        ("Ильич", Gender.MALE),
        ("Рашид оглы", Gender.MALE),
        ("Цыреновна", Gender.FEMALE),
        ("Сергеевна", Gender.FEMALE),
        ("Ильинична", Gender.FEMALE),
        ("Рашид кызы", Gender.FEMALE),
        ("", None),
        ("С.", None),
    ],
)
def test_the_patronymic_tells_the_gender(patronymic, gender):
    assert gender_from_patronymic(patronymic) == gender


def test_the_patronymic_wins_over_the_record_and_the_record_fills_the_gap():
    assert gender_of("Баирович", "f") == Gender.MALE
    assert gender_of("", "f") == Gender.FEMALE
    assert gender_of("", "") is None


@pytest.mark.parametrize(
    ("written", "dative"),
    [
        ("Аюшеева Дулма Цыреновна", "Аюшеевой Дулме Цыреновне"),
        ("Петрова А. С.", "Петровой А. С."),
        ("Иванов И.И.", "Иванову И. И."),
        ("Т. Г. Николаева", "Т. Г. Николаевой"),
        ("Бадмаева Сэсэг", "Бадмаевой Сэсэг"),
        ("Соколова Ирина Викторовна", "Соколовой Ирине Викторовне"),
    ],
)
def test_a_mentor_typed_as_text_is_declined_with_a_guessed_gender(written, dative):
    assert decline_full(written, Case.DATIVE) == dative


def test_a_name_whose_gender_cannot_be_told_is_left_as_written():
    assert guess_gender("Ким Саша") is None
    assert decline_full("Ким Саша", Case.DATIVE) == "Ким Саша"


def test_places_in_roman_numerals_and_words():
    assert [roman(n) for n in (1, 2, 3, 4, 9, 14, 40)] == [
        "I",
        "II",
        "III",
        "IV",
        "IX",
        "XIV",
        "XL",
    ]
    assert [place_in_words(n) for n in (1, 2, 3, 11)] == ["первое", "второе", "третье", "11-е"]
