"""Downloads: each reader gets their own documents and nobody else's; bulk downloads hold
exactly the valid ones, stream on the first request and come from the cache afterwards."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from olympiad.certificates.designs import design_row
from olympiad.certificates.issuing import reissue
from olympiad.extensions import db
from olympiad.models import Certificate
from olympiad.pdf.certificates import Kind
from tests.certificates.conftest import page_count, pdf_text, sign_in

SERIAL = re.compile(r"2020-2021/ИК/\d{4}")
WINDOWS_UNSAFE = re.compile(r'[\\:*?"<>|]')


def _certificates(olympiad, **where):
    query = select(Certificate).where(Certificate.olympiad_id == olympiad.id)
    for name, value in where.items():
        query = query.where(getattr(Certificate, name) == value)
    return db.session.scalars(query.order_by(Certificate.number)).all()


def _valid_serials(olympiad, school=None, kinds=None):
    return sorted(
        c.serial
        for c in _certificates(olympiad)
        if not c.revoked
        and (school is None or c.participant.school_id == school.id)
        and (kinds is None or c.kind in kinds)
    )


def _serials_in_pdf(content: bytes) -> list[str]:
    return sorted(SERIAL.findall(pdf_text(content)))


def _zip_members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_participant_downloads_only_their_own(issued, client):
    person = issued.people["Борисов"]
    sign_in(client, person)
    page = client.get("/certificates/mine").get_data(as_text=True)
    (own,) = _certificates(issued.olympiad, participant_id=person.id, kind=Kind.PRIZE_WINNER)
    assert "Диплом призёра" in page and own.serial in page
    assert "Благодарственное письмо" not in page  # the mentor's letter is the school's
    response = client.get(f"/certificates/mine/{own.id}")
    assert response.status_code == 200
    assert person.full_name in pdf_text(response.data)
    home = client.get("/participant/").get_data(as_text=True)
    assert "Мои дипломы и сертификаты" in home
    others = [c for c in _certificates(issued.olympiad) if c.id != own.id]
    for other in others:  # another participant's, and the letter to their own mentor
        assert client.get(f"/certificates/mine/{other.id}").status_code == 404
    assert client.get("/certificates/mine/999999").status_code == 404
    assert client.get(f"/certificates/{issued.olympiad.id}/file/{own.id}").status_code == 302


def test_participant_without_documents_sees_no_link(final, client):
    sign_in(client, final.people["Борисов"])
    assert "Мои дипломы" not in client.get("/participant/").get_data(as_text=True)
    assert "Документов пока нет" in client.get("/certificates/mine").get_data(as_text=True)


def test_revoked_document_is_not_the_participants_any_more(issued, client):
    person = issued.people["Арсеньева"]
    (old,) = _certificates(issued.olympiad, participant_id=person.id, kind=Kind.WINNER)
    fresh = reissue(issued.organizer, old, "Исправлено отчество")
    db.session.commit()
    sign_in(client, person)
    assert client.get(f"/certificates/mine/{old.id}").status_code == 404
    assert client.get(f"/certificates/mine/{fresh.id}").status_code == 200
    page = client.get("/certificates/mine").get_data(as_text=True)
    assert fresh.serial in page and old.serial not in page


def test_coordinator_gets_their_school_and_nothing_else(issued, client, login):
    own_school, other_school = issued.schools
    login(issued.coordinator)
    oid = issued.olympiad.id
    page = client.get(f"/certificates/{oid}/school").get_data(as_text=True)
    assert "Арсеньева" in page and "Борисов" not in page
    for certificate in _certificates(issued.olympiad):
        expected = 200 if certificate.participant.school_id == own_school.id else 403
        assert client.get(f"/certificates/{oid}/file/{certificate.id}").status_code == expected
    assert client.get(f"/certificates/{oid}/bundle.pdf?school={other_school.id}").status_code == 403
    assert client.get(f"/certificates/{oid}/bundle.zip?school={other_school.id}").status_code == 403
    merged = client.get(f"/certificates/{oid}/bundle.pdf")
    assert merged.status_code == 200
    assert _serials_in_pdf(merged.data) == _valid_serials(issued.olympiad, own_school)
    assert client.get(f"/certificates/{oid}/file/999999").status_code == 404
    assert client.get(f"/certificates/{oid}").status_code == 403


def test_certificate_of_another_olympiad_is_not_found_under_this_one(
    issued, client, login, make_olympiad
):
    other = make_olympiad()
    certificate = _certificates(issued.olympiad)[0]
    login(issued.organizer)
    assert client.get(f"/certificates/{other.id}/file/{certificate.id}").status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "zip"])
def test_bulk_downloads_hold_exactly_the_valid_ones(issued, client, login, fmt):
    revoked = _certificates(issued.olympiad, kind=Kind.PRIZE_WINNER)[0]
    reissue(issued.organizer, revoked, "Апелляция")
    db.session.commit()
    login(issued.organizer)
    oid = issued.olympiad.id
    cases = [
        ("", None, None),
        (f"?school={issued.schools[1].id}", issued.schools[1], None),
        ("?set=mentors", None, {Kind.MENTOR}),
        ("?set=students", None, {Kind.WINNER, Kind.PRIZE_WINNER, Kind.PARTICIPANT}),
    ]
    for query, school, kinds in cases:
        response = client.get(f"/certificates/{oid}/bundle.{fmt}{query}")
        assert response.status_code == 200, query
        expected = _valid_serials(issued.olympiad, school, kinds)
        assert revoked.serial not in expected
        if fmt == "pdf":
            assert page_count(response.data) == len(expected)
            assert _serials_in_pdf(response.data) == expected
        else:
            members = _zip_members(response.data)
            assert sorted(s for pdf in members.values() for s in _serials_in_pdf(pdf)) == expected
            for name in members:
                parts = name.split("/")
                assert len(parts) == (1 if school else 2)
                assert all(len(p) <= 100 and not WINDOWS_UNSAFE.search(p) for p in parts)
                assert name.isascii() and name.endswith(".pdf")
        header = response.headers["Content-Disposition"]
        assert header.startswith('attachment; filename="') and "filename*=UTF-8''" in header


def test_zip_of_all_schools_has_a_folder_per_school(issued, client, login):
    login(issued.organizer)
    members = _zip_members(client.get(f"/certificates/{issued.olympiad.id}/bundle.zip").data)
    folders = {name.split("/")[0] for name in members}
    assert folders == {"Testovaya SOSh No 1", "Testovaya SOSh No 2"}
    assert "Testovaya SOSh No 1/0001 Diplom pobeditelya - Arseneva Anna Petrovna.pdf" in members


def test_bad_bundle_requests(issued, client, login):
    login(issued.organizer)
    oid = issued.olympiad.id
    assert client.get(f"/certificates/{oid}/bundle.rar").status_code == 404
    assert client.get(f"/certificates/{oid}/bundle.pdf?set=secret").status_code == 404
    assert client.get(f"/certificates/{oid}/bundle.pdf?school=999999").status_code == 404


def _cached(app) -> list[Path]:
    return sorted(Path(app.config["CERTIFICATE_CACHE_DIR"]).iterdir())


@pytest.mark.parametrize("fmt", ["pdf", "zip"])
def test_second_download_comes_from_the_cache_until_something_changes(
    issued, client, login, app, fmt
):
    login(issued.organizer)
    url = f"/certificates/{issued.olympiad.id}/bundle.{fmt}"
    first = client.get(url)
    assert first.is_streamed and first.headers["X-Certificates-Cache"] == "miss"
    content = first.data
    (cached,) = _cached(app)
    assert cached.read_bytes() == content
    second = client.get(url)
    assert second.headers["X-Certificates-Cache"] == "hit"
    assert second.data == content
    second.close()

    reissue(issued.organizer, _certificates(issued.olympiad)[0], "Исправлена фамилия")
    db.session.commit()
    third = client.get(url)
    assert third.headers["X-Certificates-Cache"] == "miss"
    assert third.data != content
    assert len(_cached(app)) == 1 and _cached(app)[0] != cached  # the old file is gone
    assert _cache_state(client, url) == "hit"


def _cache_state(client, url: str) -> str:
    """Download it all (a stream is cached once complete) and say where it came from."""
    response = client.get(url)
    assert response.data
    response.close()  # a cached file is sent open: close it as a browser would
    return response.headers["X-Certificates-Cache"]


def test_a_design_edit_makes_a_new_bundle(issued, client, login, app):
    login(issued.organizer)
    url = f"/certificates/{issued.olympiad.id}/bundle.pdf"
    assert _cache_state(client, url) == "miss"
    assert _cache_state(client, url) == "hit"
    form = client.get(f"/certificates/{issued.olympiad.id}/designs/winner")
    assert form.status_code == 200
    data = {
        "title": "ГРАМОТА",
        "subtitle": "победителя",
        "body": "награждается\n{name}\n{school}",
        "issuer": "Управление образования",
        "title_1": "Руководитель РМО",
        "name_1": "Т. Г. Николаева",
        "city": "г. Гусиноозёрск",
        "accent": "#a0700c",
        "landscape": "y",
        "version": str(design_row(issued.olympiad, Kind.WINNER).version),
    }
    response = client.post(f"/certificates/{issued.olympiad.id}/designs/winner", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert design_row(issued.olympiad, Kind.WINNER).title == "ГРАМОТА"
    fresh = client.get(url)
    assert fresh.headers["X-Certificates-Cache"] == "miss"
    assert "ГРАМОТА" in pdf_text(fresh.data)


def test_a_download_still_fills_the_cache_when_the_browser_goes_away(issued, client, login, app):
    import time

    login(issued.organizer)
    response = client.get(f"/certificates/{issued.olympiad.id}/bundle.pdf")
    next(iter(response.response))  # the first chunk, then the browser closes the tab
    response.close()
    for _ in range(100):
        files = [p for p in _cached(app) if p.suffix == ".pdf"]
        if files:
            break
        time.sleep(0.05)
    (cached,) = files
    assert page_count(cached.read_bytes()) == len(_valid_serials(issued.olympiad))
