"""«Забыли пароль?» end to end: the request, the letter through a real SMTP server, the link,
the new password; the link works once and not after it expires; the page says the same
whether or not an account exists."""

import re
import time

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import func, select

from olympiad.auth import reset
from olympiad.extensions import db
from olympiad.mail.sending import send_due
from olympiad.models import OutboxMessage, Role
from tests.conftest import PASSWORD

NEW = "new-library-pass-9"


def link_in(message) -> str:
    return re.search(r"http://\S+(/auth/reset/\S+)", message.get_content()).group(1)


def outbox_size() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage))


def test_reset_by_link_end_to_end(app, client, mailbox, staff):
    user = staff(Role.COORDINATOR, email="Kurator@School.example.org")
    login_page = client.get("/auth/login").get_data(as_text=True)
    assert "Забыли пароль?" in login_page
    response = client.post("/auth/forgot", data={"who": "kurator@school.example.org"})
    assert response.status_code == 302
    assert send_due().sent == 1
    (letter,) = mailbox
    assert letter["To"] == "Kurator@School.example.org"
    assert letter["Subject"] == "Восстановление пароля"
    path = link_in(letter)
    assert client.get(path).status_code == 200
    # the password rules of a change apply
    refused = client.post(path, data={"new": user.login, "repeat": user.login})
    assert "не должен совпадать с логином" in refused.get_data(as_text=True)
    done = client.post(path, data={"new": NEW, "repeat": NEW})
    assert done.status_code == 302 and done.location.endswith("/auth/login")
    login = client.post("/auth/login", data={"login": user.login, "password": NEW})
    assert login.status_code == 302
    client.post("/auth/logout")
    assert (
        client.post("/auth/login", data={"login": user.login, "password": PASSWORD}).status_code
        == 200
    )
    # single use: the same link is spent
    again = client.get(path)
    assert again.status_code == 410
    assert "устарела или уже использована" in again.get_data(as_text=True)
    assert (
        client.post(path, data={"new": "another-pass-77", "repeat": "another-pass-77"}).status_code
        == 410
    )


def test_reset_by_login_too(app, client, mailbox, staff):
    user = staff(Role.JUROR)
    client.post("/auth/forgot", data={"who": user.login.upper()})
    send_due()
    assert [m["To"] for m in mailbox] == [user.email]


def test_expired_link_does_not_work(app, client, mailbox, staff):
    user = staff()

    class Earlier(TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) - app.config["PASSWORD_RESET_MAX_AGE"] - 5

    signing = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=reset.SALT, signer=Earlier)
    old = signing.dumps({"u": user.id, "f": reset._fingerprint(user)})
    assert client.get(f"/auth/reset/{old}").status_code == 410
    fresh = reset.make_token(user)
    assert client.get(f"/auth/reset/{fresh}").status_code == 200
    forged = fresh[:-2] + ("AA" if not fresh.endswith("AA") else "BB")
    assert client.get(f"/auth/reset/{forged}").status_code == 410


def test_a_signed_in_password_change_spends_the_link(app, client, mailbox, staff, login):
    user = staff()
    token = reset.make_token(user)
    login(user)
    client.post("/auth/password", data={"current": PASSWORD, "new": NEW, "repeat": NEW})
    client.post("/auth/logout")
    assert client.get(f"/auth/reset/{token}").status_code == 410


# a page's form token is signed with the current second: two answers a second apart differ
# only there
_TOKEN = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+"')


def _answer(client, who: str) -> tuple:
    response = client.post("/auth/forgot", data={"who": who}, follow_redirects=True)
    return response.status_code, _TOKEN.sub(r'\1…"', response.get_data(as_text=True))


def test_no_hint_whether_an_account_exists(app, client, mailbox, staff):
    user = staff()
    silent = staff(email=None)
    silent.email = None
    db.session.commit()
    known = _answer(client, user.email)
    assert outbox_size() == 1
    for who in ("nobody@example.org", "no-such-login", silent.login):
        assert _answer(client, who) == known
    assert outbox_size() == 1


def test_without_mail_the_page_sends_to_the_organizer(app, client, staff):
    user = staff()
    page = client.get("/auth/forgot").get_data(as_text=True)
    assert "обратитесь к организатору" in page
    client.post("/auth/forgot", data={"who": user.email})
    assert outbox_size() == 0


@pytest.mark.ratelimit
def test_same_rate_limit_as_the_login(app, client, mailbox, staff):
    user = staff()
    codes = [client.post("/auth/forgot", data={"who": user.email}).status_code for _ in range(6)]
    assert codes[:5] == [302] * 5 and codes[5] == 429
    # another person's request goes through
    other = staff()
    assert client.post("/auth/forgot", data={"who": other.email}).status_code == 302
