"""Fixtures of the plan screens: the seed file, the registry it refers to, a saved plan."""

import pytest

from olympiad.extensions import db
from olympiad.models import Plan, Role
from olympiad.plan.services import load_seed


@pytest.fixture
def registry(make_school):
    """The two venues of the seed as the demo registry writes them, and one school more."""
    return {
        "selenga": make_school(full_name="МБОУ «Селенгинская СОШ»", short_name="Селенгинская СОШ"),
        "tarbagatai": make_school(
            full_name="МБОУ «Тарбагатайская СОШ»", short_name="Тарбагатайская СОШ"
        ),
        "sayantui": make_school(full_name="МБОУ «Саянтуйская СОШ»", short_name="Саянтуйская СОШ"),
    }


@pytest.fixture
def organizer(login, make_user):
    user = make_user(Role.ORGANIZER)
    login(user)
    return user


@pytest.fixture
def plan(app, registry) -> Plan:
    """The seed saved through the same service as the import screen and the demo."""
    plan = load_seed()
    db.session.commit()
    return plan


@pytest.fixture
def fresh():
    """Re-read an object after requests that ran in their own sessions."""

    def reload(model, object_id):
        db.session.expire_all()
        return db.session.get(model, object_id)

    return reload
