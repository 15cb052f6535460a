"""Forms of the certificates area: shape only; the services decide what may change."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    ColorField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from olympiad.certificates.designs import IMAGES, PLACEHOLDERS
from olympiad.certificates.images import ImageRefused, check_image, clean_image
from olympiad.forms import Form, VersionField, printable

_FIELD = re.compile(r"\{([^{}]*)\}")
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
SIGNATORIES = 3
IMAGE_INPUT = {"accept": "image/png,image/jpeg"}

BODY_HINT = _l(
    "Каждая строка — отдельный абзац. Подстановки: {name} — имя (крупно, отдельной строкой; "
    "в письме — имя наставника), {name_dat} и {name_gen} — имя в дательном («Петровой Анне "
    "Сергеевне») и родительном падеже, {pupil} — «ученик» или «ученица», {took} — «принял» "
    "или «приняла», {school} — школа, {grade} — класс, {olympiad} — олимпиада "
    "(«по информационной культуре личности»), {year} — учебный год, {status} — статус "
    "(«победитель»), {status_gen} — статус в родительном падеже («победителя»; в письме "
    "«победителей и призёров»), {place} — место римскими цифрами («II»), {place_words} — "
    "место словом («второе»), {pupils} — ученики наставника, каждый отдельной строкой. Часть "
    "в [квадратных скобках] не печатается, если подстановке в ней нечего подставить, "
    "например место, когда его печать выключена."
)


class ReissueForm(Form):
    reason = TextAreaField(
        _l("Причина перевыпуска"),
        validators=[DataRequired(_l("Укажите причину.")), Length(max=1000)],
        description=_l(
            "Например: «Исправлена ошибка в фамилии» или «Изменён статус после апелляции». "
            "Старый документ будет отозван: проверка по его QR-коду покажет, что он недействителен."
        ),
        render_kw={"rows": 3},
    )


class VerifyForm(Form):
    number = StringField(
        _l("Код проверки или серийный номер"),
        validators=[DataRequired(_l("Введите код или номер с документа.")), Length(max=40)],
        description=_l(
            "Код — 12 знаков в конце адреса под QR-кодом (например, K7MX4QPR9TWZ); "
            "номер — вида 2020-2021/ИК/0123."
        ),
    )


def _placeholders(form, field) -> None:
    unknown = sorted({name for name in _FIELD.findall(field.data or "")} - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _l("Нет такой подстановки: %(names)s.", names=", ".join(f"{{{n}}}" for n in unknown))
        )


def _image(form, field) -> None:
    upload = field.data
    if not upload or not getattr(upload, "filename", ""):
        field.content = None
        return
    content = upload.read(1024 * 1024 + 1)
    try:
        check_image(content)
    except ImageRefused as refusal:
        raise ValidationError(str(refusal)) from refusal
    field.content = clean_image(content)


def _colour(form, field) -> None:
    if not _HEX.fullmatch(field.data or ""):
        raise ValidationError(_l("Цвет задаётся в виде #RRGGBB."))


class DesignForm(Form):
    """Everything typed here is printed on the certificates: only what the fonts print."""

    title = StringField(_l("Заголовок"), validators=[DataRequired(), Length(max=120), printable])
    subtitle = StringField(
        _l("Подзаголовок"),
        validators=[Optional(), Length(max=120), printable],
        description=_l("Например, «победителя»; можно оставить пустым."),
    )
    body = TextAreaField(
        _l("Текст"),
        validators=[DataRequired(), Length(max=2000), _placeholders, printable],
        description=BODY_HINT,
        render_kw={"rows": 7},
    )
    issuer = TextAreaField(
        _l("Кто выдаёт"),
        validators=[DataRequired(), Length(max=500), printable],
        description=_l("Шапка документа: каждая строка печатается отдельно."),
        render_kw={"rows": 2},
    )
    title_1 = StringField(_l("Должность 1"), validators=[Length(max=120), printable])
    name_1 = StringField(_l("Подписант 1"), validators=[Length(max=120), printable])
    title_2 = StringField(_l("Должность 2"), validators=[Length(max=120), printable])
    name_2 = StringField(_l("Подписант 2"), validators=[Length(max=120), printable])
    title_3 = StringField(_l("Должность 3"), validators=[Length(max=120), printable])
    name_3 = StringField(_l("Подписант 3"), validators=[Length(max=120), printable])
    city = StringField(_l("Город"), validators=[Length(max=120), printable])
    accent = ColorField(_l("Цвет рамки и заголовка"), validators=[InputRequired(), _colour])
    landscape = BooleanField(_l("Альбомная ориентация"))
    show_place = BooleanField(
        _l("Печатать место («за II место»)"),
        description=_l("Только если положение олимпиады велит указывать место."),
    )
    logo = FileField(
        _l("Эмблема"),
        validators=[_image],
        render_kw=IMAGE_INPUT,
        description=_l("PNG или JPEG, не больше 1 МБ, от 50 до 3000 пикселей по стороне."),
    )
    remove_logo = BooleanField(_l("Убрать эмблему"))
    stamp = FileField(
        _l("Печать"),
        validators=[_image],
        render_kw=IMAGE_INPUT,
        description=_l("Лучше PNG с прозрачным фоном; ставится у подписей."),
    )
    remove_stamp = BooleanField(_l("Убрать печать"))
    signature = FileField(
        _l("Подпись"),
        validators=[_image],
        render_kw=IMAGE_INPUT,
        description=_l("Ставится над линией первого подписанта; лучше PNG с прозрачным фоном."),
    )
    remove_signature = BooleanField(_l("Убрать подпись"))
    version = VersionField()

    def validate_name_1(self, field) -> None:
        if not self.signatories():
            raise ValidationError(_l("Нужен хотя бы один подписант: должность или имя."))

    def signatories(self) -> tuple[tuple[str, str], ...]:
        pairs = (
            (
                (getattr(self, f"title_{n}").data or "").strip(),
                (getattr(self, f"name_{n}").data or "").strip(),
            )
            for n in range(1, SIGNATORIES + 1)
        )
        return tuple(pair for pair in pairs if pair[0] or pair[1])

    def image_changes(self) -> dict[str, bytes | None]:
        """New uploads, and None for the images to remove (a new upload wins)."""
        changes: dict[str, bytes | None] = {}
        for name in IMAGES:
            content = getattr(getattr(self, name), "content", None)
            if content:
                changes[name] = content
            elif getattr(self, f"remove_{name}").data:
                changes[name] = None
        return changes
