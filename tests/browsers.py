"""What every browser test shares: Debian's Chromium driven by Playwright, and the app served
on a real port. Fixtures here are imported by the root conftest."""

import logging
import os
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason=f"no Chromium at {CHROMIUM}: install Debian's package chromium to run this test",
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _read_whole(file, _buffer_size: int = 8192) -> list[bytes]:
    with file:
        return [file.read()]


def _files_read_at_once(app):
    """Static files and downloads sent as bytes read at once. Werkzeug's development server
    skips closing a response when the browser drops the connection while it drains the
    request (a page left before its favicon came): the open file then warns when collected,
    which fails whichever test is running."""

    def serve(environ, start_response):
        environ["wsgi.file_wrapper"] = _read_whole
        return app(environ, start_response)

    return serve


@pytest.fixture
def live_server(app):
    """The test's app served on a free port of 127.0.0.1, in a thread."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, _files_read_at_once(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)
    server.server_close()


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()
