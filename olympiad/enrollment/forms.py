"""Forms of the enrollment area (shape only; the services decide what may be enrolled)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from olympiad.enrollment.labels import CONSENT_TITLES, PUBLICATION_NAMES
from olympiad.enrollment.validation import StudentData
from olympiad.enrollment.values import NAME_RE, clean, is_formula_like
from olympiad.forms import Form, VersionField, printable
from olympiad.models import ConsentKind, Participant


def _person_name(form, field) -> None:
    if field.data and not NAME_RE.fullmatch(clean(field.data)):
        raise ValidationError(_l("Только буквы, пробел, дефис и апостроф."))


def _no_formula(form, field) -> None:
    if field.data and is_formula_like(field.data):
        raise ValidationError(_l("Значение не может начинаться с «=», «+», «-» или «@»."))


class ParticipantForm(Form):
    surname = StringField(
        _l("Фамилия"), validators=[DataRequired(), Length(max=60), printable, _person_name]
    )
    name = StringField(
        _l("Имя"), validators=[DataRequired(), Length(max=60), printable, _person_name]
    )
    patronymic = StringField(
        _l("Отчество"), validators=[Optional(), Length(max=60), printable, _person_name]
    )
    gender = SelectField(
        _l("Пол"),
        choices=[("", _l("по отчеству")), ("f", _l("женский")), ("m", _l("мужской"))],
        validators=[Optional()],
        description=_l(
            "Нужен, только если отчества нет: по нему грамоты пишут «ученица», «приняла»."
        ),
    )
    school_id = SelectField(
        _l("Школа"), coerce=int, validators=[DataRequired(message=_l("Выберите школу."))]
    )
    grade_studied = SelectField(_l("Класс обучения"), coerce=int)
    grade_competed = SelectField(
        _l("Класс участия"),
        coerce=int,
        description=_l("Ученик может выступать за старший класс, но не за младший."),
    )
    mentor = StringField(
        _l("Наставник (учитель)"), validators=[Optional(), Length(max=150), printable, _no_formula]
    )
    consent_processing = BooleanField(CONSENT_TITLES[ConsentKind.PROCESSING])
    consent_publication = RadioField(
        CONSENT_TITLES[ConsentKind.PUBLICATION],
        choices=list(PUBLICATION_NAMES.items()),
        validators=[
            InputRequired(message=_l("Отметьте, в какой форме родитель разрешил публикацию."))
        ],
    )
    consent_work_publication = BooleanField(CONSENT_TITLES[ConsentKind.WORK_PUBLICATION])
    version = VersionField()

    def set_grades(self, grades: list[int]) -> None:
        self.grade_studied.choices = [(g, str(g)) for g in grades]
        self.grade_competed.choices = [(0, _l("как класс обучения"))] + [
            (g, str(g)) for g in grades
        ]

    def student(self, school_id: int) -> StudentData:
        return StudentData(
            surname=self.surname.data,
            name=self.name.data,
            patronymic=self.patronymic.data or "",
            school_id=school_id,
            grade_studied=self.grade_studied.data,
            grade_competed=self.grade_competed.data or self.grade_studied.data,
            mentor=self.mentor.data or "",
            consent_processing=self.consent_processing.data,
            consent_publication=self.consent_publication.data,
            consent_work_publication=self.consent_work_publication.data,
            gender=self.gender.data or "",
        )

    def validate_consent_processing(self, field) -> None:
        if not field.data:
            raise ValidationError(
                _l(
                    "Без согласия родителя на обработку персональных данных ученика "
                    "записать нельзя."
                )
            )

    def validate_grade_competed(self, field) -> None:
        if field.data and self.grade_studied.data and field.data < self.grade_studied.data:
            raise ValidationError(_l("Класс участия не может быть ниже класса обучения."))


def consent_values(participant: Participant | None) -> dict:
    """The recorded consents as the form shows them."""
    if participant is None:
        return {}
    publication = participant.consent(ConsentKind.PUBLICATION)
    work = participant.consent(ConsentKind.WORK_PUBLICATION)
    granted = publication is not None and publication.granted
    return {
        "consent_processing": True,
        "consent_publication": publication.publication_form.value if granted else "none",
        "consent_work_publication": bool(work and work.granted),
    }


class UploadForm(Form):
    file = FileField(
        _l("Файл XLSX или CSV"),
        validators=[FileRequired(message=_l("Выберите файл."))],
        description=_l("Не больше 5 МБ. CSV — в UTF-8 или Windows-1251, разделитель «;» или «,»."),
    )


class SaveImportForm(Form):
    """The checked file itself travels back with the confirmation: nothing is kept between."""

    payload = HiddenField(validators=[DataRequired()])
    filename = HiddenField(validators=[Optional(), Length(max=300)])
    no_consent_confirmed = BooleanField(
        _l("Понимаю: у всех учеников из файла будет записано, что этих согласий нет")
    )


class RoomChoiceForm(Form):
    room_id = SelectField(_l("Кабинет"), coerce=int)
