from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.marking.conftest import client_for, scene  # noqa: F401
from tests.online.test_browser import browser, live_server  # noqa: F401
from tests.tasks.conftest import make_task  # noqa: F401
