"""One demo district for the whole hardening suite (crawl, then fuzz, then the move to
PostgreSQL), with hostile-but-accepted text in the places people type, and a signed-in
client for every role."""

import pytest
from sqlalchemy import select

from olympiad import create_app
from olympiad.extensions import db
from olympiad.models import Appeal, JuryMember, Olympiad, Participant, School, TaskVersion
from olympiad.text import check_printable, check_text
from tests.conftest import RequestClient, fresh_database, make_config, put_demo
from tests.hardening.crawl import crawl_everything
from tests.hardening.hostile import ACCEPTED_SAMPLES, BURYAT

DEMO_PASSWORD = "demo-2020-2021"
LONG_APPEAL = ACCEPTED_SAMPLES[8]
MANY_LINES = ACCEPTED_SAMPLES[9]
ROLES = ("organizer", "coordinator", "chair", "juror", "participant", "anonymous")


def _accepted(value: str, printable: bool = False) -> str:
    assert (check_printable if printable else check_text)(value) is None, value
    return value


def load_hostile_data() -> None:
    """What a hostile user could have typed and the app accepted: markup-like school and
    person names, Buryat letters, a 1,500-character appeal, a reason of many lines."""
    schools = db.session.scalars(select(School).order_by(School.id)).all()
    schools[0].short_name = _accepted("Гимназия <b>№2", printable=True)
    schools[0].full_name = _accepted("МБОУ «Гимназия <b>№2 & <i>Ко</i>»", printable=True)
    schools[1].short_name = _accepted("Һүүхэн <u> Үлзий & Ко", printable=True)
    people = db.session.scalars(select(Participant).order_by(Participant.id)).all()
    people[0].surname = _accepted("Өлзийхутаг", printable=True)
    people[0].mentor = _accepted("<font name='Nope'>Дашиева Сэсэгма</font> " * 4, True)[:200]
    people[1].name = _accepted(BURYAT, printable=True)
    olympiad = db.session.scalar(select(Olympiad).order_by(Olympiad.id))
    olympiad.venue = _accepted("Актовый зал <br/> & «Ко»")
    for appeal in db.session.scalars(select(Appeal)):
        appeal.reasoning = _accepted(LONG_APPEAL)
        appeal.reason = _accepted(MANY_LINES)
    version = db.session.scalars(select(TaskVersion).order_by(TaskVersion.id)).first()
    version.text = _accepted("Задание <b>жирно</b> & ]]> <para>\n" + MANY_LINES)
    db.session.commit()


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory, demo_folder):
    with fresh_database("sqlite", tmp_path_factory.mktemp("hardening")) as url:
        app = create_app(make_config(url, PASSWORD_HASH_PROFILE="CHEAPEST"))
        app.test_client_class = RequestClient
        with app.app_context():
            db.create_all()
            result = put_demo(app, demo_folder)
            assert result.exit_code == 0, result.output
            load_hostile_data()
            yield app
            db.session.remove()
            db.engine.dispose()


def _sign_in(app, role: str):
    client = app.test_client()
    logins = {"organizer": "organizer", "coordinator": "coord1", "chair": None, "juror": None}
    if role in ("chair", "juror"):
        members = db.session.scalars(select(JuryMember).order_by(JuryMember.id)).all()
        chosen = [m for m in members if m.is_chair == (role == "chair")][0]
        logins[role] = chosen.user.login
    if role == "participant":
        code = db.session.scalar(
            select(Participant.access_code).where(Participant.access_code.is_not(None))
        )
        assert client.post("/participant/login", data={"code": code}).status_code == 302
    elif role != "anonymous":
        answer = client.post("/auth/login", data={"login": logins[role], "password": DEMO_PASSWORD})
        assert answer.status_code == 302, role
    return client


@pytest.fixture(scope="session")
def clients(demo_app):
    return {role: _sign_in(demo_app, role) for role in ROLES}


@pytest.fixture(scope="session")
def crawled(demo_app, clients):
    return crawl_everything(demo_app, clients)
