"""The optional gender of a pupil: asked on the form and read from a «Пол» column, only needed
where the patronymic does not tell (the documents agree with it)."""

from olympiad.enrollment.validation import validate_rows

BASE = {
    "surname": "Шагдуров",
    "name": "Тумэн",
    "patronymic": "",
    "school": "МБОУ «СОШ № 2»",
    "grade_studied": "9",
    "consent_processing": "да",
    "consent_publication": "ФИО",
}


def _check(**row):
    return validate_rows(
        [{**BASE, **row}], schools={"МБОУ «СОШ № 2»": 1}, fixed_school_id=None, existing=[]
    ).rows[0]


def test_the_gender_column_is_read_in_russian_words():
    assert _check(gender="м").data.gender == "m"
    assert _check(gender="Жен.").data.gender == "f"
    assert _check(gender="").data.gender == ""


def test_a_wrong_gender_is_refused_with_a_message():
    row = _check(gender="да")
    assert row.data is None and "напишите «м» или «ж»" in row.errors[0]


def test_the_column_is_found_by_its_header():
    from olympiad.enrollment.spreadsheet import field_for

    assert field_for("Пол (м/ж, если нет отчества)") == "gender"
    assert field_for("Пол") == "gender"
