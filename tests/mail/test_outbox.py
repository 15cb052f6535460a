"""The outbox and its worker against real SMTP servers: sending, refusals, dropped
connections, retries with backoff, the final failed state, resending, and two workers at
once never sending a message twice."""

import threading
from collections import Counter
from datetime import timedelta

from sqlalchemy import select, update

from olympiad.extensions import db
from olympiad.mail.sending import retry_delay, send_due
from olympiad.models import MailState, OutboxMessage, Role
from olympiad.models.base import utcnow
from tests.mail.conftest import Collecting, Refusing, use_server


def queue(n: int = 1) -> list[OutboxMessage]:
    messages = [
        OutboxMessage(
            kind="test",
            recipient=f"person{i}@example.org",
            subject=f"Результаты олимпиады № {i}",
            body=f"Здравствуйте! Письмо № {i}.",
        )
        for i in range(n)
    ]
    db.session.add_all(messages)
    db.session.commit()
    return messages


def states() -> Counter:
    return Counter(m.state for m in db.session.scalars(select(OutboxMessage)))


def make_due() -> None:
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
    db.session.commit()


def test_without_settings_nothing_is_sent_and_mail_waits(app, runner):
    queue()
    result = runner.invoke(args=["send-mail"])
    assert "не настроена" in result.output
    assert states() == {MailState.WAITING: 1}


def test_sends_utf8_message_with_russian_subject(app, mailbox, runner):
    queue()
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert "Отправлено: 1" in result.output
    (received,) = mailbox
    assert received["Subject"] == "Результаты олимпиады № 0"
    assert received["To"] == "person0@example.org"
    assert "Олимпиада" in received["From"]
    assert received.get_content().strip() == "Здравствуйте! Письмо № 0."
    message = db.session.scalar(select(OutboxMessage))
    db.session.refresh(message)
    assert message.state == MailState.SENT and message.sent_at is not None
    assert runner.invoke(args=["send-mail"]).output.startswith("Отправлено: 0")
    assert len(mailbox) == 1


def test_refusing_server_fails_the_message_with_its_answer(app, smtp_server, client, make_user):
    controller = smtp_server(Refusing("554 5.7.1 Сообщение отклонено политикой"))
    use_server(app, controller.port)
    queue()
    report = send_due()
    assert report.failed == 1
    message = db.session.scalar(select(OutboxMessage))
    assert message.state == MailState.FAILED
    assert message.last_error.startswith("554")
    assert "отклонено" in message.last_error
    # the organizer sees it with the server's answer and sends it again
    organizer = make_user(Role.ORGANIZER)
    client.post("/auth/login", data={"login": organizer.login, "password": "correct-horse-7"})
    page = client.get("/mail/?state=failed").get_data(as_text=True)
    assert "554 5.7.1" in page and "Отправить снова" in page
    assert client.post(f"/mail/outbox/{message.id}/resend").status_code == 302
    db.session.expire_all()
    assert message.state == MailState.WAITING and message.attempts == 0
    good = Collecting()
    use_server(app, smtp_server(good).port)
    assert send_due().sent == 1
    assert len(good.messages) == 1


def test_try_later_answer_and_dropped_connection_are_retried_with_backoff(
    app, smtp_server, dropping_server
):
    queue()
    report = send_due()
    assert report.retried == 1
    message = db.session.scalar(select(OutboxMessage))
    assert message.state == MailState.WAITING and message.attempts == 1
    assert message.last_error  # what went wrong is kept
    assert message.next_attempt_at > utcnow() + timedelta(seconds=50)
    assert send_due().retried == 0  # not due yet
    # a 4xx answer is also "try later"
    use_server(app, smtp_server(Refusing("451 4.3.0 Попробуйте позже")).port)
    make_due()
    assert send_due().retried == 1
    db.session.refresh(message)
    assert message.attempts == 2 and message.last_error.startswith("451")
    assert message.next_attempt_at > utcnow() + timedelta(seconds=110)
    # after the last attempt it is failed, with the server's last answer
    app.config["MAIL_MAX_ATTEMPTS"] = 3
    make_due()
    assert send_due().failed == 1
    db.session.refresh(message)
    assert message.state == MailState.FAILED and message.last_error.startswith("451")


def test_backoff_doubles_up_to_a_ceiling():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert retry_delay(30) == timedelta(hours=6)


def test_two_workers_at_once_never_send_a_message_twice(app, mailbox):
    queue(30)
    reports = []

    def worker():
        with app.app_context():
            reports.append(send_due())
            db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recipients = Counter(m["To"] for m in mailbox)
    assert len(recipients) == 30
    assert set(recipients.values()) == {1}
    assert sum(r.sent for r in reports) == 30
    db.session.expire_all()
    assert states() == {MailState.SENT: 30}


def test_a_claim_left_by_a_dead_worker_is_taken_again(app, mailbox):
    (message,) = queue()
    message.state, message.claim = MailState.SENDING, "dead-worker"
    message.claimed_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert send_due().sent == 1
