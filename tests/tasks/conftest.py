"""Factories of the task tests: form data of every task type, tasks, olympiads, papers."""

import io

import pytest
from pypdf import PdfReader

from olympiad.extensions import db
from olympiad.models import GradeGroup, Olympiad, OlympiadStatus, Role
from olympiad.tasks import papers, services

COMMON = {
    "topic": "book_library",
    "grades": ["7", "8"],
    "difficulty": "1",
    "author": "Методическое объединение",
}

# the form as a methodologist fills it in, per type; every value is typed, none is JSON
KEYS = {
    "single_choice": {
        "text": "Как называется сдвоенный лист, соединяющий книжный блок с переплётом?",
        "options": "Титульный лист\nШмуцтитул\nФорзац\nАвантитул",
        "correct": "В",
        "max_points": "1",
    },
    "multiple_choice": {
        "text": "Что относится к справочному аппарату книги?",
        "options": "Переплёт\nПредметный указатель\nОглавление\nФорзац",
        "correct": "БВ",
        "mode_multiple": "partial",
        "max_points": "2",
    },
    "matching": {
        "text": "Установите соответствие между элементами книги и их описанием.",
        "left": "Переплёт\nКорешок\nОбрез",
        "right": "Срезанные края страниц\nСъёмная обложка\nСоединяет стороны переплёта\n"
        "Твёрдая обложка книжного блока",
        "pairs": "1-Г, 2-В, 3-А",
        "mode_matching": "per_pair",
        "max_points": "3",
    },
    "ordering": {
        "text": "Расположите события в хронологическом порядке.",
        "items": "Появление WWW\nКнигопечатание Гутенберга\nГазета «Ведомости»\n"
        "Апостол Ивана Фёдорова",
        "order": "БГВА",
        "mode_ordering": "partial",
        "max_points": "2",
    },
    "short_answer": {
        "text": "Как называется вводная часть книги? Запишите одно слово.",
        "accepted": "предисловие\nвступление",
        "max_points": "1",
    },
    "number": {
        "text": "Сколько цифр в ISBN книг, выпущенных с 2007 года?",
        "value": "13",
        "tolerance": "",
        "max_points": "1,5",
    },
    "open": {
        "text": "Составьте библиографическое описание книги по ГОСТ Р 7.0.100-2018.",
        "criteria": "Порядок элементов | 2 | Элементы описания идут в порядке ГОСТа\n"
        "Пунктуация | 2 | Предписанные знаки между областями\n"
        "Сокращения | 1 | Сокращения по ГОСТ Р 7.0.12",
        "max_points": "",
    },
}


def task_form(task_type: str, **changes) -> dict:
    return {"type": task_type, **COMMON, **KEYS[task_type], **changes}


@pytest.fixture
def organizer(make_user, login):
    user = make_user(Role.ORGANIZER)
    login(user)
    return user


@pytest.fixture
def make_olympiad(app):
    def make(status=OlympiadStatus.DRAFT, year="2020-2021") -> Olympiad:
        olympiad = Olympiad(
            title="Муниципальный этап олимпиады по информационной культуре личности",
            academic_year=year,
            grades=[7, 8, 9, 10, 11],
            status=status,
        )
        olympiad.groups = [
            GradeGroup(name="7–8", grades=[7, 8], position=0),
            GradeGroup(name="9–11", grades=[9, 10, 11], position=1),
        ]
        db.session.add(olympiad)
        db.session.commit()
        return olympiad

    return make


@pytest.fixture
def make_task(app):
    """A task straight through the service; keys as the form would build them."""
    from olympiad.tasks.forms import MODE_FIELDS
    from olympiad.tasks.key_fields import build_key

    def make(task_type: str = "single_choice", code: str = "", **changes):
        values = task_form(task_type, **changes)
        inputs = dict(values)
        for kind, name in MODE_FIELDS.items():
            if kind == task_type:
                inputs["mode"] = values[name]
        result = build_key(task_type, inputs, values["max_points"])
        assert not result.errors, result.errors
        data = services.TaskData(
            type=task_type,
            topic=values["topic"],
            grades=[int(g) for g in values["grades"]],
            difficulty=int(values["difficulty"]),
            author=values["author"],
            text=values["text"],
            max_points=result.max_points,
            key=result.key,
        )
        task = services.create_task(None, data, code)
        db.session.commit()
        return task

    return make


@pytest.fixture
def compose(app):
    """compose(olympiad, group index, tasks) fills that group's paper, whatever its state."""

    def do(olympiad: Olympiad, index: int, tasks, minutes: int = 60):
        paper = papers.fill_paper(None, olympiad.groups[index], [t.current for t in tasks], minutes)
        db.session.commit()
        return paper

    return do


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
