"""Error pages speak Russian, and a server error rolls back what the request had changed."""

import pytest
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Olympiad, Participant, Role, School


def test_404_page_in_russian(client, login, make_user):
    login(make_user())
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Страница не найдена" in response.get_data(as_text=True)


def test_403_page_in_russian(client, login, make_user):
    login(make_user(Role.JUROR))
    response = client.get("/schools/")
    assert response.status_code == 403
    assert "Доступ запрещён" in response.get_data(as_text=True)


@pytest.mark.fresh_app  # adds a route
def test_server_error_rolls_back_and_explains(app, client, login, make_user, make_school):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    make_school(full_name="МБОУ «Занятая СОШ»")

    def broken():
        # a duplicate name: the flush fails and leaves the session needing a rollback
        db.session.add(School(full_name="Призрачная школа", short_name="Призрак"))
        db.session.add(School(full_name="МБОУ «Занятая СОШ»", short_name="Дубль"))
        db.session.flush()

    broken.access = frozenset(Role)
    app.add_url_rule("/broken", "broken", broken)
    login(make_user())
    response = client.get("/broken")
    assert response.status_code == 500
    assert "Изменения не сохранены" in response.get_data(as_text=True)
    assert db.session.scalar(select(School).where(School.short_name == "Призрак")) is None


def test_school_with_enrollments_cannot_be_deleted(client, login, make_user, make_school):
    school = make_school()
    olympiad = Olympiad(title="Олимпиада", academic_year="2020-2021")
    db.session.add(olympiad)
    db.session.flush()
    db.session.add(
        Participant(
            olympiad_id=olympiad.id,
            school_id=school.id,
            surname="Иванов",
            name="Иван",
            grade_studied=7,
            grade_competed=7,
            identity_key="x",
        )
    )
    db.session.commit()
    login(make_user())
    response = client.post(f"/schools/{school.id}/delete", follow_redirects=True)
    assert "нельзя удалить" in response.get_data(as_text=True)
    assert db.session.get(School, school.id) is not None


def test_an_id_beyond_any_row_is_not_found_on_every_database(client):
    # PostgreSQL's integer ends at 2**31 - 1: a larger id in a URL is a 404, not a 500
    assert client.get(f"/results/public/{2**31}").status_code == 404
    assert client.get(f"/olympiads/{10**20}").status_code in (302, 404)  # login first
