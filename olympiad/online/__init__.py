"""The online round: participants write the olympiad in the browser, in the organizer's
window, with the same papers, scoring and marking as on paper."""

from olympiad.online import late_views, staff_views  # noqa: F401  (their routes)
from olympiad.online.views import bp

__all__ = ["bp"]
