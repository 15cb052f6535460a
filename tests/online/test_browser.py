"""The online round in a real browser: headless Chromium (Debian's), driven by Playwright, against
the app served on a real port. A participant answers a task of every type (saved as typed by the
page's script), reloads mid-way and finds every answer, answers with the keyboard alone, and
is submitted automatically when the deadline comes; the closed answers are scored and the open
one reaches the jury under its cipher.

Set OLYMPIAD_SCREENSHOTS=<folder> to keep screenshots of the pages at 1280 px and at 375 px.
"""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from olympiad.extensions import db
from olympiad.models import Answer, OlympiadStatus, OnlineAnswer, OnlineAttempt
from tests.browsers import needs_chromium
from tests.conftest import PASSWORD
from tests.online.conftest import CODES

pytestmark = [
    pytest.mark.csrf,
    needs_chromium,
]
SHOTS = os.environ.get("OLYMPIAD_SCREENSHOTS")
OPEN_TEXT = "Носов, Н. Н. Приключения Незнайки.\nКнига о дружбе."


class RealClock:
    """The real clock: the browser's countdown and the server must agree."""

    def __init__(self):
        self.now = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def clock():
    return RealClock()


def shot(page, name: str, full: bool = False) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=full)


def saved(page, n: int) -> None:
    page.locator(f"#task-{n} .save-state").filter(has_text="Ответ сохранён").wait_for()


def fresh_attempt() -> OnlineAttempt:
    query = select(OnlineAttempt).execution_options(populate_existing=True)
    return db.session.scalar(query)


def test_a_participant_writes_the_paper_in_a_browser(online, live_server, browser):
    n = online.number
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(15000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server}/participant/login")
    page.fill("#code", CODES["a1"].lower().replace("-", " "))
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/online/")  # signing in while the round is open lands on it
    shot(page, "1-start")
    page.get_by_role("button", name="Начать").click()
    page.wait_for_url("**/online/work")
    page.get_by_role("button", name="Все сразу").click()  # the same address, another page
    expect(page.get_by_role("button", name="Все сразу")).to_have_attribute("aria-pressed", "true")

    # the first half, saved as typed; then a reload finds it
    page.check(f"#t{n['single']}-o1")
    page.check(f"#t{n['multiple']}-o0")
    page.check(f"#t{n['multiple']}-o2")
    for left in range(3):
        page.select_option(f"#t{n['matching']}-p{left}", str(left))
    for name in ("single", "multiple", "matching"):
        saved(page, n[name])
    shot(page, "2-all-tasks", full=True)
    page.reload()
    assert page.is_checked(f"#t{n['single']}-o1")
    assert page.is_checked(f"#t{n['multiple']}-o0") and page.is_checked(f"#t{n['multiple']}-o2")
    assert not page.is_checked(f"#t{n['multiple']}-o1")
    assert page.input_value(f"#t{n['matching']}-p2") == "2"

    # the second half, typed; another reload finds everything
    for place, item in enumerate(("3", "2", "0", "1")):
        page.select_option(f"#t{n['ordering']}-k{place}", item)
    page.fill(f"#t{n['number']}-text", "98765,4321")
    page.click(f"#t{n['annotation']}-text")
    page.keyboard.type(OPEN_TEXT)
    for name in ("ordering", "number", "annotation"):
        saved(page, n[name])
    page.reload()
    assert page.input_value(f"#t{n['ordering']}-k0") == "3"
    assert page.input_value(f"#t{n['number']}-text") == "98765,4321"
    assert page.input_value(f"#t{n['annotation']}-text") == OPEN_TEXT

    # one task a screen, with the keyboard alone: type, Enter goes on to the next task
    page.get_by_role("button", name="По одному").click()
    page.goto(f"{live_server}/online/work?n={n['short']}")
    page.focus(f"#t{n['short']}-text")
    page.keyboard.type("шифр")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/online/work?n={n['short'] + 1}")
    shot(page, "3-one-task")
    phone = context.new_page()
    phone.set_viewport_size({"width": 375, "height": 800})
    phone.goto(f"{live_server}/online/work?n={n['matching']}")
    shot(phone, "4-phone-matching")
    phone.goto(f"{live_server}/online/review")
    shot(phone, "5-phone-review", full=True)
    phone.close()
    stored = {a.paper_task_id: a.value for a in db.session.scalars(select(OnlineAnswer))}
    assert stored[online.items["short"].id] == "шифр"

    # the deadline comes (moved to a few seconds from now): the page learns it from its next
    # save, counts down, and the work is submitted automatically
    page.goto(f"{live_server}/online/work?n={n['annotation']}")
    limit = timedelta(minutes=online.sitting.time_limit_minutes)
    soon = datetime.now(UTC) - limit + timedelta(seconds=4)
    db.session.execute(update(OnlineAttempt).values(started_at=soon))
    db.session.commit()
    page.click(f"#t{n['annotation']}-text")
    page.keyboard.press("End")
    page.keyboard.type(" Конец.")
    page.wait_for_url("**/online/", timeout=30000)
    assert "сдана автоматически" in page.content()
    shot(page, "6-submitted")
    assert errors == []

    attempt = fresh_attempt()
    assert attempt.submitted_at is not None and attempt.auto_submitted
    sheet = {
        a.paper_task_id: (a.text, a.points)
        for a in db.session.scalars(select(Answer).execution_options(populate_existing=True))
    }
    items = online.items
    assert sheet == {
        items["single"].id: ("Б", 1),
        items["multiple"].id: ("АВ", 2),
        items["matching"].id: ("1-А, 2-Б, 3-В", 3),
        items["ordering"].id: ("ГВАБ", 2),
        items["short"].id: ("шифр", 1),
        items["number"].id: ("98765,4321", 1),
    }
    typed = db.session.scalar(
        select(OnlineAnswer.text).where(OnlineAnswer.paper_task_id == items["annotation"].id)
    )
    assert typed.startswith(OPEN_TEXT) and typed.endswith("Конец.")

    # the jury's queue of the open task lists the work by its cipher and shows its text
    online.olympiad.status = OlympiadStatus.MARKING
    db.session.commit()
    jury = browser.new_context(viewport={"width": 1280, "height": 900})
    juror = jury.new_page()
    juror.goto(f"{live_server}/auth/login")
    juror.fill("#login", online.juror.login)
    juror.fill("#password", PASSWORD)
    juror.get_by_role("button", name="Войти").click()
    juror.goto(f"{live_server}/marking/{online.olympiad.id}/tasks/{items['annotation'].id}")
    row = juror.locator("tr", has_text="TXT-100")
    row.get_by_role("link", name="Проверить").click()
    juror.wait_for_url("**/works/TXT-100")
    juror.get_by_text("написан онлайн").wait_for()
    body = juror.content()
    assert "Приключения Незнайки" in body and "Конец." in body and "Онлайнова" not in body
    shot(juror, "7-jury")
    jury.close()
    context.close()
