"""Results: rating tables, awards, states from preliminary to published, exports."""

# their routes; stamp: the results stamp follows every change
from olympiad.results import downloads, pages, public_protocol, stamp  # noqa: F401,E402
from olympiad.results.views import bp

__all__ = ["bp"]
