"""Results: rating tables, awards, states from preliminary to published, exports."""

from olympiad.results import downloads, pages, public_protocol  # noqa: F401,E402  (routes)
from olympiad.results.views import bp

__all__ = ["bp"]
