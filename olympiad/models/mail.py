"""The outbox of e-mail and the organizer's switches of the notices."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from olympiad.models.base import Base, UTCDateTime, str_enum, utcnow


class MailState(enum.StrEnum):
    WAITING = "waiting"
    SENDING = "sending"  # claimed by one worker
    SENT = "sent"
    FAILED = "failed"  # given up: the server's last answer is kept


class OutboxMessage(Base):
    """One message, written in the same transaction as the change that causes it."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    # what the message is about ("registration_closing:5:2026-12-03"): reminders once only
    topic: Mapped[str] = mapped_column(String(120), default="", index=True)
    recipient: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[MailState] = mapped_column(str_enum(MailState), default=MailState.WAITING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class NoticeSetting(Base):
    """A notice kind the organizer switched on (no row: off)."""

    __tablename__ = "notice_setting"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=False)
