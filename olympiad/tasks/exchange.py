"""Exchanging banks between districts: the JSON file, and one import for every source.

    {"format": "olympiad-task-bank", "format_version": 1, "exported_at": "...",
     "tasks": [{<task record, see olympiad.domain.task_records>,
                "archived": false, "image": {"type": "image/png", "data": "<base64>"}}]}

A bare list of task records (the demo bank) is read too. The file carries each task's
current version: earlier versions belong to the olympiads held here.

An import checks everything first and saves all tasks or none. A task whose code is already
in the bank with the same content is skipped; with different content it is refused, unless
the organizer asks to add it as a new version of that task (older versions stay as they are).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import undefer

from olympiad import uploads
from olympiad.actions import Refused
from olympiad.domain.task_records import validate_bank
from olympiad.extensions import db
from olympiad.models import Task, TaskVersion, User
from olympiad.tasks import services
from olympiad.tasks.images import ImageRefused, checked_image
from olympiad.text import check_nested

FORMAT = "olympiad-task-bank"
FORMAT_VERSION = 1
MAX_TASKS = 5000
EXTRA_FIELDS = ("archived", "image")


class BankImportRefused(Refused):
    """The file has problems; nothing was saved. `problems` lists them, task by task."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("В файле есть ошибки (%(n)s); ничего не сохранено.", n=len(problems)))
        self.problems = problems


@dataclass
class Incoming:
    """One task of an import: its record, picture and archive flag, and where it came from."""

    record: dict
    image: bytes | None = None
    image_type: str | None = None
    archived: bool = False
    where: str = ""


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def export_json() -> bytes:
    versions = db.session.scalars(
        services.current_versions().order_by(Task.code).options(undefer(TaskVersion.image))
    )
    tasks = []
    for version in versions:
        entry = {"code": version.task.code, **services.data_of(version).record()}
        entry["archived"] = version.task.archived_at is not None
        if version.image:
            entry["image"] = {
                "type": version.image_type,
                "data": base64.b64encode(version.image).decode("ascii"),
            }
        tasks.append(entry)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tasks": tasks,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def read_json(content: bytes) -> list[Incoming]:
    """The tasks of a JSON bank file; BankImportRefused lists every problem found."""
    try:
        document = uploads.read_json(content)
    except uploads.UploadRefused as refusal:
        raise BankImportRefused([str(refusal)]) from None
    if isinstance(document, dict):
        if document.get("format") != FORMAT or "tasks" not in document:
            raise BankImportRefused([_("Это не файл банка заданий: нет полей format и tasks.")])
        if (
            not isinstance(document.get("format_version"), int)
            or document["format_version"] > FORMAT_VERSION
        ):
            raise BankImportRefused(
                [_("Файл сохранён более новой версией программы: обновите её.")]
            )
        document = document["tasks"]
    if not isinstance(document, list):
        raise BankImportRefused([_("Банк заданий должен быть списком заданий.")])
    problems: list[str] = []
    incoming = []
    for number, entry in enumerate(document, start=1):
        if not isinstance(entry, dict):
            incoming.append(Incoming(entry, where=f"№ {number}"))
            continue
        record = {k: v for k, v in entry.items() if k not in EXTRA_FIELDS}
        item = Incoming(record, archived=entry.get("archived") is True)
        if entry.get("image") is not None:
            item.image, item.image_type, problem = _image(entry["image"])
            if problem:
                problems.append(
                    _("Задание %(name)s: %(problem)s", name=_name(entry, number), problem=problem)
                )
        incoming.append(item)
    return _checked(incoming, problems)


def _name(entry: dict, number: int) -> str:
    code = entry.get("code")
    return code if isinstance(code, str) and code.strip() else f"№ {number}"


def _image(value: object) -> tuple[bytes | None, str | None, str | None]:
    if not isinstance(value, dict) or not isinstance(value.get("data"), str):
        return None, None, _("рисунок: нужны поля type и data (base64).")
    try:
        content = base64.b64decode(value["data"], validate=True)
    except (binascii.Error, ValueError):
        return None, None, _("рисунок: data — не base64.")
    try:
        return *checked_image(content), None
    except ImageRefused as refusal:
        return None, None, str(refusal)


def _checked(incoming: list[Incoming], problems: list[str]) -> list[Incoming]:
    if len(incoming) > MAX_TASKS:
        problems.append(_("В файле больше %(n)s заданий.", n=MAX_TASKS))
    problems = validate_bank([item.record for item in incoming]) + problems
    for number, item in enumerate(incoming, start=1):
        if problem := check_nested(item.record):
            name = _name(item.record, number) if isinstance(item.record, dict) else item.where
            problems.append(_("Задание %(name)s: %(problem)s", name=name, problem=problem))
    for item in incoming:
        code = item.record.get("code") if isinstance(item.record, dict) else None
        if isinstance(code, str) and code.strip() and not services.CODE_RE.fullmatch(code):
            problems.append(
                _("Задание %(code)s: в шифре только буквы, цифры, точки и дефисы.", code=code)
            )
    if problems:
        raise BankImportRefused(problems)
    return incoming


def import_bank(
    actor: User | None, incoming: list[Incoming], *, update_existing: bool
) -> ImportReport:
    """Save checked tasks, all or none (the caller rolls back on a refusal)."""
    report = ImportReport()
    codes = [item.record["code"] for item in incoming]
    existing = {
        task.code: task for task in db.session.scalars(select(Task).where(Task.code.in_(codes)))
    }
    problems = []
    plan = []
    for item in incoming:
        data = _data(item)
        task = existing.get(item.record["code"])
        if task is None:
            plan.append((item, data, None))
            continue
        current = services.data_of(task.current)
        same = current.record() == data.record()
        if same and (item.image is None or item.image == current.image):
            report.unchanged.append(task.code)
        elif not update_existing:
            problems.append(
                _(
                    "Задание %(code)s: такой шифр уже есть в банке, а задание отличается. "
                    "Отметьте «Добавить как новые версии» или измените шифр.",
                    code=task.code,
                )
            )
        else:
            plan.append((item, data, task))
    if problems:
        raise BankImportRefused(problems)
    for item, data, task in plan:
        if task is None:
            created = services.create_task(actor, data, item.record["code"])
            if item.archived:
                services.set_archived(actor, created, True)
            report.created.append(created.code)
        else:
            if item.image is None:  # an XLSX row or a file without pictures keeps ours
                data.image, data.image_type = task.current.image, task.current.image_type
            services.update_task(actor, task, data, new_version=True)
            report.updated.append(task.code)
    return report


def _data(item: Incoming) -> services.TaskData:
    record = item.record
    return services.TaskData(
        type=record["type"],
        topic=record["topic"],
        grades=sorted(record["grades"]),
        difficulty=record["difficulty"],
        author=record["author"].strip(),
        text=record["text"].strip(),
        max_points=record["max_points"],
        key=record["key"],
        image=item.image,
        image_type=item.image_type,
    )
