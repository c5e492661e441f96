"""The demo data: every state, made through the services, with a valid audit chain."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from extensions import db
from models import (
    ActionStatus,
    AuditEntry,
    CorrectiveAction,
    FindingReview,
    Notification,
    ReviewComment,
    Submission,
    SubmissionShare,
    SubmissionStatus,
)
from services import audit
from tests.workflow.conftest import buyer_org


def test_demo_has_every_state_shared_with_the_buyer(app, demo_submissions):
    with app.app_context():
        submissions = db.session.scalars(select(Submission)).all()
        assert {s.status for s in submissions} == set(SubmissionStatus)
        assert len({s.supplier_id for s in submissions}) == len(submissions) == 6
        shared = db.session.scalars(
            select(SubmissionShare.submission_id).where(SubmissionShare.buyer_id == buyer_org().id)
        ).all()
        assert sorted(shared) == sorted(s.id for s in submissions)
        in_review = next(s for s in submissions if s.status == SubmissionStatus.IN_REVIEW)
        assert in_review.round == 2


def test_demo_has_comments_decisions_and_a_valid_audit_chain(app, demo_submissions):
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReviewComment)) >= 3
        decisions = {r.decision.value for r in db.session.scalars(select(FindingReview))}
        assert decisions == {"accepted", "dismissed"}
        assert db.session.scalar(select(func.count()).select_from(Notification)) > 0
        report = audit.verify_chain()
        assert report.ok and report.checked > 100
        actions = set(db.session.scalars(select(AuditEntry.action)))
        assert {
            "submission.create",
            "evidence.add",
            "submission.share",
            "submission.transition",
            "review.comment",
            "finding.accepted",
            "finding.dismissed",
        } <= actions


def test_loading_again_changes_nothing(app, demo_submissions):
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(AuditEntry))
        assert demo_submissions.load() is False
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_demo_has_a_corrective_action_in_every_state_overdue_too(app, demo_submissions):
    with app.app_context():
        plans = db.session.scalars(select(CorrectiveAction)).all()
        assert {p.status for p in plans} == set(ActionStatus)
        assert any(p.overdue(date.today()) for p in plans)
        assert {p.buyer.name for p in plans} == {
            "Sakura Battery Materials K.K.",
            "Hokuriku Precursor Co., Ltd.",
        }
        assert {p.due_basis.value for p in plans} == {"default"}
        closed = next(p for p in plans if p.status == ActionStatus.VERIFIED_CLOSED)
        assert closed.closed_on is not None and closed.root_cause
        actions = set(db.session.scalars(select(AuditEntry.action)))
        assert {
            "corrective_action.request",
            "corrective_action.transition",
            "corrective_action.evidence_add",
        } <= actions
