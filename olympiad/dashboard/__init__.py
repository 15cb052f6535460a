"""The landing page of each role: what to do next."""

from olympiad.dashboard.views import bp

__all__ = ["bp"]
