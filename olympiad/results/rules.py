"""An olympiad's award rules as stored (a small JSON object) and as the domain takes them.

An empty object means the official procedure: every setting has its default in
olympiad/domain/awards.py, and only the settings the organizer changed are stored.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from decimal import Decimal, InvalidOperation

from olympiad.domain.awards import AwardRules, Rounding, TiePolicy, WinnersRule
from olympiad.models import Olympiad

_KINDS = {
    "threshold_share": Decimal,
    "threshold_strict": bool,
    "quota_share": Decimal,
    "rounding": Rounding,
    "winners": WinnersRule,
    "winners_share": Decimal,
    "tie_policy": TiePolicy,
}


def _read(name: str, value):
    kind = _KINDS[name]
    if kind is bool:
        return bool(value)
    if kind is Decimal:
        number = Decimal(str(value))
        if not (Decimal(0) <= number <= Decimal(1)):
            raise ValueError(name)
        return number
    return kind(value)


def rules_of(olympiad: Olympiad) -> AwardRules:
    """The olympiad's rules; a stored value that no longer reads falls back to its default."""
    chosen = {}
    for name, value in (olympiad.award_rules or {}).items():
        if name in _KINDS:
            try:
                chosen[name] = _read(name, value)
            except (ValueError, InvalidOperation):
                continue
    return AwardRules(**chosen)


def stored(rules: AwardRules) -> dict:
    """Only the settings that differ from the official defaults, JSON-ready."""
    default = AwardRules()
    result = {}
    for field in fields(AwardRules):
        value = getattr(rules, field.name)
        if value != getattr(default, field.name):
            result[field.name] = str(value) if isinstance(value, Decimal) else value
    return result


def as_dict(rules: AwardRules) -> dict:
    return asdict(rules)
