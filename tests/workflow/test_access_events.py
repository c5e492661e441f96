"""Reads of evidence, reports and portfolio exports are logged as access events in the chain."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from extensions import db
from models import EvidenceFile, Submission
from services import audit
from services import reports as report_service
from tests.factories import audit_entries
from tests.workflow.conftest import (
    BUYER_USER,
    OTHER_BUYER,
    PASSWORD,
    REVIEWER,
    SUPPLIER,
    buyer_org,
    signed_in,
    user,
)

ACCESS = ("evidence.download", "report.download", "portfolio.export")


def _evidence(app, submission_id) -> EvidenceFile:
    with app.app_context():
        item = db.session.scalar(
            select(EvidenceFile).where(EvidenceFile.submission_id == submission_id)
        )
        db.session.expunge(item)
        return item


def _review(app, submission_id):
    """Return the demo buyer's review of a submission (detached)."""
    from models import Review

    with app.app_context():
        item = db.session.scalar(
            select(Review).where(
                Review.submission_id == submission_id, Review.buyer_id == buyer_org().id
            )
        )
        db.session.expunge(item)
        return item


def test_evidence_download_is_logged_with_reader_file_and_organisations(app, submitted):
    item = _evidence(app, submitted)
    response = signed_in(app, BUYER_USER).get(f"/submissions/evidence/{item.id}")
    assert response.status_code == 200
    (entry,) = audit_entries(app, "evidence.download")
    with app.app_context():
        buyer = user(BUYER_USER)
        supplier_org = db.session.get(Submission, submitted).supplier_id
        assert (entry.actor_id, entry.organisation_id) == (buyer.id, buyer.organisation_id)
    assert entry.submission_id == submitted
    assert entry.detail == {
        "evidence_id": item.id,
        "question": item.question_id,
        "file": item.filename,
        "size": item.size,
        "sha256": hashlib.sha256(response.data).hexdigest(),
        "supplier_id": supplier_org,
    }


def test_report_downloads_are_logged_with_language_review_and_document_hash(app, submitted):
    review = _review(app, submitted)
    by_reviewer = signed_in(app, REVIEWER).get(f"/reports/reviews/{review.id}?lang=ja")
    assert by_reviewer.status_code == 200
    by_supplier = signed_in(app, SUPPLIER).get(f"/reports/{submitted}?lang=en")
    assert by_supplier.status_code == 200
    reviewer_entry, supplier_entry = audit_entries(app, "report.download")
    with app.app_context():
        reviewer, supplier = user(REVIEWER), user(SUPPLIER)
        submission = db.session.get(Submission, submitted)
        assert (reviewer_entry.actor_id, reviewer_entry.organisation_id) == (
            reviewer.id,
            reviewer.organisation_id,
        )
        assert reviewer_entry.detail == {
            "lang": "ja",
            "round": review.round,
            "review_id": review.id,
            "sha256": hashlib.sha256(by_reviewer.data).hexdigest(),
            "supplier_id": submission.supplier_id,
        }
        assert (supplier_entry.actor_id, supplier_entry.organisation_id) == (
            supplier.id,
            submission.supplier_id,
        )
        assert supplier_entry.detail == {
            "lang": "en",
            "round": submission.round,
            "sha256": hashlib.sha256(by_supplier.data).hexdigest(),
            "supplier_id": submission.supplier_id,
        }
    assert reviewer_entry.submission_id == supplier_entry.submission_id == submitted


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_portfolio_export_is_logged_with_format_filters_and_rows(app, submitted, fmt):
    client = signed_in(app, BUYER_USER)
    response = client.get(f"/buyer/portfolio.{fmt}?status=submitted&q=Lualaba")
    assert response.status_code == 200
    (entry,) = audit_entries(app, "portfolio.export")
    with app.app_context():
        assert entry.actor_id == user(BUYER_USER).id
        assert entry.organisation_id == buyer_org().id
    assert entry.submission_id is None
    assert entry.detail == {
        "format": fmt,
        "rows": 1,
        "filters": {
            "status": "submitted",
            "rating": None,
            "overdue": False,
            "search": "Lualaba",
            "actions": None,
        },
    }


def test_refused_reads_log_nothing(app, submitted, second_buyer):
    item = _evidence(app, submitted)
    stranger = signed_in(app, OTHER_BUYER, password=PASSWORD)
    assert stranger.get(f"/submissions/evidence/{item.id}").status_code == 404
    assert stranger.get(f"/reports/{submitted}?lang=en").status_code == 404
    review_path = f"/reports/reviews/{_review(app, submitted).id}?lang=en"
    assert stranger.get(review_path).status_code == 404
    for action in ACCESS:
        assert audit_entries(app, action) == [], action


def test_nothing_is_served_when_the_read_cannot_be_logged(app, submitted, monkeypatch):
    item = _evidence(app, submitted)
    review = _review(app, submitted)
    client = signed_in(app, BUYER_USER)

    def refuse(*_args, **_kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(audit, "record", refuse)
    for path in (
        f"/submissions/evidence/{item.id}",
        f"/reports/reviews/{review.id}",
        "/buyer/portfolio.csv",
    ):
        with pytest.raises(RuntimeError):
            client.get(path)


def test_access_events_stay_out_of_the_trail_and_the_report(app, submitted):
    item = _evidence(app, submitted)
    buyer = signed_in(app, BUYER_USER)
    buyer.get(f"/submissions/evidence/{item.id}")
    assert buyer.get(f"/reports/reviews/{_review(app, submitted).id}").status_code == 200
    supplier = signed_in(app, SUPPLIER)
    supplier.get(f"/submissions/evidence/{item.id}")
    assert len(audit_entries(app, "evidence.download")) == 2
    review_id = _review(app, submitted).id
    with app.app_context():
        trail = {entry.action for entry, _name in audit.history(submitted)}
        submission = db.session.get(Submission, submitted)
        from models import Review

        review = db.session.get(Review, review_id)
        report_actions = {
            e.action
            for data in (report_service.build(submission), report_service.build(submission, review))
            for e in data.audit
        }
    assert not trail & set(ACCESS)
    assert not {a.replace(".", "_") for a in ACCESS} & report_actions
