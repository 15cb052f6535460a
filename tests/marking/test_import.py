"""Answers and marks from a spreadsheet: the template, a preview with row errors, all or
nothing, a reason for changes, and the same from the command line."""

import io
import re

import openpyxl
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Answer, AuditEntry, Mark
from tests.marking.conftest import SECRETS


def _xlsx(rows, headers=("Шифр", "1 (одна буква)", "3", "7 (баллы 0–5)")) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [
    ["KMT-101", "Б", "1-А, 2-Б, 3-В", 4.5],
    ["kmt 102", "в", "", "3"],
    ["KMT-103", "-", "АБВ", None],
]


def _upload(client, scene, content, juror=None, reason=""):
    data = {
        "group_id": scene.junior.id,
        "juror_id": juror.id if juror else 0,
        "reason": reason,
        "file": (io.BytesIO(content), "marks.xlsx"),
    }
    return client.post(
        f"/marking/{scene.olympiad.id}/import", data=data, content_type="multipart/form-data"
    )


def _save(client, scene, page):
    """Send back the preview's hidden form, as the browser does."""
    fields = dict(
        re.findall(r'name="(payload|filename|group_id|juror_id|reason)"[^>]*value="([^"]*)"', page)
    )
    return client.post(f"/marking/{scene.olympiad.id}/import/save", data=fields)


def test_template_has_ciphers_and_a_column_per_task_only(client, login, scene):
    login(scene.juror_a)
    response = client.get(f"/marking/{scene.olympiad.id}/groups/{scene.junior.id}/template.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Шифр", "1 (одна буква)", "2 (буквы, напр. АВ)")
    assert rows[0][8] == "8 (баллы 0–10)"
    assert [r[0] for r in rows[1:]] == ["KMT-101", "KMT-102", "KMT-103", "KMT-104"]
    text = repr(rows)
    assert not any(secret in text for secret in SECRETS)


def test_good_file_is_previewed_then_saved(client, login, scene):
    login(scene.organizer)
    page = _upload(client, scene, _xlsx(GOOD), juror=scene.juror_a).get_data(as_text=True)
    assert "Ошибок нет" in page and "KMT-102" in page
    assert db.session.scalar(select(Answer)) is None  # the preview saves nothing
    response = _save(client, scene, page)
    assert response.status_code == 302
    answers = {(a.participant_id, a.text): a.points for a in db.session.scalars(select(Answer))}
    assert len(answers) == 5 and sorted(answers.values()) == [0, 0, 1, 3, 3]
    marks = db.session.scalars(select(Mark)).all()
    assert sorted(m.total for m in marks) == [3, 4.5]
    assert all(m.juror_id == scene.juror_a.id and m.criteria == [] for m in marks)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "marks_imported"))
    assert entry.user_id == scene.organizer.id and entry.new_value["cells"] == 7


def test_bad_rows_are_shown_and_nothing_is_saved(client, login, scene):
    login(scene.organizer)
    rows = [
        ["KMT-101", "Ж", "", ""],
        ["KMT-777", "Б", "", ""],  # no such present work
        ["KMT-199", "Б", "", ""],  # absent
        ["KMT-102", "Б", "", 6],  # more than the maximum
        ["KMT-102", "Б", "", ""],  # twice
    ]
    page = _upload(client, scene, _xlsx(rows), juror=scene.juror_a).get_data(as_text=True)
    assert "Строк с ошибками: 5 из 5" in page
    for message in (
        "Варианта «Ж» нет",
        "Шифра «KMT-777» нет",
        "Шифра «KMT-199» нет",
        "балл должен быть от 0 до 5, введено 6",
        "встречается в файле дважды",
    ):
        assert message in page
    assert db.session.scalar(select(Answer)) is None


def test_open_marks_need_a_juror_and_changes_need_a_reason(client, login, scene):
    login(scene.organizer)
    page = _upload(client, scene, _xlsx(GOOD)).get_data(as_text=True)
    assert "укажите, чьи это оценки" in page
    _save(
        client,
        scene,
        _upload(client, scene, _xlsx(GOOD), juror=scene.juror_a).get_data(as_text=True),
    )
    changed = [["KMT-101", "А", "", 5]]
    page = _upload(client, scene, _xlsx(changed), juror=scene.juror_a).get_data(as_text=True)
    assert "укажите причину изменения" in page
    page = _upload(client, scene, _xlsx(changed), juror=scene.juror_a, reason="перепроверка")
    assert _save(client, scene, page.get_data(as_text=True)).status_code == 302
    reasons = db.session.scalars(
        select(AuditEntry.reason).where(AuditEntry.action.in_(["answer_changed", "mark_changed"]))
    ).all()
    assert reasons == ["перепроверка", "перепроверка"]


def test_who_may_upload(client, login, client_for, scene):
    login(scene.juror_a)
    assert client.get(f"/marking/{scene.olympiad.id}/import").status_code == 403
    chair = client_for(scene.chair)
    assert chair.get(f"/marking/{scene.olympiad.id}/import").status_code == 200
    page = _upload(chair, scene, _xlsx(GOOD), juror=scene.juror_b).get_data(as_text=True)
    assert "Ошибок нет" in page


def test_command_line_import(runner, scene, tmp_path):
    path = tmp_path / "marks.xlsx"
    path.write_bytes(_xlsx(GOOD))
    args = ["import-marks", str(scene.olympiad.id), "7-8", str(path)]
    result = runner.invoke(args=args)
    assert result.exit_code != 0 and "чьи это оценки" in result.output
    assert db.session.scalar(select(Answer)) is None
    result = runner.invoke(args=[*args, "--juror", scene.juror_b.login])
    assert result.exit_code == 0, result.output
    assert "Сохранено значений: 7" in result.output
    path.write_bytes(_xlsx([["KMT-101", "Ж", "", ""]]))
    result = runner.invoke(args=[*args, "--juror", scene.juror_b.login])
    assert result.exit_code != 0 and "Строка 2" in result.output
    result = runner.invoke(args=["import-marks", str(scene.olympiad.id), "5-6", str(path)])
    assert result.exit_code != 0 and "Группы «5-6» нет" in result.output
