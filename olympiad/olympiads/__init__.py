"""Olympiads: their settings, grade groups, rooms and the steps of their life."""

from olympiad.olympiads.views import bp

__all__ = ["bp"]
