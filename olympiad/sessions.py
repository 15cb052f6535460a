"""The session cookie: signed as Flask signs it, but re-signed only when it changed or when
its signature is older than SESSION_REFRESH_AFTER.

Flask re-signs a permanent session on every response so that it expires a lifetime after
the last request, not after sign-in (a juror marks all evening). Signing it again on every
page costs more than serving a stored results page; re-signing it once every few minutes
keeps the same sliding lifetime (to within those minutes) for a fraction of that.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature


class Session(SecureCookieSession):
    signed_at: datetime | None = None  # when the cookie it came from was signed


class SessionInterface(SecureCookieSessionInterface):
    session_class = Session

    def open_session(self, app: Flask, request: Request) -> Session | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        lifetime = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = serializer.loads(cookie, max_age=lifetime, return_timestamp=True)
        except BadSignature:  # also an expired one
            return self.session_class()
        session = self.session_class(data)
        session.signed_at = signed_at
        return session

    def should_set_cookie(self, app: Flask, session: Session) -> bool:
        if session.modified:
            return True
        if not session.permanent or not app.config["SESSION_REFRESH_EACH_REQUEST"]:
            return False
        signed_at = session.signed_at
        return signed_at is None or datetime.now(UTC) - signed_at >= refresh_after(app)


def refresh_after(app: Flask) -> timedelta:
    """SESSION_REFRESH_AFTER, a timedelta or (from the environment) seconds."""
    after = app.config["SESSION_REFRESH_AFTER"]
    return after if isinstance(after, timedelta) else timedelta(seconds=int(after))


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
