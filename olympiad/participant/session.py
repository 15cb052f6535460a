"""Who the participant is in this browser: their row, found from the signed session cookie.

A participant has no account: the access code is the key. The session keeps the row's id, a
fingerprint of the code and the participant's session generation: a re-issued code ends the
sessions opened with the old one, and signing out (which counts one generation up) ends every
copy of the session, also one copied from the cookie of a shared school computer.
"""

from __future__ import annotations

import hashlib

from flask import g, session
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from olympiad.domain.codes import normalize_access_code
from olympiad.domain.olympiad_rules import OlympiadStatus
from olympiad.extensions import db
from olympiad.models import Participant, ParticipantStatus

KEY = "participant"

# codes are printed on slips once registration closes; before that nobody may sign in
_SIGN_IN_STATES = {
    OlympiadStatus.REGISTRATION_CLOSED,
    OlympiadStatus.HELD,
    OlympiadStatus.MARKING,
    OlympiadStatus.PRELIMINARY,
    OlympiadStatus.FINAL,
    OlympiadStatus.PUBLISHED,
}


# built once: every request of a participant runs them (building a statement and its cache
# key costs about as much as SQLite's answer)
_WITH_OLYMPIAD = select(Participant).options(joinedload(Participant.olympiad))
_BY_ID = _WITH_OLYMPIAD.where(Participant.id == bindparam("participant_id"))
_BY_CODE = _WITH_OLYMPIAD.where(Participant.access_code == bindparam("code"))


def _fingerprint(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()[:16]


def _may_sign_in(participant: Participant | None) -> bool:
    return (
        participant is not None
        and participant.status == ParticipantStatus.ENROLLED
        and participant.access_code is not None
        and participant.olympiad.status in _SIGN_IN_STATES
    )


def find(code_typed: str) -> Participant | None:
    """The participant whose access code this is, if they may sign in now."""
    code = normalize_access_code(code_typed or "")
    if code is None:
        return None
    participant = db.session.scalar(_BY_CODE, {"code": code})
    return participant if _may_sign_in(participant) else None


def sign_in(participant: Participant) -> None:
    session.permanent = True
    fingerprint = _fingerprint(participant.access_code)
    session[KEY] = [participant.id, fingerprint, participant.session_generation]


def sign_out() -> None:
    """End this participant's session here and every copy of it (the view commits)."""
    participant = current()
    if participant is not None:
        # a plain UPDATE: the enrollment forms' optimistic version is not touched
        db.session.execute(
            update(Participant)
            .where(Participant.id == participant.id)
            .values(session_generation=Participant.session_generation + 1)
        )
    session.pop(KEY, None)
    g.pop("participant", None)


def current() -> Participant | None:
    """The signed-in participant of this request, or None."""
    if "participant" in g:
        return g.participant
    participant = None
    stored = session.get(KEY)
    if isinstance(stored, list) and len(stored) == 3 and isinstance(stored[0], int):
        # with its olympiad in one query: every participant's request needs both
        found = db.session.scalar(_BY_ID, {"participant_id": stored[0]})
        if (
            _may_sign_in(found)
            and found.access_code is not None
            and _fingerprint(found.access_code) == stored[1]
            and found.session_generation == stored[2]
        ):
            participant = found
    g.participant = participant
    return participant
