"""Purging an archived olympiad's personal data once its retention period has passed.

Removed: the participants' names and mentors (the surname becomes the cipher, so every list
still reads), the identity key, the access codes, the parents' consents, the mentors' names
on the letters, and every trace of those names in the audit trail of the olympiad's objects.

Kept: ciphers, schools, grades, attendance, answers and marks with their history, appeals,
statuses, the frozen protocol, certificates (serials and codes: a check still answers
"genuine", without a name; the cached bundles of their PDFs are deleted) and so every
statistic and the plan summary. The texts of the works are the work, not personal data,
and stay; a name a student wrote into them (or an appeal) is replaced by the cipher.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, func, or_, select

from olympiad import audit
from olympiad.actions import Refused
from olympiad.certificates import bundles
from olympiad.domain.olympiad_rules import OlympiadStatus
from olympiad.extensions import db
from olympiad.models import (
    Answer,
    Appeal,
    AuditEntry,
    Certificate,
    Consent,
    LateAnswer,
    Mark,
    Olympiad,
    OnlineAnswer,
    OnlineAttempt,
    Participant,
    StatusOverride,
    User,
)
from olympiad.models.base import utcnow

# keys of audit snapshots that hold a participant's personal data
PERSONAL_KEYS = frozenset(
    {"full_name", "surname", "name", "patronymic", "mentor", "identity_key", "access_code"}
)
REMOVED = "—"


@dataclass(frozen=True)
class PurgePlan:
    participants: int
    consents: int
    access_codes: int
    mentors: int
    certificates: int
    audit_entries: int


def archived_on(olympiad: Olympiad) -> datetime | None:
    """When the olympiad was archived (for one archived before the date was kept: the audit)."""
    if olympiad.archived_at is not None:
        return olympiad.archived_at
    if olympiad.status != OlympiadStatus.ARCHIVED:
        return None
    return db.session.scalar(
        select(func.max(AuditEntry.at)).where(
            AuditEntry.object_type == "Olympiad",
            AuditEntry.object_id == olympiad.id,
            AuditEntry.action == "olympiad_status",
        )
    )


def purge_due(olympiad: Olympiad) -> datetime | None:
    archived = archived_on(olympiad)
    return archived + timedelta(days=olympiad.retention_days) if archived else None


def refusal(olympiad: Olympiad, now: datetime | None = None) -> str | None:
    """Why the personal data may not be purged now, or None when it may."""
    if olympiad.purged_at is not None:
        return _("Персональные данные этой олимпиады уже удалены.")
    if olympiad.status != OlympiadStatus.ARCHIVED:
        return _("Удалить персональные данные можно только у олимпиады в архиве.")
    due = purge_due(olympiad)
    if due is not None and (now or utcnow()) < due:
        return _(
            "Срок хранения персональных данных ещё не истёк: удалить их можно с %(day)s.",
            day=due.strftime("%d.%m.%Y"),
        )
    return None


def _participants(olympiad: Olympiad) -> list[Participant]:
    return list(
        db.session.scalars(select(Participant).where(Participant.olympiad_id == olympiad.id))
    )


def _ids(model, olympiad_ids: Iterable[int], column) -> list[int]:
    return list(db.session.scalars(select(model.id).where(column.in_(list(olympiad_ids)))))


def _objects(olympiad: Olympiad, people: list[int]) -> dict[str, list[int]]:
    """The ids of this olympiad's objects, by the name the audit trail gives their type."""
    attempts = _ids(OnlineAttempt, people, OnlineAttempt.participant_id)
    return {
        "Olympiad": [olympiad.id],
        "Participant": people,
        "Consent": _ids(Consent, people, Consent.participant_id),
        "Answer": _ids(Answer, people, Answer.participant_id),
        "Mark": _ids(Mark, people, Mark.participant_id),
        "Appeal": _ids(Appeal, people, Appeal.participant_id),
        "StatusOverride": _ids(StatusOverride, people, StatusOverride.participant_id),
        "Certificate": _ids(Certificate, [olympiad.id], Certificate.olympiad_id),
        "OnlineAttempt": attempts,
        "OnlineAnswer": _ids(OnlineAnswer, attempts, OnlineAnswer.attempt_id),
    }


def _audit_query(objects: dict[str, list[int]]):
    return select(AuditEntry).where(
        or_(
            *(
                (AuditEntry.object_type == kind) & AuditEntry.object_id.in_(ids)
                for kind, ids in objects.items()
                if ids
            )
        )
    )


def plan(olympiad: Olympiad) -> PurgePlan:
    """What a purge would remove: the counts shown before the confirmation."""
    people = _participants(olympiad)
    ids = [p.id for p in people]
    certificates = _ids(Certificate, [olympiad.id], Certificate.olympiad_id)
    entries = db.session.scalar(
        select(func.count()).select_from(_audit_query(_objects(olympiad, ids)).subquery())
    )
    return PurgePlan(
        participants=len(people),
        consents=len(_ids(Consent, ids, Consent.participant_id)),
        access_codes=sum(1 for p in people if p.access_code),
        mentors=sum(1 for p in people if p.mentor),
        certificates=len(certificates),
        audit_entries=entries or 0,
    )


class _Scrubber:
    """Replaces the names of one olympiad's participants in texts and JSON values."""

    def __init__(self, people: list[Participant]):
        pairs: dict[str, str] = {}
        for person in people:
            cipher = person.cipher or REMOVED
            for needle in (
                person.full_name,
                f"{person.surname} {person.name}",
                f"{person.name} {person.surname}",
                person.mentor,
            ):
                if needle and len(needle) > 3:
                    pairs[needle] = cipher if needle != person.mentor else REMOVED
        # the longest first, so a full name goes before its part
        self.pairs = sorted(pairs.items(), key=lambda pair: -len(pair[0]))

    def text(self, value: str) -> str:
        for needle, replacement in self.pairs:
            if needle in value:
                value = value.replace(needle, replacement)
        return value

    def json(self, value, personal_keys: bool = False):
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(item, personal_keys) for item in value]
        if isinstance(value, dict):
            return {
                key: REMOVED
                if personal_keys and key in PERSONAL_KEYS and item
                else self.json(item, personal_keys)
                for key, item in value.items()
            }
        return value


def purge(actor: User, olympiad: Olympiad, now: datetime | None = None) -> PurgePlan:
    """Remove the olympiad's personal data (see the module's docstring); flushes, audits."""
    reason = refusal(olympiad, now)
    if reason:
        raise Refused(reason)
    counts = plan(olympiad)
    people = _participants(olympiad)
    ids = [p.id for p in people]
    scrub = _Scrubber(people)
    objects = _objects(olympiad, ids)
    for entry in db.session.scalars(_audit_query(objects)):
        entry.old_value = scrub.json(entry.old_value, personal_keys=True)
        entry.new_value = scrub.json(entry.new_value, personal_keys=True)
        entry.reason = scrub.text(entry.reason)
    for answer in db.session.scalars(select(Answer).where(Answer.participant_id.in_(ids))):
        answer.text, answer.value = scrub.text(answer.text), scrub.json(answer.value)
    for answer in db.session.scalars(
        select(OnlineAnswer).where(OnlineAnswer.id.in_(objects["OnlineAnswer"]))
    ):
        answer.text, answer.value = scrub.text(answer.text), scrub.json(answer.value)
    late = select(LateAnswer).where(LateAnswer.attempt_id.in_(objects["OnlineAttempt"]))
    for answer in db.session.scalars(late):
        answer.text, answer.value = scrub.text(answer.text), scrub.json(answer.value)
        answer.reason = scrub.text(answer.reason)
    for appeal in db.session.scalars(select(Appeal).where(Appeal.participant_id.in_(ids))):
        appeal.reasoning, appeal.decision = (
            scrub.text(appeal.reasoning),
            scrub.text(appeal.decision),
        )
    for override in db.session.scalars(
        select(StatusOverride).where(StatusOverride.participant_id.in_(ids))
    ):
        override.reason = scrub.text(override.reason)
    for certificate in db.session.scalars(
        select(Certificate).where(Certificate.olympiad_id == olympiad.id)
    ):
        certificate.mentor = ""
        certificate.revoke_reason = scrub.text(certificate.revoke_reason)
    db.session.execute(delete(Consent).where(Consent.participant_id.in_(ids)))
    for person in people:
        person.disqualification_reason = scrub.text(person.disqualification_reason)
        person.surname = person.cipher or REMOVED
        person.name = person.patronymic = person.mentor = ""
        person.identity_key = f"purged:{person.id}"
        person.access_code = None
    olympiad.purged_at = now or utcnow()
    db.session.flush()
    bundles.forget(olympiad.id)  # the cached certificate files print the names too
    db.session.expire_all()
    audit.record(
        actor,
        "personal_data_purged",
        olympiad,
        new={
            "participants": counts.participants,
            "consents": counts.consents,
            "access_codes": counts.access_codes,
            "mentors": counts.mentors,
            "audit_entries": counts.audit_entries,
        },
    )
    return counts


def set_retention(actor: User, olympiad: Olympiad, days: int) -> None:
    old = olympiad.retention_days
    olympiad.retention_days = days
    db.session.flush()
    audit.record(actor, "retention_changed", olympiad, old={"days": old}, new={"days": days})
