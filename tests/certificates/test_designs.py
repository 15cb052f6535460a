"""The organizer's designs: defaults made for the olympiad, saving with a version check,
images checked by content and size, a preview of the unsaved form."""

import io

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from olympiad.certificates.designs import default_design
from olympiad.extensions import db
from olympiad.models import AuditEntry, CertificateDesign
from olympiad.pdf.certificates import Kind
from tests.certificates.conftest import page_count, pdf_text

FORM = {
    "title": "ПОХВАЛЬНАЯ ГРАМОТА",
    "subtitle": "победителя",
    "body": "награждается\n{name}\n{school}, {grade} класс,\n{status}[ ({place} место)]",
    "issuer": "Управление образования МО «Селенгинский район»\nРМО педагогов-библиотекарей",
    "title_1": "Руководитель РМО",
    "name_1": "Т. Г. Николаева",
    "title_2": "",
    "name_2": "",
    "city": "г. Гусиноозёрск",
    "accent": "#7b2233",
    "landscape": "y",
    "show_place": "y",
    "version": "0",
}


def _image(fmt: str = "PNG", size=(200, 120), mode="RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (160, 20, 30) if mode == "RGB" else (160, 20, 30, 128)).save(out, fmt)
    return out.getvalue()


def _post(client, url: str, data: dict):
    """A multipart post encoded in memory (the test client spools a big body to a temporary
    file that it never closes)."""
    fields = {k: FileStorage(io.BytesIO(v[0]), v[1]) if isinstance(v, tuple) else v
              for k, v in data.items()}  # fmt: skip
    boundary, body = encode_multipart(MultiDict(fields))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _url(scene, kind="winner") -> str:
    return f"/certificates/{scene.olympiad.id}/designs/{kind}"


def _row(kind="winner") -> CertificateDesign | None:
    return db.session.scalar(
        select(CertificateDesign)
        .where(CertificateDesign.kind == kind)
        .execution_options(populate_existing=True)
    )


@pytest.fixture
def organizer(final, client, login):
    login(final.organizer)
    return final


def test_the_form_opens_on_good_defaults(organizer, client):
    page = client.get(_url(organizer)).get_data(as_text=True)
    assert "ДИПЛОМ" in page and "победителя" in page
    assert "Управление образования МО «Селенгинский район»" in page
    assert "Районное методическое объединение педагогов-библиотекарей" in page
    assert "Руководитель РМО педагогов-библиотекарей" in page
    assert "{status_gen}" in page  # the placeholders are explained
    assert 'value="0"' in page  # no stored design yet
    assert client.get(_url(organizer, "diploma")).status_code == 404
    response = client.get(f"/certificates/{organizer.olympiad.id}/designs")
    assert response.status_code == 302 and response.location.endswith("/designs/winner")


def test_saving_stores_the_design_and_audits_it(organizer, client):
    response = client.post(_url(organizer), data=FORM)
    assert response.status_code == 302
    row = _row()
    assert row.title == "ПОХВАЛЬНАЯ ГРАМОТА" and row.accent == "#7b2233"
    assert row.signatories == [["Руководитель РМО", "Т. Г. Николаева"]]
    assert row.show_place and row.landscape and row.version == 1
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "certificate_design"))
    assert entry.new_value["title"] == "ПОХВАЛЬНАЯ ГРАМОТА" and entry.old_value is None
    page = client.get(_url(organizer)).get_data(as_text=True)
    assert "ПОХВАЛЬНАЯ ГРАМОТА" in page and 'value="1"' in page


def test_a_stale_form_is_refused(organizer, client):
    assert client.post(_url(organizer), data=FORM).status_code == 302
    # a second window still holds the form opened on version 0
    page = client.post(_url(organizer), data={**FORM, "title": "ДРУГОЙ"}).get_data(as_text=True)
    assert "оформление изменил другой пользователь" in page
    assert _row().title == "ПОХВАЛЬНАЯ ГРАМОТА"
    response = client.post(_url(organizer), data={**FORM, "title": "ДРУГОЙ", "version": "1"})
    assert response.status_code == 302
    assert _row().title == "ДРУГОЙ" and _row().version == 2


def test_unknown_placeholders_and_missing_signatories_are_refused(organizer, client):
    data = {**FORM, "body": "{name} из {shcool}", "title_1": "", "name_1": ""}
    page = client.post(_url(organizer), data=data).get_data(as_text=True)
    assert "Нет такой подстановки: {shcool}" in page
    assert "Нужен хотя бы один подписант" in page
    assert _row() is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not an image at all", "не открывается как изображение"),
        (_image("GIF", mode="RGB"), "PNG или JPEG, а не GIF"),
        (_image(size=(20, 20)), "слишком мелкое"),
        (_image(size=(3001, 60), mode="RGB"), "не больше 3000"),
        (b"\x89PNG" + b"0" * (1024 * 1024 + 10), "больше 1 МБ"),
        (_image()[:60], "не открывается как изображение"),  # truncated
    ],
)
def test_uploads_are_checked_by_content(organizer, client, content, message):
    page = _post(client, _url(organizer), {**FORM, "logo": (content, "logo.png")})
    assert message in page.get_data(as_text=True)
    assert _row() is None


def test_images_are_stored_replaced_and_removed(organizer, client):
    png, jpeg = _image(), _image("JPEG", (400, 300), "RGB")
    data = {
        **FORM,
        "logo": (png, "эмблема.png"),
        "stamp": (png, "stamp.png"),
        "signature": (jpeg, "podpis.jpg"),
    }
    assert _post(client, _url(organizer), data).status_code == 302
    row = _row()
    assert [_described(row.logo), _described(row.stamp), _described(row.signature)] == [
        ("PNG", "RGBA", (200, 120)),
        ("PNG", "RGBA", (200, 120)),
        ("JPEG", "RGB", (400, 300)),
    ]
    logo, signature = row.logo, row.signature
    page = client.get(_url(organizer)).get_data(as_text=True)
    assert "Убрать эмблему" in page and "загружено" in page
    data = {**FORM, "version": "1", "remove_stamp": "y"}
    assert client.post(_url(organizer), data=data).status_code == 302
    row = _row()
    assert row.logo == logo and row.stamp is None and row.signature == signature


def _described(content: bytes) -> tuple:
    with Image.open(io.BytesIO(content)) as image:
        return image.format, image.mode, image.size


def test_a_photo_is_stored_upright_and_without_its_metadata(organizer, client):
    photo = Image.new("RGB", (300, 100), "white")
    exif = photo.getexif()
    exif[0x0112] = 6  # taken with the phone turned: show it rotated by 90°
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif.tobytes())
    response = _post(client, _url(organizer), {**FORM, "signature": (out.getvalue(), "p.jpg")})
    assert response.status_code == 302
    stored = _row().signature
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (100, 300) and not image.getexif()
    assert b"PhoneMaker" not in stored


def test_preview_shows_the_unsaved_form_on_a_long_name(organizer, client):
    data = {**FORM, "signature": (_image(), "s.png")}
    response = _post(client, _url(organizer) + "/preview", data)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("inline")
    text = pdf_text(response.data)
    assert "ПОХВАЛЬНАЯ ГРАМОТА" in text
    assert "Константинопольская-Верхнеудинская" in text and "(I место)" in text
    assert page_count(response.data) == 1
    assert _row() is None  # nothing saved


@pytest.mark.parametrize("kind", list(Kind))
def test_preview_of_each_default_design(organizer, client, kind):
    design = default_design(organizer.olympiad, kind)
    data = {name: getattr(design, name) for name in ("title", "subtitle", "body", "issuer")}
    data |= {"city": design.city, "accent": design.accent, "version": "0"}
    data |= {"landscape": "y"} if design.landscape else {}
    for n, (title, name) in enumerate(design.signatories, start=1):
        data |= {f"title_{n}": title, f"name_{n}": name}
    response = client.post(_url(organizer, kind) + "/preview", data=data)
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert design.title.split()[0] in text and "Константинопольская" in text
    assert "Руководитель РМО педагогов-библиотекарей" in text


def test_preview_of_an_invalid_form_says_what_is_wrong(organizer, client):
    response = client.post(_url(organizer) + "/preview", data={**FORM, "accent": "red"})
    assert response.status_code == 400
    assert "Цвет задаётся в виде #RRGGBB" in response.get_data(as_text=True)
