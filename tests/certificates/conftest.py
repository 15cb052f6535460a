"""A certificates scene: the results scene (ten ranked participants of grade 9 in two
schools) approved as final, one participant with two mentors; helpers that read PDFs."""

import io
import subprocess
from datetime import date

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from olympiad.extensions import db
from olympiad.results.services import approve_final
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.results import scene as results_scene

ORDER_DATE = date(2021, 3, 22)


@pytest.fixture(autouse=True)
def _cache_in_tmp(request, tmp_path):
    """Bundles are cached in the test's own folder (pure renderer tests need no app)."""
    if "app" in request.fixturenames:
        app = request.getfixturevalue("app")
        app.config["CERTIFICATE_CACHE_DIR"] = str(tmp_path / "cache")


@pytest.fixture
def final(make_olympiad, make_participant, make_school, make_user):  # noqa: F811
    """Winner Арсеньева (school 0), prize-winners Борисов, Васильева, Григорьев, Дмитриева,
    participants the other five; Васильева has two mentors."""
    scene = results_scene.build(make_olympiad, make_participant, make_school, make_user)
    scene.people["Васильева"].mentor = "Сидорова Мария Ивановна; Петрова Анна Сергеевна, "
    results_scene.close_appeals(scene.olympiad)
    approve_final(scene.chair, scene.olympiad, "1", ORDER_DATE)
    db.session.commit()
    return scene


def sign_designs(organizer, olympiad, names=("И. И. Начальникова", "Т. Г. Николаева")) -> None:
    """Name the signatories of every kind: nothing is issued with a blank line."""
    from olympiad.certificates import designs
    from olympiad.certificates.labels import KINDS

    for kind in KINDS:
        design = designs.design_of(olympiad, kind)
        row = designs.design_row(olympiad, kind)
        signatories = tuple(
            (title, name) for (title, _old), name in zip(design.signatories, names, strict=False)
        )
        data = designs.DesignData(
            **{name: getattr(design, name) for name in designs.TEXTS},
            signatories=signatories,
            images={},
        )
        designs.save_design(organizer, olympiad, kind, data, row.version if row else 0)
    db.session.commit()


@pytest.fixture
def signed(final):
    sign_designs(final.organizer, final.olympiad)
    return final


@pytest.fixture
def issued(signed):
    from olympiad.certificates.issuing import issue_all

    final = signed
    issue_all(final.organizer, final.olympiad)
    db.session.commit()
    return final


def pdf_text(content: bytes) -> str:
    """All the text of a PDF, with runs of whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_count(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def qr_payloads(content: bytes, tmp_path, page: int = 1) -> list[str]:
    """The QR codes read from the page as rendered by pdftoppm at 150 dpi."""
    pdf = tmp_path / "document.pdf"
    pdf.write_bytes(content)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), pdf, tmp_path / "page"],  # noqa: S607
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    found = zxingcpp.read_barcodes(Image.open(png), formats=zxingcpp.BarcodeFormat.QRCode)
    png.unlink()
    return [barcode.text for barcode in found]


def sign_in(client, participant) -> None:
    response = client.post("/participant/login", data={"code": participant.access_code})
    assert response.status_code == 302
