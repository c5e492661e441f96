"""Reads of evidence, reports and portfolio exports, logged as access events in the audit chain.

Each event is committed in a transaction of its own before the content is sent: a read that
cannot be logged is not served. The entry's organisation is the reader's; ``supplier_id``
in the detail names the organisation whose data was read.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from extensions import db
from services import audit

if TYPE_CHECKING:
    from models import (
        CorrectiveAction,
        CorrectiveActionFile,
        EvidenceFile,
        Review,
        Submission,
        User,
    )


def _log(action: str, user: User, detail: dict, submission_id: int | None = None) -> None:
    audit.record(action, actor=user, submission_id=submission_id, detail=detail)
    db.session.commit()


def evidence_downloaded(user: User, item: EvidenceFile, submission: Submission) -> None:
    """Log that *user* downloads an evidence file; commit."""
    _log(
        "evidence.download",
        user,
        {
            "evidence_id": item.id,
            "question": item.question_id,
            "file": item.filename,
            "size": item.size,
            "sha256": item.sha256,
            "supplier_id": submission.supplier_id,
        },
        submission.id,
    )


def action_evidence_downloaded(
    user: User, item: CorrectiveActionFile, action: CorrectiveAction
) -> None:
    """Log that *user* downloads evidence of a corrective action; commit."""
    _log(
        "evidence.download",
        user,
        {
            "corrective_action_id": action.id,
            "corrective_action_file_id": item.id,
            "file": item.filename,
            "size": item.size,
            "sha256": item.sha256,
            "supplier_id": action.supplier_id,
            "buyer_id": action.buyer_id,
        },
        action.current_submission_id,
    )


def report_downloaded(
    user: User, submission: Submission, lang: str, pdf: bytes, review: Review | None = None
) -> None:
    """Log that *user* downloads the PDF report *pdf* of *submission* (of a buyer's *review*
    when given); commit."""
    detail = {
        "lang": lang,
        "round": review.round if review is not None else submission.round,
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "supplier_id": submission.supplier_id,
    }
    if review is not None:
        detail["review_id"] = review.id
    _log("report.download", user, detail, submission.id)


def report_viewed(
    user: User, submission: Submission, lang: str, report_id: str, review: Review | None = None
) -> None:
    """Log that *user* reads the report of *submission* as a web page; commit."""
    detail = {
        "lang": lang,
        "round": review.round if review is not None else submission.round,
        "report_id": report_id,
        "supplier_id": submission.supplier_id,
    }
    if review is not None:
        detail["review_id"] = review.id
    _log("report.view", user, detail, submission.id)


def portfolio_exported(user: User, fmt: str, rows: int, filters: dict) -> None:
    """Log that *user* exports *rows* portfolio rows as *fmt* with *filters*; commit."""
    _log("portfolio.export", user, {"format": fmt, "rows": rows, "filters": filters})


def rmi_exported(user: User, submission: Submission, label: str, data: bytes) -> None:
    """Log that *user* downloads *submission*'s answers as the RMI template *label*; commit."""
    detail = {
        "template": label,
        "sha256": hashlib.sha256(data).hexdigest(),
        "supplier_id": submission.supplier_id,
    }
    _log("rmi.export", user, detail, submission.id)
