"""Real SMTP servers on 127.0.0.1, started by the tests (aiosmtpd): one that accepts, one
that refuses every message with a 5xx answer, one that answers 4xx (try later), and a plain
socket that drops every connection."""

import socket
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from olympiad.models import Role

# the scenes of other areas, for the notices their changes queue
from tests.appeals.conftest import prelim  # noqa: F401
from tests.certificates.conftest import final, signed  # noqa: F401
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.marking.conftest import scene  # noqa: F401


class Collecting:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        with self.lock:
            self.messages.append(parsed)
        return "250 OK"


class Refusing:
    def __init__(self, answer: str):
        self.answer = answer

    async def handle_DATA(self, server, session, envelope):
        return self.answer


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    def start(handler):
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
        controller.start()
        started.append(controller)
        return controller

    started = []
    yield start
    for controller in started:
        controller.stop()


def use_server(app, port: int) -> None:
    app.config.update(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_SECURITY="none",
        MAIL_SENDER="Олимпиада <olymp@example.org>",
        MAIL_TIMEOUT=5,
    )


@pytest.fixture
def mailbox(app, smtp_server):
    """An accepting server the app is configured to use; its received messages."""
    handler = Collecting()
    controller = smtp_server(handler)
    use_server(app, controller.port)
    return handler.messages


@pytest.fixture
def dropping_server(app):
    """A server that accepts a connection and closes it at once."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    use_server(app, listener.getsockname()[1])
    yield
    stop.set()
    thread.join()
    listener.close()


@pytest.fixture
def staff(make_user):
    def make(role=Role.COORDINATOR, email=None, **overrides):
        user = make_user(role, **overrides)
        user.email = email or f"{user.login}@example.org"
        from olympiad.extensions import db

        db.session.commit()
        return user

    return make
