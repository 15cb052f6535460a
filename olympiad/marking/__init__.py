"""Marking: the jury enters answers and marks works by cipher, twice where it matters."""

from olympiad.marking import grid_views, import_views, mark_views  # noqa: F401  (routes join bp)
from olympiad.marking.views import bp

__all__ = ["bp"]
