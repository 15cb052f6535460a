"""/health, and `flask serve` (waitress: the way to run on Windows) starting and answering."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def test_health_answers_ok(client):
    response = client.get("/health")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_starts_waitress_and_answers(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "SECRET_KEY": "serve-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
    }
    flask = Path(sys.executable).with_name("flask")
    command = [str(flask), "--app", "olympiad", "serve", "--port", str(port)]
    server = subprocess.Popen(  # noqa: S603 (our own command)
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                    assert answer.status == 200
                    assert json.loads(answer.read()) == {"status": "ok"}
                    assert "waitress" in answer.headers.get("Server", "")
                    break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "the server did not answer in 20 s"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()
