"""Certificates and diplomas as issued, and the organizer's design of each kind of document."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from olympiad.domain.awards import Status
from olympiad.models.base import Base, UTCDateTime, str_enum, utcnow
from olympiad.pdf.certificates.model import Kind

if TYPE_CHECKING:
    from olympiad.models.enrollment import Participant
    from olympiad.models.olympiads import Olympiad


class CertificateDesign(Base):
    """The organizer's texts, signatories, colour and images for one kind of document.
    An olympiad without a row for a kind uses the default design of that kind."""

    __tablename__ = "certificate_design"
    __table_args__ = (UniqueConstraint("olympiad_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    olympiad_id: Mapped[int] = mapped_column(ForeignKey("olympiad.id", ondelete="CASCADE"))
    kind: Mapped[Kind] = mapped_column(str_enum(Kind))
    title: Mapped[str] = mapped_column(String(120))
    subtitle: Mapped[str] = mapped_column(String(120), default="")
    body: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(Text)
    signatories: Mapped[list] = mapped_column(JSON)  # [[title, name], ...], 1 to 3
    city: Mapped[str] = mapped_column(String(120), default="")
    landscape: Mapped[bool] = mapped_column(default=True)
    accent: Mapped[str] = mapped_column(String(7), default="#1F4E79")
    show_place: Mapped[bool] = mapped_column(default=False)
    logo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    stamp: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    signature: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class Certificate(Base):
    """One issued document: a stable serial, an unguessable verification code, and its fate."""

    __tablename__ = "certificate"
    __table_args__ = (
        UniqueConstraint("serial"),
        UniqueConstraint("code"),
        UniqueConstraint("olympiad_id", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    olympiad_id: Mapped[int] = mapped_column(ForeignKey("olympiad.id"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[Kind] = mapped_column(str_enum(Kind))
    mentor: Mapped[str] = mapped_column(String(200), default="")  # the letter's addressee
    number: Mapped[int]  # within the olympiad: the serial's last part
    serial: Mapped[str] = mapped_column(String(40))  # 2020-2021/ИК/0123
    code: Mapped[str] = mapped_column(String(20))  # for the verification address
    status: Mapped[Status] = mapped_column(str_enum(Status))  # the participant's, as issued
    place: Mapped[int | None]
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoke_reason: Mapped[str] = mapped_column(Text, default="")

    olympiad: Mapped[Olympiad] = relationship()
    participant: Mapped[Participant] = relationship()

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
