"""Who may use what: every route declares its rule here, and one hook enforces it.

A route without a declared rule is refused (deny by default), and tests/test_access.py walks
the URL map so that such a route cannot go unnoticed.
"""

from collections.abc import Callable

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_babel import lazy_gettext
from flask_login import current_user
from sqlalchemy import bindparam, select

from olympiad.extensions import db, login_manager
from olympiad.models import Role, School, User

PUBLIC = frozenset({"public"})
ANY_USER = frozenset(Role)
PARTICIPANT = frozenset({"participant"})

# endpoints a user who must change a one-time password may still reach
_PASSWORD_CHANGE_ENDPOINTS = {"auth.change_password", "auth.logout", "i18n.set_locale", "static"}


def _declare(rule: frozenset) -> Callable:
    def decorator(view: Callable) -> Callable:
        view.access = rule
        return view

    return decorator


def public(view: Callable) -> Callable:
    """Anyone, logged in or not."""
    return _declare(PUBLIC)(view)


def login_required(view: Callable) -> Callable:
    """Any logged-in user, whatever the role."""
    return _declare(ANY_USER)(view)


def participant_only(view: Callable) -> Callable:
    """A participant signed in with their access code (no staff account needed)."""
    return _declare(PARTICIPANT)(view)


def roles(*allowed: Role) -> Callable:
    """Logged-in users with one of these roles."""
    return _declare(frozenset(allowed))


def access_rule(endpoint: str) -> frozenset | None:
    if endpoint == "static":
        return PUBLIC
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access", None)


def enforce():
    """before_request: apply the rule the route declared."""
    if request.endpoint is None:  # no such route: the 404 handler answers
        return None
    rule = access_rule(request.endpoint)
    if rule is None:
        current_app.logger.error("route %s declares no access rule", request.endpoint)
        abort(403)
    if rule is PUBLIC:
        return None
    if rule is PARTICIPANT:
        from olympiad.participant import session

        if session.current() is None:
            return redirect(url_for("participant.login", next=request.full_path))
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.must_change_password and request.endpoint not in _PASSWORD_CHANGE_ENDPOINTS:
        return redirect(url_for("auth.change_password"))
    if current_user.role not in rule:
        abort(403)
    return None


def ensure_school(school_id: int | None) -> None:
    """Object check: a coordinator may touch only their own school's records."""
    if current_user.role == Role.ORGANIZER:
        return
    if current_user.role != Role.COORDINATOR or current_user.school_id != school_id:
        abort(403)


def get_or_404(model: type, object_id: int):
    obj = db.session.get(model, object_id)
    if obj is None:
        abort(404)
    return obj


def get_school_or_404(school_id: int) -> School:
    school = get_or_404(School, school_id)
    ensure_school(school.id)
    return school


_USER = select(User).where(User.id == bindparam("user_id"))  # every signed-in request runs it


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    # the id carries a token that changes when the password is reset or the account is
    # deactivated, so such a change ends every open session of that user
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.scalar(_USER, {"user_id": int(user_id)})
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = lazy_gettext("Войдите, чтобы открыть эту страницу.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.before_request(enforce)
