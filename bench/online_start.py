"""Load benchmark: 300 participants start the online round in the same second, against the
README's production command (gunicorn, 4 sync workers, --timeout 120, an access log).

Each participant does what a browser does: opens the sign-in page, signs in with the code
(and follows the redirect: while the round can be started, a participant lands on the online
round's page, not on their home page), presses "start" (and follows the redirect to the first
work page): five requests. All wait at a barrier and go at once.

Printed for each database (SQLite in a temporary folder; PostgreSQL too when
OLYMPIAD_BENCH_DATABASE_URL names a database it may empty):
- the gunicorn workers' CPU time (user + system, from /proc) over the run, per participant;
- p50 / p99 / slowest latency of a participant's whole start (five requests), and of the
  first work page alone.
The client's threads run on the same cores as the server: on a 2-core machine they take
CPU from it, so the latencies are pessimistic; the CPU per participant is the server's only.

The CPU a request takes follows the machine (a shared machine's speed changes during the day,
and one machine is not another): compare with the code of another day in the same run
(OLYMPIAD_BENCH_AGAINST below).

Run: .venv/bin/python bench/online_start.py [participants]
With OLYMPIAD_BENCH_AGAINST=<another checkout> (e.g. `git worktree add /tmp/base 54aa35a`, the
code when issue 20 was filed, with its translations compiled) the same crowd runs on that code
and on this one in turns, and the ratio of their CPU per participant is printed.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package, also for prepare()

from _server import free_port, serve  # noqa: E402
from online_load import prepare  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
WARM = 40  # participants started before the measured crowd (every worker compiles its templates)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def worker_cpu(master: int) -> float:
    """Seconds of CPU (user + system) the gunicorn workers have used so far."""
    total = 0
    for pid in _children(master):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


class Starter(threading.Thread):
    def __init__(self, base: str, code: str, ready: threading.Barrier):
        super().__init__(daemon=True)
        self.base, self.code, self.ready = base, code, ready
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.took = self.work_page = 0.0
        self.requests = 0  # redirects followed count too
        self.failed = ""

    def _open(self, path: str, data: dict | None = None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        with self.opener.open(request, timeout=300) as response:
            self.requests += 1 + (response.url != self.base + path)
            return response.read().decode()

    @staticmethod
    def _token(page: str) -> str:
        return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    def run(self) -> None:
        try:
            self.ready.wait()
        except threading.BrokenBarrierError:
            self.failed = "barrier"
            return
        try:
            started = time.perf_counter()
            page = self._open("/participant/login")
            page = self._open(
                "/participant/login", {"code": self.code, "csrf_token": self._token(page)}
            )
            if 'action="/online/start"' not in page:  # older code: the home page's link
                page = self._open("/online/")
            if 'action="/online/start"' not in page:
                raise ValueError("no online round's page after signing in")
            before_work = time.perf_counter()
            page = self._open("/online/start", {"csrf_token": self._token(page)})
            if 'id="online-work"' not in page or "data-csrf=" not in page:
                raise ValueError("the work page did not come")
            finished = time.perf_counter()
            self.took, self.work_page = finished - started, finished - before_work
        except (OSError, AttributeError, ValueError) as error:
            self.failed = f"{type(error).__name__}: {error}"


def crowd(base: str, codes: list[str]) -> list[Starter]:
    ready = threading.Barrier(len(codes), timeout=120)
    starters = [Starter(base, code, ready) for code in codes]
    for starter in starters:
        starter.start()
    for starter in starters:
        starter.join(600)
    return starters


def _percentile(values: list[float], share: float) -> float:
    return values[max(int(len(values) * share + 0.5) - 1, 0)]


def run(label: str, url: str, count: int, root: Path = ROOT) -> float:
    """The crowd against the code of the checkout `root`; returns the CPU per participant."""
    codes, _tasks = prepare(url, count + WARM)
    port = free_port()
    server = serve(
        url,
        port,
        "/participant/login",
        {"OLYMPIAD_CODE_RATE_LIMIT": "100000 per minute"},
        ("--timeout", "120", "--access-logfile", "-"),
        root,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        warm = crowd(base, codes[:WARM])
        cpu = worker_cpu(server.pid)
        wall = time.perf_counter()
        starters = crowd(base, codes[WARM:])
        wall = time.perf_counter() - wall
        cpu = worker_cpu(server.pid) - cpu
    finally:
        server.terminate()
        server.wait(10)
    failed = [s.failed for s in warm + starters if s.failed]
    took = sorted(s.took for s in starters if not s.failed)
    work = sorted(s.work_page for s in starters if not s.failed)
    load = os.getloadavg()
    print(
        f"{label}: {count} participants starting at once "
        f"({max((s.requests for s in starters), default=0)} requests each), "
        f"{os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    per = cpu / count * 1000
    print(
        f"  server CPU {cpu:.2f} s = {per:.1f} ms per participant (goal <= 20 ms); "
        f"all started in {wall:.1f} s"
    )
    if took:
        print(
            f"  whole start: p50 {statistics.median(took):.2f} s, "
            f"p99 {_percentile(took, 0.99):.2f} s (goal < 5 s), slowest {took[-1]:.2f} s"
        )
        print(
            f"  start + first work page: p50 {statistics.median(work):.2f} s, "
            f"p99 {_percentile(work, 0.99):.2f} s"
        )
    print(f"  could not start: {len(failed)}" + (f" ({failed[0]})" if failed else ""))
    return per


def against(other: Path, count: int) -> None:
    """This code and the code of `other` in turns, twice each, on SQLite: the ratio of their
    CPU per participant does not depend on the machine's speed."""
    found = {ROOT: [], other: []}
    for _ in range(2):
        for root in found:
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite:///{folder}/start.sqlite3"
                found[root].append(run(f"SQLite, the code in {root}", url, count, root))
    ours, theirs = (statistics.median(found[root]) for root in (ROOT, other))
    print(f"this code against {other}: {ours:.1f} / {theirs:.1f} ms = {ours / theirs:.2f}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    if os.environ.get("OLYMPIAD_BENCH_AGAINST"):
        against(Path(os.environ["OLYMPIAD_BENCH_AGAINST"]).resolve(), count)
        return
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{folder}/start.sqlite3", count)
    if os.environ.get("OLYMPIAD_BENCH_DATABASE_URL"):
        run("PostgreSQL", os.environ["OLYMPIAD_BENCH_DATABASE_URL"], count)


if __name__ == "__main__":
    main()
