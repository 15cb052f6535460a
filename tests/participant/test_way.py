"""Getting in: the slip's QR code opens the public sign-in with the code filled in; the root is
a public home for visitors; the participant's home tells where and when before the day."""

import io
from datetime import time

from olympiad.enrollment.services import issue_codes
from olympiad.extensions import db
from olympiad.models import OlympiadStatus, Role, Room
from tests.certificates.conftest import qr_payloads


def test_the_slip_prints_the_public_sign_in_and_a_qr_code_with_the_code(
    app, client, login, make_user, make_school, make_olympiad, make_participant, tmp_path
):
    app.config["PUBLIC_URL"] = "https://olymp.example.org/"
    olympiad = make_olympiad()
    school = make_school()
    person = make_participant(olympiad, school, surname="Жамсуева", name="Дулма")
    issue_codes(olympiad)
    olympiad.status = OlympiadStatus.REGISTRATION_CLOSED
    db.session.commit()
    login(make_user(Role.ORGANIZER))
    response = client.get(f"/enrollment/{olympiad.id}/access-slips.pdf")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
    assert "https://olymp.example.org/participant/login" in text
    assert "localhost" not in text  # not the request's host
    url = f"https://olymp.example.org/participant/login?code={person.access_code}"
    assert qr_payloads(response.data, tmp_path) == [url]
    # the address opens the sign-in with the code filled in; one tap signs in
    client.post("/auth/logout")
    page = client.get(f"/participant/login?code={person.access_code}").get_data(as_text=True)
    assert f'value="{person.access_code}"' in page


def test_anonymous_visitors_get_the_public_home(client, make_olympiad):
    make_olympiad(
        OlympiadStatus.REGISTRATION_OPEN, venue="Гусиноозёрская гимназия", starts_at_time=time(10)
    )
    page = client.get("/").get_data(as_text=True)
    assert "Гусиноозёрская гимназия" in page and "начало в 10:00" in page
    assert "Идёт регистрация" in page
    for link in ("/participant/login", "/certificates/verify", "/auth/login"):
        assert link in page


def test_staff_land_on_their_dashboard_and_participants_on_their_home(
    client, login, make_user, holder, sign_in
):
    sign_in()
    assert client.get("/").location.endswith("/participant/")
    client.post("/participant/logout")
    login(make_user(Role.COORDINATOR))
    assert "Вы координатор школы" in client.get("/").get_data(as_text=True)


def test_before_the_day_the_home_tells_where_when_and_what_to_bring(client, holder, sign_in):
    olympiad = holder.olympiad
    olympiad.status = OlympiadStatus.REGISTRATION_CLOSED
    olympiad.venue = "Селенгинская СОШ"
    olympiad.starts_at_time = time(9, 30)
    olympiad.what_to_bring = "Ручку с синей пастой"
    room = Room(olympiad_id=olympiad.id, name="каб. 12", position=0)
    db.session.add(room)
    db.session.flush()
    holder.room_id = room.id
    db.session.commit()
    sign_in()
    page = client.get("/participant/").get_data(as_text=True)
    for shown in ("09:30", "Селенгинская СОШ", "каб. 12", "Ручку с синей пастой", "9"):
        assert shown in page
