"""The browser and the served app of the online round's browser test, reused."""

from tests.online.test_browser import browser, live_server  # noqa: F401
