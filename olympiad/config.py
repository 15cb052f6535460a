"""Configuration layers: defaults, instance/config.py, the environment, then the tests."""

import os
from datetime import timedelta

from flask import Flask


class Defaults:
    SECRET_KEY = None  # must come from instance/config.py or the environment
    SQLALCHEMY_DATABASE_URI = None  # None means SQLite in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    BABEL_DEFAULT_LOCALE = "ru"
    BABEL_DEFAULT_TIMEZONE = "Asia/Irkutsk"  # Buryatia; shown times are local to the district
    LANGUAGES = ("ru", "en")
    # a juror marks all evening: the session and its CSRF token live for a working day
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # ...counted from the last request, to within this: the cookie is signed anew only when
    # it changed or is this old (olympiad/sessions.py)
    SESSION_REFRESH_AFTER = timedelta(minutes=5)
    WTF_CSRF_TIME_LIMIT = 12 * 3600
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # set True behind HTTPS (OLYMPIAD_SESSION_COOKIE_SECURE=true)
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # failed attempts only, per thing tried and (far higher) per address: one person's
    # mistakes never refuse another person's correct sign-in (olympiad/ratelimits.py)
    LOGIN_RATE_LIMIT = "5 per minute;20 per hour"  # per login
    LOGIN_ADDRESS_RATE_LIMIT = "60 per minute;300 per hour"
    CODE_RATE_LIMIT = "5 per minute;20 per hour"  # per access code typed
    # a class of 30 signs in from one school address, some of them mistyping
    CODE_ADDRESS_RATE_LIMIT = "300 per minute;2000 per hour"
    PASSWORD_HASH_PROFILE = "RFC_9106_LOW_MEMORY"  # noqa: S105  (argon2id, ~100 ms here)
    ITEMS_PER_PAGE = 50
    # failed checks of certificates, per code tried and per address (a school office may
    # check a stack of diplomas, a few of them mistyped)
    VERIFY_RATE_LIMIT = "10 per minute;50 per hour"
    VERIFY_ADDRESS_RATE_LIMIT = "120 per minute;1000 per hour"
    # how many proxies in front of the app set X-Forwarded-For/-Proto (nginx: 1); 0 = none,
    # and then those headers are ignored, so nobody can pose as another address
    PROXY_HOPS = 0
    # the address printed in the certificates' QR codes, e.g. "https://olymp.example.org";
    # None: the address of the request (the CLI and the demo use http://127.0.0.1:5000)
    PUBLIC_URL = None
    # generated bundles of certificates; None: instance/cache/certificates
    CERTIFICATE_CACHE_DIR = None
    # final results pages rendered once per version of the results; None: instance/cache/results
    RESULTS_CACHE_DIR = None
    # e-mail (olympiad/mail): without MAIL_SERVER and MAIL_SENDER no mail is sent and the
    # organizer's mail page says so; notices still wait in the outbox
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_SECURITY = "starttls"  # "starttls", "ssl" (port 465) or "none"
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_SENDER = None  # e.g. "Олимпиада <olymp@example.org>"
    MAIL_TIMEOUT = 30  # seconds per connection to the server
    MAIL_MAX_ATTEMPTS = 8  # then the message is failed (retries wait 1, 2, 4 ... minutes)
    PASSWORD_RESET_MAX_AGE = 3600  # seconds a password reset link works


def load(app: Flask, test_config: dict | None) -> None:
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    app.config.from_prefixed_env("OLYMPIAD")
    if test_config:
        app.config.update(test_config)
    hops = app.config["PROXY_HOPS"]
    if isinstance(hops, str) and hops.strip().isdigit():
        hops = app.config["PROXY_HOPS"] = int(hops)
    if isinstance(hops, bool) or not isinstance(hops, int) or not 0 <= hops <= 10:
        raise RuntimeError(
            f"PROXY_HOPS must be a whole number from 0 to 10 (the proxies in front), not {hops!r}. "
            "PROXY_HOPS — число прокси-серверов перед приложением, от 0 до 10."
        )
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        path = os.path.join(app.instance_path, "olympiad.sqlite3")
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    if not app.config["SECRET_KEY"]:
        if not (app.debug or app.testing):
            raise RuntimeError(
                "SECRET_KEY is not set. Put SECRET_KEY = '...' into instance/config.py "
                "or set the SECRET_KEY environment variable (make run does it for you). "
                "Не задан SECRET_KEY: укажите его в instance/config.py или в переменной окружения."
            )
        app.config["SECRET_KEY"] = os.urandom(32).hex()
