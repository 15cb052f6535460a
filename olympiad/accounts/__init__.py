"""The organizer's management of coordinator and jury accounts."""

from olympiad.accounts.views import bp

__all__ = ["bp"]
