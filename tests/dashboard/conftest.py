from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.marking.conftest import client_for, scene  # noqa: F401
from tests.tasks.conftest import make_task  # noqa: F401
