"""The organizer's day in a real browser (Debian's Chromium through Playwright): the cockpit
leads through the stages, attendance is taken on a phone, a paper is composed in one go."""

import pytest
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Attendance, OlympiadStatus, Paper, Role
from tests.browsers import needs_chromium
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.csrf,
    needs_chromium,
]


def signed_in(browser, live_server, user, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=login]", user.login)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{live_server}/")
    return page


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 390])
def test_the_cockpit_leads_the_organizer_from_draft_to_marking(
    live_server,
    browser,
    make_user,
    make_olympiad,
    width,
):
    olympiad = make_olympiad(status=OlympiadStatus.DRAFT)
    page = signed_in(browser, live_server, make_user(Role.ORGANIZER), width)
    walk = [
        ("Черновик", "Открыть регистрацию"),
        ("Регистрация", "Закрыть регистрацию и выдать шифры"),
        ("Списки закрыты", "Олимпиада проведена"),
        ("Проведена", "Начать проверку работ"),
    ]
    for stage, button in walk:
        current = page.locator("[aria-current=step]")
        assert current.inner_text().strip() == stage
        assert fits(page, width), f"{stage}: the page scrolls sideways at {width} px"
        page.get_by_role("link", name=button).click()
        page.get_by_role("button", name=button).click()  # the confirmation page
        page.goto(f"{live_server}/")
    assert page.locator("[aria-current=step]").inner_text().strip() == "Проверка"
    assert page.get_by_role("link", name="Завершить проверку").is_visible()
    db.session.refresh(olympiad)
    assert olympiad.status == OlympiadStatus.MARKING


def test_attendance_on_a_phone_exceptions_first_then_everybody_present(
    live_server,
    browser,
    make_user,
    make_school,
    make_olympiad,
    make_participant,
):
    olympiad = make_olympiad(status=OlympiadStatus.REGISTRATION_CLOSED)
    school = make_school()
    people = [make_participant(olympiad, school) for _ in range(4)]
    page = signed_in(browser, live_server, make_user(Role.ORGANIZER), 390)
    page.goto(f"{live_server}/enrollment/{olympiad.id}/attendance")
    assert fits(page, 390), "the attendance list scrolls sideways on a phone"
    absent = page.locator(f"label[for=a{people[1].id}-absent]")
    box = absent.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 40
    absent.click()
    page.get_by_role("button", name="Все присутствуют").click()
    page.get_by_text("Явка сохранена").wait_for()
    db.session.expire_all()
    assert [p.attendance for p in people] == [
        Attendance.PRESENT,
        Attendance.ABSENT,
        Attendance.PRESENT,
        Attendance.PRESENT,
    ]


def test_a_paper_is_composed_by_ticking_tasks(
    live_server,
    browser,
    make_user,
    make_olympiad,
    make_task,
):
    group = make_olympiad(status=OlympiadStatus.DRAFT).groups[0]
    tasks = [make_task() for _ in range(4)]
    page = signed_in(browser, live_server, make_user(Role.ORGANIZER), 1280)
    page.goto(f"{live_server}/tasks/papers/{group.id}")
    for task in (tasks[0], tasks[2], tasks[3]):
        page.locator(f"#pick-{task.id}").check()
    page.get_by_role("button", name="Добавить отмеченные").click()
    page.get_by_text("Добавлено заданий: 3.").wait_for()
    db.session.expire_all()
    paper = db.session.scalar(select(Paper).where(Paper.group_id == group.id))
    assert [i.task_version.task_id for i in paper.items] == [tasks[0].id, tasks[2].id, tasks[3].id]
