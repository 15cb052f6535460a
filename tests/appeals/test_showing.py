"""The showing of works: a participant (and their school's coordinator) sees the work as the
jury has it once marking is closed, never before and never anyone else's; an appeal filed
from it names the task and quotes what is contested; the chair who marked it is warned."""

from datetime import timedelta

from sqlalchemy import select

from olympiad.appeals.deciding import decide
from olympiad.appeals.filing import file_appeal
from olympiad.appeals.protocols import record_of
from olympiad.extensions import db
from olympiad.models import Appeal, JuryMember, OlympiadStatus
from olympiad.models.base import utcnow
from tests.appeals.conftest import CODES, right


def test_the_participant_sees_answers_keys_and_marks_by_criterion(prelim, participant_client):
    browser = participant_client(CODES["KMT-103"])
    assert "/appeals/mine/work" in browser.get("/participant/").get_data(as_text=True)
    page = browser.get("/appeals/mine/work").get_data(as_text=True)
    short = prelim.items["short"]
    assert "книга" in page  # the short answer as typed from the sheet
    assert right(short) in page  # and its key
    assert "Первая проверка" in page and "Вторая проверка" in page  # both checks, by slot
    for juror in (prelim.juror_a, prelim.juror_b, prelim.chair):
        assert juror.full_name not in page  # never who marked
    assert "Комментарий жюри" not in page  # comments stay with the jury unless shown
    assert "Место" in page and "Сумма" in page


def test_comments_are_shown_when_the_olympiad_shows_them(prelim, participant_client):
    prelim.olympiad.comments_visible = True
    db.session.commit()
    page = participant_client(CODES["KMT-103"]).get("/appeals/mine/work").get_data(as_text=True)
    assert (
        'Комментарий жюри (Первая проверка):</strong> <span class="appeal-text">Пунктуация' in page
    )


def test_nothing_is_shown_before_marking_is_closed(prelim, participant_client, client_for):
    browser = participant_client(CODES["KMT-103"])
    coordinator = client_for(prelim.coordinator)
    person = prelim.by_cipher["KMT-103"]
    prelim.olympiad.status = OlympiadStatus.MARKING
    db.session.commit()
    assert browser.get("/appeals/mine/work").status_code == 404
    url = f"/appeals/{prelim.olympiad.id}/participants/{person.id}/work"
    assert coordinator.get(url).status_code == 404


def test_a_coordinator_sees_only_their_own_students_work(prelim, client_for):
    person = prelim.by_cipher["KMT-103"]
    url = f"/appeals/{prelim.olympiad.id}/participants/{person.id}/work"
    page = client_for(prelim.coordinator).get(url).get_data(as_text=True)
    assert person.full_name in page and "книга" in page
    assert client_for(prelim.foreign).get(url).status_code == 403


def test_an_appeal_from_the_work_view_names_the_task_and_quotes_it(prelim, participant_client):
    prelim.olympiad.appeals_close_at = utcnow() + timedelta(days=1)
    db.session.commit()
    browser = participant_client(CODES["KMT-103"])
    short = prelim.items["short"]
    work = browser.get("/appeals/mine/work").get_data(as_text=True)
    assert f"/appeals/mine?task={short.id}" in work
    form = browser.get(f"/appeals/mine?task={short.id}").get_data(as_text=True)
    assert f'<option selected value="{short.id}">' in form
    assert "мой ответ «книга»" in form  # the quote filled in
    assert "осталось" in form  # the time left of the window
    response = browser.post(
        "/appeals/mine",
        data={
            "paper_task_id": short.id,
            "contested": "мой ответ «книга»",
            "reasoning": "Книга тоже верный ответ.",
        },
    )
    assert response.status_code == 302
    appeal = db.session.scalar(select(Appeal))
    assert appeal.paper_task_id == short.id and appeal.contested == "мой ответ «книга»"


def test_the_chair_who_marked_the_task_is_warned(prelim, participant_client, client_for):
    person = prelim.by_cipher["KMT-103"]
    record = prelim.items["record"]
    appeal = file_appeal(None, person, record.id, "Пунктуация верная.", "критерий 2")
    db.session.commit()
    url = f"/appeals/{prelim.olympiad.id}/{appeal.number}"
    page = client_for(prelim.chair).get(url).get_data(as_text=True)
    assert "критерий 2" in page  # the quote reaches the chair
    assert "Вы сами проверяли это задание" not in page
    for member in db.session.scalars(select(JuryMember)):  # the first marker chairs now
        member.is_chair = member.user_id == prelim.juror_a.id
    db.session.commit()
    page = client_for(prelim.juror_a).get(url).get_data(as_text=True)
    assert "Вы сами проверяли это задание" in page


def test_the_protocol_records_who_decided(prelim):
    person = prelim.by_cipher["KMT-103"]
    appeal = file_appeal(None, person, prelim.items["record"].id, "Верно.", "критерий 2")
    db.session.commit()
    decide(prelim.chair, appeal, "rejected", None, "Оценка верна.", appeal.version)
    db.session.commit()
    record = record_of(appeal)
    assert record.decided_by == prelim.chair.full_name and record.contested == "критерий 2"
