"""Participants enrolled by their schools, and the parents' consents."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from olympiad.models.base import Base, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from olympiad.models.olympiads import Olympiad, Room
    from olympiad.models.schools import School


class ParticipantStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    WITHDRAWN = "withdrawn"


class Attendance(enum.StrEnum):
    UNKNOWN = "unknown"
    PRESENT = "present"
    ABSENT = "absent"
    DISQUALIFIED = "disqualified"


class ConsentKind(enum.StrEnum):
    PROCESSING = "processing"  # processing of personal data
    PUBLICATION = "publication"  # publication of results, in a chosen form
    WORK_PUBLICATION = "work_publication"  # publication of the work itself


class PublicationForm(enum.StrEnum):
    FULL_NAME = "full_name"
    INITIALS = "initials"
    CIPHER_ONLY = "cipher_only"


class Participant(Base):
    __tablename__ = "participant"
    __table_args__ = (
        # the same student (school, full name, grade) is enrolled once per olympiad
        UniqueConstraint("olympiad_id", "identity_key"),
        UniqueConstraint("olympiad_id", "cipher"),
        UniqueConstraint("access_code"),
        CheckConstraint("grade_competed >= grade_studied", name="competes_not_lower"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    olympiad_id: Mapped[int] = mapped_column(ForeignKey("olympiad.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    surname: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    patronymic: Mapped[str] = mapped_column(String(100), default="")
    # "m" / "f" / "": asked only where the patronymic does not tell (documents agree with it)
    gender: Mapped[str] = mapped_column(String(1), default="", server_default="")
    grade_studied: Mapped[int]
    grade_competed: Mapped[int]
    mentor: Mapped[str] = mapped_column(String(200), default="")
    identity_key: Mapped[str] = mapped_column(String(400))  # normalised school|name|grade
    status: Mapped[ParticipantStatus] = mapped_column(
        str_enum(ParticipantStatus), default=ParticipantStatus.ENROLLED
    )
    cipher: Mapped[str | None] = mapped_column(String(20))
    access_code: Mapped[str | None] = mapped_column(String(40))
    # counts the participant's sign-outs: a session opened before the last one is over
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"))
    attendance: Mapped[Attendance] = mapped_column(str_enum(Attendance), default=Attendance.UNKNOWN)
    disqualification_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    olympiad: Mapped[Olympiad] = relationship(back_populates="participants")
    school: Mapped[School] = relationship()
    room: Mapped[Room | None] = relationship()
    consents: Mapped[list[Consent]] = relationship(
        back_populates="participant", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)

    def consent(self, kind: ConsentKind) -> Consent | None:
        return next((c for c in self.consents if c.kind == kind), None)


class Consent(Base):
    """One parental consent, as recorded: what was agreed, to which text, when, by whom."""

    __tablename__ = "consent"
    __table_args__ = (UniqueConstraint("participant_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    kind: Mapped[ConsentKind] = mapped_column(str_enum(ConsentKind))
    granted: Mapped[bool]
    publication_form: Mapped[PublicationForm | None] = mapped_column(str_enum(PublicationForm))
    text_version: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    participant: Mapped[Participant] = relationship(back_populates="consents")
