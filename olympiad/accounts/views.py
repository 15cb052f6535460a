"""Routes of the accounts area (organizer only)."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.accounts import services
from olympiad.accounts.forms import AccountForm, NewAccountForm
from olympiad.actions import confirm, perform
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Role, User
from olympiad.permissions import get_or_404, roles
from olympiad.schools.services import school_choices

bp = Blueprint("accounts", __name__, url_prefix="/accounts")


@bp.get("/")
@roles(Role.ORGANIZER)
def index():
    q, role = request.args.get("q", ""), request.args.get("role", "")
    page = db.paginate(services.search_query(q, role), per_page=50, error_out=False)
    return render_template("accounts/index.html", page=page, q=q, role=role)


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def new():
    form = NewAccountForm()
    form.school_id.choices = school_choices()
    if form.validate_on_submit():
        data = services.NewAccount(
            login=form.login.data,
            full_name=form.full_name.data,
            role=Role(form.role.data),
            school_id=form.school_id.data,
            email=form.email.data,
        )
        done = perform(lambda: services.create_account(current_user, data))
        if done:
            user, password = done.value
            return render_template("accounts/password.html", user=user, password=password)
    return render_template("accounts/form.html", form=form, user=None)


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def edit(user_id: int):
    user = get_or_404(User, user_id)
    form = AccountForm(obj=user)
    form.school_id.choices = school_choices()
    if form.validate_on_submit() and perform(
        lambda: services.update_account(
            current_user, user, form.full_name.data, form.email.data, form.school_id.data
        ),
        _("Изменения сохранены."),
    ):
        return redirect(url_for("accounts.index"))
    return render_template("accounts/form.html", form=form, user=user)


@bp.route("/<int:user_id>/password", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def reset_password(user_id: int):
    user = get_or_404(User, user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        done = perform(lambda: services.reset_password(current_user, user))
        return render_template("accounts/password.html", user=user, password=done.value)
    return confirm(
        form,
        title=_("Сбросить пароль"),
        question=_(
            "Выдать пользователю «%(name)s» новый временный пароль? Старый пароль перестанет "
            "действовать, открытые сеансы завершатся.",
            name=user.full_name,
        ),
        button=_("Сбросить пароль"),
        cancel=url_for("accounts.index"),
    )


@bp.route("/<int:user_id>/active", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def toggle_active(user_id: int):
    user = get_or_404(User, user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        activating = not user.active
        perform(
            lambda: services.set_active(current_user, user, activating),
            _("Учётная запись включена.") if activating else _("Учётная запись отключена."),
        )
        return redirect(url_for("accounts.index"))
    if user.active:
        question = _(
            "Отключить учётную запись «%(name)s»? Пользователь не сможет войти, "
            "пока вы её снова не включите.",
            name=user.full_name,
        )
        button = _("Отключить")
    else:
        question = _("Включить учётную запись «%(name)s»?", name=user.full_name)
        button = _("Включить")
    return confirm(
        form,
        title=button,
        question=question,
        button=button,
        cancel=url_for("accounts.index"),
    )
