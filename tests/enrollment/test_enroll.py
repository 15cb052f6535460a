"""Enrolling one student at a time: consents, grades, limits, duplicates, edits, the window."""

import base64
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from olympiad.extensions import db
from olympiad.models import (
    AuditEntry,
    ConsentKind,
    OlympiadStatus,
    Participant,
    ParticipantStatus,
    PublicationForm,
    Role,
)

FORM = {
    "surname": "Цыренов",
    "name": "Баир",
    "patronymic": "Александрович",
    "grade_studied": "8",
    "grade_competed": "0",
    "mentor": "Доржиева Светлана Бадмаевна",
    "consent_processing": "y",
    "consent_publication": "initials",
    "consent_work_publication": "y",
}


def count() -> int:
    return db.session.scalar(select(func.count(Participant.id)))


@pytest.fixture
def coordinator(make_user, login):
    user = make_user(Role.COORDINATOR)
    login(user)
    return user


def test_coordinator_enrolls_with_consents(client, coordinator, make_olympiad):
    olympiad = make_olympiad()
    response = client.post(f"/enrollment/{olympiad.id}/new", data={**FORM, "surname": "ЦЫРЕНОВ"})
    assert response.status_code == 302
    p = db.session.scalar(select(Participant))
    assert (p.full_name, p.school_id) == ("Цыренов Баир Александрович", coordinator.school_id)
    assert p.grade_studied == p.grade_competed == 8  # competes in own grade by default
    processing = p.consent(ConsentKind.PROCESSING)
    assert processing.granted and processing.text_version == "2020-1"
    assert processing.recorded_by_id == coordinator.id and processing.recorded_at is not None
    publication = p.consent(ConsentKind.PUBLICATION)
    assert publication.granted and publication.publication_form == PublicationForm.INITIALS
    assert p.consent(ConsentKind.WORK_PUBLICATION).granted
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "participant_enrolled"))
    page = client.get(f"/enrollment/{olympiad.id}/").get_data(as_text=True)
    assert "Цыренов Баир Александрович" in page


def test_form_shows_consent_texts_and_version(client, coordinator, make_olympiad):
    page = client.get(f"/enrollment/{make_olympiad().id}/new").get_data(as_text=True)
    assert "редакция 2020-1" in page and "Без этого согласия ученика записать нельзя" in page
    assert 'name="school_id"' not in page  # a coordinator's school is not a choice


def test_no_processing_consent_no_enrollment(client, coordinator, make_olympiad):
    olympiad = make_olympiad()
    data = {k: v for k, v in FORM.items() if k != "consent_processing"}
    page = client.post(f"/enrollment/{olympiad.id}/new", data=data).get_data(as_text=True)
    assert "Без согласия родителя на обработку персональных данных" in page
    assert count() == 0


def test_publication_choice_required_and_none_recorded(client, coordinator, make_olympiad):
    olympiad = make_olympiad()
    data = {k: v for k, v in FORM.items() if k != "consent_publication"}
    page = client.post(f"/enrollment/{olympiad.id}/new", data=data).get_data(as_text=True)
    assert "в какой форме родитель разрешил публикацию" in page
    client.post(f"/enrollment/{olympiad.id}/new", data={**FORM, "consent_publication": "none"})
    publication = db.session.scalar(select(Participant)).consent(ConsentKind.PUBLICATION)
    assert not publication.granted and publication.publication_form is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"grade_studied": "9", "grade_competed": "8"}, "не может быть ниже класса обучения"),
        ({"grade_studied": "6"}, "Неверный вариант"),
        ({"surname": "Иванов2"}, "Только буквы"),
        ({"mentor": "=HYPERLINK(1)"}, "не может начинаться"),
        ({"surname": ""}, "Обязательное поле"),
    ],
)
def test_bad_fields_refused(client, coordinator, make_olympiad, changes, message):
    olympiad = make_olympiad(grades=[7, 8, 9, 10, 11])
    page = client.post(f"/enrollment/{olympiad.id}/new", data={**FORM, **changes})
    assert message in page.get_data(as_text=True)
    assert count() == 0


def test_competes_in_higher_grade(client, coordinator, make_olympiad):
    olympiad = make_olympiad()
    client.post(f"/enrollment/{olympiad.id}/new", data={**FORM, "grade_competed": "10"})
    p = db.session.scalar(select(Participant))
    assert (p.grade_studied, p.grade_competed) == (8, 10)


def test_duplicate_reported_not_duplicated(client, coordinator, make_olympiad):
    olympiad = make_olympiad()
    client.post(f"/enrollment/{olympiad.id}/new", data={**FORM, "surname": "Алёшин"})
    page = client.post(
        f"/enrollment/{olympiad.id}/new",
        data={**FORM, "surname": " алешин ", "patronymic": "АЛЕКСАНДРОВИЧ"},
    ).get_data(as_text=True)
    assert "уже записан(а) на эту олимпиаду" in page
    assert count() == 1
    # another grade is another enrollment
    client.post(f"/enrollment/{olympiad.id}/new", data={**FORM, "grade_studied": "9"})
    assert count() == 2


def test_school_grade_limit(client, coordinator, make_olympiad, make_participant):
    olympiad = make_olympiad(school_grade_limit=2)
    for _ in range(2):
        make_participant(olympiad, coordinator.school, grade_studied=8)
    page = client.post(f"/enrollment/{olympiad.id}/new", data=FORM).get_data(as_text=True)
    assert "не больше 2 участников" in page
    client.post(f"/enrollment/{olympiad.id}/new", data={**FORM, "grade_studied": "9"})
    assert count() == 3


def test_edit_with_version_and_stale_form_fails(client, coordinator, make_olympiad):
    olympiad = make_olympiad()
    client.post(f"/enrollment/{olympiad.id}/new", data=FORM)
    p = db.session.scalar(select(Participant))
    url, version = f"/enrollment/participants/{p.id}/edit", p.version
    assert "Цыренов" in client.get(url).get_data(as_text=True)
    client.post(url, data={**FORM, "mentor": "Первая Анна", "version": version})
    page = client.post(url, data={**FORM, "mentor": "Вторая Анна", "version": version})
    assert "изменил другой пользователь" in page.get_data(as_text=True)
    db.session.refresh(p)
    assert p.mentor == "Первая Анна"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "participant_updated"))
    assert entry.old_value["mentor"] == FORM["mentor"]


def test_changed_consent_is_recorded_anew(client, coordinator, make_olympiad):
    olympiad = make_olympiad()
    client.post(f"/enrollment/{olympiad.id}/new", data=FORM)
    p = db.session.scalar(select(Participant))
    first = p.consent(ConsentKind.PUBLICATION).recorded_at
    client.post(
        f"/enrollment/participants/{p.id}/edit",
        data={**FORM, "consent_publication": "cipher_only", "version": p.version},
    )
    db.session.expire_all()
    publication = p.consent(ConsentKind.PUBLICATION)
    assert publication.publication_form == PublicationForm.CIPHER_ONLY
    assert publication.recorded_at > first
    assert p.consent(ConsentKind.PROCESSING).recorded_at <= first  # unchanged, kept


def test_withdraw_needs_confirmation_and_can_be_undone(client, coordinator, make_olympiad):
    olympiad = make_olympiad()
    client.post(f"/enrollment/{olympiad.id}/new", data=FORM)
    p = db.session.scalar(select(Participant))
    url = f"/enrollment/participants/{p.id}/withdraw"
    assert "Отозвать Цыренов Баир" in client.get(url).get_data(as_text=True)
    db.session.refresh(p)
    assert p.status == ParticipantStatus.ENROLLED
    assert "больше не участвует" in client.post(url, follow_redirects=True).get_data(as_text=True)
    db.session.refresh(p)
    assert p.status == ParticipantStatus.WITHDRAWN
    assert "Цыренов" not in client.get(f"/enrollment/{olympiad.id}/").get_data(as_text=True)
    client.post(f"/enrollment/{olympiad.id}/new", data=FORM)  # enrolled again: same record
    db.session.refresh(p)
    assert p.status == ParticipantStatus.ENROLLED and count() == 1


def test_organizer_enrolls_for_any_school(client, login, make_user, make_school, make_olympiad):
    login(make_user(Role.ORGANIZER))
    school = make_school()
    olympiad = make_olympiad()
    page = client.post(f"/enrollment/{olympiad.id}/new", data=FORM).get_data(as_text=True)
    assert "Выберите школу" in page
    client.post(f"/enrollment/{olympiad.id}/new", data={**FORM, "school_id": school.id})
    assert db.session.scalar(select(Participant.school_id)) == school.id


@pytest.mark.parametrize(
    "setting",
    [
        {"status": OlympiadStatus.REGISTRATION_CLOSED},
        {"status": OlympiadStatus.HELD},
        {"registration_closes_on": date.today() - timedelta(days=1)},
        {"registration_opens_on": date.today() + timedelta(days=1)},
    ],
)
def test_outside_the_window_refused(client, coordinator, make_olympiad, make_participant, setting):
    olympiad = make_olympiad(**setting)
    p = make_participant(olympiad, coordinator.school)
    response = client.post(f"/enrollment/{olympiad.id}/new", data=FORM, follow_redirects=True)
    assert "Регистрация на олимпиаду закрыта" in response.get_data(as_text=True)
    edit = {**FORM, "surname": "Новый", "version": p.version}
    client.post(f"/enrollment/participants/{p.id}/edit", data=edit)
    client.post(f"/enrollment/participants/{p.id}/withdraw")
    upload = client.get(f"/enrollment/{olympiad.id}/import", follow_redirects=True)
    assert "Регистрация на олимпиаду закрыта" in upload.get_data(as_text=True)
    csv = "Фамилия;Имя;Класс обучения;Согласие на обработку ПДн\r\nИванов;Иван;7;да\r\n"
    payload = base64.urlsafe_b64encode(csv.encode()).decode()
    saved = client.post(
        f"/enrollment/{olympiad.id}/import/save",
        data={"payload": payload, "filename": "a.csv"},
        follow_redirects=True,
    )
    assert "Регистрация на олимпиаду закрыта" in saved.get_data(as_text=True)
    db.session.expire_all()
    assert count() == 1
    assert (p.surname, p.status) == ("Ученикова1", ParticipantStatus.ENROLLED)
    page = client.get(f"/olympiads/{olympiad.id}").get_data(as_text=True)
    assert "Записать ученика" not in page


def test_draft_olympiad_is_invisible_to_coordinators(client, coordinator, make_olympiad):
    olympiad = make_olympiad(status=OlympiadStatus.DRAFT)
    assert client.post(f"/enrollment/{olympiad.id}/new", data=FORM).status_code == 404
    assert client.get(f"/enrollment/{olympiad.id}/").status_code == 404
    assert count() == 0


def test_organizer_not_bound_by_dates(client, login, make_user, make_school, make_olympiad):
    login(make_user(Role.ORGANIZER))
    school = make_school()
    olympiad = make_olympiad(registration_closes_on=date.today() - timedelta(days=3))
    client.post(f"/enrollment/{olympiad.id}/new", data={**FORM, "school_id": school.id})
    assert count() == 1


def test_dashboard_offers_enrollment_while_open(client, coordinator, make_olympiad):
    assert "здесь появится кнопка" in client.get("/").get_data(as_text=True)
    olympiad = make_olympiad()
    page = client.get("/").get_data(as_text=True)
    assert f"/enrollment/{olympiad.id}/new" in page and "Идёт регистрация" in page
