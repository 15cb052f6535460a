"""Results: rating tables, awards, states from preliminary to published, exports."""

from olympiad.results import downloads, pages  # noqa: F401,E402  (their routes)
from olympiad.results.views import bp

__all__ = ["bp"]
