"""Task bank: tasks of every type, their keys and papers composed from them."""

from olympiad.tasks import exchange_views, paper_views  # noqa: F401  (their routes join bp)
from olympiad.tasks.views import bp

__all__ = ["bp"]
