"""Each notice is queued by the change that causes it, in its transaction, only when the
organizer switched it on, and only to the people it is for who have an address."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from olympiad.appeals.deciding import decide
from olympiad.appeals.filing import file_appeal
from olympiad.certificates.issuing import issue_all
from olympiad.extensions import db
from olympiad.mail import notices
from olympiad.mail.notices import NOTICES
from olympiad.marking.jury import appoint
from olympiad.marking.marks import save_mark
from olympiad.models import AppealState, Attendance, OlympiadStatus, OutboxMessage, Role
from olympiad.olympiads.services import change_status

S = OlympiadStatus


def switch_on(*kinds: str) -> None:
    for kind in kinds or [n.kind for n in NOTICES]:
        notices.set_enabled(kind, True)
    db.session.commit()


def outbox(kind: str | None = None) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return list(db.session.scalars(query))


def with_email(*users) -> None:
    for user in users:
        user.email = f"{user.login}@example.org"
    db.session.commit()


def test_the_organizer_reads_each_text_and_switches_it(app, client, login, make_user):
    organizer = make_user(Role.ORGANIZER)
    login(organizer)
    page = client.get("/mail/").get_data(as_text=True)
    assert "Почта выключена" in page
    for notice in NOTICES:
        subject, body = notices.sample(notice.kind)
        assert subject in page
        assert body.split("\n\n")[1] in page
    assert page.count("выключено") >= len(NOTICES)
    assert client.post("/mail/notices/certificates_ready", data={"enabled": "1"}).status_code == 302
    assert notices.enabled_kinds() == {"certificates_ready"}
    client.post("/mail/notices/certificates_ready", data={"enabled": "0"})
    assert notices.enabled_kinds() == set()
    assert client.post("/mail/notices/no-such-kind", data={"enabled": "1"}).status_code == 404
    refused = client.post("/mail/notices/certificates_ready", data={"enabled": "да"})
    assert "не переключено" in client.get(refused.location).get_data(as_text=True)
    assert notices.enabled_kinds() == set()


def test_switched_off_notice_is_not_queued(app, make_olympiad, make_user):
    organizer, coordinator = make_user(Role.ORGANIZER), make_user(Role.COORDINATOR)
    with_email(coordinator)
    olympiad = make_olympiad(status=S.DRAFT)
    change_status(organizer, olympiad, S.REGISTRATION_OPEN)
    db.session.commit()
    assert outbox() == []


def test_registration_opened_goes_to_coordinators_with_an_address(app, make_olympiad, make_user):
    switch_on("registration_opened")
    organizer = make_user(Role.ORGANIZER)
    reader, silent, off = (make_user(Role.COORDINATOR) for _ in range(3))
    with_email(reader, off)
    off.active = False
    olympiad = make_olympiad(status=S.DRAFT, registration_closes_on=date(2026, 12, 15))
    change_status(organizer, olympiad, S.REGISTRATION_OPEN)
    db.session.rollback()  # not committed: nothing queued either
    assert outbox() == []
    change_status(organizer, olympiad, S.REGISTRATION_OPEN)
    db.session.commit()
    (message,) = outbox("registration_opened")
    assert message.recipient == reader.email
    assert olympiad.title in message.subject
    assert "15.12.2026" in message.body and reader.full_name in message.body


def test_codes_issued_goes_to_the_schools_taking_part(
    app, make_olympiad, make_participant, make_user, make_school
):
    switch_on()
    organizer = make_user(Role.ORGANIZER)
    taking, other = make_user(Role.COORDINATOR), make_user(Role.COORDINATOR)
    with_email(taking, other)
    olympiad = make_olympiad(status=S.REGISTRATION_OPEN)
    make_participant(olympiad, taking.school)
    change_status(organizer, olympiad, S.REGISTRATION_CLOSED)
    db.session.commit()
    assert [m.recipient for m in outbox("codes_issued")] == [taking.email]
    assert "бланки" in outbox("codes_issued")[0].body


def test_jury_appointed_and_marking_opened(app, make_olympiad, make_user):
    switch_on()
    organizer = make_user(Role.ORGANIZER)
    chair, juror = make_user(Role.JUROR), make_user(Role.JUROR)
    with_email(chair, juror)
    olympiad = make_olympiad(status=S.HELD)
    appoint(organizer, olympiad, chair.id, True)
    appoint(organizer, olympiad, juror.id, False)
    db.session.commit()
    appointed = outbox("jury_appointed")
    assert [m.recipient for m in appointed] == [chair.email, juror.email]
    assert "председателем" in appointed[0].body and "председателем" not in appointed[1].body
    change_status(organizer, olympiad, S.MARKING)
    db.session.commit()
    assert {m.recipient for m in outbox("marking_opened")} == {chair.email, juror.email}


def test_preliminary_results_carry_the_appeal_deadline(
    app, make_olympiad, make_participant, make_user
):
    switch_on()
    organizer, coordinator = make_user(Role.ORGANIZER), make_user(Role.COORDINATOR)
    with_email(coordinator)
    olympiad = make_olympiad(status=S.MARKING)
    make_participant(olympiad, coordinator.school, attendance=Attendance.ABSENT)
    closes = datetime(2030, 3, 20, 10, 0, tzinfo=ZoneInfo("UTC"))
    change_status(organizer, olympiad, S.PRELIMINARY, appeals_close_at=closes)
    db.session.commit()
    (message,) = outbox("preliminary_results")
    assert message.recipient == coordinator.email
    assert "20.03.2030 18:00" in message.body  # the district's time (UTC+8)


def test_appeal_decided_goes_to_the_pupils_coordinator(app, prelim):
    switch_on()
    with_email(prelim.coordinator, prelim.foreign)
    participant = prelim.by_cipher["KMT-103"]
    appeal = file_appeal(None, participant, prelim.items["record"].id, "Не согласен.")
    db.session.commit()
    decide(prelim.chair, appeal, AppealState.REJECTED, None, "Оценка верна", appeal.version)
    db.session.commit()
    (message,) = outbox("appeal_decided")
    assert message.recipient == prelim.coordinator.email
    assert f"№ {appeal.number}" in message.subject and "отклонена" in message.body


def test_certificates_ready(app, signed, make_user):
    switch_on()
    coordinators = notices.coordinators_of(signed.olympiad.id)
    assert coordinators
    with_email(*coordinators)
    assert issue_all(signed.organizer, signed.olympiad) > 0
    db.session.commit()
    assert {m.recipient for m in outbox("certificates_ready")} == {c.email for c in coordinators}


def test_daily_reminders_once_a_day(app, runner, make_olympiad, make_user, scene):
    switch_on()
    coordinator = make_user(Role.COORDINATOR)
    with_email(coordinator, scene.chair, scene.juror_a)
    today = datetime.now(ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])).date()
    make_olympiad(registration_closes_on=today + timedelta(days=2), title="Скоро закрытие")
    make_olympiad(registration_closes_on=today + timedelta(days=5), title="Не скоро")
    item = scene.items["record"]
    save_mark(
        None, scene.olympiad, _work(scene, "KMT-102"), item, [1, 1], "", 0, juror=scene.juror_a
    )
    save_mark(
        None, scene.olympiad, _work(scene, "KMT-102"), item, [4, 5], "", 0, juror=scene.juror_b
    )
    db.session.commit()
    for _ in range(2):
        result = runner.invoke(args=["mail", "reminders"])
        assert result.exit_code == 0, result.output
    closing = outbox("registration_closing")
    assert [m.recipient for m in closing] == [coordinator.email]
    assert "Скоро закрытие" in closing[0].subject
    (chair_message,) = outbox("discrepancies")
    assert chair_message.recipient == scene.chair.email


def _work(marking_scene, cipher):
    from olympiad.marking.works import find_work

    return find_work(marking_scene.olympiad, cipher)
