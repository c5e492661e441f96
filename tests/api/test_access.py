"""The API's role x route matrix and the attacker's side across organisations."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import EvidenceFile, Review, Submission, SupplierRecord
from tests.api.conftest import (
    HOKURIKU_ADMIN,
    HOKURIKU_REVIEWER,
    RECYCLER,
    REVIEWER,
    SAKURA_ADMIN,
    SAKURA_BUYER,
    SUPPLIER,
    bearer,
    issue,
)

ROLES = {
    "supplier_admin": SUPPLIER,
    "reviewer": REVIEWER,
    "buyer": SAKURA_BUYER,
    "buyer_admin": SAKURA_ADMIN,
}
#: Every API read without a path argument -> roles whose token (with every scope that role
#: may hold) gets 200; the others get 403 (the scope or the role does not cover it).
API_MATRIX = {
    "/api/v1/suppliers": {"buyer", "buyer_admin"},
    "/api/v1/questionnaires": set(ROLES),
    "/api/v1/submissions": set(ROLES),
    "/api/v1/webhooks": {"supplier_admin", "buyer_admin"},
}


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("path", sorted(API_MATRIX))
def test_api_role_route_matrix(app, demo, role, path):
    secret = issue(app, ROLES[role])
    response = app.test_client().get(path, headers=bearer(secret))
    assert response.status_code == (200 if role in API_MATRIX[path] else 403)
    if response.status_code == 403:
        assert response.mimetype == "application/problem+json"


def test_the_operator_can_hold_no_token(app, demo):
    from services.errors import DomainError

    with pytest.raises(DomainError):
        issue(app, "operator@demo.assay.example", ["questionnaires:read"])


def _ids(app):
    with app.app_context():
        sakura_review = db.session.scalar(
            select(Review).where(Review.buyer_id == 1).order_by(Review.id)
        )
        submission = db.session.get(Submission, sakura_review.submission_id)
        document = db.session.scalar(
            select(EvidenceFile).where(EvidenceFile.submission_id == submission.id)
        )
        record = db.session.scalar(select(SupplierRecord).where(SupplierRecord.buyer_id == 1))
        return {
            "review": sakura_review.id,
            "submission": submission.id,
            "document": document.id if document else None,
            "record": record.id,
            "supplier": submission.supplier_id,
        }


def test_another_buyer_reaches_nothing_of_sakura(app, demo_submissions):
    """Hokuriku's admin and reviewer, with every scope, probe Sakura's objects by id."""
    ids = _ids(app)
    client = app.test_client()
    with app.app_context():
        before = db.session.get(Review, ids["review"]).status
    for email in (HOKURIKU_ADMIN, HOKURIKU_REVIEWER):
        headers = bearer(issue(app, email))
        probes = [
            f"/api/v1/reviews/{ids['review']}",
            f"/api/v1/reviews/{ids['review']}/report",
            f"/api/v1/suppliers/{ids['record']}",
        ]
        for path in probes:
            response = client.get(path, headers=headers)
            assert response.status_code in (403, 404), (email, path, response.status_code)
            assert b"Sakura" not in response.data
        moved = client.post(
            f"/api/v1/reviews/{ids['review']}/transitions",
            json={"action": "approve", "reason": "x"},
            headers=headers,
        )
        assert moved.status_code in (403, 404)
    with app.app_context():
        assert db.session.get(Review, ids["review"]).status == before
    # Hokuriku sees only submissions shared with it: none of Sakura's reviews in any of them.
    listing = client.get(
        "/api/v1/submissions?limit=100", headers=bearer(issue(app, HOKURIKU_ADMIN))
    )
    assert listing.status_code == 200
    for item in listing.get_json()["items"]:
        assert all(r["buyer_organisation_id"] != 1 for r in item["reviews"])
    records = client.get("/api/v1/suppliers", headers=bearer(issue(app, HOKURIKU_ADMIN)))
    assert all(r["id"] != ids["record"] for r in records.get_json()["items"])


def test_another_supplier_reaches_nothing_of_the_cobalt_processor(app, demo_submissions):
    client = app.test_client()
    headers = bearer(issue(app, RECYCLER))
    with app.app_context():
        theirs = db.session.scalars(
            select(Submission.id).where(Submission.supplier_id != _org_of(app, RECYCLER))
        ).all()
    assert theirs
    for submission_id in theirs:
        for suffix in ("", "/risk", "/report"):
            response = client.get(f"/api/v1/submissions/{submission_id}{suffix}", headers=headers)
            assert response.status_code == 404, (submission_id, suffix)
    with app.app_context():
        foreign_documents = db.session.scalars(
            select(EvidenceFile.id)
            .join(Submission, Submission.id == EvidenceFile.submission_id)
            .where(Submission.supplier_id != _org_of(app, RECYCLER))
        ).all()
    assert foreign_documents
    for document_id in foreign_documents[:5]:
        for suffix in ("", "/content"):
            response = client.get(f"/api/v1/documents/{document_id}{suffix}", headers=headers)
            assert response.status_code == 404
    listing = client.get("/api/v1/submissions?limit=100", headers=headers).get_json()
    assert listing["items"]
    assert {i["supplier_organisation_id"] for i in listing["items"]} == {_org_of(app, RECYCLER)}


def _org_of(app, email: str) -> int:
    from models import User

    with app.app_context():
        return db.session.scalar(select(User.organisation_id).where(User.email == email))


def test_a_supplier_token_reads_no_buyer_review_in_progress(app, demo_submissions):
    """Reviews still with the buyer's reviewers stay theirs: the supplier reads released ones."""
    client = app.test_client()
    headers = bearer(issue(app, SUPPLIER))
    with app.app_context():
        hidden = db.session.scalars(
            select(Review.id)
            .join(Submission, Submission.id == Review.submission_id)
            .where(
                Submission.supplier_id == _org_of(app, SUPPLIER),
                Review.status.in_(["submitted", "in_review"]),
            )
        ).all()
    assert hidden
    for review_id in hidden:
        assert client.get(f"/api/v1/reviews/{review_id}", headers=headers).status_code == 404
