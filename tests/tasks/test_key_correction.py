"""«Исправить ключ» on a paper being marked: the dry run, applying it, and refusals."""

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from olympiad.extensions import db
from olympiad.marking import answers
from olympiad.marking.works import works_of
from olympiad.models import Answer, AuditEntry, OlympiadStatus, TaskVersion
from olympiad.tasks import key_correction
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.marking.conftest import scene  # noqa: F401

D = Decimal
OPTIONS = "каталог\nформуляр\nуказатель\nсловарь"
REASON = "Опечатка в ключе: верный ответ — В (решение жюри)"
# cipher: (single choice answer, number answer); the key is «Б» and 5; grades 8, 7, 8, 7
SHEETS = {
    "KMT-101": ("Б", "5"),
    "KMT-102": ("В", "5"),
    "KMT-103": ("В", "3"),
    "KMT-104": ("А", "5"),
}


@pytest.fixture
def marked(scene, login):  # noqa: F811
    works = {w.cipher: w for w in works_of(scene.olympiad, scene.junior)}
    for cipher, (single, number) in SHEETS.items():
        answers.save_answer(None, scene.olympiad, works[cipher], scene.items["single"], single, 0)
        answers.save_answer(None, scene.olympiad, works[cipher], scene.items["number"], number, 0)
    db.session.commit()
    login(scene.organizer)
    return scene


def url(item, apply=False):
    return f"/tasks/papers/items/{item.id}/correct-key" + ("/apply" if apply else "")


def form(item, **changes):
    return {
        "options": OPTIONS,
        "correct": "В",
        "reason": REASON,
        "based_on": str(item.task_version_id),
        **changes,
    }


def state(item):
    """Everything the correction may change: answers, versions, the paper, the audit."""
    db.session.expire_all()
    rows = db.session.execute(
        select(Answer.id, Answer.points, Answer.version).where(Answer.paper_task_id == item.id)
    )
    versions = db.session.scalar(select(func.count(TaskVersion.id)))
    audits = db.session.scalar(select(func.count(AuditEntry.id)))
    return sorted(rows), versions, audits, item.task_version_id


def rows_of(html, table):
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", "", c).split())
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row)
        ]
        for row in cells
    ]


def test_dry_run_plan_lists_the_changed_works_with_places(marked):
    item = marked.items["single"]
    version = item.task_version
    plan = key_correction.plan(item, {**version.key, "correct": 2})
    changed = {r.cipher: r for r in plan.changed}
    assert set(changed) == {"KMT-101", "KMT-102", "KMT-103"}
    first = changed["KMT-101"]  # grade 8: 2 -> 1, ties KMT-103 (0 -> 1) for first place
    assert (first.old_points, first.new_points) == (D(1), D(0))
    assert (first.old_total, first.new_total, first.old_place, first.new_place) == (
        D(2),
        D(1),
        1,
        1,
    )
    third = changed["KMT-103"]
    assert (third.old_points, third.new_points, third.old_place, third.new_place) == (
        D(0),
        D(1),
        2,
        1,
    )
    second = changed["KMT-102"]  # grade 7: 1 -> 2, alone in first place
    assert (second.old_total, second.new_total, second.old_place, second.new_place) == (
        D(1),
        D(2),
        1,
        1,
    )
    assert plan.unchanged == 1
    assert [(r.cipher, r.old_place, r.new_place) for r in plan.moved] == [("KMT-104", 1, 2)]


def test_dry_run_page_shows_the_changes_and_saves_nothing(marked, client):
    item = marked.items["single"]
    before = state(item)
    response = client.post(url(item), data=form(item))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ничего ещё не сохранено" in html
    assert rows_of(html, "changed") == [
        ["KMT-102", "7", "0 → 1", "1 → 2", "1"],
        ["KMT-101", "8", "1 → 0", "2 → 1", "1"],
        ["KMT-103", "8", "0 → 1", "0 → 1", "2 → 1"],
    ]
    assert rows_of(html, "moved") == [["KMT-104", "7", "1", "1 → 2"]]
    assert "Работ без изменений баллов: 1." in html
    assert "Засекреченова" not in html and "Невидимкин" not in html
    assert "Применить" in html and REASON in html
    assert state(item) == before


def test_applying_rescores_switches_the_paper_and_audits(marked, client):
    item = marked.items["single"]
    old = item.task_version
    old_id, old_key = old.id, dict(old.key)
    answer_versions = dict(
        db.session.execute(
            select(Answer.id, Answer.version).where(Answer.paper_task_id == item.id)
        ).all()
    )
    html = client.post(url(item), data=form(item)).get_data(as_text=True)
    digest = re.search(r'name="digest" type="hidden" value="(\w+)"', html).group(1)
    response = client.post(url(item, apply=True), data=form(item, digest=digest))
    assert response.status_code == 302
    db.session.expire_all()
    assert item.task_version_id != old_id
    new = item.task_version
    assert new.number == 2 and new.key == {**old_key, "correct": 2}
    assert new.text == old.text and new.max_points == old.max_points
    kept = db.session.get(TaskVersion, old_id)
    assert kept.number == 1 and kept.key == old_key
    points = {
        a.participant.cipher: (a.points, a.version)
        for a in db.session.scalars(select(Answer).where(Answer.paper_task_id == item.id))
    }
    assert {c: p for c, (p, _) in points.items()} == {
        "KMT-101": 0,
        "KMT-102": 1,
        "KMT-103": 1,
        "KMT-104": 0,
    }
    bumped = {
        a.participant.cipher
        for a in db.session.scalars(select(Answer).where(Answer.paper_task_id == item.id))
        if a.version != answer_versions[a.id]
    }
    assert bumped == {"KMT-101", "KMT-102", "KMT-103"}
    corrected = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "task_key_corrected")
    ).one()
    assert corrected.reason == REASON and corrected.user_id == marked.organizer.id
    assert corrected.old_value["key"] == old_key and corrected.new_value["key"]["correct"] == 2
    rescored = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "answer_rescored")
    ).all()
    assert sorted(
        (e.old_value["cipher"], e.old_value["points"], e.new_value["points"]) for e in rescored
    ) == [
        ("KMT-101", 1, 0),
        ("KMT-102", 0, 1),
        ("KMT-103", 0, 1),
    ]
    assert all(e.reason == REASON for e in rescored)


def test_a_stale_dry_run_is_not_applied(marked, client):
    item = marked.items["single"]
    html = client.post(url(item), data=form(item)).get_data(as_text=True)
    digest = re.search(r'name="digest" type="hidden" value="(\w+)"', html).group(1)
    work = next(w for w in works_of(marked.olympiad, marked.junior) if w.cipher == "KMT-104")
    answers.save_answer(None, marked.olympiad, work, item, "В", 1, "перепроверка")
    db.session.commit()
    before = state(item)
    response = client.post(url(item, apply=True), data=form(item, digest=digest))
    html = response.get_data(as_text=True)
    assert "ответы на задание изменились" in html
    assert "KMT-104" in rows_of(html, "changed")[0][0] + rows_of(html, "changed")[1][0]
    assert state(item) == before


def test_refused_for_final_olympiads(marked, client):
    item = marked.items["single"]
    marked.olympiad.status = OlympiadStatus.FINAL
    db.session.commit()
    before = state(item)
    assert "Исправить ключ" not in client.get(f"/tasks/papers/{marked.junior.id}").text
    response = client.get(url(item), follow_redirects=True)
    assert "Результаты олимпиады утверждены" in response.get_data(as_text=True)
    response = client.post(url(item, apply=True), data=form(item, digest="x"))
    assert response.status_code == 302
    assert state(item) == before


def test_refused_once_an_appeal_on_the_task_was_accepted(marked, client):
    from olympiad.models import Appeal, AppealState

    item = marked.items["single"]
    marked.olympiad.status = OlympiadStatus.PRELIMINARY
    work = marked.works[0]
    db.session.add(
        Appeal(
            olympiad_id=marked.olympiad.id,
            number=1,
            participant_id=work.id,
            paper_task_id=item.id,
            reasoning="Прошу пересмотреть.",
            state=AppealState.ACCEPTED,
            old_points=0,
            new_points=1,
        )
    )
    db.session.commit()
    before = state(item)
    response = client.get(url(item), follow_redirects=True)
    assert "уже принята апелляция" in response.get_data(as_text=True)
    client.post(url(item, apply=True), data=form(item, digest="x"))
    assert state(item) == before


def test_paper_page_offers_the_action_on_closed_tasks_only(marked, client):
    html = client.get(f"/tasks/papers/{marked.junior.id}").get_data(as_text=True)
    assert url(marked.items["single"]) in html
    assert url(marked.items["record"]) not in html
    response = client.get(url(marked.items["record"]))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"correct": "Я"}, None),
        ({"correct": "Б"}, "Ключ не изменился"),
        ({"options": OPTIONS + "\nпятый"}, "число вариантов"),
        ({"reason": "  "}, "Укажите причину"),
    ],
)
def test_invalid_corrections_are_refused(marked, client, changes, message):
    item = marked.items["single"]
    before = state(item)
    for target in (url(item), url(item, apply=True)):
        response = client.post(target, data=form(item, digest="x", **changes))
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "is-invalid" in html or "alert-danger" in html
        assert "Показать, что изменится" in html and url(item, apply=True) not in html
        if message:
            assert message in html
    assert state(item) == before


def test_unknown_item_is_404(marked, client):
    assert client.get("/tasks/papers/items/99999/correct-key").status_code == 404
    assert client.post("/tasks/papers/items/99999/correct-key/apply").status_code == 404
