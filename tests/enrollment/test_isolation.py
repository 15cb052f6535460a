"""A coordinator never sees or changes another school's students, however the request is made."""

import io

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from olympiad.enrollment.services import issue_codes
from olympiad.extensions import db
from olympiad.models import OlympiadStatus, Participant, ParticipantStatus, Role
from tests.enrollment.test_enroll import FORM


@pytest.fixture
def setup(client, login, make_user, make_olympiad, make_participant):
    mine, theirs = make_user(Role.COORDINATOR), make_user(Role.COORDINATOR)
    olympiad = make_olympiad()
    own = make_participant(olympiad, mine.school, surname="Своя")
    other = make_participant(olympiad, theirs.school, surname="Чужая")
    login(mine)
    return olympiad, mine, theirs, own, other


def test_other_schools_participant_pages_are_forbidden(client, setup):
    olympiad, mine, theirs, own, other = setup
    for suffix in ("", "/edit", "/withdraw"):
        assert client.get(f"/enrollment/participants/{other.id}{suffix}").status_code == 403
        assert client.get(f"/enrollment/participants/{own.id}{suffix}").status_code == 200
    edit = {**FORM, "surname": "Взломанная", "version": other.version}
    assert client.post(f"/enrollment/participants/{other.id}/edit", data=edit).status_code == 403
    assert client.post(f"/enrollment/participants/{other.id}/withdraw").status_code == 403
    assert client.post(f"/enrollment/participants/{other.id}/room", data={}).status_code == 403
    db.session.refresh(other)
    assert (other.surname, other.status) == ("Чужая", ParticipantStatus.ENROLLED)


def test_lists_and_exports_hold_own_school_only(client, setup):
    olympiad, mine, theirs, own, other = setup
    page = client.get(f"/enrollment/{olympiad.id}/?status=all").get_data(as_text=True)
    assert "Своя" in page and "Чужая" not in page and theirs.school.short_name not in page
    assert client.get(f"/enrollment/{olympiad.id}/?school={theirs.school_id}").status_code == 403
    export = client.get(f"/enrollment/{olympiad.id}/participants.xlsx?status=all")
    sheet = openpyxl.load_workbook(io.BytesIO(export.data)).active
    cells = [c for row in sheet.values for c in row]
    assert "Своя" in cells and "Чужая" not in cells
    forged = f"/enrollment/{olympiad.id}/participants.xlsx?school={theirs.school_id}"
    assert client.get(forged).status_code == 403


def test_forged_school_in_enrollment_form_is_refused(client, setup):
    olympiad, mine, theirs, own, other = setup
    data = {**FORM, "school_id": theirs.school_id}
    assert client.post(f"/enrollment/{olympiad.id}/new", data=data).status_code == 403
    edit = {**FORM, "school_id": theirs.school_id, "version": own.version}
    assert client.post(f"/enrollment/participants/{own.id}/edit", data=edit).status_code == 403
    assert db.session.scalar(select(func.count(Participant.id))) == 2
    db.session.refresh(own)
    assert own.school_id == mine.school_id
    client.post(f"/enrollment/{olympiad.id}/new", data={**FORM, "school_id": mine.school_id})
    assert db.session.scalar(select(Participant).where(Participant.surname == "Цыренов"))


def test_forged_school_in_import_is_refused(client, setup):
    olympiad, mine, theirs, own, other = setup
    url = f"/enrollment/{olympiad.id}/import/save"
    forged = {"payload": "eA", "school_id": theirs.school_id}
    assert client.post(url, data=forged).status_code == 403
    assert client.post(url + f"?school_id={theirs.school_id}").status_code == 403


def test_slips_of_own_school_only(client, setup):
    olympiad, mine, theirs, own, other = setup
    issue_codes(olympiad)
    olympiad.status = OlympiadStatus.REGISTRATION_CLOSED
    db.session.commit()
    forged = f"/enrollment/{olympiad.id}/access-slips.pdf?school_id={theirs.school_id}"
    assert client.get(forged).status_code == 403
    pdf = client.get(f"/enrollment/{olympiad.id}/access-slips.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Своя" in text and own.access_code in text
    assert "Чужая" not in text and other.access_code not in text


@pytest.mark.parametrize(
    "path",
    [
        "attendance",
        "attendance-sheets.pdf",
        "cipher-labels.pdf",
        "cipher-key.pdf",
        "rooms/assign",
    ],
)
def test_organizer_papers_are_forbidden(client, setup, path):
    olympiad = setup[0]
    assert client.get(f"/enrollment/{olympiad.id}/{path}").status_code == 403
    assert client.post(f"/enrollment/{olympiad.id}/attendance").status_code == 403
