"""E-mail: the outbox, its worker, the notices and the organizer's mail page."""

from olympiad.mail.views import bp

__all__ = ["bp"]
