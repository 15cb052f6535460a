"""The chair decides appeals: a new mark (open and closed tasks, higher or lower) goes the
audited way and moves places and statuses; a rejection keeps the mark; nobody else decides."""

from sqlalchemy import select

from olympiad.domain.awards import Status
from olympiad.extensions import db
from olympiad.models import Answer, Appeal, AppealState, AuditEntry, Mark, MarkSlot, OlympiadStatus
from olympiad.results.scores import scores
from olympiad.results.tables import rating_tables
from tests.appeals.conftest import CODES, decide_as, file_as
from tests.marking.conftest import SECRETS


def _file(prelim, participant_client, cipher, task, reasoning="Не согласен с оценкой."):
    assert (
        file_as(participant_client(CODES[cipher]), prelim.items[task], reasoning).status_code == 302
    )
    return db.session.scalars(select(Appeal).order_by(Appeal.id.desc())).first()


def _grade_8(olympiad):
    table = next(t for t in rating_tables(olympiad) if t.unit == "8")
    return {line.participant.cipher: (line.total, line.place, line.status) for line in table.lines}


def _fresh(appeal) -> Appeal:
    db.session.expire_all()
    return db.session.get(Appeal, appeal.id)


def test_accepted_on_an_open_task_moves_the_place_and_status(
    prelim, participant_client, client_for
):
    o = prelim.olympiad
    assert _grade_8(o) == {
        "KMT-101": (19, 1, Status.WINNER),
        "KMT-103": (16, 2, Status.PARTICIPANT),
    }
    appeal = _file(prelim, participant_client, "KMT-103", "record")
    chair = client_for(prelim.chair)
    page = chair.get(f"/appeals/{o.id}/1").get_data(as_text=True)
    assert "KMT-103" in page and "Не согласен с оценкой." in page and "Пунктуация" in page
    assert not [s for s in SECRETS if s in page]  # the work by cipher only
    response = decide_as(chair, o, 1, "accepted", "10", "Все элементы описания на месте.")
    assert response.status_code == 302
    appeal = _fresh(appeal)
    assert appeal.state == AppealState.ACCEPTED and (appeal.old_points, appeal.new_points) == (
        5,
        10,
    )
    assert appeal.decided_by_id == prelim.chair.id and appeal.decided_at is not None
    assert appeal.decision == "Все элементы описания на месте."
    mark = db.session.scalar(select(Mark).where(Mark.slot == MarkSlot.CHAIR))
    assert mark.total == 10 and mark.juror_id == prelim.chair.id
    assert _grade_8(o) == {
        "KMT-103": (21, 1, Status.WINNER),
        "KMT-101": (19, 2, Status.PARTICIPANT),
    }
    entered = db.session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "mark_entered", AuditEntry.object_id == mark.id
        )
    )
    assert entered.user_id == prelim.chair.id
    assert entered.reason == "Апелляция № 1: Все элементы описания на месте."
    decided = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "appeal_decided"))
    assert decided.old_value == {"state": "pending", "points": 5.0}
    assert decided.new_value["state"] == "accepted" and decided.new_value["points"] == 10.0
    # the participant sees the decision and the new mark
    page = participant_client(CODES["KMT-103"]).get("/appeals/mine").get_data(as_text=True)
    assert "удовлетворена, оценка изменена" in page and "Все элементы описания на месте." in page
    assert prelim.chair.full_name not in page


def test_accepted_on_a_closed_task_changes_the_answer_points(
    prelim, participant_client, client_for
):
    o = prelim.olympiad
    appeal = _file(prelim, participant_client, "KMT-103", "short")
    assert appeal.old_points == 0
    chair = client_for(prelim.chair)
    assert decide_as(chair, o, 1, "accepted", "1", "Синоним засчитан.").status_code == 302
    participant = prelim.by_cipher["KMT-103"]
    item = prelim.items["short"]
    answer = db.session.scalar(
        select(Answer).where(
            Answer.participant_id == participant.id, Answer.paper_task_id == item.id
        )
    )
    assert answer.points == 1 and answer.text == "книга"  # the answer stays as written
    assert scores(o).total(participant.id) == 17
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "answer_points_appealed")
    )
    assert entry.object_id == answer.id and entry.user_id == prelim.chair.id
    assert entry.old_value["points"] == 0 and entry.new_value["points"] == 1
    assert entry.reason == "Апелляция № 1: Синоним засчитан."
    # the work's history on the marking pages names it
    history = chair.get(f"/marking/{o.id}/works/KMT-103").get_data(as_text=True)
    assert "баллы изменены по апелляции" in history


def test_a_closed_task_without_an_answer_row_gets_one(prelim, participant_client, client_for):
    participant, item = prelim.by_cipher["KMT-103"], prelim.items["number"]
    db.session.execute(
        Answer.__table__.delete().where(
            Answer.participant_id == participant.id, Answer.paper_task_id == item.id
        )
    )
    db.session.commit()
    _file(prelim, participant_client, "KMT-103", "number")
    assert (
        decide_as(client_for(prelim.chair), prelim.olympiad, 1, "accepted", "1").status_code == 302
    )
    answer = db.session.scalar(
        select(Answer).where(
            Answer.participant_id == participant.id, Answer.paper_task_id == item.id
        )
    )
    assert answer.points == 1


def test_a_mark_may_go_down_on_a_single_marked_task(prelim, participant_client, client_for):
    appeal = _file(prelim, participant_client, "KMT-101", "annotation")
    chair = client_for(prelim.chair)
    assert (
        decide_as(chair, prelim.olympiad, 1, "accepted", "2,5", "Перепроверено.").status_code == 302
    )
    assert _fresh(appeal).new_points == 2.5
    assert _grade_8(prelim.olympiad)["KMT-101"][0] == 18.5


def test_a_second_appeal_changes_the_chairs_mark_again(prelim, participant_client, client_for):
    chair = client_for(prelim.chair)
    _file(prelim, participant_client, "KMT-103", "record")
    decide_as(chair, prelim.olympiad, 1, "accepted", "7", "Частично.")
    _file(prelim, participant_client, "KMT-103", "record", "Снова не согласен.")
    assert decide_as(chair, prelim.olympiad, 2, "accepted", "8", "Ещё балл.").status_code == 302
    marks = db.session.scalars(select(Mark).where(Mark.slot == MarkSlot.CHAIR)).all()
    assert [m.total for m in marks] == [8]
    changed = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "mark_changed"))
    assert changed.reason == "Апелляция № 2: Ещё балл."


def test_rejected_keeps_the_mark(prelim, participant_client, client_for):
    appeal = _file(prelim, participant_client, "KMT-103", "record")
    before = _grade_8(prelim.olympiad)
    chair = client_for(prelim.chair)
    assert decide_as(chair, prelim.olympiad, 1, "rejected", "", "Оценено верно.").status_code == 302
    appeal = _fresh(appeal)
    assert appeal.state == AppealState.REJECTED and appeal.new_points == appeal.old_points == 5
    assert db.session.scalar(select(Mark).where(Mark.slot == MarkSlot.CHAIR)) is None
    assert _grade_8(prelim.olympiad) == before
    page = participant_client(CODES["KMT-103"]).get("/appeals/mine").get_data(as_text=True)
    assert "отклонена, оценка сохранена" in page and "Оценено верно." in page


def test_bad_decisions_are_refused(prelim, participant_client, client_for):
    appeal = _file(prelim, participant_client, "KMT-103", "record")
    chair = client_for(prelim.chair)
    o = prelim.olympiad
    cases = {
        ("accepted", "5", "x"): "совпадает с нынешней (5 б.)",
        ("accepted", "11", "x"): "от 0 до 10",
        ("accepted", "-1", "x"): "от 0 до 10",
        ("accepted", "2,25", "x"): "только целые баллы и половины",
        ("accepted", "", "x"): "Укажите новую оценку",
        ("accepted", "пять", "x"): "не число",
        ("rejected", "", ""): "Укажите обоснование решения.",
        ("maybe", "", "x"): "",
    }
    for (state, points, reason), message in cases.items():
        page = decide_as(chair, o, 1, state, points, reason).get_data(as_text=True)
        assert message in page, (state, points, reason)
    appeal = _fresh(appeal)
    assert appeal.state == AppealState.PENDING and appeal.version == 1
    assert db.session.scalar(select(Mark).where(Mark.slot == MarkSlot.CHAIR)) is None


def test_a_stale_form_is_refused(prelim, participant_client, client_for):
    _file(prelim, participant_client, "KMT-103", "record")
    chair = client_for(prelim.chair)
    o = prelim.olympiad
    assert decide_as(chair, o, 1, "rejected", "", "Верно.", version=1).status_code == 302
    page = decide_as(chair, o, 1, "accepted", "9", "Передумали.", version=1).get_data(as_text=True)
    assert "Решение по апелляции" in page or "уже приняли решение" in page
    appeal = db.session.scalar(select(Appeal))
    assert appeal.state == AppealState.REJECTED and appeal.decision == "Верно."
    # a form made before another version of a still pending appeal
    _file(prelim, participant_client, "KMT-103", "short")
    page = decide_as(chair, o, 2, "accepted", "1", "x", version=7).get_data(as_text=True)
    assert "уже приняли решение" in page
    assert db.session.scalar(select(Appeal).where(Appeal.number == 2)).state == AppealState.PENDING


def test_only_the_chair_decides(prelim, participant_client, client_for, login, client):
    _file(prelim, participant_client, "KMT-103", "record")
    o = prelim.olympiad
    for user in (prelim.juror_a, prelim.outsider, prelim.coordinator):
        browser = client_for(user)
        assert browser.get(f"/appeals/{o.id}/").status_code == 403, user.full_name
        assert browser.get(f"/appeals/{o.id}/1").status_code == 403
        assert decide_as(browser, o, 1, "accepted", "10").status_code == 403
    organizer = client_for(prelim.organizer)
    page = organizer.get(f"/appeals/{o.id}/1").get_data(as_text=True)
    assert "KMT-103" in page and 'name="reason"' not in page
    assert decide_as(organizer, o, 1, "accepted", "10").status_code == 403
    browser = participant_client(CODES["KMT-103"])
    assert "/auth/login" in decide_as(browser, o, 1, "accepted", "10").location
    assert db.session.scalar(select(Appeal)).state == AppealState.PENDING


def test_the_list_filters_by_state_and_grade(prelim, participant_client, client_for):
    _file(prelim, participant_client, "KMT-103", "record")
    _file(prelim, participant_client, "KMT-102", "short")  # grade 7
    chair = client_for(prelim.chair)
    o = prelim.olympiad
    decide_as(chair, o, 1, "rejected", "", "Верно.")
    page = chair.get(f"/appeals/{o.id}/").get_data(as_text=True)
    assert "KMT-103" in page and "KMT-102" in page and "Ждут решения: 1." in page
    page = chair.get(f"/appeals/{o.id}/?state=pending").get_data(as_text=True)
    assert "KMT-102" in page and "KMT-103" not in page
    page = chair.get(f"/appeals/{o.id}/?state=decided").get_data(as_text=True)
    assert "KMT-103" in page and "KMT-102" not in page
    page = chair.get(f"/appeals/{o.id}/?grade=8").get_data(as_text=True)
    assert "KMT-103" in page and "KMT-102" not in page
    assert not [s for s in SECRETS if s in page]


def test_after_final_nothing_can_be_decided(prelim, participant_client, client_for):
    _file(prelim, participant_client, "KMT-103", "record")
    prelim.olympiad.status = OlympiadStatus.FINAL
    db.session.commit()
    chair = client_for(prelim.chair)
    page = chair.get(f"/appeals/{prelim.olympiad.id}/1").get_data(as_text=True)
    assert "решение по апелляции принять нельзя" in page and 'name="reason"' not in page
    decide_as(chair, prelim.olympiad, 1, "accepted", "10", "Поздно.")
    assert db.session.scalar(select(Appeal)).state == AppealState.PENDING
    assert db.session.scalar(select(Mark).where(Mark.slot == MarkSlot.CHAIR)) is None
