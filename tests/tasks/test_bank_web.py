"""The organizer keeps the bank through the web form: every type, typed keys, no JSON."""

import io
from decimal import Decimal

import pytest
from PIL import Image
from sqlalchemy import func, select

from olympiad.domain.scoring import score
from olympiad.domain.task_keys import AUTO_SCORED, TaskType, key_answer
from olympiad.extensions import db
from olympiad.models import AuditEntry, Task, TaskVersion
from olympiad.tasks.images import ImageRefused, checked_image
from tests.tasks.conftest import KEYS, task_form

STORED = {
    "single_choice": {
        "options": ["Титульный лист", "Шмуцтитул", "Форзац", "Авантитул"],
        "correct": 2,
    },
    "multiple_choice": {
        "options": ["Переплёт", "Предметный указатель", "Оглавление", "Форзац"],
        "correct": [1, 2],
        "mode": "partial",
    },
    "matching": {"pairs": [[0, 3], [1, 2], [2, 0]], "mode": "per_pair"},
    "ordering": {"order": [1, 3, 2, 0], "mode": "partial"},
    "short_answer": {"accepted": ["предисловие", "вступление"]},
    "number": {"value": 13, "tolerance": 0},
    "open": {},
}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("task_type", list(KEYS))
def test_create_each_type_through_the_form(client, organizer, task_type):
    response = client.post("/tasks/new", data=task_form(task_type))
    assert response.status_code == 302, response.get_data(as_text=True)
    version = db.session.scalar(select(TaskVersion))
    assert version.type == TaskType(task_type)
    assert version.task.code == "T-001" and version.number == 1
    assert version.grades == [7, 8] and version.created_by_id == organizer.id
    for name, value in STORED[task_type].items():
        assert version.key[name] == value
    if TaskType(task_type) in AUTO_SCORED:
        answer = key_answer(version.type, version.key)
        assert score(version.type, version.key, version.max_points, answer) == Decimal(
            str(version.max_points)
        )
    else:  # the maximum of an open task is the sum of its criteria when left empty
        assert version.max_points == 5
        assert [c["max"] for c in version.key["criteria"]] == [2, 2, 1]
    page = client.get(response.location).get_data(as_text=True)
    assert KEYS[task_type]["text"][:30] in page
    assert db.session.scalar(select(AuditEntry.action)) == "task_created"


@pytest.mark.parametrize(
    ("task_type", "changes", "message"),
    [
        ("single_choice", {"correct": "Ж"}, "Варианта «Ж» нет: варианты А–Г."),
        ("single_choice", {"correct": ""}, "Укажите правильный ответ, например «Б»."),
        ("single_choice", {"options": "Только один"}, "Варианты ответа: нужно от 2 до 10"),
        ("multiple_choice", {"correct": "АБВГ"}, "Все варианты отмечены правильными"),
        ("matching", {"pairs": "1-Г, 2-В"}, "Пары: пункт 3 слева не имеет пары."),
        ("matching", {"pairs": "1-Г, 2-Г, 3-А"}, "Пары: пункт 4 справа входит в несколько пар."),
        ("ordering", {"order": "АБВГ"}, "Элементы уже записаны в правильном порядке"),
        ("ordering", {"order": "БГВ"}, "Правильный порядок должен включать все 4 элементов."),
        ("short_answer", {"accepted": "Реферат\n«реферат»."}, "после нормализации совпадают"),
        ("number", {"value": "тринадцать"}, "Правильный ответ: нужно число"),
        ("number", {"tolerance": "-1"}, "Погрешность не может быть отрицательной."),
        ("open", {"max_points": "10"}, "Сумма баллов по критериям (5) не равна"),
        ("open", {"criteria": "Пунктуация | 2"}, "нужно «Название | макс. балл | описание»"),
        ("single_choice", {"max_points": "0,3"}, "кратен 0,5"),
        ("single_choice", {"max_points": ""}, "Укажите максимальный балл."),
    ],
)
def test_invalid_keys_show_russian_errors_and_save_nothing(
    client, organizer, task_type, changes, message
):
    response = client.post("/tasks/new", data=task_form(task_type, **changes))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message.replace("«", "&laquo;") in page or message in page
    assert "invalid-feedback" in page
    assert _count(Task) == 0


def test_common_fields_are_required(client, organizer):
    page = client.post(
        "/tasks/new", data=task_form("single_choice", grades=[], author="", text="")
    ).get_data(as_text=True)
    assert "Отметьте хотя бы один класс." in page
    assert _count(Task) == 0


def test_labels_pasted_with_options_are_dropped(client, organizer):
    data = task_form(
        "single_choice", options="А) Титульный лист\nБ) Форзац\nВ) Обложка", correct="б"
    )
    client.post("/tasks/new", data=data)
    key = db.session.scalar(select(TaskVersion.key))
    assert key == {"options": ["Титульный лист", "Форзац", "Обложка"], "correct": 1}


def test_chosen_code_must_be_free(client, organizer, make_task):
    make_task(code="ИК-1")
    page = client.post("/tasks/new", data=task_form("number", code="ИК-1")).get_data(as_text=True)
    assert "Задание с шифром «ИК-1» уже есть в банке." in page
    assert _count(Task) == 1
    client.post("/tasks/new", data=task_form("number"))
    assert db.session.scalar(select(Task.code).order_by(Task.id.desc())) == "T-001"


def _picture(kind="PNG", size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, kind)
    return out.getvalue()


def test_picture_is_checked_and_served(client, organizer):
    data = task_form("single_choice", image=(io.BytesIO(_picture()), "card.png"))
    response = client.post("/tasks/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    version = db.session.scalar(select(TaskVersion))
    assert version.image_type == "image/png"
    picture = client.get(f"/tasks/versions/{version.id}/image")
    assert picture.status_code == 200 and picture.data == _picture()
    for content, message in (
        (_picture("GIF"), "PNG или JPEG, а не GIF"),
        (_picture(size=(2100, 10)), "нужно не больше 2000"),
        (b"not an image", "не открывается как изображение"),
    ):
        data = task_form("single_choice", image=(io.BytesIO(content), "x.png"))
        page = client.post("/tasks/new", data=data, content_type="multipart/form-data")
        assert message in page.get_data(as_text=True)
    assert _count(Task) == 1


def test_picture_size_limit():
    # through the web the werkzeug test client leaves its >500 KB upload file open
    with pytest.raises(ImageRefused, match="больше 1 МБ"):
        checked_image(b"\x89PNG" + b"0" * (1024 * 1024 + 10))
    truncated = _picture(size=(300, 300))[:-40]
    with pytest.raises(ImageRefused, match="не открывается"):
        checked_image(truncated)
    assert checked_image(_picture("JPEG")) == (_picture("JPEG"), "image/jpeg")


def test_search_and_filters(client, organizer, make_task):
    make_task("single_choice")
    make_task("number", topic="retrieval_catalogues", grades=["9", "10", "11"], difficulty="2")
    make_task("open", grades=["10", "11"])

    def codes(**query) -> list[str]:
        page = client.get("/tasks/", query_string=query).get_data(as_text=True)
        return [code for code in ("T-001", "T-002", "T-003") if f">{code}<" in page]

    assert codes() == ["T-001", "T-002", "T-003"]
    assert codes(q="форзац") == []  # options are not the task's text
    assert codes(q="сдвоенный") == ["T-001"]
    assert codes(q="Isbn") == ["T-002"]
    assert codes(q="t-003") == ["T-003"]
    assert codes(q="100%") == []
    assert codes(topic="retrieval_catalogues") == ["T-002"]
    assert codes(type="open") == ["T-003"]
    assert codes(grade="1") == []
    assert codes(grade="11") == ["T-002", "T-003"]
    assert codes(grade="9") == ["T-002"]
    assert codes(difficulty="2") == ["T-002"]
    assert codes(grade="bogus", type="bogus") == ["T-001", "T-002", "T-003"]


def test_task_page_shows_key_in_typed_form(client, organizer, make_task):
    task = make_task("matching")
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "1-Г, 2-В, 3-А" in page and "Балл за каждую пару" in page
    task = make_task("open")
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Сокращения по ГОСТ Р 7.0.12" in page and "0–2" in page


def test_text_is_rendered_safely(client, organizer, make_task):
    task = make_task(
        text="Прочитайте **внимательно**:\n\n- первый пункт\n- <script>alert(1)</script>"
    )
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "<strong>внимательно</strong>" in page and "<li>первый пункт</li>" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_unused_task_is_deleted_and_used_one_archived(
    client, organizer, make_task, make_olympiad, compose
):
    unused, used = make_task(), make_task("number")
    compose(make_olympiad(), 0, [used])
    assert client.post(f"/tasks/{unused.id}/delete").status_code == 302
    client.post(f"/tasks/{used.id}/delete")
    assert db.session.scalars(select(Task.code)).all() == ["T-002"]
    client.post(f"/tasks/{used.id}/archive")
    db.session.expire_all()
    assert db.session.get(Task, used.id).archived_at is not None
    assert ">T-002<" not in client.get("/tasks/").get_data(as_text=True)
    assert ">T-002<" in client.get("/tasks/?archived=1").get_data(as_text=True)
    client.post(f"/tasks/{used.id}/archive")
    db.session.expire_all()
    assert db.session.get(Task, used.id).archived_at is None
