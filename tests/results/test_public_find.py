"""Published results anyone can find: the page carries the finding tools (the filtering runs
in the browser, so the page is the same whatever the query), the list shows each olympiad's
date, participants and state, and each grade has a public protocol PDF with names as
consented."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from olympiad.extensions import db
from olympiad.models import OlympiadStatus
from olympiad.results.services import approve_final
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.results import scene as results_scene


@pytest.fixture
def published(make_olympiad, make_participant, make_school, make_user):  # noqa: F811
    scene = results_scene.build(make_olympiad, make_participant, make_school, make_user)
    scene.olympiad.held_on = date(2021, 2, 12)
    results_scene.close_appeals(scene.olympiad)
    approve_final(scene.chair, scene.olympiad, "112-од", date(2021, 3, 22))
    scene.olympiad.status = OlympiadStatus.PUBLISHED
    db.session.commit()
    return scene


def test_the_public_page_carries_the_tools_and_ignores_the_query(published, client):
    url = f"/results/public/{published.olympiad.id}"
    page = client.get(url).get_data(as_text=True)
    assert "data-results-tools" in page and "js/results-find.js" in page
    assert 'data-name="Арсеньева А. П."' in page  # the name as consented, searchable
    # the results themselves do not depend on the query (the footer's language switch
    # returns the visitor to the address they came from)
    assert main(client.get(url + "?name=Арс&school=1")) == main(client.get(url))


def main(response) -> str:
    page = response.get_data(as_text=True)
    return page[page.index("<main") : page.index("</main>")]


def test_the_public_list_shows_date_participants_and_state(published, client):
    page = client.get("/results/public/").get_data(as_text=True)
    assert "12 февраля 2021" in page and "участников: 10" in page
    assert "Результаты опубликованы" in page


def test_the_public_protocol_per_grade_shows_names_as_consented(published, client):
    url = f"/results/public/{published.olympiad.id}/protocol/9.pdf"
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Арсеньева А. П." in text and "Арсеньева Анна" not in text
    assert "112-од" in text
    assert client.get(f"/results/public/{published.olympiad.id}/protocol/7.pdf").status_code == 404


def test_no_public_protocol_before_publication(
    make_olympiad,  # noqa: F811
    make_participant,  # noqa: F811
    make_school,
    make_user,
    client,
):
    scene = results_scene.build(make_olympiad, make_participant, make_school, make_user)
    assert client.get(f"/results/public/{scene.olympiad.id}/protocol/9.pdf").status_code == 404
