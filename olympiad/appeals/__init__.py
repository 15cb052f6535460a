"""Appeals: a participant or their coordinator disagrees with a task's mark; the jury chair
decides, and each appeal has its protocol."""

from olympiad.appeals import jury_views, showing  # noqa: F401  (their routes join bp)
from olympiad.appeals.views import bp

__all__ = ["bp"]
