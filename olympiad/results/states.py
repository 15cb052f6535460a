"""When results may be seen, and by whom; when appeals may be filed.

Until marking is closed, results exist nowhere: not in a page, an export, the API or a
certificate. Preliminary results are for the participants themselves, their coordinators,
the organizer and the jury; the public sees only published final results.
"""

from __future__ import annotations

from datetime import datetime

from olympiad.domain.olympiad_rules import FROZEN, WITH_RESULTS, OlympiadStatus
from olympiad.models import Olympiad
from olympiad.models.base import utcnow

PUBLIC_STATES = frozenset({OlympiadStatus.PUBLISHED, OlympiadStatus.ARCHIVED})


def has_results(olympiad: Olympiad) -> bool:
    """Marking is closed: participants, coordinators, organizer and jury may see results."""
    return olympiad.status in WITH_RESULTS


def is_final(olympiad: Olympiad) -> bool:
    return olympiad.status in FROZEN


def is_public(olympiad: Olympiad) -> bool:
    return olympiad.status in PUBLIC_STATES


def appeals_open(olympiad: Olympiad, now: datetime | None = None) -> bool:
    """Appeals are filed while results are preliminary, until the window closes (if set)."""
    if olympiad.status != OlympiadStatus.PRELIMINARY:
        return False
    closes = olympiad.appeals_close_at
    return closes is None or (now or utcnow()) < closes
