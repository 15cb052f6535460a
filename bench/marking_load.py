"""Load benchmark: 10 simulated jurors save answers at once against gunicorn on 127.0.0.1.

For each database (SQLite in a temporary folder; PostgreSQL too when
OLYMPIAD_BENCH_DATABASE_URL names a database it may empty) it builds the demo (an olympiad in
marking, 120 works), appoints 10 extra jurors, serves the app with gunicorn (4 workers), and
lets the jurors save closed answers through the grid's JSON endpoint, each on cells of its own
and all of them on a few shared "hot" cells, where stale saves must be refused (409), never
written over. Afterwards it checks the database: every acknowledged save is stored (the last
acknowledged version of each cell is the one in the database) and audited.

Run: .venv/bin/python bench/marking_load.py [saves per juror]
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from _server import free_port, serve

JURORS = 10
HOT_CELLS = 4
PASSWORD = "load-test-password"
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def prepare(url: str) -> tuple[int, int, list[dict]]:
    """Demo data plus 10 jurors; the olympiad id, a group id and its single-choice cells
    with the versions the demo left them at."""
    from sqlalchemy import select

    from olympiad import create_app, demo
    from olympiad.auth.passwords import hash_password
    from olympiad.domain.task_keys import TaskType
    from olympiad.extensions import db
    from olympiad.marking import jury
    from olympiad.marking.demo import load_marking
    from olympiad.marking.works import closed_items, paper_of, works_of
    from olympiad.models import Answer, Olympiad, OlympiadStatus, Role, User

    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        demo.load(until=load_marking)  # the demo goes on to results: stop at marking
        olympiad = db.session.scalar(
            select(Olympiad).where(Olympiad.status == OlympiadStatus.MARKING)
        )
        if olympiad is None:
            raise SystemExit("the demo has no olympiad in marking: nothing to load-test")
        organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER))
        for n in range(1, JURORS + 1):
            user = User(
                login=f"load{n:02}",
                full_name=f"Нагрузка {n}",
                role=Role.JUROR,
                password_hash=hash_password(PASSWORD),
            )
            db.session.add(user)
            db.session.flush()
            jury.appoint(organizer, olympiad, user.id, False)
        group = olympiad.groups[-1]
        items = [
            i
            for i in closed_items(paper_of(group))
            if i.task_version.type == TaskType.SINGLE_CHOICE
        ]
        versions = {
            (a.participant_id, a.paper_task_id): a.version
            for a in db.session.scalars(select(Answer))
        }
        cells = [
            {
                "cipher": work.cipher,
                "paper_task_id": item.id,
                "version": versions.get((work.id, item.id), 0),
            }
            for work in works_of(olympiad, group)
            for item in items
        ]
        db.session.commit()
        ids = olympiad.id, group.id
        db.session.remove()
        db.engine.dispose()
    return *ids, cells


def stored(url: str, cells: list[dict]) -> tuple[dict, int]:
    """(cipher, task) -> (text, version) as stored, and the number of audited answer saves."""
    from sqlalchemy import func, select

    from olympiad import create_app
    from olympiad.extensions import db
    from olympiad.models import Answer, AuditEntry, Participant

    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        rows = db.session.execute(
            select(Participant.cipher, Answer.paper_task_id, Answer.text, Answer.version).join(
                Participant, Participant.id == Answer.participant_id
            )
        ).all()
        audited = db.session.scalar(
            select(func.count()).where(AuditEntry.action.in_(["answer_entered", "answer_changed"]))
        )
        db.engine.dispose()
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}, audited


class Juror(threading.Thread):
    def __init__(
        self, base: str, login: str, olympiad_id: int, group_id: int, cells: list[dict], saves: int
    ):
        super().__init__()
        self.base, self.login, self.cells, self.saves = base, login, cells, saves
        self.olympiad_id, self.group_id = olympiad_id, group_id
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.latencies: list[float] = []
        self.acknowledged: list[tuple[tuple, str, int]] = []
        self.refused = self.errors = 0

    def _get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def _token(self, page: str) -> str:
        return re.search(
            r'(?:name="csrf_token" type="hidden" value|data-csrf)="([^"]+)"', page
        ).group(1)

    def run(self) -> None:
        token = self._token(self._get("/auth/login"))
        form = urllib.parse.urlencode(
            {"csrf_token": token, "login": self.login, "password": PASSWORD}
        ).encode()
        self.opener.open(self.base + "/auth/login", data=form, timeout=30).read()
        grid = self._get(f"/marking/{self.olympiad_id}/groups/{self.group_id}/answers")
        token = self._token(grid)
        versions = {(c["cipher"], c["paper_task_id"]): c["version"] for c in self.cells}
        for n in range(self.saves):
            cell = self.cells[n % len(self.cells)]
            key = (cell["cipher"], cell["paper_task_id"])
            text = "АБВ"[(n + hash(self.login)) % 3]
            body = {
                "cipher": key[0],
                "paper_task_id": key[1],
                "text": text,
                "version": versions[key],
                "reason": "проверка под нагрузкой",
            }
            status, reply = self._post(body, token)
            if status == 409:  # somebody saved it first: take the current version, once
                self.refused += 1
                versions[key] = reply["current"]["version"]
                status, reply = self._post({**body, "version": versions[key]}, token)
            if status == 200:
                versions[key] = reply["version"]
                self.acknowledged.append((key, reply["text"], reply["version"]))
            elif status == 409:
                self.refused += 1
                versions[key] = reply["current"]["version"]
            else:
                self.errors += 1

    def _post(self, body: dict, token: str) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"{self.base}/marking/{self.olympiad_id}/answers",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": token},
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read()
        self.latencies.append(time.perf_counter() - started)
        try:
            return status, json.loads(text)
        except ValueError:
            return status, {}


def start(url: str, port: int) -> subprocess.Popen:
    return serve(url, port, "/auth/login")


def run(label: str, url: str, saves: int) -> None:
    olympiad_id, group_id, cells = prepare(url)
    hot, rest = cells[:HOT_CELLS], cells[HOT_CELLS:]
    port = free_port()
    server = start(url, port)
    try:
        jurors = [
            Juror(
                f"http://127.0.0.1:{port}",
                f"load{n + 1:02}",
                olympiad_id,
                group_id,
                hot + rest[n::JURORS],
                saves,
            )
            for n in range(JURORS)
        ]
        started = time.perf_counter()
        for juror in jurors:
            juror.start()
        for juror in jurors:
            juror.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(10)
    latencies = sorted(t for j in jurors for t in j.latencies)
    acknowledged = [a for j in jurors for a in j.acknowledged]
    last: dict[tuple, tuple[str, int]] = {}
    for key, text, version in acknowledged:
        if version > last.get(key, ("", 0))[1]:
            last[key] = (text, version)
    in_db, audited = stored(url, cells)
    lost = [key for key, value in last.items() if in_db.get(key) != value]
    # two acknowledged saves of one cell at one version with different texts: one of them
    # was written over (a save of the text already there keeps the version, and is fine)
    texts: dict[tuple, set[str]] = {}
    for key, text, version in acknowledged:
        texts.setdefault((key, version), set()).add(text)
    overwritten = sum(1 for found in texts.values() if len(found) > 1)
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else 0
    print(
        f"{label}: {JURORS} jurors, {len(latencies)} requests in {elapsed:.1f} s = "
        f"{len(latencies) / elapsed:.0f} req/s; p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p99 {p99 * 1000:.0f} ms"
    )
    print(
        f"  acknowledged saves {len(acknowledged)}, stale saves refused "
        f"{sum(j.refused for j in jurors)}, other errors {sum(j.errors for j in jurors)}, "
        f"audited answer saves {audited}"
    )
    print(f"  acknowledged saves that share a version with another (overwritten): {overwritten}")
    print(
        f"  cells whose last acknowledged save is not what is stored: {len(lost)}"
        f"{' (NO MARK LOST)' if not lost and not overwritten else ' (LOST!)'}"
    )


def main() -> None:
    saves = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{folder}/load.sqlite3", saves)
    if os.environ.get("OLYMPIAD_BENCH_DATABASE_URL"):
        run("PostgreSQL", os.environ["OLYMPIAD_BENCH_DATABASE_URL"], saves)


if __name__ == "__main__":
    main()
