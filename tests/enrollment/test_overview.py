"""The organizer's overview: search, filters, pagination, counts, and a safe XLSX export."""

import io

import openpyxl
import pytest

from olympiad.models import ParticipantStatus, Role


@pytest.fixture
def organizer(make_user, login):
    user = make_user(Role.ORGANIZER)
    login(user)
    return user


def test_search_filters_and_counts(client, organizer, make_school, make_olympiad, make_participant):
    olympiad = make_olympiad()
    first, second = make_school(short_name="Первая СОШ"), make_school(short_name="Вторая СОШ")
    make_participant(olympiad, first, surname="Алёшина", grade_studied=7)
    make_participant(olympiad, first, surname="Бадмаева", grade_studied=9, attendance="absent")
    make_participant(olympiad, second, surname="Цыбикова", grade_studied=9)
    make_participant(olympiad, second, surname="Отозванова", status=ParticipantStatus.WITHDRAWN)
    url = f"/enrollment/{olympiad.id}/"

    def names(query: str = "") -> set[str]:
        page = client.get(url + query).get_data(as_text=True)
        found = ("Алёшина", "Бадмаева", "Цыбикова", "Отозванова")
        return {n for n in found if f"{n} Анна" in page}

    assert names() == {"Алёшина", "Бадмаева", "Цыбикова"}
    assert names("?q=алешина") == {"Алёшина"}  # case and ё do not matter, on any database
    assert names("?q=БАДМ") == {"Бадмаева"}
    assert names("?q=%25") == set()  # a LIKE wildcard is searched for literally
    assert names(f"?school={second.id}") == {"Цыбикова"}
    assert names("?grade=9") == {"Бадмаева", "Цыбикова"}
    assert names("?status=absent") == {"Бадмаева"}
    assert names("?status=withdrawn") == {"Отозванова"}
    assert names("?status=all&grade=x") == {"Алёшина", "Бадмаева", "Цыбикова", "Отозванова"}

    page = client.get(url).get_data(as_text=True)
    pivot = page[page.index("Записано по школам") : page.index("</table>")]
    assert "Первая СОШ" in pivot and "Вторая СОШ" in pivot
    assert pivot.count('<td class="text-center fw-bold">2</td>') == 1  # Первая: 7 + 9
    assert '<td class="text-center">3</td>' in pivot.split("<tfoot>")[1]  # total


def test_pagination(client, organizer, app, make_school, make_olympiad, make_participant):
    app.config["ITEMS_PER_PAGE"] = 2
    olympiad = make_olympiad()
    school = make_school()
    for _ in range(5):
        make_participant(olympiad, school)
    page = client.get(f"/enrollment/{olympiad.id}/?page=3").get_data(as_text=True)
    assert page.count("/enrollment/participants/") == 1 and "Всего записей: 5" in page


def test_export_neutralises_formula_like_text(
    client, organizer, make_school, make_olympiad, make_participant
):
    olympiad = make_olympiad()
    school = make_school(full_name='=HYPERLINK("http://evil")')
    make_participant(olympiad, school, surname="=1+2", mentor="@SUM(A1)", attendance="present")
    response = client.get(f"/enrollment/{olympiad.id}/participants.xlsx")
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    header, row = list(sheet.iter_rows(values_only=True))
    assert header[1] == "Фамилия" and row[1] == "'=1+2"
    assert row[4] == '\'=HYPERLINK("http://evil")' and row[7] == "'@SUM(A1)"
    assert row[12] == "Присутствовал"
    assert all(cell.data_type != "f" for cell in sheet[2])
