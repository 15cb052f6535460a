"""Task bank: tasks of every type, their keys and papers composed from them."""

from olympiad.tasks import (  # noqa: F401  (their routes join bp)
    correction_views,
    exchange_views,
    paper_views,
)
from olympiad.tasks.views import bp

__all__ = ["bp"]
