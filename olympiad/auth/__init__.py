"""Logging in and out, and changing one's password."""

from olympiad.auth import reset_views  # noqa: F401  (the password reset routes)
from olympiad.auth.views import bp

__all__ = ["bp"]
