"""Answer once, share with many: buyers and their reviewers see only what was shared."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import (
    AuditEntry,
    Notification,
    Review,
    Submission,
    SubmissionShare,
)
from services import sharing
from services.errors import DomainError
from tests.workflow.conftest import (
    BUYER_USER,
    OTHER_BUYER,
    OTHER_REVIEWER,
    OTHER_SUPPLIER,
    PASSWORD,
    REVIEWER,
    SUPPLIER,
    buyer_org,
    review_id,
    signed_in,
    submit_for,
    user,
)


def _sees(app, email, submission_id, password=None) -> dict[str, int]:
    """Return what *email* gets for the overview and for every buyer's review of it."""
    from tests.conftest import login

    client = app.test_client()
    assert login(client, email, password).status_code == 302
    with app.app_context():
        reviews = db.session.scalars(
            select(Review.id).where(Review.submission_id == submission_id)
        ).all()
    reachable = {client.get(f"/review/{rid}").status_code for rid in reviews}
    return {
        "overview": client.get(f"/submissions/{submission_id}").status_code,
        "review": 200 if 200 in reachable else 404,
    }


def test_buyers_see_only_what_was_shared_with_them(app, second_buyer):
    submission_id = submit_for(app, SUPPLIER)  # shared with the demo buyer only
    visible, hidden = {"overview": 200, "review": 200}, {"overview": 404, "review": 404}
    assert _sees(app, BUYER_USER, submission_id) == visible
    assert _sees(app, REVIEWER, submission_id) == visible  # the buyer's appointed auditor
    assert _sees(app, OTHER_BUYER, submission_id, PASSWORD) == hidden
    assert _sees(app, OTHER_REVIEWER, submission_id, PASSWORD) == hidden

    supplier = signed_in(app, SUPPLIER)
    page = supplier.get(f"/submissions/{submission_id}").get_data(as_text=True)
    assert "Kanto Cathode Co., Ltd." in page[page.index('id="sharing"') :]
    response = supplier.post(
        f"/submissions/{submission_id}/shares", data={"buyers": [str(second_buyer)]}
    )
    assert response.status_code == 302
    assert _sees(app, OTHER_BUYER, submission_id, PASSWORD) == visible
    assert _sees(app, OTHER_REVIEWER, submission_id, PASSWORD) == visible
    assert _sees(app, BUYER_USER, submission_id) == hidden
    assert _sees(app, REVIEWER, submission_id) == hidden
    other_portfolio = signed_in(app, BUYER_USER).get("/buyer/").get_data(as_text=True)
    assert f"/review/{review_id(app, submission_id)}" not in other_portfolio

    with app.app_context():
        entry = db.session.scalar(
            select(AuditEntry)
            .where(AuditEntry.action == "submission.share")
            .order_by(AuditEntry.id.desc())
        )
        assert entry.detail == {
            "added": ["Kanto Cathode Co., Ltd."],
            "removed": ["Sakura Battery Materials K.K."],
            "added_ids": [second_buyer],
            "removed_ids": [buyer_org().id],
        }
        for email in (OTHER_BUYER, OTHER_REVIEWER):
            kinds = db.session.scalars(
                select(Notification.kind).where(Notification.user_id == user(email).id)
            ).all()
            assert kinds == ["shared"], email


def test_sharing_with_an_organisation_that_is_not_a_buyer_is_refused(app, demo):
    submission_id = submit_for(app, SUPPLIER, share=False)
    with app.app_context():
        stranger = user(OTHER_SUPPLIER).organisation_id
        submission = db.session.get(Submission, submission_id)
        with pytest.raises(DomainError, match="Choose among your buyers"):
            sharing.share(submission, user(SUPPLIER), [stranger])
        assert db.session.scalar(select(SubmissionShare)) is None
    page = signed_in(app, SUPPLIER).post(
        f"/submissions/{submission_id}/shares", data={"buyers": ["999"]}, follow_redirects=True
    )
    assert "Choose among your buyers." in page.get_data(as_text=True)


def test_only_the_supplier_decides_who_sees_it(app, demo):
    submission_id = submit_for(app, SUPPLIER)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        for email in (BUYER_USER, REVIEWER):
            with pytest.raises(DomainError):
                sharing.share(submission, user(email), [])
    for email in (BUYER_USER, REVIEWER, OTHER_SUPPLIER):
        response = signed_in(app, email).post(
            f"/submissions/{submission_id}/shares", data={"buyers": []}
        )
        assert response.status_code == 404, email
    with app.app_context():
        assert db.session.scalar(select(SubmissionShare.buyer_id)) == buyer_org().id


def test_unsharing_hides_it_again(app, demo):
    submission_id = submit_for(app, SUPPLIER)
    signed_in(app, SUPPLIER).post(f"/submissions/{submission_id}/shares", data={})
    assert _sees(app, BUYER_USER, submission_id) == {"overview": 404, "review": 404}
    assert f"/review/{review_id(app, submission_id)}" not in signed_in(app, REVIEWER).get(
        "/reviewer/?status=all"
    ).get_data(as_text=True)
