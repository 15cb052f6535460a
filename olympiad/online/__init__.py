"""The online round: participants write the olympiad in the browser, in the organizer's
window, with the same papers, scoring and marking as on paper."""

from olympiad.online import staff_views  # noqa: F401  (its routes)
from olympiad.online.views import bp

__all__ = ["bp"]
