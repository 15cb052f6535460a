"""The organizer's mail page: whether mail is on, the notices with their texts and switches,
and the outbox (sent, waiting, failed with the server's answer) with «Отправить снова»."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from olympiad.actions import Refused, perform
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.mail import notices, sending
from olympiad.mail.forms import NoticeSwitchForm
from olympiad.models import MailState, OutboxMessage, Role
from olympiad.permissions import get_or_404, roles

bp = Blueprint("mail", __name__, url_prefix="/mail")

SHOWN = 200  # the latest messages listed


@bp.get("/")
@roles(Role.ORGANIZER)
def index():
    state = request.args.get("state", "")
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(SHOWN)
    if state in set(MailState):
        query = query.where(OutboxMessage.state == state)
    counts = dict(
        db.session.execute(
            select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
        ).all()
    )
    enabled = notices.enabled_kinds()
    kinds = [
        (notice, notices.sample(notice.kind), notice.kind in enabled) for notice in notices.NOTICES
    ]
    return render_template(
        "mail/index.html",
        mail_on=sending.configured(),
        server=current_app.config.get("MAIL_SERVER"),
        sender=current_app.config.get("MAIL_SENDER"),
        kinds=kinds,
        messages=db.session.scalars(query).all(),
        counts={s: counts.get(s, 0) for s in MailState},
        state=state,
        form=ConfirmForm(),
    )


@bp.post("/notices/<kind>")
@roles(Role.ORGANIZER)
def switch(kind: str):
    if kind not in notices.BY_KIND:
        abort(404)
    form = NoticeSwitchForm()
    if form.validate_on_submit():
        turn_on = form.enabled.data == "1"
        perform(
            lambda: notices.set_enabled(kind, turn_on),
            _("Уведомление включено.") if turn_on else _("Уведомление выключено."),
        )
    else:
        flash(_("Уведомление не переключено: обновите страницу и попробуйте ещё раз."), "danger")
    return redirect(url_for("mail.index") + "#notices")


def _resend(message: OutboxMessage) -> None:
    if message.state not in (MailState.FAILED, MailState.WAITING):
        raise Refused(_("Это письмо уже отправлено или отправляется сейчас."))
    sending.resend(message)


@bp.post("/outbox/<int:message_id>/resend")
@roles(Role.ORGANIZER)
def resend(message_id: int):
    message = get_or_404(OutboxMessage, message_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        perform(lambda: _resend(message), _("Письмо снова поставлено в очередь."))
    return redirect(url_for("mail.index") + "#outbox")
