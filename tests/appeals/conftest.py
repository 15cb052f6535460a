"""An appeals scene: the marking scene with every work marked, preliminary results, access
codes for two participants and coordinators of the works' school and of another school.

Marks of the grade 8 works (the paper's maximum is 25):
KMT-101: every closed task right (10), annotation 3, record 6 and 6 -> 19, first place;
KMT-103: closed right but the short answer (9), annotation 2, record 5 and 5 -> 16, second.
"""

from types import SimpleNamespace

import pytest

from olympiad.domain.task_keys import key_answer
from olympiad.domain.typed_answers import format_answer
from olympiad.extensions import db
from olympiad.marking.answers import save_answers
from olympiad.marking.marks import save_mark
from olympiad.marking.works import find_work, is_open
from olympiad.models import OlympiadStatus, Role
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.marking.conftest import client_for, scene  # noqa: F401

CODES = {"KMT-101": "K7MX-4QPR-9TWZ", "KMT-103": "K7MX-4QPR-9TWY", "KMT-102": "K7MX-4QPR-9TWX"}
ANNOTATION = {"KMT-101": [1, 2], "KMT-102": [1, 1], "KMT-103": [1, 1], "KMT-104": [0, 1]}
RECORD = {"KMT-101": [3, 3], "KMT-102": [2, 2], "KMT-103": [2, 3], "KMT-104": [1, 1]}


def right(item) -> str:
    version = item.task_version
    return format_answer(version.type, version.key, key_answer(version.type, version.key))


def _mark_everything(s) -> None:
    o = s.olympiad
    for participant in s.works:
        work = find_work(o, participant.cipher)
        sheet = []
        for item in s.paper.items:
            if is_open(item):
                continue
            wrong = participant.cipher != "KMT-101" and item is s.items["short"]
            sheet.append((item, "книга" if wrong else right(item), 0))
        save_answers(s.juror_a, o, work, sheet)
        annotation, record = s.items["annotation"], s.items["record"]
        save_mark(None, o, work, annotation, ANNOTATION[participant.cipher], "", 0, juror=s.juror_a)
        for juror in (s.juror_a, s.juror_b):
            marks = RECORD[participant.cipher]
            save_mark(None, o, work, record, marks, "Пунктуация", 0, juror=juror)
    db.session.commit()


@pytest.fixture
def prelim(scene, make_user, make_school):  # noqa: F811
    """The scene with marking done and results preliminary (the senior group has no paper,
    so the state is set directly rather than through closing marking)."""
    _mark_everything(scene)
    scene.olympiad.status = OlympiadStatus.PRELIMINARY
    by_cipher = {p.cipher: p for p in scene.works}
    for cipher, code in CODES.items():
        by_cipher[cipher].access_code = code
    scene.absent.access_code = "K7MX-4QPR-9TWW"
    db.session.commit()
    school = scene.works[0].school
    scene.by_cipher = by_cipher
    scene.coordinator = make_user(Role.COORDINATOR, school=school, full_name="Координатова Ксения")
    scene.foreign = make_user(Role.COORDINATOR, full_name="Чужеземцева Клара")
    return scene


@pytest.fixture
def participant_client(app):
    """participant_client(code): a browser signed in with an access code."""

    def make(code: str):
        browser = app.test_client()
        response = browser.post("/participant/login", data={"code": code})
        assert response.status_code == 302, "sign-in failed"
        return browser

    return make


def file_as(browser, item, reasoning="Ответ верный, в ключе ошибка оценки.", **extra):
    """A participant files an appeal on their own page."""
    data = {"paper_task_id": item.id, "reasoning": reasoning, **extra}
    return browser.post("/appeals/mine", data=data)


def decide_as(browser, olympiad, number, state, new_points="", reason="Проверено", version=1):
    data = {"state": state, "new_points": new_points, "reason": reason, "version": version}
    return browser.post(f"/appeals/{olympiad.id}/{number}", data=data)


def ns(**kwargs) -> SimpleNamespace:
    return SimpleNamespace(**kwargs)
