"""The registry of schools: add, search, edit safely, archive, delete only when unused."""

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Role, School

FORM = {
    "full_name": "МБОУ «Селенгинская СОШ»",
    "short_name": "Селенгинская СОШ",
    "municipality": "МО «Селенгинский район»",
    "contact": "selenga@example.org",
}


def test_add_and_find_a_school(client, login, make_user, make_school):
    make_school(
        full_name="МБОУ «Саянтуйская СОШ»",
        short_name="Саянтуйская СОШ",
        municipality="МО «Тарбагатайский район»",
    )
    login(make_user())
    response = client.post("/schools/new", data=FORM, follow_redirects=True)
    assert "добавлена" in response.get_data(as_text=True)
    page = client.get("/schools/?q=селенг").get_data(as_text=True)
    assert "МБОУ «Селенгинская СОШ»" in page and "Саянтуйская" not in page


def test_duplicate_school_is_refused(client, login, make_user, make_school):
    make_school(full_name=FORM["full_name"])
    login(make_user())
    page = client.post("/schools/new", data=FORM).get_data(as_text=True)
    assert "уже есть в реестре" in page
    assert db.session.query(School).count() == 1


def test_stale_edit_is_refused_and_changes_nothing(client, login, make_user, make_school):
    school = make_school()
    login(make_user())
    stale = {**FORM, "version": school.version}
    client.post(
        f"/schools/{school.id}/edit",
        data={**FORM, "short_name": "Первое", "version": school.version},
    )
    page = client.post(
        f"/schools/{school.id}/edit", data={**stale, "short_name": "Второе"}
    ).get_data(as_text=True)
    assert "изменил другой пользователь" in page
    db.session.refresh(school)
    assert school.short_name == "Первое"


def test_archive_hides_school_from_choices(client, login, make_user, make_school):
    school = make_school()
    login(make_user())
    client.post(f"/schools/{school.id}/archive")
    db.session.refresh(school)
    assert school.is_archived
    assert school.full_name not in client.get("/schools/").get_data(as_text=True)
    assert school.full_name in client.get("/schools/?archived=1").get_data(as_text=True)
    assert school.full_name not in client.get("/accounts/new").get_data(as_text=True)


def test_school_in_use_cannot_be_deleted(client, login, make_user):
    coordinator = make_user(Role.COORDINATOR)
    login(make_user())
    response = client.post(f"/schools/{coordinator.school_id}/delete", follow_redirects=True)
    assert "нельзя удалить" in response.get_data(as_text=True)
    assert db.session.get(School, coordinator.school_id) is not None


def test_unused_school_can_be_deleted_after_confirmation(client, login, make_user, make_school):
    school = make_school()
    login(make_user())
    assert "нельзя отменить" in client.get(f"/schools/{school.id}/delete").get_data(as_text=True)
    client.post(f"/schools/{school.id}/delete")
    assert db.session.scalar(select(School).where(School.id == school.id)) is None
