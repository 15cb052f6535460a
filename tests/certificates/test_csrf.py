"""Every form of the certificates area refuses a post without its CSRF token and accepts
it with the token."""

import re

import pytest
from sqlalchemy import func, select

from olympiad.extensions import db
from olympiad.models import Certificate, CertificateDesign
from tests.conftest import PASSWORD


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def _count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def _design_version(olympiad) -> int:
    from olympiad.certificates.designs import design_row
    from olympiad.pdf.certificates import Kind

    return design_row(olympiad, Kind.WINNER).version


@pytest.mark.csrf
def test_forms_need_their_csrf_token(signed, client):
    final = signed
    token = _token(client.get("/auth/login").get_data(as_text=True))
    login = {"login": final.organizer.login, "password": PASSWORD, "csrf_token": token}
    assert client.post("/auth/login", data=login).status_code == 302
    oid = final.olympiad.id

    assert client.post(f"/certificates/{oid}/issue").status_code == 400
    assert _count(Certificate) == 0
    token = _token(client.get(f"/certificates/{oid}/issue").get_data(as_text=True))
    assert client.post(f"/certificates/{oid}/issue", data={"csrf_token": token}).status_code == 302
    assert _count(Certificate) == 13

    first = db.session.scalar(select(Certificate).order_by(Certificate.number))
    url = f"/certificates/{oid}/reissue/{first.id}"
    assert client.post(url, data={"reason": "Ошибка"}).status_code == 400
    db.session.refresh(first)
    assert not first.revoked

    design = f"/certificates/{oid}/designs/winner"
    page = client.get(design).get_data(as_text=True)
    data = {
        "title": "ДИПЛОМ",
        "body": "{name}",
        "issuer": "РМО",
        "title_1": "Руководитель",
        "accent": "#112233",
        "version": str(_design_version(final.olympiad)),
    }
    assert client.post(design, data=data).status_code == 400
    assert client.post(f"{design}/preview", data=data).status_code == 400
    assert _count(CertificateDesign) == 4  # the signed designs of the scene, unchanged
    before = _design_version(final.olympiad)
    assert client.post(design, data={**data, "csrf_token": _token(page)}).status_code == 302
    assert _design_version(final.olympiad) == before + 1

    assert client.post("/certificates/verify", data={"number": first.code}).status_code == 400
    token = _token(client.get("/certificates/verify").get_data(as_text=True))
    page = client.post("/certificates/verify", data={"number": first.code, "csrf_token": token})
    assert "Документ подлинный" in page.get_data(as_text=True)
