"""Every page of every role checked by axe-core in a real browser (WCAG 2.1 AA).

The demo is loaded once; then, as organizer, coordinator, chair (jury1), juror (jury2), a
participant (an access code of the demo) and an anonymous visitor, the crawl follows the links
from the start page, one page per endpoint, and runs axe-core (shipped by axe-playwright-python)
on each at 1280 px and at 390 px. Violations of impact serious or critical fail the test; the
number of pages checked and the violations by rule are printed.

Run it alone: `pytest -m accessibility tests/accessibility -s`.
"""

import time
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from olympiad.demo import DEMO_PASSWORD
from olympiad.extensions import db
from olympiad.models import Participant, User
from tests.browsers import needs_chromium

axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")
playwright_error = pytest.importorskip("playwright.sync_api").Error

# the pages are the same whichever database serves them: checked once, on SQLite
pytestmark = [pytest.mark.accessibility, pytest.mark.one_database, needs_chromium]
ROLES = ("organizer", "coord1", "jury1", "jury2", "participant", "anonymous")

WIDTHS = ((1280, 900), (390, 844))
SERIOUS = {"serious", "critical"}
# files, not pages: axe has nothing to check in a PDF or a spreadsheet
FILE_SUFFIXES = (".pdf", ".xlsx", ".docx", ".zip", ".json", ".js", ".csv")
FILE_PARTS = (
    "/image",
    "/file/",
    "/bundle.",
    "/backup",
    "/api/",
    "/health",
    "/online/state",
    "/certificates/mine/",
    "/docx",
    "/analysis/report/",
    "/pdf",
)
# the axe options: the rules of WCAG 2.0 and 2.1, levels A and AA, and best practices
OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


# a resize event is handled before the next frame is drawn: two frames later it has been
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def is_file(path: str) -> bool:
    return path.endswith(FILE_SUFFIXES) or any(part in path for part in FILE_PARTS)


def endpoint_of(app, path: str) -> str | None:
    try:
        endpoint, _ = app.url_map.bind("localhost").match(path, method="GET")
    except HTTPException:
        return None
    return endpoint


def links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    found = []
    for href in hrefs:
        url = urljoin(page.url, href).split("#")[0]
        if url.startswith(base) and url not in found:
            found.append(url)
    return found


def crawl(app, context, base: str, start: str, report: dict) -> None:
    """One page per endpoint, breadth first from `start`; axe at every width on each."""
    page = context.new_page()
    page.set_default_timeout(20000)
    queue, seen = [start], set()
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        endpoint = endpoint_of(app, path)
        if endpoint is None or endpoint in seen or endpoint == "static" or is_file(path):
            continue
        seen.add(endpoint)
        page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
        try:
            response = page.goto(url)
        except playwright_error:  # a download: not a page
            response = None
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate(NEXT_FRAMES)  # the scripts that follow a resize have run
            started = time.monotonic()
            violations = page.evaluate("options => axe.run(document, options)", OPTIONS)
            report["seconds"] += time.monotonic() - started
            report["pages"] += 1
            for violation in violations["violations"]:
                if violation["impact"] in SERIOUS:
                    nodes = [n["target"] for n in violation["nodes"]][:3]
                    report["violations"][violation["id"]] += 1
                    report["where"].append(
                        f"{report['role']} {width}px {path}: {violation['id']} {nodes}"
                    )
        for link in links(page, base):
            if urlsplit(link).path not in ("/auth/logout", "/participant/logout"):
                queue.append(link)
    page.close()


def sign_in(context, base: str, role: str, code: str) -> str:
    page = context.new_page()
    if role == "participant":
        page.goto(f"{base}/participant/login")
        page.fill("#code", code)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url("**/participant/")
        start = page.url
    elif role == "anonymous":
        start = f"{base}/auth/login"
    else:
        page.goto(f"{base}/auth/login")
        page.fill("#login", role)
        page.fill("#password", DEMO_PASSWORD)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url(f"{base}/")
        start = page.url
    page.close()
    return start


@pytest.mark.parametrize("role", ROLES)
def test_no_serious_violations_on_any_page_of_any_role(app, load_demo, live_server, browser, role):
    result = load_demo()
    assert result.exit_code == 0, result.output
    code = db.session.scalar(
        select(Participant.access_code)
        .where(Participant.access_code.is_not(None))
        .order_by(Participant.id)
    )
    context = browser.new_context(locale="ru-RU", bypass_csp=True)
    context.add_init_script(script=axe_playwright.Axe().axe_script)  # axe-core in every page
    start = sign_in(context, live_server, role, code)
    report = {"role": role, "pages": 0, "seconds": 0.0, "violations": Counter(), "where": []}
    crawl(app, context, live_server, start, report)
    if role == "anonymous":
        for extra in ("/participant/login", "/results/public/"):
            crawl(app, context, live_server, live_server + extra, report)
    context.close()
    print(
        f"\n{role}: {report['pages']} page checks (pages × 2 widths, {report['seconds']:.0f} s "
        f"in axe), serious/critical: {dict(report['violations']) or 'none'}"
    )
    assert report["pages"] >= 2, "the crawl found no page"
    assert not report["where"], "\n".join(report["where"])


FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return {tag: document.activeElement.tagName, text: document.activeElement.textContent.trim(),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2};
}"""


def test_the_name_is_always_in_sight_and_the_keyboard_focus_is_seen(
    app, load_demo, live_server, browser
):
    assert load_demo().exit_code == 0
    surname = db.session.scalar(select(User.full_name).where(User.login == "organizer")).split()[0]
    context = browser.new_context(locale="ru-RU")
    start = sign_in(context, live_server, "organizer", "")
    page = context.new_page()
    for width in (390, 1000, 1280, 1600):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(start)
        name = page.locator("nav").get_by_text(surname).locator("visible=true")
        assert name.count() == 1, width
        if width >= 1280:  # one line of menu at 1280 px (it wraps below)
            assert page.locator(".navbar-nav").bounding_box()["height"] < 60, width
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(start)
    focused = []
    for _ in range(12):  # the skip link, the brand, the menu, the name's neighbour «Выйти»...
        page.keyboard.press("Tab")
        focused.append(page.evaluate(FOCUS_RING))
    assert focused[0]["text"] == "Перейти к содержимому"
    assert "Выйти" in [f["text"] for f in focused]
    assert all(f["outline"] for f in focused), focused
    context.close()
