"""What every template can use: the navigation of the user's role, the locale, security headers."""

from weakref import WeakKeyDictionary, ref

from flask import Flask, current_app, request
from flask import session as flask_session
from flask_babel import format_date, format_datetime, get_locale, get_translations
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from olympiad.models import Role

# (endpoint, label, roles that see it); a later area adds its line here
NAVIGATION = [
    ("dashboard.index", _l("Главная"), set(Role)),
    ("olympiads.index", _l("Олимпиады"), set(Role)),
    ("plan.index", _l("План РМО"), set(Role)),
    ("enrollment.latest", _l("Ученики школы"), {Role.COORDINATOR}),
    ("schools.index", _l("Школы"), {Role.ORGANIZER}),
    ("accounts.index", _l("Учётные записи"), {Role.ORGANIZER}),
    ("tasks.index", _l("Банк заданий"), {Role.ORGANIZER}),
    ("marking.index", _l("Проверка работ"), {Role.ORGANIZER, Role.JUROR}),
    ("results.index", _l("Результаты"), set(Role)),
]

ROLE_NAMES = {
    Role.ORGANIZER: _l("Организатор"),
    Role.COORDINATOR: _l("Координатор школы"),
    Role.JUROR: _l("Член жюри"),
}

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def _navigation():
    if not current_user.is_authenticated:
        return []

    return [
        (endpoint, label)
        for endpoint, label, allowed in NAVIGATION
        if current_user.role in allowed and endpoint in current_app.view_functions
    ]


# a locale's catalogue -> the templates' gettext and ngettext bound to it (one per locale and
# app; weak, so the catalogues of apps gone, as in tests, are not kept)
_bound: WeakKeyDictionary = WeakKeyDictionary()


def _bound_gettext(translations) -> tuple:
    """gettext and ngettext for templates, bound to one catalogue. Flask-Babel's own look the
    catalogue up again on every call (through the request's globals), and a page makes 20-90
    of them; these do what Jinja's "newstyle" gettext does: escape, then always format."""
    found = _bound.get(translations)
    if found is not None:
        return found
    catalogue = ref(translations)  # a strong reference here would keep the key alive

    # the catalogue's text is trusted as in Jinja's own: the variables are escaped by `%`
    @pass_context
    def gettext(context, string, **variables):
        text = catalogue().ugettext(string)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables  # noqa: S704

    @pass_context
    def ngettext(context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        text = catalogue().ungettext(singular, plural, num)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables  # noqa: S704

    _bound[translations] = (gettext, ngettext)
    return gettext, ngettext


def _context():
    from olympiad.participant import session

    gettext, ngettext = _bound_gettext(get_translations())
    return {
        "current_participant": session.current() if session.KEY in flask_session else None,
        "navigation": _navigation(),
        "role_names": ROLE_NAMES,
        "Role": Role,
        "current_locale": str(get_locale()),
        "gettext": gettext,
        "ngettext": ngettext,
        "_": gettext,
    }


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "static":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _format_date(value) -> str:
    return format_date(value, "d MMMM y") if value else ""


def _format_datetime(value) -> str:
    """In the district's time zone: 15 марта 2021 г., 18:00."""
    return format_datetime(value, "d MMMM y, HH:mm") if value else ""


def _olympiad_name(olympiad) -> str:
    """How lists name an olympiad: titles repeat every year, so the year and the date follow."""
    parts = [olympiad.title, olympiad.academic_year]
    if olympiad.held_on:
        parts.append(_format_date(olympiad.held_on))
    return ", ".join(parts)


def init_app(app: Flask) -> None:
    app.context_processor(_context)
    app.add_template_filter(_format_date, "format_date")
    app.add_template_filter(_format_datetime, "format_datetime")
    app.add_template_filter(_olympiad_name, "olympiad_name")
    app.after_request(_security_headers)
