"""The grid in a real browser: a juror types a whole sheet fast and every keystroke lands in its
cell; changing a saved answer asks for the reason inside the page, with the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Answer, AuditEntry
from tests.browsers import needs_chromium
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.csrf,
    needs_chromium,
]
# one sheet as the juror reads it: single, multiple, matching, ordering, short, number
SHEET = ["Б", "АВ", "1-А, 2-Б, 3-В", "ВАГБ", "каталог", "5"]


def grid_page(browser, server, user, url):  # noqa: F811
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15000)
    page.on("dialog", lambda dialog: pytest.fail(f"a browser dialog appeared: {dialog.message}"))
    page.goto(f"{server}/auth/login")
    page.fill("input[name=login]", user.login)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{server}/")
    page.goto(f"{server}{url}")
    return page


def stored() -> dict[tuple[int, int], str]:
    db.session.expire_all()
    return {(a.participant_id, a.paper_task_id): a.text for a in db.session.scalars(select(Answer))}


def test_fast_typing_lands_every_answer_in_its_cell(scene, live_server, browser):  # noqa: F811
    url = f"/marking/{scene.olympiad.id}/groups/{scene.junior.id}/answers"
    page = grid_page(browser, live_server, scene.juror_a, url)
    page.locator("input.grid-cell").first.focus()
    for _work in scene.works:  # four sheets, typed without pause: Tab to the next cell
        for text in SHEET:
            page.keyboard.type(text, delay=0)
            page.keyboard.press("Tab")
    expect(page.locator("input.grid-cell.cell-saved")).to_have_count(24, timeout=30000)
    order = [
        i
        for name, i in scene.items.items()
        if name in ("single", "multiple", "matching", "ordering", "short", "number")
    ]
    expected = {
        (w.id, item.id): text for w in scene.works for item, text in zip(order, SHEET, strict=True)
    }
    assert stored() == expected


def test_changing_a_saved_answer_asks_the_reason_in_the_page(scene, live_server, browser):  # noqa: F811
    url = f"/marking/{scene.olympiad.id}/groups/{scene.junior.id}/answers"
    page = grid_page(browser, live_server, scene.juror_a, url)
    cell = page.get_by_label("Шифр KMT-101, задание 1", exact=True)
    cell.fill("А")
    cell.press("Enter")
    page.locator("input.grid-cell.cell-saved").first.wait_for()
    cell.fill("Б")
    cell.press("Enter")
    reason = page.get_by_label("Причина изменения", exact=False)
    reason.wait_for()
    assert reason.evaluate("el => el === document.activeElement")
    page.keyboard.type("опечатка при вводе")
    page.keyboard.press("Enter")
    expect(page.locator(".cell-reason")).to_have_count(0)
    expect(cell).to_have_class(re.compile(r"\bcell-saved\b"))
    expect(cell).to_be_focused()
    work = scene.works[0]
    assert stored()[(work.id, scene.items["single"].id)] == "Б"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "answer_changed"))
    assert entry.reason == "опечатка при вводе"
    # Esc cancels: the saved answer comes back and nothing changes
    cell.fill("В")
    cell.press("Enter")
    page.get_by_label("Причина изменения", exact=False).wait_for()
    page.keyboard.press("Escape")
    page.get_by_text("Изменение отменено").wait_for()
    assert cell.input_value() == "Б"
    assert stored()[(work.id, scene.items["single"].id)] == "Б"


def test_the_criteria_form_checks_each_mark_as_it_is_typed(scene, live_server, browser):  # noqa: F811
    item = scene.items["annotation"]
    url = f"/marking/{scene.olympiad.id}/tasks/{item.id}/works/KMT-101"
    page = grid_page(browser, live_server, scene.juror_a, url)
    content, grammar = page.locator("#criterion-1"), page.locator("#criterion-2")
    content.fill("1,5")
    grammar.fill("4")
    expect(grammar).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#criterion-2-error")).to_have_text("от 0 до 3, целые или половины")
    expect(page.locator("#criteria-total")).to_have_text("")
    grammar.fill("3")
    expect(grammar).not_to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#criteria-total")).to_have_text("4,5 из 5")
