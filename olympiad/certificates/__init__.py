"""Certificates: diplomas of winners and prize-winners, certificates of participation and
letters of thanks to mentors; issued once results are final, downloaded by those they
belong to, checked by anyone at the short address in their QR code (blueprint `verify`)."""

from olympiad.certificates import design_views, download_views  # noqa: F401  (their routes)
from olympiad.certificates.verification import verify_bp
from olympiad.certificates.views import bp

__all__ = ["bp", "verify_bp"]
