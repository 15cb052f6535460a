"""The demo's marking step: a jury, answers and marks for every present work, a few
discrepancies for the chair; and no jury page of the demo shows who wrote a work."""

import html
import re
from collections import Counter
from collections.abc import Iterator

from sqlalchemy import select

from olympiad import demo
from olympiad.demo import DEMO_PASSWORD
from olympiad.extensions import db
from olympiad.marking.demo import load_marking
from olympiad.marking.progress import progress
from olympiad.models import (
    JuryMember,
    Mark,
    MarkSlot,
    Olympiad,
    OlympiadStatus,
    Participant,
    Room,
    School,
)
from tests.marking.test_anonymity import page_text

PER_ENDPOINT = 4


def _crawl(app, client, start: str) -> Iterator[tuple[str, str]]:
    """Follow /marking/ links from `start`, a few pages of each kind: (url, text) each."""
    adapter = app.url_map.bind("localhost")
    seen, queue, kinds = set(), [start], Counter()
    while queue:
        url = queue.pop(0)
        endpoint = adapter.match(url.split("?")[0])[0]
        if url in seen or kinds[endpoint] >= PER_ENDPOINT:
            continue
        seen.add(url)
        kinds[endpoint] += 1
        response = client.get(url)
        assert response.status_code in (200, 302), url
        text = page_text(response)
        yield url, text
        for link in re.findall(r'href="(/marking/[^"]+)"', text):
            queue.append(html.unescape(link))


def test_demo_marks_every_work_and_leaves_discrepancies(app, client_for):
    demo.load(until=load_marking)
    db.session.commit()
    olympiad = db.session.scalar(select(Olympiad).where(Olympiad.academic_year == "2020-2021"))
    assert olympiad.status == OlympiadStatus.MARKING
    members = db.session.scalars(select(JuryMember)).all()
    assert sorted(m.user.login for m in members) == ["jury1", "jury2", "jury3", "jury4"]
    assert [m.user.login for m in members if m.is_chair] == ["jury1"]
    state = progress(olympiad)
    assert state.works > 100
    assert 2 <= len(state.queue) <= 3
    assert len(state.gaps) == len({q.work.id for q in state.queue})  # only those are left
    assert any(m.slot == MarkSlot.SECOND for m in db.session.scalars(select(Mark)))

    secrets = set()
    for p in db.session.scalars(select(Participant)):
        secrets |= {f"{p.surname} {p.name}", p.mentor}
    for school in db.session.scalars(select(School)):
        secrets |= {school.full_name, school.short_name}
    secrets |= {room.name for room in db.session.scalars(select(Room))}
    users = {member.user.login: member.user for member in members}
    pages = 0
    for login in ("jury1", "jury3"):
        client = client_for(users[login], DEMO_PASSWORD)
        for url, text in _crawl(app, client, f"/marking/{olympiad.id}/"):
            leaked = [s for s in secrets if s and s in text]
            assert not leaked, f"{url} as {login} shows {leaked[:3]}"
            pages += 1
    assert pages > 30


def test_demo_step_without_papers_does_nothing(app):
    load_marking()  # an empty database: no olympiad, no papers
    assert db.session.scalar(select(JuryMember)) is None
