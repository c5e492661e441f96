"""Sharing changes record who decided and which buyers gained or lost sight."""

from __future__ import annotations

from sqlalchemy import select

from extensions import db
from models import AuditEntry, Submission
from tests.workflow.conftest import SUPPLIER, buyer_org, signed_in, submit_for, user


def _share_entries(app, submission_id):
    with app.app_context():
        rows = db.session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.action == "submission.share", AuditEntry.submission_id == submission_id
            )
            .order_by(AuditEntry.id)
        ).all()
        db.session.expunge_all()
        return rows


def test_sharing_records_who_and_which_buyers_by_id_and_name(app, second_buyer):
    submission_id = submit_for(app, SUPPLIER)  # shared with the demo buyer
    supplier = signed_in(app, SUPPLIER)
    response = supplier.post(
        f"/submissions/{submission_id}/shares", data={"buyers": [str(second_buyer)]}
    )
    assert response.status_code == 302
    # Saving the same choice again changes nothing and records nothing.
    supplier.post(f"/submissions/{submission_id}/shares", data={"buyers": [str(second_buyer)]})
    first, swapped = _share_entries(app, submission_id)
    with app.app_context():
        demo_buyer = buyer_org()
        supplier_user = user(SUPPLIER)
        supplier_org = db.session.get(Submission, submission_id).supplier_id
        assert first.detail["added_ids"] == [demo_buyer.id]
        assert swapped.actor_id == supplier_user.id
        assert swapped.organisation_id == supplier_org
        assert swapped.detail == {
            "added": ["Kanto Cathode Co., Ltd."],
            "removed": [demo_buyer.name],
            "added_ids": [second_buyer],
            "removed_ids": [demo_buyer.id],
        }
