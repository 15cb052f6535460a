"""Demo step: the 2020-2021 olympiad from the end of marking to published final results.

The chair settles the three discrepancies, marking is closed, two appeals are filed and
decided (one accepted, one rejected), the appeal window closes, the chair approves the final
protocol and the organizer publishes it. All through the real services.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.marking.marks import marks_of, save_mark
from olympiad.marking.progress import progress
from olympiad.models import Olympiad, OlympiadStatus, Role, User
from olympiad.olympiads.services import change_status
from olympiad.results.services import approve_final

YEAR = "2020-2021"
ORDER = "112-од"
ORDER_DATE = date(2021, 3, 22)
APPEALS_CLOSE = datetime(2021, 3, 19, 10, 0, tzinfo=UTC)  # 18:00 in Buryatia


def _settle_discrepancies(olympiad: Olympiad, chair: User) -> None:
    """The chair's mark: the lower of the two, rounded down to a half (a cautious chair)."""
    for queued in progress(olympiad).queue:
        marks = marks_of(queued.work, queued.item)
        lower = min(mark.total for mark in marks.values())
        save_mark(
            chair,
            olympiad,
            queued.work,
            queued.item,
            [],
            "Решение председателя по расхождению.",
            0,
            chair=True,
            total_points=int(lower * 2) / 2,
        )


def load_results() -> None:
    olympiad = db.session.scalar(
        select(Olympiad).where(Olympiad.academic_year == YEAR).order_by(Olympiad.id).limit(1)
    )
    chair = db.session.scalar(select(User).where(User.login == "jury1"))
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER).limit(1))
    if olympiad is None or chair is None or olympiad.status != OlympiadStatus.MARKING:
        return
    _settle_discrepancies(olympiad, chair)
    change_status(organizer, olympiad, OlympiadStatus.PRELIMINARY)
    from olympiad.appeals.demo import load_appeals

    for appeal in load_appeals(olympiad):
        # in the demo's calendar: filed and decided within the window, before it closed
        appeal.filed_at = APPEALS_CLOSE - timedelta(days=2)
        appeal.decided_at = APPEALS_CLOSE - timedelta(days=1)
    olympiad.appeals_close_at = APPEALS_CLOSE
    approve_final(chair, olympiad, ORDER, ORDER_DATE)
    change_status(organizer, olympiad, OlympiadStatus.PUBLISHED)
    db.session.flush()
