"""The read-only API: it keeps to its own OpenAPI description (schemathesis), shows nothing of
an unpublished olympiad and no name beyond what the parents consented to."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Certificate, Olympiad, OlympiadStatus, Participant
from olympiad.results.publication import name_is_public


@pytest.fixture
def demo(load_demo):
    assert load_demo().exit_code == 0
    published = select(Olympiad).where(Olympiad.status == OlympiadStatus.PUBLISHED)
    # this year's (with certificates), not last year's: both are published, in no set order
    return db.session.scalar(published.order_by(Olympiad.academic_year.desc()).limit(1))


def _responses(client, olympiad):
    listing = client.get("/api/v1/olympiads")
    yield listing
    about = client.get(f"/api/v1/olympiads/{olympiad.id}")
    yield about
    for table in about.json["tables"]:
        yield client.get(f"/api/v1/olympiads/{olympiad.id}/tables/{table['unit']}")


# schemathesis asks for gzip, as requests does, but its WSGI transport does not unpack it
PLAIN = {"Accept-Encoding": "identity"}


def test_the_api_keeps_to_its_description(app, demo):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    schema.validate()

    @given(case=schema.as_strategy())
    @settings(
        max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def fuzz(case):
        case.call_and_validate(headers=PLAIN)

    fuzz()
    code = db.session.scalar(  # the olympiad's own: the demo has last year's as well
        select(Certificate.code).where(Certificate.olympiad_id == demo.id).order_by(Certificate.id)
    )
    units = [
        t["unit"] for t in app.test_client().get(f"/api/v1/olympiads/{demo.id}").json["tables"]
    ]
    real = [
        ("/olympiads", {}),
        ("/olympiads/{olympiad_id}", {"olympiad_id": demo.id}),
        ("/certificates/{code}", {"code": code}),
    ] + [
        ("/olympiads/{olympiad_id}/tables/{unit}", {"olympiad_id": demo.id, "unit": u})
        for u in units
    ]
    for path, parameters in real:
        case = schema[path]["GET"].Case(path_parameters=parameters)
        response = case.call(headers=PLAIN)
        assert response.status_code == 200, (path, parameters)
        case.validate_response(response)


def test_names_only_as_consented(client, demo):
    people = db.session.scalars(select(Participant).where(Participant.olympiad_id == demo.id)).all()
    hidden = [p for p in people if not name_is_public(p)]
    assert hidden and len(hidden) < len(people)
    body = "".join(response.text for response in _responses(client, demo))
    for person in hidden:
        assert person.full_name not in body and f"{person.surname} {person.name}" not in body
    lines = [
        line for response in _responses(client, demo) for line in response.json.get("lines", [])
    ]
    assert len(lines) > 50
    by_cipher = {p.cipher: p for p in people}
    for line in lines:
        if not line["name_is_public"]:
            assert line["name"] in by_cipher and line["school"] is None
    assert "access_code" not in body and "mentor" not in body


def test_nothing_unpublished(client, demo):
    code = db.session.scalar(  # the olympiad's own: the demo has last year's as well
        select(Certificate.code).where(Certificate.olympiad_id == demo.id).order_by(Certificate.id)
    )
    assert client.get(f"/api/v1/certificates/{code}").status_code == 200
    demo.status = OlympiadStatus.FINAL
    db.session.commit()
    listed = [o["id"] for o in client.get("/api/v1/olympiads").json["olympiads"]]
    assert demo.id not in listed
    assert client.get(f"/api/v1/olympiads/{demo.id}").status_code == 404
    assert client.get(f"/api/v1/olympiads/{demo.id}/tables/9").status_code == 404
    missing = client.get(f"/api/v1/certificates/{code}")
    assert missing.status_code == 404 and missing.json["error"]
    assert client.get("/api/v1/nothing").json["error"]
    assert client.get(f"/api/v1/olympiads/{2**62}").status_code == 404  # not a database error


@pytest.mark.ratelimit
def test_certificate_checks_are_rate_limited(app, client):
    app.config["VERIFY_RATE_LIMIT"] = "3 per minute"
    codes = [client.get("/api/v1/certificates/K7MX4QPR9TWZ").status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]
