"""The notices of each state change, called by the services in their own transaction, and the
daily reminders."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import force_locale, format_date, format_datetime
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.links import public_url
from olympiad.mail.notices import already_sent, coordinators, coordinators_of, notify
from olympiad.models import JuryMember, Olympiad, OlympiadStatus, User

S = OlympiadStatus


def _day(value: date | None) -> str:
    with force_locale("ru"):
        return format_date(value, "dd.MM.yyyy") if value else "—"


def _link(path: str = "/") -> str:
    return public_url() + path


def _jury(olympiad: Olympiad, chair_only: bool = False) -> list[User]:
    query = select(JuryMember).where(JuryMember.olympiad_id == olympiad.id)
    if chair_only:
        query = query.where(JuryMember.is_chair)
    return [member.user for member in db.session.scalars(query)]


def olympiad_status_changed(olympiad: Olympiad) -> None:
    """The notice of the olympiad's new state, if it has one."""
    base = {"title": olympiad.title, "link": _link(f"/olympiads/{olympiad.id}")}
    if olympiad.status == S.REGISTRATION_OPEN:
        notify(
            "registration_opened",
            coordinators(),
            closes=_day(olympiad.registration_closes_on),
            **base,
        )
    elif olympiad.status == S.REGISTRATION_CLOSED:
        notify("codes_issued", coordinators_of(olympiad.id), **base)
    elif olympiad.status == S.MARKING:
        notify("marking_opened", _jury(olympiad), **base)
    elif olympiad.status == S.PRELIMINARY:
        with force_locale("ru"):
            deadline = format_datetime(olympiad.appeals_close_at, "dd.MM.yyyy HH:mm")
        notify("preliminary_results", coordinators_of(olympiad.id), deadline=deadline, **base)


def jury_appointed(member: JuryMember, olympiad: Olympiad) -> None:
    chair = " председателем" if member.is_chair else ""
    notify(
        "jury_appointed",
        [member.user],
        title=olympiad.title,
        chair=chair,
        link=_link("/marking/"),
    )


def appeal_decided(appeal, olympiad: Olympiad, school_id: int, accepted: bool) -> None:
    if accepted:
        decision = f"удовлетворена (новая оценка: {appeal.new_points:g} б.)"
    else:
        decision = "отклонена, оценка не изменилась"
    notify(
        "appeal_decided",
        coordinators([school_id]),
        title=olympiad.title,
        number=appeal.number,
        decision=decision,
        link=_link(),
    )


def certificates_issued(olympiad: Olympiad) -> None:
    notify(
        "certificates_ready",
        coordinators_of(olympiad.id),
        topic=f"certificates_ready:{olympiad.id}",
        title=olympiad.title,
        link=_link(),
    )


def daily_reminders(today: date) -> int:
    """Registration closing in two days, and discrepancies waiting for the chair; once a
    day whatever the number of runs. The number of messages queued."""
    queued = 0
    closing = today + timedelta(days=2)
    for olympiad in db.session.scalars(
        select(Olympiad).where(
            Olympiad.status == S.REGISTRATION_OPEN, Olympiad.registration_closes_on == closing
        )
    ):
        topic = f"registration_closing:{olympiad.id}:{closing.isoformat()}"
        if not already_sent(topic):
            queued += notify(
                "registration_closing",
                coordinators(),
                topic=topic,
                title=olympiad.title,
                closes=_day(closing),
                link=_link(f"/olympiads/{olympiad.id}"),
            )
    from olympiad.marking.progress import progress

    for olympiad in db.session.scalars(select(Olympiad).where(Olympiad.status == S.MARKING)):
        count = len(progress(olympiad).queue)
        topic = f"discrepancies:{olympiad.id}:{today.isoformat()}"
        if count and not already_sent(topic):
            queued += notify(
                "discrepancies",
                _jury(olympiad, chair_only=True),
                topic=topic,
                title=olympiad.title,
                count=count,
                link=_link("/marking/"),
            )
    return queued
