"""The plan and enrollment importers speak the user's language, like the upload checks
(tests/test_uploads_english.py): every message has its English translation, no Russian
literal is left outside `_()` except the words the file itself must contain, and the
Russian text is unchanged outside a request."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from flask import session

from olympiad.enrollment.spreadsheet import SpreadsheetError, read_rows
from olympiad.plan.importer import PlanImportError, parse_plan_file, parse_plan_text
from tests.gettext_guard import CYRILLIC, ROOT, bare_russian, untranslated
from tests.plan.pages import SEED_BYTES

MODULES = [
    "olympiad/plan/reading.py",
    "olympiad/plan/importer.py",
    "olympiad/plan/sections.py",
    "olympiad/plan/meetings.py",
    "olympiad/plan/items.py",
    "olympiad/plan/ledger.py",
    "olympiad/plan/tables.py",
    "olympiad/enrollment/spreadsheet.py",
    "olympiad/enrollment/validation.py",
    "olympiad/enrollment/columns.py",
]
# Russian that stays Russian: what the file has to contain (headings, column headers, cell
# values), the patterns that recognise it, and sample data. Top-level names whose whole
# definition is such vocabulary, then single literals inside functions.
VOCABULARY = {
    "sections.py": {"SECTIONS", "_CHAPTER", "_SIGNATURE"},  # section headings, patterns
    "meetings.py": {"_START", "_LABELLED"},  # «Заседание № 1», «Метка: текст» patterns
    "tables.py": {"_NUMBER", "_RESPONSIBLE", "MEETING_MEANINGS", "ITEM_MEANINGS"},  # headers
    "spreadsheet.py": {"_CONSENT_WORDS", "_CONSENT_TOPICS", "field_for", "_consent_for"},
    # column headers of the template, cell values read, the template's sample row
    "columns.py": {"LABELS", "HEADERS", "GENDER_WORDS", "EXAMPLE_ROW"},
}
LITERALS = {
    "importer.py": {
        # the six headings named in «Не найден ни один раздел плана…»
        "Методическая тема",
        "Цель",
        "Задачи",
        "Основные направления деятельности",
        "План заседаний",
        "Работа между заседаниями",
        r"\bплан\b",  # the title's first line
    },
    "sections.py": {r"/\s*подпись\s*/|\(подпись\)|_{2,}"},  # a signature's «/подпись/» is dropped
    "spreadsheet.py": {"ФИО"},  # the header «ФИО» named when it comes twice
}


def _bare(path: Path) -> list:
    return bare_russian(path, LITERALS.get(path.name, set()), VOCABULARY.get(path.name, set()))


def test_no_russian_text_is_left_outside_gettext():
    assert [bare for module in MODULES for bare in _bare(ROOT / module)] == []


def test_the_guard_sees_a_bare_message(tmp_path):
    sample = tmp_path / "importer.py"
    sample.write_text('def f():\n    raise ValueError(f"Файл {1} пуст")\n', encoding="utf-8")
    assert sorted(_bare(sample)) == [("importer.py", 2, " пуст"), ("importer.py", 2, "Файл ")]


def test_every_message_of_the_importers_is_translated():
    count, missing = untranslated([ROOT / module for module in MODULES])
    assert count >= 75 and missing == []


BAD_PLANS = [
    ("empty.txt", b"   \n"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
    ("broken.docx", b"PK\x03\x04" + bytes(100)),
    ("binary.txt", bytes(range(256)) * 4),
    ("no-sections.txt", "План работы\nпросто текст\n".encode()),
]
ENGLISH_PLAN = {
    "empty.txt": "The file is empty",
    "old.doc": "The file “old.doc” is in the old Word format (.doc)",
    "broken.docx": "The file “broken.docx” is damaged: the archive cannot be read",
    "binary.txt": "The file does not look like a text document or a .docx",
    "no-sections.txt": "No section of the plan was found.",
}


@contextlib.contextmanager
def english(app):
    """A request under the English locale, in a fresh app context: Flask-Babel keeps the
    locale it chose in `g`, and the `app` fixture's context has already chosen Russian."""
    with app.app_context(), app.test_request_context():
        session["locale"] = "en"
        yield


def _plan_refusal(name: str, data: bytes) -> list[str]:
    with pytest.raises(PlanImportError) as refused:
        parse_plan_file(name, data)
    return refused.value.messages


@pytest.mark.parametrize(("name", "data"), BAD_PLANS, ids=[name for name, _ in BAD_PLANS])
def test_plan_refusals_follow_the_locale(app, name, data):
    with english(app):
        messages = _plan_refusal(name, data)
    assert messages[0].startswith(ENGLISH_PLAN[name]), messages
    assert not any("%(" in message for message in messages)
    with app.app_context():  # a flask command: the default locale, Russian
        russian = _plan_refusal(name, data)
    assert CYRILLIC.search(russian[0]) and "%(" not in russian[0], russian


def test_plan_preview_warnings_are_english(app):
    with english(app):
        plan = parse_plan_text(SEED_BYTES.decode())
        fragments = [(f.where, f.role) for f in plan.fragments]
    assert any("unpaired quotation marks" in warning for warning in plan.warnings)
    for warning in plan.warnings:
        # Russian only where the file's own text or a heading it must have is quoted
        outside = re.sub(r"“[^”]*”|«[^»]*»*|^(Методическая тема|Цель):", "", warning)
        assert not CYRILLIC.search(outside) and "%(" not in warning, warning
    for where, role in fragments:  # a role may name a column header: «Тема заседания»
        assert not CYRILLIC.search(where) and "%(" not in role, (where, role)


def test_enrollment_refusals_follow_the_locale(app):
    no_header = b"a;b;c\n1;2;3\n"
    twice = "Фамилия;Имя;Фамилия;Класс обучения;Согласие на обработку ПДн\n".encode()
    cases = [
        (no_header, "No header row was found. The first row must have the columns «Фамилия»"),
        (twice, "The column “Фамилия” appears twice in the header."),
        ("Фамилия;Имя\n".encode(), "The file lacks the columns: «Класс обучения»"),
        (twice.replace("Фамилия;Имя;Фамилия".encode(), "Фамилия;Имя".encode()), "no rows"),
    ]
    for data, message in cases:
        with english(app), pytest.raises(SpreadsheetError, match=re.escape(message)):
            read_rows("x.csv", data)
    with (
        app.app_context(),
        pytest.raises(SpreadsheetError, match="Не найдена строка заголовков. В первой строке"),
    ):
        read_rows("x.csv", no_header)
