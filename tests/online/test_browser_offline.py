"""The online round on a village connection, in a real browser at a phone's width (390 px):
answers typed offline survive a reload, a closed tab and a browser switched off (the browser's
storage keeps them, the service worker keeps the page) and are stored exactly once when the
connection returns; answers kept offline across the deadline reach the server as late answers,
wait for the organizer, who accepts them for the school, and are scored.

"Offline" is Playwright's offline emulation plus a route that drops every request, the service
worker's own included (the emulation alone does not reach a service worker).
Set OLYMPIAD_SCREENSHOTS=<folder> to keep screenshots.
"""

import time
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect
from sqlalchemy import func, select, update

from olympiad.extensions import db
from olympiad.models import Answer, LateAnswer, OnlineAnswer, OnlineAttempt
from tests.browsers import ARGS, CHROMIUM
from tests.conftest import PASSWORD
from tests.online import test_browser as shared
from tests.online.conftest import CODES
from tests.online.test_browser import saved, shot

# the real server, clock and browser of the other browser test
clock = shared.clock

pytestmark = shared.pytestmark
PHONE = {"width": 390, "height": 844}


def offline(context) -> None:
    context.route("**/*", lambda route: route.abort("internetdisconnected"))
    context.set_offline(True)


def online_again(context) -> None:
    context.unroute("**/*")
    context.set_offline(False)


def waiting(page, n: int) -> None:
    page.locator(f'#task-{n} .save-state[data-state="pending"]').wait_for()


def kept_pages(page) -> list[str]:
    return page.evaluate(
        "() => caches.open('olympiad-online').then(c => c.keys()).then(k => k.map(r => r.url))"
    )


KEPT_TEXT = """([path, text]) => caches.open('olympiad-online')
  .then(c => c.match(path, {ignoreSearch: !path.includes('?')}))
  .then(r => r ? r.text() : '').then(body => body.includes(text))"""


def wait_until_kept(page, path: str = "/online/work", text: str = "online-work") -> None:
    """Until the service worker keeps `path` as a page holding `text` (after a switch of
    layout, the copy kept before it may still be there for a moment)."""
    for _ in range(100):
        if page.evaluate(KEPT_TEXT, [path, text]):
            return
        time.sleep(0.1)
    raise AssertionError(f"the service worker kept no page of the work with {text!r}")


def start(context, live_server, code=CODES["a1"]):
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server}/participant/login")
    page.fill("#code", code)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/online/")  # signing in while the round is open lands on it
    assert kept_pages(page) == []  # nothing of the paper before the start
    page.get_by_role("button", name="Начать").click()
    page.wait_for_url("**/online/work")
    page.get_by_role("button", name="Все сразу").click()  # the same address, another page:
    expect(page.get_by_role("button", name="Все сразу")).to_have_attribute("aria-pressed", "true")
    wait_until_kept(page, text='id="task-2"')  # every task on it: the new layout is kept
    return page


def stored_answers() -> dict[int, tuple]:
    query = select(OnlineAnswer).execution_options(populate_existing=True)
    return {a.paper_task_id: (a.value, a.seq) for a in db.session.scalars(query)}


def test_answers_typed_offline_survive_a_reload_and_a_closed_tab(online, live_server, browser):
    n, items = online.number, online.items
    context = browser.new_context(viewport=PHONE, locale="ru-RU")
    page = start(context, live_server)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.check(f"#t{n['single']}-o1")
    saved(page, n["single"])

    offline(context)
    page.check(f"#t{n['multiple']}-o0")
    page.check(f"#t{n['multiple']}-o2")
    page.fill(f"#t{n['short']}-text", "шифр")
    waiting(page, n["multiple"])
    waiting(page, n["short"])
    page.locator("#online-offline").filter(has_text="Нет связи с сервером уже").wait_for()
    assert "btn-warning" in page.get_attribute(f'.task-link[data-number="{n["short"]}"]', "class")
    shot(page, "offline-1-typed")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "offline-1-typed-wide")
    page.set_viewport_size(PHONE)
    assert set(stored_answers()) == {items["single"].id}  # nothing reached the server

    page.reload()  # offline: the kept page, with the answers from the browser's storage
    assert page.is_checked(f"#t{n['single']}-o1")
    assert page.is_checked(f"#t{n['multiple']}-o0") and page.is_checked(f"#t{n['multiple']}-o2")
    assert page.input_value(f"#t{n['short']}-text") == "шифр"
    waiting(page, n["short"])
    page.locator("#online-offline").filter(has_text="Нет связи").wait_for()
    page.fill(f"#t{n['number']}-text", "98765,4321")
    waiting(page, n["number"])
    shot(page, "offline-2-reloaded", full=True)
    # nothing typed after the reload reached it; the reload's own last send (the page sends
    # what it keeps as it goes away) may get past Playwright's emulation, as a closed tab's
    # does below
    stored = set(stored_answers())
    assert items["single"].id in stored and items["number"].id not in stored
    assert stored <= {items[kind].id for kind in ("single", "multiple", "short")}
    # (closing a tab ends Playwright's emulation for it: its last send may get through)
    page.close()

    page = context.new_page()  # the tab closed and opened again, still offline
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server}/online/work")
    assert page.input_value(f"#t{n['number']}-text") == "98765,4321"
    assert page.input_value(f"#t{n['short']}-text") == "шифр"
    page.select_option(f"#t{n['matching']}-p0", "0")
    waiting(page, n["matching"])

    online_again(context)
    for name in ("multiple", "short", "number", "matching"):
        saved(page, n[name])
    page.locator("#online-offline").wait_for(state="hidden")
    shot(page, "offline-3-back-online")
    stored = stored_answers()
    assert {item: value for item, (value, _seq) in stored.items()} == {
        items["single"].id: 1,
        items["multiple"].id: [0, 2],
        items["short"].id: "шифр",
        items["number"].id: "98765,4321",
        items["matching"].id: {"0": 0},
    }
    rows = db.session.scalar(select(func.count()).select_from(OnlineAnswer))
    assert rows == 5  # each answer stored once
    # a reload online shows what the server has, and nothing waits any more
    page.reload()
    assert page.input_value(f"#t{n['number']}-text") == "98765,4321"
    assert page.locator('.save-state[data-state="pending"]').count() == 0
    assert errors == []
    context.close()


def test_answers_kept_offline_across_the_deadline_wait_for_the_organizer(
    online, live_server, browser
):
    n, items = online.number, online.items
    context = browser.new_context(viewport=PHONE, locale="ru-RU")
    page = start(context, live_server)
    limit = timedelta(minutes=online.sitting.time_limit_minutes)
    db.session.execute(
        update(OnlineAttempt).values(started_at=datetime.now(UTC) - limit + timedelta(seconds=8))
    )
    db.session.commit()
    page.check(f"#t{n['single']}-o1")  # its reply tells the page the new deadline
    saved(page, n["single"])

    offline(context)
    page.check(f"#t{n['multiple']}-o0")
    page.check(f"#t{n['multiple']}-o2")
    page.fill(f"#t{n['short']}-text", "шифр")
    waiting(page, n["short"])
    banner = page.locator("#online-offline")
    banner.filter(has_text="Время вышло").wait_for(timeout=20000)
    assert page.is_disabled(f"#t{n['number']}-text")  # nothing is typed after the deadline
    shot(page, "late-1-time-up")
    # the server's grace is long over when the connection returns
    db.session.execute(update(OnlineAttempt).values(started_at=datetime.now(UTC) - limit * 2))
    db.session.commit()
    page.reload()
    assert page.is_checked(f"#t{n['multiple']}-o2") and page.is_disabled(f"#t{n['short']}-text")
    online_again(context)
    page.wait_for_url("**/online/", timeout=30000)
    page.get_by_text("Ответов, пришедших после окончания времени: 2").wait_for()
    page.get_by_text("Копия работы в этом браузере удалена").wait_for()
    assert page.evaluate("() => Object.keys(localStorage)") == []
    assert kept_pages(page) == []
    shot(page, "late-2-submitted")

    late = db.session.scalars(select(LateAnswer).execution_options(populate_existing=True))
    assert {(a.paper_task_id, a.status) for a in late} == {
        (items["multiple"].id, "pending"),
        (items["short"].id, "pending"),
    }

    def sheet():
        query = select(Answer).execution_options(populate_existing=True)
        return {a.paper_task_id: (a.text, a.points) for a in db.session.scalars(query)}

    assert sheet()[items["multiple"].id] == ("-", 0)  # not scored by itself

    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    organizer = staff.new_page()
    organizer.goto(f"{live_server}/auth/login")
    organizer.fill("#login", online.organizer.login)
    organizer.fill("#password", PASSWORD)
    organizer.get_by_role("button", name="Войти").click()
    organizer.goto(f"{live_server}/online/sittings/{online.sitting.id}")
    organizer.get_by_role("link", name="Поздние ответы").click()
    school = organizer.locator("section", has_text="Школа А")
    school.get_by_text("задание 2: ждёт").wait_for()
    shot(organizer, "late-3-organizer", full=True)
    organizer.set_viewport_size(PHONE)
    shot(organizer, "late-4-organizer-phone", full=True)
    form = school.locator(".card-header form")
    form.locator("textarea").fill("В школе А пропал интернет перед концом тура")
    form.get_by_role("button", name="Принять для всей школы").click()
    organizer.get_by_text("Поздние ответы приняты и оценены").wait_for()
    assert sheet()[items["multiple"].id] == ("АВ", 2)
    assert sheet()[items["short"].id] == ("шифр", 1)
    staff.close()
    context.close()


def test_a_phone_switched_off_offline_brings_the_answers_back(
    online, live_server, browser, tmp_path
):
    n, items = online.number, online.items

    def switch_on():
        return browser.browser_type.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport=PHONE,
            locale="ru-RU",
        )

    context = switch_on()
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server}/participant/login")
    page.fill("#code", CODES["a1"])
    page.get_by_role("button", name="Войти").click()
    page.goto(f"{live_server}/online/")
    page.get_by_role("button", name="Начать").click()
    page.wait_for_url("**/online/work")
    for k in (n["short"] - 1, n["short"]):  # one task a screen
        page.goto(f"{live_server}/online/work?n={k}")
        wait_until_kept(page, f"/online/work?n={k}")
    offline(context)
    page.fill(f"#t{n['short']}-text", "шифр")
    waiting(page, n["short"])
    page.get_by_role("button", name="← Назад").click()  # offline: the kept page of that task
    page.wait_for_url(f"**/online/work?n={n['short'] - 1}")
    page.locator(f"#task-{n['short'] - 1}").wait_for()
    link = page.locator(f'.task-link[data-number="{n["short"]}"]')
    assert "btn-warning" in link.get_attribute("class")  # its answer still waits
    context.close()  # the phone is switched off before the connection returns

    context = switch_on()
    offline(context)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server}/online/work?n={n['short']}")
    assert page.input_value(f"#t{n['short']}-text") == "шифр"
    waiting(page, n["short"])
    shot(page, "restart-1-offline")
    online_again(context)
    saved(page, n["short"])  # the sign-in outlives the browser (a 12-hour session)
    assert {item: value for item, (value, _seq) in stored_answers().items()} == {
        items["short"].id: "шифр"
    }
    context.close()
