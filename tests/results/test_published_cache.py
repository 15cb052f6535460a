"""Published results are read from the approved protocol, rendered once per version of the
results and served with an ETag: the day they are published, everybody opens them at once."""

import gzip
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from olympiad.extensions import db
from olympiad.models import Answer, ConsentKind, OlympiadStatus
from olympiad.models.base import utcnow
from olympiad.operations.purge import purge
from olympiad.results.cache import HOLE
from olympiad.results.frozen import frozen_tables
from olympiad.results.services import approve_final
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.results import scene as results_scene


@pytest.fixture
def published(make_olympiad, make_participant, make_school, make_user):  # noqa: F811
    scene = results_scene.build(make_olympiad, make_participant, make_school, make_user)
    results_scene.close_appeals(scene.olympiad)
    approve_final(scene.chair, scene.olympiad, "112-од", date(2021, 3, 22))
    scene.olympiad.status = OlympiadStatus.PUBLISHED
    scene.olympiad.published_at = utcnow()
    db.session.commit()
    return scene


def _urls(scene) -> list[str]:
    oid = scene.olympiad.id
    return [
        f"/results/public/{oid}",
        f"/api/v1/olympiads/{oid}",
        f"/api/v1/olympiads/{oid}/tables/9",
    ]


def _count_queries(client, url: str) -> int:
    counted = []

    def count(*args):
        counted.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(counted)


def test_published_pages_take_at_most_two_queries_once_warm(published, client, login):
    for url in _urls(published):
        client.get(url)  # rendered once
        assert _count_queries(client, url) <= 1, url  # the olympiad's row only
    login(published.organizer)
    for url in (f"/results/{published.olympiad.id}", f"/results/{published.olympiad.id}?tasks=1"):
        client.get(url)
        assert _count_queries(client, url) <= 2, url  # the user and the olympiad


def test_a_browser_that_has_the_page_gets_304(published, client):
    for url in _urls(published):
        first = client.get(url)
        assert first.status_code == 200 and first.headers["ETag"] and first.last_modified
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.data == b""
        assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_the_page_is_the_approved_protocol_not_a_computation(published, client):
    page = client.get(f"/results/public/{published.olympiad.id}").get_data(as_text=True)
    assert "Арсеньева А. П." in page and ">18<" in page
    # a mark that changed after the approval (no page allows it) changes nothing published
    answer = db.session.query(Answer).filter_by(participant_id=published.people["Арсеньева"].id)
    answer.first().points = 0
    db.session.commit()
    (table,) = frozen_tables(published.olympiad)
    assert float(table.lines[0].total) == 18 and table.lines[0].participant.surname == "Арсеньева"


def _etags(client, scene) -> list[str]:
    return [client.get(url).headers["ETag"] for url in _urls(scene)]


def test_any_change_of_what_is_shown_renders_the_pages_again(published, client):
    scene = published
    url = f"/results/public/{scene.olympiad.id}"
    before = _etags(client, scene)
    assert _etags(client, scene) == before  # nothing changed: the same pages
    # a parent withdraws the consent to publish the name
    consent = scene.people["Арсеньева"].consent(ConsentKind.PUBLICATION)
    consent.granted, consent.publication_form = False, None
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Арсеньева" not in page and "PXK-100" in page
    assert _etags(client, scene)[0] != before[0]
    # a school is renamed
    scene.schools[1].short_name = "Новое имя школы"
    db.session.commit()
    assert "Новое имя школы" in client.get(url).get_data(as_text=True)
    # the state changes
    etags = _etags(client, scene)
    scene.olympiad.status = OlympiadStatus.ARCHIVED
    scene.olympiad.archived_at = utcnow() - timedelta(days=400)
    db.session.commit()
    assert not set(_etags(client, scene)) & set(etags)
    # the personal data are purged: no name is left
    purge(scene.organizer, scene.olympiad, now=utcnow())
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Борисов" not in page and "PXK-101" in page


@pytest.mark.csrf
def test_each_reader_gets_their_own_csrf_token_in_a_stored_page(published, app):
    url = f"/results/public/{published.olympiad.id}"
    tokens = []
    for _ in range(2):
        client = app.test_client()
        page = client.get(url).get_data(as_text=True)
        assert HOLE not in page
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        tokens.append(token)
        switched = client.post("/i18n/locale/en", data={"csrf_token": token, "next": url})
        assert switched.status_code == 302
        assert '<html lang="en">' in client.get(url).get_data(as_text=True)
    assert tokens[0] != tokens[1]


GZIP = {"Accept-Encoding": "gzip, deflate, br"}  # what every browser sends


@pytest.mark.csrf
def test_a_browser_gets_the_stored_page_gzipped_with_its_own_token(published, app, login):
    url = f"/results/public/{published.olympiad.id}"
    client = app.test_client()
    plain = client.get(url).get_data(as_text=True)
    packed = client.get(url, headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    page = gzip.decompress(packed.data).decode()  # checks the CRC and the length too
    assert len(packed.data) * 2 < len(page.encode())
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert HOLE not in page and page.replace(token, "T") == re.sub(
        r'(name="csrf_token" value=")[^"]+', r"\1T", plain
    )
    # the etag tells the encodings apart: a plain copy is not revalidated as the gzipped one
    etag = packed.headers["ETag"]
    assert client.get(url, headers={**GZIP, "If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200
    switched = client.post("/i18n/locale/en", data={"csrf_token": token, "next": url})
    assert switched.status_code == 302
    english = gzip.decompress(client.get(url, headers=GZIP).data).decode()
    assert '<html lang="en">' in english
    assert ">Place</th>" in english and "Venue" not in english  # «Место» of a rank


def test_the_api_and_the_organizers_page_are_gzipped_too(published, client, login):
    for url in _urls(published)[1:]:
        plain = client.get(url)
        packed = client.get(url, headers=GZIP)
        assert packed.headers["Content-Encoding"] == "gzip", url
        assert gzip.decompress(packed.data) == plain.data, url
    login(published.organizer)
    url = f"/results/{published.olympiad.id}"
    client.get(url)
    page = gzip.decompress(client.get(url, headers=GZIP).data).decode()
    assert "Борисов" in page and HOLE not in page


def test_an_unknown_query_string_is_not_stored_for_others(published, client):
    url = f"/results/public/{published.olympiad.id}"
    assert "utm_source" in client.get(url + "?utm_source=vk").get_data(as_text=True)
    assert "utm_source" not in client.get(url).get_data(as_text=True)


def test_a_flashed_message_is_shown_on_the_stored_page(published, client, login):
    login(published.organizer)
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Сообщение для организатора")]
    page = client.get(f"/results/{published.olympiad.id}").get_data(as_text=True)
    assert "Сообщение для организатора" in page
    assert "Сообщение для организатора" not in client.get(
        f"/results/{published.olympiad.id}"
    ).get_data(as_text=True)
