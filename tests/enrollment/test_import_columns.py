"""Nothing in an enrollment file is dropped silently: the headers people really write are
understood, an unrecognised column is named in the preview, and a file without the
publication-consent columns is saved only after the user confirms that those are refused."""

import re

import pytest
from sqlalchemy import select

from olympiad.enrollment.spreadsheet import field_for, read_table
from olympiad.extensions import db
from olympiad.models import ConsentKind, Participant
from tests.enrollment.test_import_web import coordinator, count, save, upload  # noqa: F401


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Публикация результатов", "consent_publication"),
        ("Публикация работы", "consent_work_publication"),
        ("Согласие на публикацию результатов", "consent_publication"),
        ("СОГЛАСИЕ  на публикацию  работы", "consent_work_publication"),
        ("Разрешение на публикацию результатов олимпиады", "consent_publication"),
        ("Разрешение родителя на публикацию работы", "consent_work_publication"),
        ("Согласие родителя на опубликование результатов", "consent_publication"),
        ("Согласие на размещение работы", "consent_work_publication"),
        ("Публикация", "consent_publication"),
        ("Согласие на обработку персональных данных", "consent_processing"),
        ("Обработка ПДн", "consent_processing"),
        ("согласие на обработку пдн", "consent_processing"),
        ("Разрешение на обработку персональных данных", "consent_processing"),
        ("Согласие", None),
        ("Фамилия", "surname"),
        ("Класс обучения", "grade_studied"),
        ("Класс, в котором выступает", "grade_competed"),
        ("Учитель-наставник", "mentor"),
        ("Телефон", None),
    ],
)
def test_headers_people_use(header, field):
    assert field_for(header) == field


def _csv(*rows: list[str]) -> bytes:
    return "\r\n".join(";".join(row) for row in rows).encode("utf-8")


def test_unrecognised_columns_and_missing_consents_are_reported():
    table = read_table(
        "список.csv",
        _csv(
            ["Фамилия", "Имя", "Класс обучения", "Согласие на обработку ПДн", "Телефон", ""],
            ["Иванов", "Иван", "8", "да", "+7 900 000", "заметка без заголовка"],
        ),
    )
    assert table.ignored == ["Телефон", "столбец F"]
    assert table.missing_consents == ["consent_publication", "consent_work_publication"]


COORDINATORS_FILE = _csv(
    ["Фамилия", "Имя", "Класс", "Согласие на обработку", "Публикация результатов",
     "Публикация работы"],
    ["Иванова", "Дарья", "8", "да", "ФИО", "да"],
)  # fmt: skip


def test_publication_columns_without_consent_words_are_imported(
    client,
    coordinator,  # noqa: F811
    make_olympiad,
):
    olympiad = make_olympiad()
    page = upload(client, olympiad, COORDINATORS_FILE, "список.csv").get_data(as_text=True)
    assert "Ошибок нет" in page and "не распознан" not in page
    assert "Понимаю" not in page
    assert "Из файла записано учеников: 1" in save(client, olympiad, page).text
    person = db.session.scalar(select(Participant))
    assert person.consent(ConsentKind.PUBLICATION).granted
    assert person.consent(ConsentKind.WORK_PUBLICATION).granted


def test_missing_consent_columns_must_be_confirmed(client, coordinator, make_olympiad):  # noqa: F811
    olympiad = make_olympiad()
    content = _csv(
        ["Фамилия", "Имя", "Класс", "Согласие на обработку ПДн", "Телефон"],
        ["Иванова", "Дарья", "8", "да", "+7 900"],
    )
    page = upload(client, olympiad, content, "список.csv").get_data(as_text=True)
    assert "Столбец «Телефон» не распознан" in page
    assert "«Согласие на публикацию результатов», «Согласие на публикацию работы»" in page
    assert "Ошибок нет." not in page and "есть предупреждения" in page
    assert 'name="no_consent_confirmed"' in page
    refused = save(client, olympiad, page).text  # the box left unticked
    assert "подтвердите" in refused and count() == 0
    assert 'name="no_consent_confirmed"' in refused  # the preview again, to tick it
    payload = re.search(r'name="payload" type="hidden" value="([^"]+)"', page).group(1)
    done = client.post(
        f"/enrollment/{olympiad.id}/import/save",
        data={"payload": payload, "filename": "список.csv", "no_consent_confirmed": "y"},
        follow_redirects=True,
    )
    assert "Из файла записано учеников: 1" in done.text
    person = db.session.scalar(select(Participant))
    publication = person.consent(ConsentKind.PUBLICATION)
    assert publication is None or not publication.granted
