"""The organizer's home leads: each current olympiad with its stage, next step and warnings."""

from datetime import date, timedelta

from olympiad.extensions import db
from olympiad.models import OlympiadStatus, Role


def test_registration_closing_soon_names_the_schools_that_enrolled_nobody(
    client, login, make_user, make_school, make_olympiad, make_participant
):
    olympiad = make_olympiad(registration_closes_on=date.today() + timedelta(days=1))
    busy = make_school(short_name="Активная СОШ")
    make_school(short_name="Молчаливая СОШ")
    make_participant(olympiad, busy)
    login(make_user(Role.ORGANIZER))
    page = client.get("/").get_data(as_text=True)
    assert 'aria-current="step">\n        Регистрация' in page
    assert "Закрыть регистрацию и выдать шифры" in page
    assert f"/olympiads/{olympiad.id}/status/registration_closed" in page
    assert "Молчаливая СОШ" in page and "Жюри не назначено" in page
    assert "Нет заданий для групп: 7–8, 9–11" in page


def test_during_marking_the_home_shows_progress_and_the_discrepancies(client, login, scene):
    login(scene.organizer)
    page = client.get("/").get_data(as_text=True)
    assert "Завершить проверку" in page
    assert "работ проверено" in page and "0 %" in page
    assert "Не проверено работ: 5" in page


def test_a_published_olympiad_offers_certificates_not_the_archive(client, login, scene):
    scene.olympiad.status = OlympiadStatus.PUBLISHED
    db.session.commit()
    login(scene.organizer)
    page = client.get("/").get_data(as_text=True)
    assert "Выдать дипломы и сертификаты" in page
    assert "Перенести в архив" not in page


def test_archived_olympiads_leave_the_cockpit(client, login, scene):
    scene.olympiad.status = OlympiadStatus.ARCHIVED
    db.session.commit()
    login(scene.organizer)
    assert "Этапы олимпиады" not in client.get("/").get_data(as_text=True)


def test_the_coordinator_is_told_what_to_do_at_each_stage(
    client, login, make_user, make_school, make_olympiad
):
    olympiad = make_olympiad(registration_closes_on=date(2021, 1, 25))
    coordinator = make_user(Role.COORDINATOR)
    login(coordinator)
    page = client.get("/").get_data(as_text=True)
    assert "Запишите учеников до 25 января 2021" in page
    assert f"/enrollment/{olympiad.id}/new" in page

    olympiad.status = OlympiadStatus.REGISTRATION_CLOSED
    olympiad.held_on = date(2021, 2, 12)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert f"/enrollment/{olympiad.id}/access-slips.pdf" in page
    assert "День олимпиады: 12 февраля 2021" in page

    olympiad.status = OlympiadStatus.PUBLISHED
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert f"/certificates/{olympiad.id}/school" in page
    assert f"/results/{olympiad.id}/school" in page


def test_the_coordinators_menu_leads_to_the_schools_participants(
    client, login, make_user, make_olympiad
):
    login(make_user(Role.COORDINATOR))
    assert "Ученики школы" in client.get("/").get_data(as_text=True)
    empty = client.get("/enrollment/", follow_redirects=True).get_data(as_text=True)
    assert "регистрация на олимпиаду ещё не открывалась" in empty
    olympiad = make_olympiad()
    assert client.get("/enrollment/").headers["Location"] == f"/enrollment/{olympiad.id}/"


def test_the_jury_home_puts_finished_olympiads_apart_and_marking_pages_say_finished(
    client, login, scene
):
    login(scene.chair)
    page = client.get("/").get_data(as_text=True)
    current = page.split("Завершённые олимпиады")[0]
    assert "Работы для проверки" in current and "Завершённые олимпиады" not in page
    scene.olympiad.status = OlympiadStatus.PUBLISHED
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    finished = page.split("Завершённые олимпиады")[1]
    assert scene.olympiad.academic_year in finished
    marking = client.get(f"/marking/{scene.olympiad.id}/").get_data(as_text=True)
    assert "Проверка завершена" in marking and "ещё не началась" not in marking


def test_lists_that_name_olympiads_tell_them_apart_by_year_and_date(
    client, login, make_user, make_olympiad
):
    make_olympiad(academic_year="2019-2020", held_on=date(2020, 2, 14))
    make_olympiad(academic_year="2020-2021", held_on=date(2021, 2, 12))
    login(make_user(Role.ORGANIZER))
    for url in ("/operations/", "/results/", "/marking/"):
        page = client.get(url).get_data(as_text=True)
        assert "2019-2020, 14 февраля 2020" in page, url
        assert "2020-2021, 12 февраля 2021" in page, url


def test_marking_an_olympiad_held_before_its_date_asks_for_confirmation(
    client, login, make_user, make_olympiad
):
    early = make_olympiad(
        status=OlympiadStatus.REGISTRATION_CLOSED, held_on=date.today() + timedelta(days=3)
    )
    login(make_user(Role.ORGANIZER))
    page = client.get(f"/olympiads/{early.id}/status/held").get_data(as_text=True)
    assert "Отмечайте её проведённой, только если она действительно уже прошла" in page
    assert early.status == OlympiadStatus.REGISTRATION_CLOSED
    early.held_on = date.today()
    db.session.commit()
    page = client.get(f"/olympiads/{early.id}/status/held").get_data(as_text=True)
    assert "действительно уже прошла" not in page
