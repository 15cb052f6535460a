"""The participant's and the public's way in a real browser (Debian's Chromium driven by
Playwright), on a phone (390 px) and a desktop (1280 px): the slip's QR code opens the
sign-in with the code filled in, the work view shows answers, keys and marks, an appeal is
filed from it within the window and refused after it; the public finds a surname and filters
by school, with place and status in view on a phone.

Set OLYMPIAD_SCREENSHOTS=<folder> to keep screenshots of the pages.
"""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from olympiad.enrollment.documents import access_slips
from olympiad.extensions import db
from olympiad.models import Appeal, OlympiadStatus
from olympiad.models.base import utcnow
from olympiad.results.services import approve_final
from tests.appeals.conftest import CODES
from tests.browsers import needs_chromium
from tests.certificates.conftest import qr_payloads
from tests.results import scene as results_scene

pytestmark = [
    pytest.mark.csrf,
    needs_chromium,
]
SHOTS = os.environ.get("OLYMPIAD_SCREENSHOTS")
WIDTHS = [390, 1280]


def open_page(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def fits(page, width: int) -> None:
    """Nothing makes the page scroll sideways."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def appeals() -> int:
    return db.session.scalar(select(func.count(Appeal.id)))


@pytest.mark.parametrize("width", WIDTHS)
def test_from_the_slip_to_an_appeal(prelim, app, live_server, browser, tmp_path, width):
    app.config["PUBLIC_URL"] = live_server
    prelim.olympiad.appeals_close_at = utcnow() + timedelta(days=1)
    db.session.commit()
    slips = access_slips(prelim.olympiad)  # as the organizer's download makes them
    code = CODES["KMT-103"]
    (address,) = [url for url in qr_payloads(slips, tmp_path) if url.endswith(code)]
    assert address == f"{live_server}/participant/login?code={code}"

    page = open_page(browser, width)
    page.goto(address)  # what a phone's camera opens
    assert page.input_value("#code") == code
    shot(page, f"way-1-sign-in-{width}")
    page.get_by_role("button", name="Войти").click()
    page.get_by_role("link", name="Моя работа: ответы, ключи, оценки").click()
    page.wait_for_url("**/appeals/mine/work")
    short = prelim.items["short"]
    row = page.locator(f"#task-{short.position}")
    assert "книга" in row.inner_text()  # the answer as typed from the sheet
    marks = page.locator(".work-task table").first  # the marks by criterion, by check
    assert marks.is_visible()
    check = "1-я пров." if width < 576 else "Первая проверка"
    assert check in marks.locator("thead").inner_text()
    fits(page, width)
    shot(page, f"way-2-work-{width}")

    # within the window: an appeal on the task, quoted from the work
    row.get_by_role("link", name="Оспорить").click()
    assert "мой ответ «книга»" in page.input_value("#contested")
    assert page.locator("#paper_task_id").input_value() == str(short.id)
    assert "осталось" in page.locator(".appeal-window").inner_text()
    page.fill("#reasoning", "«Книга» — тоже верный ответ.")
    fits(page, width)
    shot(page, f"way-3-appeal-{width}")
    page.get_by_role("button", name="Подать апелляцию").click()
    page.get_by_text("Апелляция № 1 подана").wait_for()
    assert appeals() == 1

    # after the window: the same form, sent a minute too late, is refused
    page.goto(f"{live_server}/appeals/mine/work")
    record = prelim.items["record"]
    page.locator(f"#task-{record.position}").get_by_role("link").click()
    page.fill("#reasoning", "Пунктуация верная.")
    prelim.olympiad.appeals_close_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page.get_by_role("button", name="Подать апелляцию").click()
    page.get_by_text("Приём апелляций закрыт").first.wait_for()
    shot(page, f"way-4-closed-{width}")
    assert appeals() == 1
    assert page.errors == []


@pytest.fixture
def published(make_olympiad, make_participant, make_school, make_user):
    scene = results_scene.build(make_olympiad, make_participant, make_school, make_user)
    results_scene.close_appeals(scene.olympiad)
    approve_final(scene.chair, scene.olympiad, "112-од", date(2021, 3, 22))
    scene.olympiad.status = OlympiadStatus.PUBLISHED
    db.session.commit()
    return scene


def visible_rows(page):
    return page.locator("tbody tr[data-row]:visible")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_public_finds_a_surname_and_filters_by_school(published, live_server, browser, width):
    page = open_page(browser, width)
    page.goto(f"{live_server}/results/public/{published.olympiad.id}")
    assert visible_rows(page).count() == 10
    page.fill("#find-name", "ильина")
    assert visible_rows(page).count() == 1
    assert "Ильина А. П." in visible_rows(page).first.inner_text()
    assert "#name=" in page.url  # a filtered view can be shared
    page.fill("#find-name", "")
    school = published.schools[1].short_name
    page.select_option("#find-school", school)
    rows = visible_rows(page)
    assert rows.count() == 5
    assert all(school in rows.nth(i).inner_text() for i in range(5))
    # on a phone each row is a card: its place and status are in view without scrolling
    first = rows.first
    for cell in ("place", "status"):
        box = first.locator(f'td[data-col="{cell}"]').bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    fits(page, width)
    shot(page, f"way-5-public-{width}")
    # sorting by a column, in the browser
    if width < 576:  # the header is folded into the cards: the order comes from a list
        page.select_option("#find-order", "name")
    else:
        page.get_by_role("button", name="Участник").click()
    names = [rows.nth(i).locator('td[data-col="name"]').inner_text() for i in range(5)]
    assert names == sorted(names, key=lambda n: n.replace("Ё", "Е"))
    assert page.errors == []
