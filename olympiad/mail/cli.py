"""flask send-mail (the outbox worker) and flask mail reminders (daily, from cron)."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import AppGroup

from olympiad.extensions import db

mail_group = AppGroup("mail", help="Notices by e-mail.")


@click.command("send-mail")
@click.option("--loop", is_flag=True, help="Keep running, looking for due mail every --every s.")
@click.option("--every", default=30, show_default=True, type=click.IntRange(1, 3600))
def send_mail(loop: bool, every: int) -> None:
    """Send the outbox's due messages (safe to run several at once and from cron)."""
    from olympiad.mail.sending import configured, send_due

    if not configured():
        click.echo("Почта не настроена (MAIL_SERVER, MAIL_SENDER): письма ждут в очереди.")
        return
    while True:
        report = send_due()
        if report.sent or report.retried or report.failed or not loop:
            click.echo(
                f"Отправлено: {report.sent}, отложено: {report.retried}, "
                f"не доставлено: {report.failed}"
            )
        db.session.remove()
        if not loop:
            return
        time.sleep(every)


@mail_group.command("reminders")
def reminders() -> None:
    """Queue today's reminders (registration closes in two days, discrepancies)."""
    from olympiad.mail.events import daily_reminders

    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    queued = daily_reminders(datetime.now(zone).date())
    db.session.commit()
    click.echo(f"В очередь поставлено писем: {queued}")
