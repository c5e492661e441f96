"""Published questionnaire versions; a submission is pinned to one of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from extensions import db
from models.types import JSONType, UTCDateTime, utcnow


class QuestionnaireVersion(db.Model):
    __tablename__ = "questionnaire_versions"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Questionnaire id from the definition file, e.g. ``critical-minerals-dd``.
    key: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(20))
    #: The exported definition as published: later edits to the files never change it.
    #: (Deferred: submissions read the loaded definition files by key and version, not this.)
    definition: Mapped[dict] = deferred(mapped_column(JSONType))
    #: SHA-256 of the canonical JSON of ``definition``.
    checksum: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
