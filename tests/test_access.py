"""Every registered route, for every role and for anonymous visitors, answers as declared here.

A route added without a line in EXPECTED fails test_every_route_is_listed, so no route can be
forgotten; a route whose decorator disagrees with this table fails test_route_answers.
"""

import pytest
from werkzeug.routing import Rule

from olympiad.extensions import db
from olympiad.models import Olympiad, OlympiadStatus, Participant, Role

O, C, J = Role.ORGANIZER, Role.COORDINATOR, Role.JUROR
PUBLIC = "public"
PARTICIPANT = "participant"  # signed in with an access code
ANY = frozenset({O, C, J})
OC = frozenset({O, C})

EXPECTED: dict[str, object] = {
    "static": PUBLIC,
    "i18n.set_locale": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": ANY,
    "auth.change_password": ANY,
    "auth.forgot_password": PUBLIC,
    "auth.reset_password": PUBLIC,
    "mail.index": {O},
    "mail.switch": {O},
    "mail.resend": {O},
    "participant.login": PUBLIC,
    "participant.logout": PUBLIC,
    "participant.home": PARTICIPANT,
    "dashboard.index": PUBLIC,  # the public home; staff get their dashboard there
    "accounts.index": {O},
    "accounts.new": {O},
    "accounts.edit": {O},
    "accounts.reset_password": {O},
    "accounts.toggle_active": {O},
    "schools.index": {O},
    "schools.new": {O},
    "schools.edit": {O},
    "schools.archive": {O},
    "schools.delete": {O},
    "plan.index": ANY,
    "plan.show": ANY,
    "plan.pdf": ANY,
    "plan.import_plan": {O},
    "plan.import_confirm": {O},
    "plan.edit": {O},
    "plan.next_year": {O},
    "plan.item_new": {O},
    "plan.item_edit": {O},
    "plan.direction_new": {O},
    "plan.direction_edit": {O},
    "plan.meeting_new": {O},
    "plan.meeting_edit": {O},
    "plan.meeting_record": {O},
    "plan.move": {O},
    "plan.delete": {O},
    "olympiads.index": ANY,
    "olympiads.show": ANY,
    "olympiads.new": {O},
    "olympiads.edit": {O},
    "olympiads.change_status": {O},
    "olympiads.rooms": {O},
    "olympiads.delete_room": {O},
    "enrollment.latest": OC,
    "enrollment.index": OC,
    "enrollment.export": OC,
    "enrollment.new": OC,
    "enrollment.show": OC,
    "enrollment.edit": OC,
    "enrollment.withdraw": OC,
    "enrollment.set_room": {O},
    "enrollment.template": OC,
    "enrollment.upload": OC,
    "enrollment.save_import": OC,
    "enrollment.assign_rooms": {O},
    "enrollment.attendance": {O},
    "enrollment.attendance_sheets": {O},
    "enrollment.cipher_labels": {O},
    "enrollment.cipher_key": {O},
    "enrollment.access_slips": OC,
    "marking.index": {O, J},
    "marking.home": {O, J},
    "marking.jury": {O},
    "marking.member": {O},
    "marking.remove_member": {O},
    "marking.settings": {O},
    "marking.progress": {O, J},
    "marking.find": {O, J},
    "marking.work": {O, J},
    "marking.grid": {O, J},
    "marking.save_answer": {O, J},
    "marking.work_answers": {O, J},
    "marking.task": {J},
    "marking.next_work": {J},
    "marking.mark": {J},
    "marking.queue": {O, J},
    "marking.resolve": {J},
    "marking.template": {O, J},
    "marking.upload": {O, J},
    "marking.save_import": {O, J},
    "appeals.mine": PARTICIPANT,
    "appeals.my_protocol": PARTICIPANT,
    "appeals.my_work": PARTICIPANT,
    "appeals.work_for": {C},
    "appeals.school": {C},
    "appeals.file_for": {C},
    "appeals.index": {O, J},
    "appeals.show": {O, J},
    "appeals.protocol": {O, C, J},
    "appeals.grade_protocol": {O, J},
    "analysis.olympiad": {O},
    "analysis.school": {C},
    "analysis.task": {O},
    "analysis.report_pdf": {O},
    "analysis.report_docx": {O},
    "results.index": ANY,
    "results.show": {O, J},
    "results.settings": {O},
    "results.override": {O},
    "results.approve": {J},
    "results.school": {C},
    "results.mine": PARTICIPANT,
    "results.public_index": PUBLIC,
    "results.public_tables": PUBLIC,
    "results.public_protocol": PUBLIC,
    "results.protocol_xlsx": {O},
    "results.protocol_pdf_file": {O},
    "results.schools_xlsx": {O},
    "results.export": {O},
    "online.index": PARTICIPANT,
    "online.start": PARTICIPANT,
    "online.work": PARTICIPANT,
    "online.save_form": PARTICIPANT,
    "online.save": PARTICIPANT,
    "online.state": PARTICIPANT,
    "online.image": PARTICIPANT,
    "online.layout": PARTICIPANT,
    "online.review": PARTICIPANT,
    "online.submit": PARTICIPANT,
    "online.new_sitting": {O},
    "online.edit_sitting": {O},
    "online.delete_sitting": {O},
    "online.progress_page": OC,
    "online.admit": OC,
    "online.extend": {O},
    "online.late_answers": {O},
    "online.service_worker": PUBLIC,
    "certificates.index": {O},
    "certificates.issue": {O},
    "certificates.reissue": {O},
    "certificates.designs_index": {O},
    "certificates.design": {O},
    "certificates.preview": {O},
    "certificates.school": {C},
    "certificates.file": OC,
    "certificates.bundle": OC,
    "certificates.mine": PARTICIPANT,
    "certificates.my_file": PARTICIPANT,
    "certificates.verify": PUBLIC,
    "verify.check": PUBLIC,
    "tasks.index": {O},
    "tasks.new": {O},
    "tasks.show": {O},
    "tasks.edit": {O},
    "tasks.archive": {O},
    "tasks.delete": {O},
    "tasks.image": {O, J},
    "tasks.export_json": {O},
    "tasks.export_xlsx": {O},
    "tasks.import_bank": {O},
    "tasks.paper": {O, J},
    "tasks.paper_settings": {O},
    "tasks.paper_add": {O},
    "tasks.paper_add_many": {O},
    "tasks.paper_copy_previous": {O},
    "tasks.paper_move": {O},
    "tasks.paper_remove": {O},
    "tasks.paper_booklet": {O, J},
    "tasks.paper_answer_sheet": {O, J},
    "tasks.paper_key": {O, J},
    "tasks.correct_key": {O},
    "tasks.correct_key_apply": {O},
    "operations.index": {O},
    "operations.backup": {O},
    "operations.retention": {O},
    "operations.purge_personal_data": {O},
    "api.openapi": PUBLIC,
    "api.olympiads": PUBLIC,
    "api.olympiad": PUBLIC,
    "api.table": PUBLIC,
    "api.certificate": PUBLIC,
    "health.health": PUBLIC,
}


def test_every_route_is_listed(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - EXPECTED.keys() == set(), "new routes need a line in EXPECTED"
    assert EXPECTED.keys() - endpoints == set(), "EXPECTED names routes that do not exist"


def _url(rule: Rule, ids: dict[str, int]) -> str:
    values = {}
    for arg in rule.arguments:
        if arg == "filename":
            values[arg] = "css/app.css"
        elif arg == "code":
            values[arg] = "ru"
        else:
            values[arg] = ids.get(arg, 1)
    return rule.build(values)[1]


def _requests(app, ids):
    rules = sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint == "auth.logout")
    for rule in rules:
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, _url(rule, ids)


def _participant(make_school):
    """A participant of an olympiad whose marking is over, signed in by code in a test."""
    school = make_school()
    olympiad = Olympiad(
        title="Олимпиада", academic_year="2020-2021", status=OlympiadStatus.PRELIMINARY
    )
    participant = Participant(
        olympiad=olympiad,
        school_id=school.id,
        surname="Кодова",
        name="Вера",
        grade_studied=9,
        grade_competed=9,
        identity_key="x",
        cipher="KOD-101",
        access_code="K7MX-4QPR-9TWZ",
    )
    db.session.add(participant)
    db.session.commit()
    return participant


@pytest.mark.parametrize("who", ["anonymous", O, C, J, PARTICIPANT])
def test_route_answers(app, client, login, make_user, make_school, who):
    target_user = make_user(Role.JUROR)
    target_school = make_school()
    ids = {"user_id": target_user.id, "school_id": target_school.id}
    if who == PARTICIPANT:
        code = _participant(make_school).access_code
        assert client.post("/participant/login", data={"code": code}).status_code == 302
    elif who != "anonymous":
        login(make_user(who))
    for endpoint, method, url in _requests(app, ids):
        response = client.open(url, method=method)
        response.close()  # static files are streamed
        expected = EXPECTED[endpoint]
        went_to_login = response.status_code == 302 and "/auth/login" in response.location
        if endpoint == "auth.logout" and who not in ("anonymous", PARTICIPANT):
            went_to_login = False  # logging out lands on the login page by design
        where = f"{method} {url} as {who}"
        if endpoint == "participant.logout":
            client.post("/participant/login", data={"code": "K7MX-4QPR-9TWZ"})
        if expected == PUBLIC:
            assert response.status_code != 403 and not went_to_login, where
        elif expected == PARTICIPANT:
            went_to_code = response.status_code == 302 and "/participant/login" in response.location
            if who == PARTICIPANT:
                assert response.status_code != 403 and not went_to_code, where
            else:
                assert went_to_code, f"{where}: expected a redirect to the code login"
        elif who in ("anonymous", PARTICIPANT):
            assert went_to_login, f"{where}: expected a redirect to login"
        elif who in expected:
            assert response.status_code != 403 and not went_to_login, where
        else:
            assert response.status_code == 403, f"{where}: expected 403"


@pytest.mark.fresh_app  # adds a route
def test_route_without_rule_is_refused(app, client, login, make_user):
    app.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    login(make_user(O))
    response = client.get("/forgotten")
    assert response.status_code == 403
    assert "secret" not in response.get_data(as_text=True)
