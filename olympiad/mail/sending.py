"""Sending the outbox: claim due messages, send them over SMTP, record the server's answer.

Several workers (cron runs overlapping, a loop and a manual run) never send a message twice:
a worker claims a message with one atomic `UPDATE ... WHERE state = 'waiting'` carrying its
own random token, and sends only the rows that carry its token. A worker killed mid-send
leaves a claimed row; after CLAIM_TIMEOUT it is waiting again (sent at most twice only when
a worker dies between the server's acceptance and the commit)."""

from __future__ import annotations

import secrets
import smtplib
import ssl
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app
from sqlalchemy import or_, select, update

from olympiad.extensions import db
from olympiad.models import MailState, OutboxMessage
from olympiad.models.base import utcnow

CLAIM_TIMEOUT = timedelta(minutes=15)
FIRST_RETRY = timedelta(minutes=1)
MAX_RETRY = timedelta(hours=6)


def configured() -> bool:
    config = current_app.config
    return bool(config.get("MAIL_SERVER") and config.get("MAIL_SENDER"))


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: 1, 2, 4 ... minutes after the 1st, 2nd, 3rd failure, at most 6 h."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), MAX_RETRY)


@dataclass
class Report:
    sent: int = 0
    retried: int = 0
    failed: int = 0


class PermanentFailure(Exception):
    """The server refused for good (5xx): retrying will not help."""


def _release_stale() -> None:
    db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.state == MailState.SENDING,
            OutboxMessage.claimed_at < utcnow() - CLAIM_TIMEOUT,
        )
        .values(state=MailState.WAITING, claim=None)
    )
    db.session.commit()


def claim_one() -> OutboxMessage | None:
    """Claim the next due message for this worker, or None when nothing is due."""
    now = utcnow()
    due = (
        select(OutboxMessage.id)
        .where(OutboxMessage.state == MailState.WAITING, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
        .scalar_subquery()
    )
    token = secrets.token_hex(16)
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == due, OutboxMessage.state == MailState.WAITING)
        .values(state=MailState.SENDING, claim=token, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if result.rowcount != 1:
        # nothing due, or another worker took this row first: look once more
        still_due = db.session.scalar(
            select(OutboxMessage.id)
            .where(OutboxMessage.state == MailState.WAITING, OutboxMessage.next_attempt_at <= now)
            .limit(1)
        )
        return claim_one() if still_due is not None else None
    return db.session.scalar(select(OutboxMessage).where(OutboxMessage.claim == token))


def build(message: OutboxMessage) -> EmailMessage:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(idstring=f"outbox{message.id}")
    email.set_content(message.body, charset="utf-8")
    return email


def _connect() -> smtplib.SMTP:
    config = current_app.config
    host, port = config["MAIL_SERVER"], int(config["MAIL_PORT"])
    timeout = float(config["MAIL_TIMEOUT"])
    security = str(config["MAIL_SECURITY"] or "none").lower()
    if security == "ssl":
        server = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(host, port, timeout=timeout)
        if security == "starttls":
            server.starttls(context=ssl.create_default_context())
    if config.get("MAIL_USERNAME"):
        server.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    return server


def deliver(email: EmailMessage) -> None:
    """Hand one message to the server; PermanentFailure on a 5xx answer, OSError/SMTPException
    on anything that may pass (a dropped connection, a 4xx answer)."""
    try:
        with _connect() as server:
            refused = server.send_message(email)
    except smtplib.SMTPResponseException as error:
        text = f"{error.smtp_code} {_text(error.smtp_error)}"
        if 500 <= error.smtp_code < 600:
            raise PermanentFailure(text) from error
        raise smtplib.SMTPException(text) from error
    except smtplib.SMTPRecipientsRefused as error:
        answers = [f"{code} {_text(text)}" for code, text in error.recipients.values()]
        if all(str(a).startswith("5") for a in answers):
            raise PermanentFailure("; ".join(answers)) from error
        raise smtplib.SMTPException("; ".join(answers)) from error
    if refused:
        raise PermanentFailure("; ".join(f"{c} {_text(t)}" for c, t in refused.values()))


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def send_one(message: OutboxMessage, report: Report) -> None:
    max_attempts = int(current_app.config["MAIL_MAX_ATTEMPTS"])
    message.attempts += 1
    try:
        deliver(build(message))
    except PermanentFailure as error:
        message.state, message.last_error = MailState.FAILED, str(error)[:2000]
        report.failed += 1
    except (OSError, smtplib.SMTPException) as error:
        message.last_error = (str(error) or type(error).__name__)[:2000]
        if message.attempts >= max_attempts:
            message.state = MailState.FAILED
            report.failed += 1
        else:
            message.state = MailState.WAITING
            message.next_attempt_at = utcnow() + retry_delay(message.attempts)
            report.retried += 1
    else:
        message.state, message.sent_at, message.last_error = MailState.SENT, utcnow(), ""
        report.sent += 1
    message.claim = None
    db.session.commit()


def send_due(limit: int = 500) -> Report:
    """Send what is due now (at most `limit` messages); nothing when mail is not configured."""
    report = Report()
    if not configured():
        return report
    _release_stale()
    for _ in range(limit):
        message = claim_one()
        if message is None:
            break
        send_one(message, report)
    return report


def resend(message: OutboxMessage) -> None:
    """The organizer's "send again": a failed or waiting message goes out at the next run."""
    db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message.id,
            or_(OutboxMessage.state == MailState.FAILED, OutboxMessage.state == MailState.WAITING),
        )
        .values(state=MailState.WAITING, next_attempt_at=utcnow(), attempts=0)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
