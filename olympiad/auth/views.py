"""Routes of the auth area."""

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from olympiad import ratelimits
from olympiad.auth import services
from olympiad.auth.forms import ChangePasswordForm, LoginForm
from olympiad.extensions import db, limiter
from olympiad.permissions import login_required, public
from olympiad.redirects import redirect_back

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(
    ratelimits.setting("LOGIN_RATE_LIMIT"),
    methods=["POST"],
    key_func=ratelimits.typed("login"),
    deduct_when=ratelimits.not_redirected,
)
@limiter.limit(
    ratelimits.setting("LOGIN_ADDRESS_RATE_LIMIT"),
    methods=["POST"],
    key_func=ratelimits.address,
    deduct_when=ratelimits.not_redirected,
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.login.data, form.password.data)
        if user is not None:
            session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME
            login_user(user)
            db.session.commit()
            if user.must_change_password:
                flash(_("Вы вошли с временным паролем. Задайте свой пароль."), "warning")
                return redirect(url_for("auth.change_password"))
            return redirect_back(request.args.get("next"))
        flash(_("Неверный логин или пароль, или учётная запись отключена."), "danger")
    return render_template("auth/login.html", form=form), 200


@bp.post("/logout")
@login_required
def logout():
    # a copy of the session cookie (a shared school computer) must not outlive the logout
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    flash(_("Вы вышли из системы."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.new.data)
        except services.PasswordRefused as refused:
            form[refused.field].errors.append(str(refused))
        else:
            db.session.commit()
            # the session id changed with the password
            login_user(current_user._get_current_object())
            flash(_("Пароль изменён."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("auth/change_password.html", form=form)
