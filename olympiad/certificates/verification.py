"""The public check of a document: the QR code opens /v/<code> (a short address, so the
code stays small), and a form takes a code or a serial typed from the paper.

A code proves the document and shows the name as the publication consent allows. A serial
is printed in sequence and so can be guessed: it shows whether such a document exists, never
whose it is. Failed checks are limited per code tried and, far higher, per address
(olympiad.ratelimits).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, render_template

from olympiad import ratelimits
from olympiad.certificates import records
from olympiad.certificates.documents import issued_on
from olympiad.certificates.forms import VerifyForm
from olympiad.certificates.letters import pupils_of
from olympiad.certificates.records import normalize_code
from olympiad.certificates.views import bp
from olympiad.extensions import limiter
from olympiad.models import Certificate
from olympiad.pdf.certificates import Kind
from olympiad.permissions import public
from olympiad.results.publication import name_is_public, public_name_of

verify_bp = Blueprint("verify", __name__)


def limits(key_func, methods=None):
    """The two limits of a check (the page, the QR address and the API share them): failed
    checks per code tried, and a far higher ceiling of failed checks per address."""
    per_code = limiter.shared_limit(
        ratelimits.setting("VERIFY_RATE_LIMIT"),
        scope="verify-code",
        key_func=key_func,
        methods=methods,
        deduct_when=ratelimits.not_found,
    )
    per_address = limiter.shared_limit(
        ratelimits.setting("VERIFY_ADDRESS_RATE_LIMIT"),
        scope="verify-address",
        key_func=ratelimits.address,
        methods=methods,
        deduct_when=ratelimits.not_found,
    )
    return lambda view: per_code(per_address(view))


@dataclass(frozen=True)
class Verdict:
    certificate: Certificate | None
    by_code: bool  # the name may be shown only to whoever holds the code
    name: str = ""  # the holder as the consent allows ("" when not shown)
    name_hidden: bool = False  # the consent allows the cipher only
    participant: str = ""  # a mentor's letter: whom they prepared (as each one's consent allows)
    replaced: bool = False  # a revoked one has a valid successor
    purged: bool = False  # the olympiad's personal data is purged: genuine, but nameless

    @property
    def state(self) -> str:
        if self.certificate is None:
            return "unknown"
        return "revoked" if self.certificate.revoked else "valid"


def verdict(certificate: Certificate | None, by_code: bool) -> Verdict:
    if certificate is None:
        return Verdict(None, by_code)
    replaced = certificate.revoked and records.successor(certificate) is not None
    if not by_code:
        return Verdict(certificate, False, replaced=replaced)
    if certificate.olympiad.purged_at is not None:
        return Verdict(certificate, True, replaced=replaced, purged=True)
    person = certificate.participant
    if certificate.kind is Kind.MENTOR:  # the letter is the teacher's: their name is printed
        return Verdict(
            certificate,
            True,
            name=certificate.mentor,
            participant="; ".join(public_name_of(pupil) for _r, pupil in pupils_of(certificate)),
            replaced=replaced,
        )
    return Verdict(
        certificate,
        True,
        name=public_name_of(person),
        name_hidden=not name_is_public(person),
        replaced=replaced,
    )


def _page(result: Verdict | None, form: VerifyForm, status: int = 200):
    day = issued_on(result.certificate) if result and result.certificate else None
    body = render_template("certificates/verify.html", result=result, form=form, issued_day=day)
    return body, status


@verify_bp.get("/v/<code>")
@public
@limits(ratelimits.in_url("code", normalize=normalize_code))
def check(code: str):
    result = verdict(records.by_code(code), by_code=True)
    return _page(result, VerifyForm(formdata=None), 404 if result.state == "unknown" else 200)


@bp.route("/verify", methods=["GET", "POST"])
@public
@limits(ratelimits.typed("number", "code", normalize=normalize_code), methods=["POST"])
def verify():
    form = VerifyForm()
    result = None
    if form.validate_on_submit():
        typed = form.number.data
        found = records.by_code(typed)
        result = verdict(found, True) if found else verdict(records.by_serial(typed), False)
        if result.certificate is None:
            ratelimits.mark_not_found()
    return _page(result, form)
