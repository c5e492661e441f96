"""RMI reporting templates: the official template files an operator keeps for exports, and
each workbook a supplier imports (previewed, then applied)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models.types import JSONType, UTCDateTime, enum_column, utcnow


class RmiTemplate(db.Model):
    """An official EMRT or AMRT file, uploaded once by the operator, that exports fill in."""

    __tablename__ = "rmi_templates"
    __table_args__ = (UniqueConstraint("sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "EMRT" or "AMRT", and the version read from the file ("2.1").
    kind: Mapped[str] = mapped_column(String(10))
    version: Mapped[str] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    #: The file's contents, in the evidence store (stored once per SHA-256).
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_blobs.sha256"))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def label(self) -> str:
        """Return "EMRT 2.1"."""
        return f"{self.kind} {self.version}"


class ImportStatus(enum.StrEnum):
    """Where a workbook import stands: shown as a preview, or applied to the answers."""

    PREVIEW = "preview"
    APPLIED = "applied"


class RmiImport(db.Model):
    """A workbook a supplier uploaded into a questionnaire, what it said and what it changed."""

    __tablename__ = "rmi_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ImportStatus] = mapped_column(
        enum_column(ImportStatus), default=ImportStatus.PREVIEW
    )
    kind: Mapped[str] = mapped_column(String(10))
    version: Mapped[str] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_blobs.sha256"))
    #: The workbook's content in canonical values (``rmi.Declaration.to_dict``).
    declaration: Mapped[dict] = mapped_column(JSONType)
    #: The problems found, each with its cell (``rmi.Problem.to_dict``).
    problems: Mapped[list] = mapped_column(JSONType)
    #: The sheet row of each smelter, mine and product row of the declaration.
    rows: Mapped[dict] = mapped_column(JSONType)
    #: The submission's version the preview was computed against.
    base_version: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The evidence file the workbook was kept as, once applied.
    evidence_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence_files.id", ondelete="SET NULL")
    )

    @property
    def label(self) -> str:
        """Return "EMRT 2.1"."""
        return f"{self.kind} {self.version}"
