"""Benchmark: published results against /health, through gunicorn, in the same run.

Builds an olympiad of N participants (default 2,000; 20 closed tasks each, as in
results_pages.py), has the chair approve the final protocol and publishes it, then serves it
with gunicorn (sync workers, SQLite or OLYMPIAD_BENCH_DATABASE_URL) and measures requests a
second with 4 concurrent clients, in turns with /health, for: the public page, the public
page revalidated (If-None-Match: 304), the API's olympiad and one-grade table, and the
organizer's rating page (signed in); the pages and the table also as a browser asks for
them (gzip accepted: the size printed is what was sent). Each rate is printed as a ratio to
the /health rate measured in turns with it (four rounds of one second each), so that the
load of the machine and its changing speed cancel out. Goal: every ratio >= 0.5.

Run: .venv/bin/python bench/published_results.py [N] [workers ...]   (default: 2000 2 4)
(OLYMPIAD_BENCH_PORT: the port to serve on; default a free one)
"""

from __future__ import annotations

import http.client
import os
import re
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import date, timedelta
from pathlib import Path

from _server import free_port, serve
from results_pages import PASSWORD, build
from sqlalchemy import select

from olympiad import create_app
from olympiad.extensions import db
from olympiad.models import JuryMember, Olympiad, OlympiadStatus, Role, User
from olympiad.models.base import utcnow
from olympiad.results.services import approve_final

PORT = int(os.environ.get("OLYMPIAD_BENCH_PORT") or free_port())
SECONDS = 4.0  # for each request, and as long for /health, in ROUNDS alternations
ROUNDS = 4
CLIENTS = 4
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chrome and Firefox send


def publish(url: str, count: int) -> int:
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        olympiad_id = build(count)
        chair = User(login="chair", full_name="Председатель", role=Role.JUROR, password_hash="-")
        db.session.add(chair)
        db.session.flush()
        db.session.add(JuryMember(olympiad_id=olympiad_id, user_id=chair.id, is_chair=True))
        olympiad = db.session.get(Olympiad, olympiad_id)
        olympiad.appeals_close_at = utcnow() - timedelta(minutes=1)  # the appeal window is over
        started = time.perf_counter()
        approve_final(chair, olympiad, "112-од", date(2021, 3, 22))
        olympiad.status, olympiad.published_at = OlympiadStatus.PUBLISHED, utcnow()
        db.session.commit()
        print(f"approval (the protocol of {count} frozen): {time.perf_counter() - started:.2f} s")
        assert db.session.scalar(select(Olympiad.status)) == OlympiadStatus.PUBLISHED
        db.engine.dispose()
    return olympiad_id


def sign_in(port: int) -> str:
    """The organizer's session cookie."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/auth/login")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    form = urllib.parse.urlencode(
        {"csrf_token": token.group(1), "login": "organizer", "password": PASSWORD}
    )
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("POST", "/auth/login", body=form, headers=headers)
    response = conn.getresponse()
    response.read()
    assert response.status == 302, response.status
    return response.getheader("Set-Cookie", "").split(";")[0]


def rate(
    port: int, path: str, headers: dict, expect: int = 200, seconds: float = SECONDS
) -> tuple[float, int]:
    """Requests a second with CLIENTS threads for `seconds`; and the size of one answer."""
    done, size, stop = [0] * CLIENTS, [0], time.perf_counter() + seconds

    def client(n: int) -> None:
        while time.perf_counter() < stop:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            assert response.status == expect, (path, response.status)
            size[0] = len(body)
            done[n] += 1
            conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started), size[0]


def paired(port: int, path: str, headers: dict, expect: int) -> tuple[float, float, int]:
    """The rates of `path` and of /health, measured in turns (ROUNDS of each), so that a change
    of the machine's speed (a shared machine's neighbours) touches both alike."""
    found = health = 0.0
    for _ in range(ROUNDS):
        health += rate(port, "/health", {}, seconds=SECONDS / ROUNDS)[0] / ROUNDS
        page, size = rate(port, path, headers, expect, SECONDS / ROUNDS)
        found += page / ROUNDS
    return found, health, size


def measure(url: str, olympiad_id: int, workers: int) -> None:
    server = serve(url, PORT, "/health", args=("-w", str(workers)))
    try:
        organizer = {"Cookie": sign_in(PORT)}
        conn = http.client.HTTPConnection("127.0.0.1", PORT)
        conn.request("GET", f"/results/public/{olympiad_id}")
        first = conn.getresponse()
        first.read()
        # a browser that has the page asks again with its cookie and the page's ETag
        again = {
            "If-None-Match": first.getheader("ETag"),
            "Cookie": first.getheader("Set-Cookie", "").split(";")[0],
        }
        public = f"/results/public/{olympiad_id}"
        grade = f"/api/v1/olympiads/{olympiad_id}/tables/9"
        cases = [
            ("public page", public, {}, 200),
            ("public page, gzip", public, BROWSER, 200),
            ("public page, 304", public, again, 304),
            ("API olympiad", f"/api/v1/olympiads/{olympiad_id}", {}, 200),
            ("API table of grade 9", grade, {}, 200),
            ("API table, gzip", grade, BROWSER, 200),
            ("organizer's page", f"/results/{olympiad_id}", organizer, 200),
            ("organizer's, gzip", f"/results/{olympiad_id}", {**organizer, **BROWSER}, 200),
        ]
        print(f"gunicorn, {workers} sync workers, {CLIENTS} clients, {SECONDS:.0f} s each:")
        for name, path, headers, expect in cases:
            rate(PORT, path, headers, expect, seconds=1)  # rendered once, workers warm
            found, health, size = paired(PORT, path, headers, expect)
            verdict = "met" if found / health >= 0.5 else "NOT met"
            print(
                f"  {name:<22} {found:7.0f} req/s  /health {health:7.0f} req/s  "
                f"ratio {found / health:4.2f} (goal >= 0.5: {verdict})  {size / 1024:6.0f} KB"
            )
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    workers = [int(a) for a in sys.argv[2:]] or [2, 4]
    print(f"machine load before: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("OLYMPIAD_BENCH_DATABASE_URL") or (
            f"sqlite:///{Path(folder) / 'published.sqlite3'}"
        )
        olympiad_id = publish(url, count)
        env_cache = Path(folder) / "cache"
        os.environ["OLYMPIAD_RESULTS_CACHE_DIR"] = str(env_cache)
        for n in workers:
            measure(url, olympiad_id, n)
    print(f"machine load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
