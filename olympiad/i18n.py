"""Language: Russian first, English as the second locale, chosen per browser session."""

from flask import (
    Blueprint,
    abort,
    current_app,
    has_request_context,
    request,
    session,
)

from olympiad.permissions import public
from olympiad.redirects import redirect_back

bp = Blueprint("i18n", __name__, url_prefix="/i18n")


def select_locale() -> str:
    # flask commands translate too, with no request and so no session
    chosen = session.get("locale") if has_request_context() else None
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


@bp.post("/locale/<code>")
@public
def set_locale(code: str):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["locale"] = code
    return redirect_back(request.form.get("next"))
