"""Enrollment of students: one by one, from a spreadsheet, and the closing of registration."""

from olympiad.enrollment import day_views, import_views  # noqa: F401  (their routes join bp)
from olympiad.enrollment.views import bp

__all__ = ["bp"]
