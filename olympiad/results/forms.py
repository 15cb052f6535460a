"""Forms of the results area: shape only; the services decide what may change."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    DecimalField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from olympiad.domain.awards import Rounding, Status, TiePolicy, WinnersRule
from olympiad.forms import Form, VersionField

SHARE = [DataRequired(), NumberRange(min=0, max=1, message=_l("Доля — число от 0 до 1."))]


class SettingsForm(Form):
    threshold_share = DecimalField(
        _l("Порог: доля максимального балла"),
        places=2,
        validators=SHARE,
        description=_l(
            "Победителем или призёром становится только тот, кто набрал больше этой доли "
            "максимума своего комплекта заданий (по Порядку — 0,5, то есть больше половины)."
        ),
    )
    threshold_strict = BooleanField(
        _l("Строго больше порога"),
        description=_l(
            "Отмечено — ровно половина максимума не даёт награды (как в Порядке); "
            "не отмечено — порог можно набрать ровно."
        ),
    )
    quota_share = DecimalField(
        _l("Квота: доля победителей и призёров"),
        places=2,
        validators=SHARE,
        description=_l(
            "Победителей и призёров вместе — не больше этой доли присутствовавших участников "
            "класса (по Порядку — 0,45, то есть 45 %)."
        ),
    )
    rounding = SelectField(
        _l("Округление квоты"),
        choices=[
            (Rounding.DOWN.value, _l("в меньшую сторону (4,95 → 4)")),
            (Rounding.NEAREST.value, _l("до ближайшего целого (4,95 → 5)")),
        ],
        description=_l("Как квота в людях становится целым числом."),
    )
    winners = SelectField(
        _l("Кто становится победителем"),
        choices=[
            (WinnersRule.TOP_TOTAL.value, _l("все, кто набрал наибольший балл (по Порядку)")),
            (WinnersRule.SHARE.value, _l("лучшие в пределах доли победителей")),
        ],
        description=_l(
            "По Порядку победители — все с наибольшим баллом выше порога, даже если квота "
            "округлилась до нуля; некоторые положения задают долю победителей."
        ),
    )
    winners_share = DecimalField(
        _l("Доля победителей"),
        places=2,
        validators=SHARE,
        description=_l("Используется, только если победители выбираются по доле (например 0,1)."),
    )
    tie_policy = SelectField(
        _l("Равные баллы на границе квоты"),
        choices=[
            (TiePolicy.ADMIT.value, _l("все с этим баллом — призёры (Порядок 2013 г.)")),
            (TiePolicy.EXCLUDE.value, _l("никто с этим баллом не награждается")),
            (TiePolicy.JURY.value, _l("решает жюри: статус «решает жюри» до решения")),
        ],
        description=_l(
            "Если граница квоты проходит внутри группы участников с равным баллом: только "
            "в этом случае квота может быть превышена."
        ),
    )
    rank_by_group = BooleanField(
        _l("Рейтинг по группам классов"),
        description=_l(
            "Отмечено — один рейтинг на группу (например 9–11), не отмечено — отдельный "
            "рейтинг для каждого класса, за который выступают."
        ),
    )
    appeals_close_at = DateTimeLocalField(
        _l("Приём апелляций до"),
        validators=[Optional()],
        format="%Y-%m-%dT%H:%M",
        description=_l(
            "Местное время. Срок задаётся при завершении проверки (по умолчанию два рабочих "
            "дня); объявленный участникам срок можно продлить, но не сократить."
        ),
    )
    version = VersionField()


OVERRIDE_CHOICES = [
    ("", _l("— по правилам —")),
    (Status.WINNER.value, _l("победитель")),
    (Status.PRIZE_WINNER.value, _l("призёр")),
    (Status.PARTICIPANT.value, _l("участник")),
]


class OverrideForm(Form):
    status = SelectField(_l("Статус"), choices=OVERRIDE_CHOICES)
    reason = TextAreaField(
        _l("Причина"),
        validators=[DataRequired(), Length(max=1000)],
        description=_l("Например: решение жюри о равных баллах на границе квоты, протокол № …"),
    )


class ApproveForm(Form):
    order = StringField(
        _l("Номер приказа (распоряжения)"), validators=[DataRequired(), Length(max=60)]
    )
    order_date = DateField(_l("Дата приказа"), validators=[DataRequired()])
