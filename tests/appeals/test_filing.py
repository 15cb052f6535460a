"""Filing appeals: the participant with their code, the coordinator for their own students;
everything outside the window, outside the paper or outside the school changes nothing."""

from datetime import timedelta

from sqlalchemy import func, select

from olympiad.appeals.filing import file_appeal
from olympiad.appeals.records import AppealError
from olympiad.extensions import db
from olympiad.models import Appeal, AppealState, Attendance, AuditEntry, OlympiadStatus
from olympiad.models.base import utcnow
from olympiad.results.scores import scores
from tests.appeals.conftest import CODES, file_as
from tests.marking.conftest import _paper


def _count() -> int:
    return db.session.scalar(select(func.count(Appeal.id)))


def test_participant_sees_marks_and_files_an_appeal(prelim, participant_client):
    browser = participant_client(CODES["KMT-103"])
    page = browser.get("/appeals/mine").get_data(as_text=True)
    assert "Оценки за задания" in page and "KMT-103" in page
    assert "Сами критерии оценивания" in page  # the form says criteria are not appealed
    record = prelim.items["record"]
    response = file_as(browser, record, "Запись по ГОСТ полная, снижено без причины.")
    assert response.status_code == 302
    appeal = db.session.scalar(select(Appeal))
    participant = prelim.by_cipher["KMT-103"]
    assert (appeal.number, appeal.participant_id, appeal.paper_task_id) == (
        1,
        participant.id,
        record.id,
    )
    assert appeal.filed_by_id is None and appeal.state == AppealState.PENDING
    assert appeal.old_points == 5 == float(scores(prelim.olympiad).of(participant.id, record.id))
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "appeal_filed"))
    assert entry.user_id is None and entry.object_id == appeal.id
    assert entry.new_value["by"] == "participant" and entry.new_value["cipher"] == "KMT-103"
    page = browser.get("/appeals/mine").get_data(as_text=True)
    assert "Запись по ГОСТ полная" in page and "ждёт решения" in page


def test_numbers_follow_each_other_across_participants(prelim, participant_client, client_for):
    first, second = participant_client(CODES["KMT-103"]), participant_client(CODES["KMT-101"])
    assert file_as(first, prelim.items["record"]).status_code == 302
    assert file_as(second, prelim.items["single"]).status_code == 302
    coordinator = client_for(prelim.coordinator)
    url = f"/appeals/{prelim.olympiad.id}/participants/{prelim.by_cipher['KMT-102'].id}"
    data = {"paper_task_id": prelim.items["short"].id, "reasoning": "Ответ «каталог» верный."}
    assert coordinator.post(url, data=data).status_code == 302
    numbers = db.session.scalars(select(Appeal.number).order_by(Appeal.id)).all()
    assert numbers == [1, 2, 3]


def test_one_pending_appeal_per_task(prelim, participant_client):
    browser = participant_client(CODES["KMT-103"])
    assert file_as(browser, prelim.items["record"]).status_code == 302
    page = file_as(browser, prelim.items["record"], "Ещё раз").get_data(as_text=True)
    assert "уже подана (№ 1) и ждёт решения" in page
    assert _count() == 1
    # another task of the same work is fine
    assert file_as(browser, prelim.items["short"]).status_code == 302
    assert _count() == 2


def test_forged_tasks_are_refused(prelim, participant_client, make_olympiad):
    other = make_olympiad(status=OlympiadStatus.PRELIMINARY)
    foreign_item = _paper(other, other.groups[0]).items[0]
    db.session.commit()
    browser = participant_client(CODES["KMT-103"])
    for task_id in (foreign_item.id, 999_999):
        page = browser.post(
            "/appeals/mine", data={"paper_task_id": task_id, "reasoning": "Не согласна"}
        ).get_data(as_text=True)
        assert "Такого задания нет в работе этого участника." in page
    response = browser.post("/appeals/mine", data={"paper_task_id": "abc", "reasoning": "Нет"})
    assert response.status_code == 200
    assert _count() == 0


def test_reasoning_is_required_and_limited(prelim, participant_client):
    browser = participant_client(CODES["KMT-103"])
    page = file_as(browser, prelim.items["record"], "   ").get_data(as_text=True)
    assert "Опишите, с чем вы не согласны и почему." in page
    file_as(browser, prelim.items["record"], "а" * 2001)
    assert _count() == 0
    participant = prelim.by_cipher["KMT-103"]
    try:
        file_appeal(None, participant, prelim.items["record"].id, "б" * 2001)
    except AppealError as error:
        assert "2000" in str(error)
    else:
        raise AssertionError("a too long reasoning was accepted")
    db.session.rollback()


def test_outside_the_window_nothing_is_filed(prelim, participant_client):
    browser = participant_client(CODES["KMT-103"])
    prelim.olympiad.appeals_close_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = browser.get("/appeals/mine").get_data(as_text=True)
    assert "Приём апелляций закрыт" in page and 'name="reasoning"' not in page
    page = file_as(browser, prelim.items["record"]).get_data(as_text=True)
    assert "Приём апелляций закрыт" in page
    prelim.olympiad.appeals_close_at = utcnow() + timedelta(days=1)
    db.session.commit()
    assert file_as(browser, prelim.items["record"]).status_code == 302
    assert _count() == 1


def test_before_results_the_page_shows_no_marks(prelim, participant_client):
    browser = participant_client(CODES["KMT-103"])
    prelim.olympiad.status = OlympiadStatus.MARKING
    db.session.commit()
    page = browser.get("/appeals/mine").get_data(as_text=True)
    assert "Результаты ещё не подведены" in page and "Оценки за задания" not in page
    file_as(browser, prelim.items["record"])
    assert _count() == 0


def test_after_final_nothing_can_be_filed(prelim, participant_client, client_for):
    browser = participant_client(CODES["KMT-103"])
    prelim.olympiad.status = OlympiadStatus.FINAL
    db.session.commit()
    page = file_as(browser, prelim.items["record"]).get_data(as_text=True)
    assert "Приём апелляций закрыт" in page
    coordinator = client_for(prelim.coordinator)
    url = f"/appeals/{prelim.olympiad.id}/participants/{prelim.by_cipher['KMT-101'].id}"
    coordinator.post(url, data={"paper_task_id": prelim.items["short"].id, "reasoning": "x"})
    assert _count() == 0


def test_an_absent_participant_cannot_appeal(prelim, participant_client):
    browser = participant_client("K7MX-4QPR-9TWW")
    page = browser.get("/appeals/mine").get_data(as_text=True)
    assert "не отмечены как участник, писавший олимпиаду" in page
    page = file_as(browser, prelim.items["record"]).get_data(as_text=True)
    assert "только на работу участника, который писал олимпиаду" in page
    assert _count() == 0


def test_participant_never_sees_others_or_the_markers(prelim, participant_client):
    browser = participant_client(CODES["KMT-103"])
    file_as(browser, prelim.items["record"])
    page = browser.get("/appeals/mine").get_data(as_text=True)
    others = ["KMT-101", "KMT-102", "KMT-104", "KMT-199", "KMT-901", "Анна1", "Анна2"]
    markers = [prelim.juror_a, prelim.juror_b, prelim.chair, prelim.organizer]
    shown = [s for s in others + [m.full_name for m in markers] if s in page]
    assert not shown, shown
    assert "Пунктуация" not in page  # the markers' comments stay with the jury


def test_coordinator_sees_own_students_and_files_for_them(
    prelim, client_for, make_participant, make_school
):
    stranger = make_participant(
        prelim.olympiad,
        make_school(),
        surname="Посторонняя",
        grade_studied=8,
        cipher="KMT-105",
        attendance=Attendance.PRESENT,
    )
    coordinator = client_for(prelim.coordinator)
    page = coordinator.get(f"/appeals/{prelim.olympiad.id}/school").get_data(as_text=True)
    assert "Засекреченова Анна1" in page and "Невидимкин Анна2" in page
    assert stranger.surname not in page and prelim.absent.surname not in page
    target = prelim.by_cipher["KMT-101"]
    url = f"/appeals/{prelim.olympiad.id}/participants/{target.id}"
    assert "Подать апелляцию от имени ученика" in coordinator.get(url).get_data(as_text=True)
    data = {"paper_task_id": prelim.items["annotation"].id, "reasoning": "Аннотация полная."}
    assert coordinator.post(url, data=data).status_code == 302
    appeal = db.session.scalar(select(Appeal))
    assert appeal.filed_by_id == prelim.coordinator.id and appeal.participant_id == target.id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "appeal_filed"))
    assert entry.user_id == prelim.coordinator.id and entry.new_value["by"] == "coordinator"
    page = coordinator.get(f"/appeals/{prelim.olympiad.id}/school").get_data(as_text=True)
    assert "№ 1, задание 7:" in page
    url = f"/appeals/{prelim.olympiad.id}/participants/{stranger.id}"
    assert coordinator.get(url).status_code == 403


def test_coordinator_of_another_school_is_refused(prelim, client_for, make_olympiad):
    foreign = client_for(prelim.foreign)
    target = prelim.by_cipher["KMT-101"]
    url = f"/appeals/{prelim.olympiad.id}/participants/{target.id}"
    assert foreign.get(url).status_code == 403
    data = {"paper_task_id": prelim.items["single"].id, "reasoning": "Чужой"}
    assert foreign.post(url, data=data).status_code == 403
    page = foreign.get(f"/appeals/{prelim.olympiad.id}/school").get_data(as_text=True)
    assert "Засекреченова" not in page and "Среди писавших олимпиаду нет" in page
    # a participant of this school but another olympiad's id in the address
    other = make_olympiad(status=OlympiadStatus.PRELIMINARY)
    own = client_for(prelim.coordinator)
    assert own.get(f"/appeals/{other.id}/participants/{target.id}").status_code == 404
    assert _count() == 0


def test_coordinator_pages_wait_for_results(prelim, client_for):
    prelim.olympiad.status = OlympiadStatus.MARKING
    db.session.commit()
    coordinator = client_for(prelim.coordinator)
    assert coordinator.get(f"/appeals/{prelim.olympiad.id}/school").status_code == 404
    target = prelim.by_cipher["KMT-101"]
    url = f"/appeals/{prelim.olympiad.id}/participants/{target.id}"
    assert coordinator.get(url).status_code == 404


def test_the_home_page_links_to_appeals_once_results_exist(prelim, participant_client):
    browser = participant_client(CODES["KMT-103"])
    assert "/appeals/mine" in browser.get("/participant/").get_data(as_text=True)
    prelim.olympiad.status = OlympiadStatus.MARKING
    db.session.commit()
    assert "/appeals/mine" not in browser.get("/participant/").get_data(as_text=True)
