"""The registry of the district's schools."""

from olympiad.schools.views import bp

__all__ = ["bp"]
