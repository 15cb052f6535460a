"""The participant's own pages: sign in with the access code, see what is open to them."""

from olympiad.participant.views import bp

__all__ = ["bp"]
