"""Results from preliminary to published, as each kind of user sees them."""

import pytest
from sqlalchemy import event

from olympiad.domain.awards import Status
from olympiad.extensions import db
from olympiad.models import Answer, Attendance, AuditEntry, FrozenResult, Olympiad, OlympiadStatus
from olympiad.results.tables import rating_tables
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.results import scene as results_scene
from tests.results.scene import close_appeals

S = OlympiadStatus


@pytest.fixture
def scene(make_olympiad, make_participant, make_school, make_user):  # noqa: F811
    return results_scene.build(make_olympiad, make_participant, make_school, make_user)


def _statuses(olympiad):
    (table,) = rating_tables(olympiad)
    return [
        (line.participant.surname, line.place, float(line.total), line.status)
        for line in table.lines
    ]


def test_rating_follows_the_official_procedure_with_a_tie_at_the_quota_boundary(scene):
    rows = _statuses(scene.olympiad)
    W, P, U = Status.WINNER, Status.PRIZE_WINNER, Status.PARTICIPANT
    assert rows == [
        ("Арсеньева", 1, 18, W),
        ("Борисов", 2, 15, P),
        ("Васильева", 3, 14, P),
        # 10 present: quota 4; the boundary falls inside the two 13s: both are admitted
        ("Григорьев", 4, 13, P),
        ("Дмитриева", 4, 13, P),
        ("Егоров", 6, 12, U),
        ("Жукова", 7, 11, U),
        ("Зайцев", 8, 9, U),
        ("Ильина", 9, 5, U),
        ("Ёлкин", 10, 3, U),
    ]
    assert "Отсутствующая" not in [r[0] for r in rows]


def test_organizer_sees_names_and_jury_sees_ciphers_only(scene, client, login):
    login(scene.organizer)
    page = client.get(f"/results/{scene.olympiad.id}").get_data(as_text=True)
    assert "Арсеньева" in page and "PXK-100" in page and "победитель" in page
    client.post("/auth/logout")
    login(scene.juror)
    page = client.get(f"/results/{scene.olympiad.id}").get_data(as_text=True)
    assert "PXK-100" in page
    assert "Арсеньева" not in page and scene.schools[0].short_name not in page


def test_coordinator_sees_only_own_school(scene, client, login):
    login(scene.coordinator)
    page = client.get(f"/results/{scene.olympiad.id}/school").get_data(as_text=True)
    assert "Арсеньева" in page  # school 0
    assert "Борисов" not in page  # school 1
    assert client.get(f"/results/{scene.olympiad.id}").status_code == 403


def test_participant_sees_own_line_only(scene, client):
    person = scene.people["Борисов"]
    client.post("/participant/login", data={"code": person.access_code})
    page = client.get("/results/mine").get_data(as_text=True)
    assert "Борисов" in page and "призёр" in page
    assert "Арсеньева" not in page and "Васильева" not in page


@pytest.mark.parametrize("status", [S.REGISTRATION_CLOSED, S.HELD, S.MARKING])
def test_nothing_leaks_before_marking_is_closed(scene, client, login, status):
    scene.olympiad.status = status
    db.session.commit()
    oid = scene.olympiad.id
    client.post("/participant/login", data={"code": scene.people["Арсеньева"].access_code})
    assert "победитель" not in client.get("/results/mine").get_data(as_text=True)
    assert client.get(f"/results/public/{oid}").status_code == 404
    login(scene.coordinator)
    assert client.get(f"/results/{oid}/school").status_code == 404
    client.post("/auth/logout")
    login(scene.juror)
    assert client.get(f"/results/{oid}").status_code == 404
    client.post("/auth/logout")
    login(scene.organizer)
    for url in ("protocol.xlsx", "protocol.pdf", "schools.xlsx", "results.csv", "results.json"):
        assert client.get(f"/results/{oid}/{url}").status_code == 404, url
    assert "Арсеньева" not in client.get(f"/results/{oid}").get_data(as_text=True)


def test_public_page_only_once_published_and_names_as_consented(scene, client):
    oid = scene.olympiad.id
    assert client.get(f"/results/public/{oid}").status_code == 404
    scene.olympiad.status = S.FINAL
    db.session.commit()
    assert client.get(f"/results/public/{oid}").status_code == 404
    scene.olympiad.status = S.PUBLISHED
    # the factory's consent is "surname and initials"; one parent allowed no name at all
    hidden = scene.people["Борисов"]
    hidden.consents[1].publication_form = None
    hidden.consents[1].granted = False
    db.session.commit()
    page = client.get(f"/results/public/{oid}").get_data(as_text=True)
    assert "Арсеньева А. П." in page
    assert "Арсеньева Анна" not in page
    assert "Борисов" not in page and "PXK-101" in page
    assert "Отсутствующая" not in page


def test_override_is_audited_and_shown(scene, client, login):
    login(scene.organizer)
    person = scene.people["Егоров"]
    url = f"/results/{scene.olympiad.id}/override/{person.id}"
    response = client.post(url, data={"status": "prize_winner", "reason": ""})
    assert "Причина" in response.get_data(as_text=True) or response.status_code == 200
    assert dict((r[0], r[3]) for r in _statuses(scene.olympiad))["Егоров"] == Status.PARTICIPANT
    client.post(url, data={"status": "prize_winner", "reason": "Решение жюри, протокол № 3"})
    assert dict((r[0], r[3]) for r in _statuses(scene.olympiad))["Егоров"] == Status.PRIZE_WINNER
    entry = db.session.query(AuditEntry).filter_by(action="status_override").one()
    assert entry.reason == "Решение жюри, протокол № 3"
    page = client.get(f"/results/{scene.olympiad.id}").get_data(as_text=True)
    assert "изменён" in page


def test_settings_preview_shows_whose_status_changes_and_saves_nothing(scene, client, login):
    login(scene.organizer)
    url = f"/results/{scene.olympiad.id}/settings"
    form = {
        "threshold_share": "0.5",
        "threshold_strict": "y",
        "quota_share": "0.45",
        "rounding": "down",
        "winners": "top_total",
        "winners_share": "0.1",
        "tie_policy": "exclude",
        "version": scene.olympiad.version,
    }
    page = client.post(url, data={**form, "preview": "1"}).get_data(as_text=True)
    assert "Григорьев" in page and "Дмитриева" in page and "Егоров" not in page
    db.session.expire_all()
    assert db.session.get(Olympiad, scene.olympiad.id).award_rules == {}
    client.post(url, data={**form, "save": "1"})
    db.session.expire_all()
    olympiad = db.session.get(Olympiad, scene.olympiad.id)
    assert olympiad.award_rules == {"tie_policy": "exclude"}
    statuses = dict((r[0], r[3]) for r in _statuses(olympiad))
    assert statuses["Григорьев"] == statuses["Дмитриева"] == Status.PARTICIPANT


def test_only_the_chair_approves_and_final_results_are_frozen(scene, client, login):
    oid = scene.olympiad.id
    login(scene.juror)
    assert client.get(f"/results/{oid}/approve").status_code == 403
    client.post("/auth/logout")
    login(scene.chair)
    page = client.post(
        f"/results/{oid}/approve", data={"order": "45-од", "order_date": "2021-03-20"}
    ).get_data(as_text=True)
    assert "У срока подачи апелляций нет окончания" in page  # an open-ended window bars it
    close_appeals(scene.olympiad)
    response = client.post(
        f"/results/{oid}/approve", data={"order": "45-од", "order_date": "2021-03-20"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    olympiad = db.session.get(Olympiad, oid)
    assert olympiad.status == S.FINAL and olympiad.final_order == "45-од"
    assert db.session.query(FrozenResult).filter_by(olympiad_id=oid).count() == 10
    client.post("/auth/logout")
    login(scene.organizer)
    person = scene.people["Егоров"]
    client.post(
        f"/results/{oid}/override/{person.id}", data={"status": "winner", "reason": "поздно"}
    )
    assert dict((r[0], r[3]) for r in _statuses(olympiad))["Егоров"] == Status.PARTICIPANT


def test_approval_waits_for_the_appeal_window_and_undecided_statuses(scene, client, login):
    scene.olympiad.award_rules = {"tie_policy": "jury"}
    close_appeals(scene.olympiad)
    login(scene.chair)
    page = client.post(
        f"/results/{scene.olympiad.id}/approve", data={"order": "1", "order_date": "2021-03-20"}
    ).get_data(as_text=True)
    assert "решает жюри" in page
    db.session.expire_all()
    assert db.session.get(Olympiad, scene.olympiad.id).status == S.PRELIMINARY


def test_rating_page_costs_the_same_queries_for_more_participants(
    scene,
    client,
    login,
    make_participant,  # noqa: F811
):
    login(scene.organizer)
    url = f"/results/{scene.olympiad.id}"
    counted = []

    def count(*args):
        counted.append(1)

    def queries():
        counted.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(counted)

    before = queries()
    for n in range(15):
        person = make_participant(
            scene.olympiad,
            scene.schools[n % 2],
            grade_studied=9 + n % 3,
            cipher=f"PXK-{300 + n}",
            attendance=Attendance.PRESENT,
        )
        answer = Answer(participant_id=person.id, paper_task_id=scene.items[0].id, points=n % 10)
        db.session.add(answer)
    db.session.commit()
    assert queries() == before


def test_final_results_show_their_summary_on_the_plan_item(scene, client, login):
    from datetime import date

    from olympiad.models import Plan, PlanItem, PlanSection
    from olympiad.results.services import approve_final

    plan = Plan(academic_year="2020-2021", title="План работы РМО")
    item = PlanItem(
        section=PlanSection.BETWEEN_MEETINGS, position=0, text="Муниципальный этап олимпиады"
    )
    plan.items = [item]
    db.session.add(plan)
    db.session.flush()
    scene.olympiad.plan_item_id = item.id
    db.session.commit()
    login(scene.organizer)
    assert "Итоги олимпиады" not in client.get(f"/plan/{plan.id}").get_data(as_text=True)
    close_appeals(scene.olympiad)
    approve_final(scene.chair, scene.olympiad, "45-од", date(2021, 3, 20))
    db.session.commit()
    page = client.get(f"/plan/{plan.id}").get_data(as_text=True)
    assert "Итоги олимпиады" in page
    assert "✓ Выполнено" in page  # the plan marks the item done
    # 10 present from two schools; 1 winner and 4 prize-winners (the tie of two 13s admitted)
    assert "школ — 2, участников — 10, победителей — 1, призёров — 4" in page


def test_every_award_rule_has_a_field_with_an_explanation(app):
    from dataclasses import fields

    from olympiad.domain.awards import AwardRules
    from olympiad.results.forms import SettingsForm

    with app.test_request_context():
        form = SettingsForm(meta={"csrf": False})
        for rule in fields(AwardRules):
            assert len(str(form[rule.name].description)) > 20, rule.name
