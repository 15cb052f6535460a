"""Operations on enrollments. They flush; the view (or the CLI) commits."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from olympiad import audit
from olympiad.actions import Refused
from olympiad.domain.codes import issue_access_codes, issue_ciphers
from olympiad.enrollment.labels import CONSENT_TEXT_VERSION
from olympiad.enrollment.validation import StudentData
from olympiad.enrollment.values import NO_PATRONYMIC, clean, fold, normalize_person_name
from olympiad.enrollment.values import person_key as _person_key
from olympiad.extensions import db
from olympiad.models import (
    Consent,
    ConsentKind,
    Olympiad,
    OlympiadStatus,
    Participant,
    ParticipantStatus,
    PublicationForm,
    Role,
    School,
    User,
)
from olympiad.models.base import utcnow
from olympiad.olympiads.services import registration_open
from olympiad.versions import is_stale


class EnrollmentError(Refused):
    """A refused change, with a message for the user."""


STALE = _l("Пока вы редактировали, запись изменил другой пользователь. Обновите страницу.")


def may_enroll(user: User | None, olympiad: Olympiad) -> bool:
    """Coordinators within the registration window (state and dates); the organizer and the
    CLI (user None) while registration is open, whatever the dates, since they set them."""
    if user is None or user.role == Role.ORGANIZER:
        return olympiad.status == OlympiadStatus.REGISTRATION_OPEN
    return user.role == Role.COORDINATOR and registration_open(olympiad)


def check_window(user: User | None, olympiad: Olympiad) -> None:
    if not may_enroll(user, olympiad):
        raise EnrollmentError(
            _(
                "Регистрация на олимпиаду закрыта: записывать, изменять и отзывать участников "
                "сейчас нельзя."
            )
        )


def identity_key(data: StudentData) -> str:
    """The same student (school, full name, grade studied) is enrolled once per olympiad."""
    key = _person_key(data.school_id, data.surname, data.name, data.patronymic, data.grade_studied)
    return "|".join(map(str, key))


def normalized(data: StudentData) -> StudentData:
    """Names as the import stores them: ИВАНОВ and иванов -> Иванов; «-» means no patronymic."""
    patronymic = "" if fold(data.patronymic) in NO_PATRONYMIC else data.patronymic
    return dataclasses.replace(
        data,
        surname=normalize_person_name(data.surname),
        name=normalize_person_name(data.name),
        patronymic=normalize_person_name(patronymic),
        mentor=clean(data.mentor),
    )


def _check(actor: User | None, olympiad: Olympiad, data: StudentData, exclude_id=None):
    """Refuse what may not be enrolled; returns a withdrawn record of the same student."""
    if actor is not None and actor.role == Role.COORDINATOR and data.school_id != actor.school_id:
        raise EnrollmentError(_("Координатор записывает только учеников своей школы."))
    school = db.session.get(School, data.school_id)
    if school is None or school.is_archived:
        raise EnrollmentError(_("Такой школы нет в реестре."))
    for grade in (data.grade_studied, data.grade_competed):
        if grade not in olympiad.grades:
            raise EnrollmentError(_("В олимпиаде нет %(grade)s класса.", grade=grade))
    if data.grade_competed < data.grade_studied:
        raise EnrollmentError(_("Класс участия не может быть ниже класса обучения."))
    if not data.consent_processing:
        raise EnrollmentError(
            _("Без согласия родителя на обработку персональных данных ученика записать нельзя.")
        )
    same = db.session.scalar(
        select(Participant).where(
            Participant.olympiad_id == olympiad.id,
            Participant.identity_key == identity_key(data),
            Participant.id != (exclude_id or 0),
        )
    )
    if same is not None and same.status == ParticipantStatus.ENROLLED:
        raise EnrollmentError(
            _(
                "%(name)s (%(grade)s класс) уже записан(а) на эту олимпиаду от этой школы.",
                name=same.full_name,
                grade=same.grade_studied,
            )
        )
    limit = olympiad.school_grade_limit
    if limit:
        taken = db.session.scalar(
            select(func.count(Participant.id)).where(
                Participant.olympiad_id == olympiad.id,
                Participant.school_id == data.school_id,
                Participant.grade_competed == data.grade_competed,
                Participant.status == ParticipantStatus.ENROLLED,
                Participant.id != (exclude_id or 0),
            )
        )
        if taken >= limit:
            raise EnrollmentError(
                _(
                    "От школы в %(grade)s классе можно записать не больше %(n)s участников.",
                    grade=data.grade_competed,
                    n=limit,
                )
            )
    return same


def _store(actor: User | None, olympiad: Olympiad, data: StudentData, participant=None):
    """Write the student's fields and consents into a new or an existing record."""
    if participant is None:
        participant = Participant(olympiad_id=olympiad.id)
        db.session.add(participant)
    participant.school_id = data.school_id
    participant.surname = data.surname
    participant.name = data.name
    participant.patronymic = data.patronymic
    participant.grade_studied = data.grade_studied
    participant.grade_competed = data.grade_competed
    participant.mentor = data.mentor
    participant.gender = data.gender
    participant.identity_key = identity_key(data)
    participant.status = ParticipantStatus.ENROLLED
    _record_consents(actor, participant, data)
    return participant


def _record_consents(actor: User | None, participant: Participant, data: StudentData) -> None:
    """A consent that changed is recorded anew: its text edition, time and who recorded it."""
    form = None if data.consent_publication == "none" else PublicationForm(data.consent_publication)
    wanted = {
        ConsentKind.PROCESSING: (data.consent_processing, None),
        ConsentKind.PUBLICATION: (form is not None, form),
        ConsentKind.WORK_PUBLICATION: (data.consent_work_publication, None),
    }
    for kind, (granted, publication_form) in wanted.items():
        consent = participant.consent(kind)
        if consent is None:
            consent = Consent(kind=kind)
            participant.consents.append(consent)
        elif (consent.granted, consent.publication_form) == (granted, publication_form):
            continue
        consent.granted = granted
        consent.publication_form = publication_form
        consent.text_version = CONSENT_TEXT_VERSION
        consent.recorded_at = utcnow()
        consent.recorded_by_id = actor.id if actor is not None else None


def snapshot(participant: Participant) -> dict:
    consents = {c.kind.value: c.publication_form or c.granted for c in participant.consents}
    return {
        "full_name": participant.full_name,
        "school_id": participant.school_id,
        "grade_studied": participant.grade_studied,
        "grade_competed": participant.grade_competed,
        "mentor": participant.mentor,
        "consents": {k: str(v) for k, v in consents.items()},
    }


@contextmanager
def _savepoint() -> Iterator[None]:
    """The changes made inside are flushed together, or, if the database refuses them (the
    same student enrolled a moment ago from elsewhere), undone with a message."""
    try:
        with db.session.begin_nested():
            yield
            db.session.flush()
    except IntegrityError:
        raise EnrollmentError(
            _("Этого ученика только что записали с другого устройства. Обновите страницу.")
        ) from None
    except StaleDataError:
        raise EnrollmentError(STALE) from None


def enroll_student(actor: User | None, olympiad: Olympiad, data: StudentData) -> Participant:
    """Enroll one student; a student withdrawn earlier is enrolled again on the same record."""
    check_window(actor, olympiad)
    data = normalized(data)
    withdrawn = _check(actor, olympiad, data)
    with _savepoint():
        participant = _store(actor, olympiad, data, withdrawn)
    audit.record(actor, "participant_enrolled", participant, new=snapshot(participant))
    return participant


def enroll_many(actor: User | None, olympiad: Olympiad, students: Sequence[StudentData]) -> int:
    """Enroll students the import has already checked (duplicates, limits); all or none."""
    check_window(actor, olympiad)
    withdrawn = {
        p.identity_key: p
        for p in db.session.scalars(
            select(Participant).where(
                Participant.olympiad_id == olympiad.id,
                Participant.status == ParticipantStatus.WITHDRAWN,
            )
        )
    }
    with _savepoint():
        for data in map(normalized, students):
            _store(actor, olympiad, data, withdrawn.get(identity_key(data)))
    return len(students)


def update_participant(
    actor: User, participant: Participant, data: StudentData, version: int | None
) -> None:
    check_window(actor, participant.olympiad)
    if participant.status != ParticipantStatus.ENROLLED:
        raise EnrollmentError(_("Участник отозван; запишите его заново."))
    if is_stale(version, participant.version):
        raise EnrollmentError(STALE)
    data = normalized(data)
    if _check(actor, participant.olympiad, data, exclude_id=participant.id) is not None:
        raise EnrollmentError(
            _(
                "Ученик с такими ФИО и классом был записан и отозван. Отзовите эту запись "
                "и запишите его заново."
            )
        )
    old = snapshot(participant)
    with _savepoint():
        _store(actor, participant.olympiad, data, participant)
    audit.record(actor, "participant_updated", participant, old=old, new=snapshot(participant))


def withdraw_participant(actor: User, participant: Participant) -> None:
    """The record stays (its cipher is never given to anyone else), marked withdrawn."""
    check_window(actor, participant.olympiad)
    if participant.status == ParticipantStatus.WITHDRAWN:
        raise EnrollmentError(_("Участник уже отозван."))
    participant.status = ParticipantStatus.WITHDRAWN
    participant.room_id = None
    db.session.flush()
    audit.record(actor, "participant_withdrawn", participant, old=snapshot(participant))


def issue_codes(olympiad: Olympiad) -> int:
    """Give every enrolled participant a cipher and an access code; issued ones are kept.
    Returns how many participants got new codes."""
    everyone = db.session.scalars(
        select(Participant).where(Participant.olympiad_id == olympiad.id).order_by(Participant.id)
    ).all()
    enrolled = [p for p in everyone if p.status == ParticipantStatus.ENROLLED]
    ciphers = issue_ciphers(
        [p.id for p in enrolled], {p.id: p.cipher for p in everyone if p.cipher}
    )
    access = issue_access_codes(
        [p.id for p in enrolled], {p.id: p.access_code for p in everyone if p.access_code}
    )
    fresh = 0
    for participant in enrolled:
        fresh += participant.cipher is None
        participant.cipher = ciphers[participant.id]
        participant.access_code = access[participant.id]
    db.session.flush()
    return fresh
