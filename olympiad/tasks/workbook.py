"""The bank as an XLSX table for editing in Excel, and reading it back.

One row per task; keys are written the way the task form takes them (options one per line,
the answer as on an answer sheet: «Б», «1-Б, 2-А», «ВАГБ»). Pictures stay in the bank: a row
of an existing task keeps its picture.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy.orm import undefer

from olympiad.domain.olympiad_rules import GradeGroupError, format_grades, parse_grades
from olympiad.domain.task_keys import DIFFICULTIES, MODE_LABELS, TOPICS, TYPE_LABELS, TaskType
from olympiad.enrollment.workbooks import export_xlsx
from olympiad.extensions import db
from olympiad.models import Task, TaskVersion
from olympiad.tasks import services
from olympiad.tasks.exchange import MAX_TASKS, BankImportRefused, Incoming, _checked
from olympiad.tasks.key_fields import build_key, key_inputs, points_text
from olympiad.uploads import UploadRefused, read_grid

T = TaskType
COLUMNS = {
    "code": "Шифр",
    "type": "Тип",
    "topic": "Тема",
    "grades": "Классы",
    "difficulty": "Сложность (1–3)",
    "author": "Автор",
    "text": "Текст задания",
    "max_points": "Макс. балл",
    "list": "Варианты / элементы / левый столбец",
    "right": "Правый столбец",
    "answer": "Ответ",
    "tolerance": "Погрешность",
    "mode": "Способ оценивания",
    "criteria": "Критерии (название | балл | описание)",
}
# which key input each shared column holds, by type
_LIST = {T.SINGLE_CHOICE: "options", T.MULTIPLE_CHOICE: "options", T.MATCHING: "left"}
_LIST |= {T.ORDERING: "items"}
_ANSWER = {T.SINGLE_CHOICE: "correct", T.MULTIPLE_CHOICE: "correct", T.MATCHING: "pairs"}
_ANSWER |= {T.ORDERING: "order", T.SHORT_ANSWER: "accepted", T.NUMBER: "value"}
_COLUMN_OF = {"right": "right", "tolerance": "tolerance", "mode": "mode", "criteria": "criteria"}
_FORMULA_START = ("=", "+", "-", "@")


def export_workbook() -> bytes:
    versions = db.session.scalars(
        services.current_versions().order_by(Task.code).options(undefer(TaskVersion.image))
    )
    rows = []
    for v in versions:
        inputs = key_inputs(v.type, v.key)
        cells = {
            "code": v.task.code,
            "type": TYPE_LABELS[v.type],
            "topic": TOPICS.get(v.topic, v.topic),
            "grades": format_grades(v.grades),
            "difficulty": v.difficulty,
            "author": v.author,
            "text": v.text,
            "max_points": points_text(v.max_points),
            "list": inputs.get(_LIST.get(v.type, ""), ""),
            "answer": inputs.get(_ANSWER.get(v.type, ""), ""),
            "mode": MODE_LABELS.get(inputs.get("mode", ""), ""),
        }
        cells |= {c: inputs.get(name, "") for c, name in _COLUMN_OF.items() if c != "mode"}
        rows.append([cells.get(name, "") for name in COLUMNS])
    return export_xlsx(list(COLUMNS.values()), rows, sheet_title="Задания")


def read_workbook(content: bytes) -> list[Incoming]:
    """Tasks from an XLSX file; BankImportRefused lists every row's problems."""
    try:
        grid = read_grid("bank.xlsx", content, max_lines=MAX_TASKS + 1)
    except UploadRefused as error:
        raise BankImportRefused([str(error)]) from None
    if not grid:
        raise BankImportRefused([_("В файле нет ни одной строки.")])
    header = {_fold(text): i for i, text in enumerate(grid[0][1])}
    where = {name: header.get(_fold(title)) for name, title in COLUMNS.items()}
    missing = [COLUMNS[name] for name, index in where.items() if index is None]
    if missing:
        raise BankImportRefused(
            [_("В первой строке нет столбцов: %(names)s.", names=", ".join(missing))]
        )
    incoming, problems = [], []
    for line, values in grid[1:]:
        cells = {name: _cell(values, index) for name, index in where.items()}
        if not any(cells.values()):
            continue
        record, errors = _record(cells)
        label = _("Строка %(line)s", line=line) + (f" ({cells['code']})" if cells["code"] else "")
        problems += [f"{label}: {error}" for error in errors]
        incoming.append(Incoming(record, where=label))
    return _checked(incoming, problems) if not problems else _refuse(problems)


def _refuse(problems: list[str]):
    raise BankImportRefused(problems)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _cell(values: list[str], index: int | None) -> str:
    text = values[index].strip() if index is not None and index < len(values) else ""
    # our export neutralised formula-like text with an apostrophe: take it off again
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        text = text[1:]
    return text


def _choice(text: str, labels: dict, what: str, errors: list[str]):
    if not text:
        errors.append(_("%(what)s: не заполнено.", what=what))
        return None
    for code, label in labels.items():
        if _fold(text) in (_fold(str(code)), _fold(str(label))):
            return code
    errors.append(_("%(what)s: нет такого значения «%(text)s».", what=what, text=text))
    return None


def _record(cells: dict[str, str]) -> tuple[dict, list[str]]:
    errors: list[str] = []
    kind = _choice(cells["type"], TYPE_LABELS, _("Тип"), errors)
    topic = _choice(cells["topic"], TOPICS, _("Тема"), errors)
    difficulty = _choice(cells["difficulty"], DIFFICULTIES, _("Сложность"), errors)
    try:
        grades = parse_grades(cells["grades"])
    except GradeGroupError as error:
        errors.append(_("Классы: %(error)s", error=str(error)))
        grades = []
    record = {
        "code": cells["code"],
        "type": kind,
        "topic": topic,
        "grades": grades,
        "difficulty": difficulty,
        "author": cells["author"],
        "text": cells["text"],
        "max_points": None,
        "key": None,
    }
    if kind is None:
        return record, errors
    inputs = {name: cells[column] for column, name in _COLUMN_OF.items()}
    inputs[_LIST.get(kind, "options")] = cells["list"]
    inputs[_ANSWER.get(kind, "accepted")] = cells["answer"]
    result = build_key(kind, inputs, cells["max_points"])
    titles = {**{_LIST.get(kind, ""): COLUMNS["list"], _ANSWER.get(kind, ""): COLUMNS["answer"]}}
    titles |= {name: COLUMNS[column] for column, name in _COLUMN_OF.items()}
    titles["max_points"] = COLUMNS["max_points"]
    for name, messages in result.errors.items():
        errors += [f"{titles.get(name, name)}: {message}" for message in messages]
    record["key"], record["max_points"] = result.key, result.max_points
    return record, errors
