"""Building corrective action plans for the tests: through the services, or straight into a
given state for the transition table."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlalchemy import select

from extensions import db
from models import (
    ActionStatus,
    CorrectiveAction,
    CorrectiveActionFile,
    DueBasis,
    EvidenceBlob,
    FindingDecision,
    Review,
    Submission,
    SubmissionShare,
    SubmissionStatus,
    Verification,
)
from services import corrective_requests, findings, risk
from services.corrective_actions import Plan
from tests.factories import PDF_BYTES, start_submission
from tests.workflow.conftest import REVIEWER, SUPPLIER, buyer_org, review_of, user

TODAY = date.today()
PLAN = Plan(
    "Agency workers were paid on the agency's scale.",
    "Move them to our pay scale with back pay.",
    "Payroll compares pay by grade every quarter.",
    "Jean-Pierre Mbuyi",
    TODAY,
)


def reviewed_draft(app) -> int:
    """Return a questionnaire of the demo supplier in the demo buyer's review, made cheaply:
    a draft marked submitted, shared, with its review row (the plans' table needs no more)."""
    submission_id = start_submission(app, SUPPLIER)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        submission.status = SubmissionStatus.SUBMITTED
        buyer_id = buyer_org().id
        db.session.add(SubmissionShare(submission_id=submission_id, buyer_id=buyer_id))
        db.session.add(
            Review(
                submission_id=submission_id,
                buyer_id=buyer_id,
                status=SubmissionStatus.IN_REVIEW,
                round=1,
            )
        )
        db.session.commit()
    return submission_id


def in_state(app, submission_id: int, state: ActionStatus, *, buyer_id=None, files: int = 0) -> int:
    """Put a plan of the demo buyer's (or *buyer_id*'s) review of *submission_id* straight
    into *state*, with *files* evidence files; return its id."""
    with app.app_context():
        review = review_of(submission_id, buyer_id)
        action = CorrectiveAction(
            supplier_id=review.submission.supplier_id,
            buyer_id=review.buyer_id,
            submission_id=submission_id,
            current_submission_id=submission_id,
            finding={"comment": "Which agencies recruit your migrant workers?"},
            severity="high",
            request="Name the agencies and check their licences.",
            status=state,
            requested_on=TODAY,
            plan_due_on=TODAY + timedelta(days=14),
            due_on=TODAY + timedelta(days=90),
            due_basis=DueBasis.DEFAULT,
            verification=Verification.DESK_REVIEW,
        )
        db.session.add(action)
        db.session.flush()
        if files:
            digest = hashlib.sha256(PDF_BYTES).hexdigest()
            if db.session.get(EvidenceBlob, digest) is None:
                db.session.add(EvidenceBlob(sha256=digest, data=PDF_BYTES))
                db.session.flush()
            for n in range(files):
                db.session.add(
                    CorrectiveActionFile(
                        action_id=action.id,
                        filename=f"proof-{n}.pdf",
                        content_type="application/pdf",
                        size=len(PDF_BYTES),
                        sha256=digest,
                    )
                )
        db.session.commit()
        return action.id


def accept(app, submission_id: int, rule_id: str, reviewer_email: str = REVIEWER, buyer_id=None):
    """Accept one finding of the current result as *reviewer_email* for the buyer's review."""
    with app.app_context():
        findings.decide(
            review_of(submission_id, buyer_id),
            user(reviewer_email),
            rule_id,
            FindingDecision.ACCEPTED.value,
            "Confirmed on site.",
        )


def finding_ids(app, submission_id: int) -> list[str]:
    """Return the rule ids of the current result's findings, as ordered there."""
    with app.app_context():
        result = risk.current_result(db.session.get(Submission, submission_id))
        return [f["rule_id"] for f in result.result["findings"]]


def request_for(
    app, submission_id: int, rule_id: str, *, reviewer_email: str = REVIEWER, buyer_id=None
) -> int:
    """Accept *rule_id* and ask for a plan on it with the default dates; return the plan id."""
    accept(app, submission_id, rule_id, reviewer_email, buyer_id)
    with app.app_context():
        review = review_of(submission_id, buyer_id)
        found = corrective_requests.source(review, rule_id=rule_id)
        action = corrective_requests.request(
            review,
            user(reviewer_email),
            found,
            text="Correct it.",
            verification="desk_review",
        )
        return action.id


def action(action_id: int) -> CorrectiveAction:
    """Return a plan (inside an application context)."""
    return db.session.scalar(select(CorrectiveAction).where(CorrectiveAction.id == action_id))
