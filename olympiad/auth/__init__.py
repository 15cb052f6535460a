"""Logging in and out, and changing one's password."""

from olympiad.auth.views import bp

__all__ = ["bp"]
