"""Load benchmark: 300 participants write the olympiad online at once against gunicorn on
127.0.0.1.

For each database (SQLite in a temporary folder; PostgreSQL too when
OLYMPIAD_BENCH_DATABASE_URL names a database it may empty) it builds the demo up to the
papers (the olympiad held, nothing marked), enrolls 300 more grade-7 students with access codes,
opens an online sitting of the 7–8 group written at home, and serves the app with gunicorn
(4 workers). Each simulated participant signs in with their code, starts the work and, for
about a minute (from the moment all have started), saves an answer every 2-5 seconds through
the page's JSON endpoint, as the
page's script does: single choices, short answers and an open answer that grows, each task
with its own save numbers. Afterwards it checks the database: for every task, the last
acknowledged save is the one stored (no answer lost, none written over by an older one).

All participants come from one address here, so the code sign-in limit is raised for the run
(OLYMPIAD_CODE_RATE_LIMIT); a real class shares its school's address the same way.

Run: .venv/bin/python bench/online_load.py [participants] [seconds]
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import random
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

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PAUSE = (2.0, 5.0)  # seconds between two saves of one participant


def prepare(url: str, count: int) -> tuple[list[str], list[tuple[int, str, int]]]:
    """The demo to the papers, `count` students with codes, an open sitting. Returns the codes
    and the tasks the simulation answers: (number, type, options)."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import select

    from olympiad import create_app, demo
    from olympiad.domain.codes import new_access_code, new_cipher
    from olympiad.extensions import db
    from olympiad.marking.works import paper_of
    from olympiad.models import (
        Attendance,
        Olympiad,
        OnlineSitting,
        Participant,
        School,
    )

    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        for step in demo.STEPS:
            step()
            if step.__name__ == "load_bank":
                break
        olympiad = db.session.scalar(select(Olympiad))
        group = next(g for g in olympiad.groups if 7 in g.grades)
        school = School(full_name="МБОУ «Нагрузочная СОШ»", short_name="Нагрузочная СОШ")
        db.session.add(school)
        db.session.flush()
        taken = set(db.session.scalars(select(Participant.cipher)))
        codes = []
        for n in range(count):
            cipher = new_cipher()
            while cipher in taken:
                cipher = new_cipher()
            taken.add(cipher)
            codes.append(new_access_code())
            db.session.add(
                Participant(
                    olympiad_id=olympiad.id,
                    school_id=school.id,
                    surname=f"Нагрузкин{n}",
                    name="Пётр",
                    grade_studied=7,
                    grade_competed=7,
                    identity_key=f"bench|{n}",
                    cipher=cipher,
                    access_code=codes[-1],
                    attendance=Attendance.PRESENT,
                )
            )
        now = datetime.now(UTC)
        db.session.add(
            OnlineSitting(
                olympiad_id=olympiad.id,
                group_id=group.id,
                school_ids=[],
                starts_at=now - timedelta(minutes=1),
                ends_at=now + timedelta(hours=3),
                time_limit_minutes=120,
                supervised=False,
            )
        )
        tasks = [
            (
                item.position,
                item.task_version.type.value,
                len(item.task_version.key.get("options", [])),
            )
            for item in paper_of(group).items
            if item.task_version.type.value in ("single_choice", "short_answer", "open")
        ]
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return codes, tasks


def stored(url: str) -> dict[tuple[str, int], tuple[int, object, str]]:
    """(access code, task number) -> (seq, value, text) as stored."""
    from sqlalchemy import select

    from olympiad import create_app
    from olympiad.extensions import db
    from olympiad.models import OnlineAnswer, OnlineAttempt, PaperTask, Participant

    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        rows = db.session.execute(
            select(
                Participant.access_code,
                PaperTask.position,
                OnlineAnswer.seq,
                OnlineAnswer.value,
                OnlineAnswer.text,
            )
            .join(OnlineAttempt, OnlineAttempt.participant_id == Participant.id)
            .join(OnlineAnswer, OnlineAnswer.attempt_id == OnlineAttempt.id)
            .join(PaperTask, PaperTask.id == OnlineAnswer.paper_task_id)
        ).all()
        db.engine.dispose()
    return {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}


class Writer(threading.Thread):
    def __init__(self, base, code, tasks, seconds, seed, ready: threading.Barrier):
        super().__init__(daemon=True)
        self.base, self.code, self.tasks, self.seconds = base, code, tasks, seconds
        self.ready = ready
        self.rng = random.Random(seed)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.latencies: list[float] = []
        self.moments: list[float] = []  # when each save was answered
        self.sign_in: float = 0.0
        self.acknowledged: dict[int, tuple[int, dict]] = {}  # task -> (seq, fields) last stored
        self.errors = 0
        self.failed: str = ""

    def _open(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()

    def _token(self, page: str, attribute: str = 'name="csrf_token" type="hidden" value') -> str:
        return re.search(rf'{attribute}="([^"]+)"', page).group(1)

    def run(self) -> None:
        try:
            started = time.perf_counter()
            _, page = self._open("/participant/login")
            # while the round can be started, signing in lands on its page
            _, page = self._open(
                "/participant/login", {"code": self.code, "csrf_token": self._token(page)}
            )
            self._open("/online/start", {"csrf_token": self._token(page)})
            _, page = self._open("/online/work")
            token = self._token(page, "data-csrf")
            self.sign_in = time.perf_counter() - started
        except (OSError, AttributeError) as error:
            self.failed = f"{type(error).__name__}: {error}"
        with contextlib.suppress(threading.BrokenBarrierError):
            self.ready.wait()  # everybody writes at once once all have started
        if self.failed:
            return
        seqs = {number: 0 for number, _, _ in self.tasks}
        essay = ""
        ends = time.monotonic() + self.seconds
        time.sleep(self.rng.uniform(0, PAUSE[1]))  # not all at the same second
        while time.monotonic() < ends:
            number, kind, options = self.rng.choice(self.tasks)
            if kind == "single_choice":
                fields = {"answer": str(self.rng.randrange(options))}
            elif kind == "short_answer":
                fields = {"answer": self.rng.choice(["каталог", "предисловие", "шифр", "ISBN"])}
            else:
                essay += self.rng.choice(["Книга ", "о дружбе. ", "Автор ", "пишет, ", "что "])
                fields = {"answer": essay}
            seqs[number] += 1
            status, reply = self._save(number, {**fields, "seq": str(seqs[number])}, token)
            if status == 200 and reply.get("stored"):
                self.acknowledged[number] = (seqs[number], fields)
            elif status != 200:
                self.errors += 1
            time.sleep(self.rng.uniform(*PAUSE))

    def _save(self, number: int, fields: dict, token: str) -> tuple[int, dict]:
        headers = {"X-CSRFToken": token, "Accept": "application/json"}
        started = time.perf_counter()
        try:
            status, text = self._open(f"/online/tasks/{number}/save", fields, headers)
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        except OSError:
            status, text = 0, "{}"
        self.latencies.append(time.perf_counter() - started)
        self.moments.append(time.perf_counter())
        try:
            return status, json.loads(text)
        except ValueError:
            return status, {}


def start(url: str, port: int) -> subprocess.Popen:
    return serve(
        url,
        port,
        "/participant/login",
        {"OLYMPIAD_CODE_RATE_LIMIT": "100000 per minute"},
        ("--backlog", "1024"),
    )


def _value(kind: str, fields: dict):
    """What the server stores for these fields (domain.online.read_fields)."""
    if kind == "single_choice":
        return int(fields["answer"]), ""
    if kind == "open":
        return None, fields["answer"]
    return fields["answer"], ""


def run(label: str, url: str, count: int, seconds: float) -> None:
    codes, tasks = prepare(url, count)
    kinds = {number: kind for number, kind, _ in tasks}
    port = free_port()
    server = start(url, port)
    try:
        ready = threading.Barrier(len(codes), timeout=600)
        writers = [
            Writer(f"http://127.0.0.1:{port}", code, tasks, seconds, seed, ready)
            for seed, code in enumerate(codes)
        ]
        started = time.perf_counter()
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(seconds + 300)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(10)
    latencies = sorted(t for w in writers for t in w.latencies)
    sign_ins = sorted(w.sign_in for w in writers if not w.failed)
    in_db = stored(url)
    lost = overwritten = checked = 0
    for writer in writers:
        for number, (seq, fields) in writer.acknowledged.items():
            checked += 1
            found = in_db.get((writer.code, number))
            if found is None or found[0] < seq:
                lost += 1
            elif found[0] == seq and (found[1], found[2]) != _value(kinds[number], fields):
                overwritten += 1
    failed = [w.failed for w in writers if w.failed]
    p99 = latencies[max(int(len(latencies) * 0.99) - 1, 0)] if latencies else 0
    moments = sorted(m for w in writers for m in w.moments)
    span = moments[-1] - moments[0] if len(moments) > 1 else elapsed
    print(
        f"{label}: {count} participants, {len(latencies)} saves in {span:.1f} s = "
        f"{len(latencies) / span:.0f} saves/s (whole run {elapsed:.0f} s); "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
        f"slowest {latencies[-1] * 1000:.0f} ms"
    )
    print(
        "  all signing in at the same second (5 requests each): "
        f"p50 {statistics.median(sign_ins) * 1000:.0f} ms, "
        f"slowest {sign_ins[-1] * 1000:.0f} ms; participants who could not start: {len(failed)}"
        + (f" ({failed[0]})" if failed else "")
    )
    print(f"  saves refused or failed: {sum(w.errors for w in writers)}")
    print(
        f"  tasks checked {checked}: last acknowledged save missing {lost}, "
        f"written over by another {overwritten}"
        f"{' (NO ANSWER LOST)' if not lost and not overwritten and checked else ' (LOST!)'}"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{folder}/online.sqlite3", count, seconds)
    if os.environ.get("OLYMPIAD_BENCH_DATABASE_URL"):
        run("PostgreSQL", os.environ["OLYMPIAD_BENCH_DATABASE_URL"], count, seconds)


if __name__ == "__main__":
    main()
