"""gunicorn on 127.0.0.1 for the load benchmarks: a free port, a server, wait until it answers.
(Imported by marking_load.py and online_load.py; running it does nothing.)"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(
    url: str, port: int, probe: str, env: dict | None = None, args=(), root: Path = ROOT
) -> subprocess.Popen:
    """gunicorn with 4 workers on the database `url`, serving the code of the checkout `root`
    (this one by default); returns once `probe` answers."""
    environment = {**os.environ, "SECRET_KEY": "bench-secret", "DATABASE_URL": url, **(env or {})}
    command = [str(BIN / "gunicorn"), "-w", "4", "-b", f"127.0.0.1:{port}", *args]
    server = subprocess.Popen(
        [*command, "--log-level", "warning", "olympiad:create_app()"],
        cwd=root,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")
