"""«Забыли пароль?»: ask for a link, then set a new password by it."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad import ratelimits
from olympiad.actions import perform
from olympiad.auth import reset
from olympiad.auth.forms import ForgotPasswordForm, ResetPasswordForm
from olympiad.auth.services import PasswordRefused
from olympiad.auth.views import bp
from olympiad.extensions import db, limiter
from olympiad.mail.sending import configured
from olympiad.permissions import public


@bp.route("/forgot", methods=["GET", "POST"])
@public
@limiter.limit(
    ratelimits.setting("LOGIN_RATE_LIMIT"), methods=["POST"], key_func=ratelimits.typed("who")
)
@limiter.limit(
    ratelimits.setting("LOGIN_ADDRESS_RATE_LIMIT"), methods=["POST"], key_func=ratelimits.address
)
def forgot_password():
    if current_user.is_authenticated:
        return redirect(url_for("auth.change_password"))
    form = ForgotPasswordForm()
    if configured() and form.validate_on_submit():
        perform(lambda: reset.request_reset(form.who.data))
        # the same answer whether or not such an account exists
        flash(
            _(
                "Если такая учётная запись есть и у неё указан адрес электронной почты, "
                "на него отправлено письмо со ссылкой для смены пароля. Проверьте почту "
                "(и папку «Спам») через несколько минут."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form, mail_on=configured())


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public
@limiter.limit(
    ratelimits.setting("LOGIN_ADDRESS_RATE_LIMIT"), methods=["POST"], key_func=ratelimits.address
)
def reset_password(token: str):
    user = reset.user_of(token)
    if user is None:
        return render_template("auth/reset_password.html", form=None), 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            done = perform(lambda: reset.reset_password(user, form.new.data))
        except PasswordRefused as refused:
            db.session.rollback()
            form[refused.field].errors.append(str(refused))
        else:
            if done:
                flash(_("Пароль изменён. Войдите с новым паролем."), "success")
                return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)
