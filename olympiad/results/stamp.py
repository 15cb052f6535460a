"""The results stamp: a new random value on an olympiad whenever anything its final results
pages show may have changed, so a page rendered once can be served until then.

One listener on every flush, for every way in: a change of state (approval, publication,
archiving, purge: the olympiad row itself), the frozen protocol, an override, a participant
or a consent (names as published), a grade group or a paper, and a school (its name is on
every olympiad's page). Only olympiads whose results are frozen get a new stamp: preliminary
results are computed on each request and never cached, so the hot paths of the online round
and of marking (answers, marks) are not touched at all. A bulk `update()` that bypasses the
ORM must call `renew` itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from olympiad.domain.olympiad_rules import FROZEN
from olympiad.models import (
    Consent,
    FrozenResult,
    GradeGroup,
    Olympiad,
    Paper,
    PaperTask,
    Participant,
    School,
    StatusOverride,
)

_BY_OLYMPIAD = (FrozenResult, Participant, GradeGroup, Paper)  # they carry olympiad_id
_BY_PARTICIPANT = (StatusOverride, Consent)  # they carry participant_id


def renew(session: Session, olympiad_ids: Iterable[int] | None = None, subquery=None) -> None:
    """A new stamp for these olympiads (all when both are None), if their results are frozen."""
    query = update(Olympiad).where(Olympiad.status.in_(FROZEN))
    if subquery is not None:
        query = query.where(Olympiad.id.in_(subquery))
    elif olympiad_ids is not None:
        query = query.where(Olympiad.id.in_(sorted(set(olympiad_ids))))
    # one value for all of them: a stamp only has to differ from the olympiad's previous one
    session.connection().execute(query.values(results_stamp=uuid.uuid4().hex))


def _touched(session: Session) -> Iterable[object]:
    for obj in session.new:
        yield obj
    for obj in session.deleted:
        yield obj
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            yield obj


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    olympiads: set[int] = set()
    participants: set[int] = set()
    papers: set[int] = set()
    schools = False
    for obj in _touched(session):
        if isinstance(obj, Olympiad):
            olympiads.add(obj.id)
        elif isinstance(obj, _BY_OLYMPIAD):
            olympiads.add(obj.olympiad_id)
        elif isinstance(obj, _BY_PARTICIPANT):
            participants.add(obj.participant_id)
        elif isinstance(obj, PaperTask):
            papers.add(obj.paper_id)
        elif isinstance(obj, School):
            schools = True
    olympiads.discard(None)  # type: ignore[arg-type]
    if schools:
        renew(session)
        return
    if olympiads:
        renew(session, olympiads)
    if participants:
        ids = sorted(p for p in participants if p is not None)
        renew(session, subquery=select(Participant.olympiad_id).where(Participant.id.in_(ids)))
    if papers:
        ids = sorted(p for p in papers if p is not None)
        renew(session, subquery=select(Paper.olympiad_id).where(Paper.id.in_(ids)))
