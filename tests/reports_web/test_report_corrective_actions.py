"""Each buyer's report holds that buyer's corrective action plans with the supplier, never
another buyer's; the supplier's working copy holds none."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from extensions import db
from models import CorrectiveAction, Review, Submission, SubmissionStatus
from services import reports
from tests.workflow.conftest import BUYER_USER, buyer_org, signed_in


def test_a_buyers_report_has_its_own_plans_only(app, demo_submissions):
    with app.app_context():
        # The cobalt processor: two plans of Sakura's, one of Hokuriku's.
        submission = db.session.scalar(
            select(Submission).where(Submission.status == SubmissionStatus.CHANGES_REQUESTED)
        )
        by_buyer: dict[int, set[int]] = {}
        for plan in db.session.scalars(
            select(CorrectiveAction).where(CorrectiveAction.submission_id == submission.id)
        ):
            by_buyer.setdefault(plan.buyer_id, set()).add(plan.id)
        reviews = db.session.scalars(
            select(Review).where(Review.submission_id == submission.id)
        ).all()
        assert len(reviews) == len(by_buyer) == 2
        for item in reviews:
            data = reports.build(submission, item)
            assert {p.number for p in data.corrective_actions} == by_buyer[item.buyer_id]
            assert "cap_requested" in {e.action for e in data.audit}
        assert reports.build(submission, None).corrective_actions == []
        sakura = next(r for r in reviews if r.buyer_id == buyer_org().id)
        late = [
            p.number
            for p in reports.build(submission, sakura).corrective_actions
            if p.overdue and p.status == "requested"
        ]
        assert len(late) == 1
        rid = sakura.id
    pdf = signed_in(app, BUYER_USER, "en").get(f"/reports/reviews/{rid}?lang=en").data
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Corrective actions" in text
    assert f"Corrective action #{late[0]}" in text
    assert "Plan requested (overdue)" in text
