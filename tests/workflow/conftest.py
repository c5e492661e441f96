"""Fixtures for the review workflow: users, clients and submissions in a given state."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from demo import submissions as demo_submissions
from demo.loader import BUYER, SUPPLIERS
from extensions import db
from models import (
    BuyerSupplier,
    Organisation,
    OrganisationKind,
    Review,
    Role,
    Submission,
    User,
)
from services import accounts, organisations, review, sharing, submissions
from tests.conftest import login
from tests.factories import fill_submission, start_submission

SUPPLIER = "supplier@demo.assay.example"
OTHER_SUPPLIER = "recycler@demo.assay.example"
GRAPHITE = "graphite@demo.assay.example"
REVIEWER = "reviewer@demo.assay.example"
BUYER_USER = "buyer@demo.assay.example"
ADMIN = "admin@demo.assay.example"
#: A second buyer of the demo supplier (see :func:`second_buyer`).
OTHER_BUYER = "procurement@kanto-cathode.example"
OTHER_REVIEWER = "compliance@kanto-cathode.example"
PASSWORD = "kanto-password-1"


def user(email: str) -> User:
    """Return the user with *email* (inside an application context)."""
    return db.session.scalar(select(User).where(User.email == email))


def buyer_org() -> Organisation:
    """Return the demo buyer organisation."""
    return db.session.scalar(select(Organisation).where(Organisation.name == BUYER[0]))


def review_of(submission_id: int, buyer_id: int | None = None) -> Review:
    """Return the review of a submission by *buyer_id* (the demo buyer when not given)."""
    buyer_id = buyer_id if buyer_id is not None else buyer_org().id
    return db.session.scalar(
        select(Review).where(Review.submission_id == submission_id, Review.buyer_id == buyer_id)
    )


def review_id(app, submission_id: int, buyer_id: int | None = None) -> int:
    """Return the id of a buyer's review of a submission (the demo buyer when not given)."""
    with app.app_context():
        return review_of(submission_id, buyer_id).id


def signed_in(app, email: str, lang: str | None = None, password: str | None = None):
    """Return a test client signed in as *email* (switched to *lang* when given)."""
    client = app.test_client()
    assert login(client, email, password).status_code == 302
    if lang:
        client.post("/language", data={"lang": lang})
    return client


def submit_for(app, email: str, answers: dict | None = None, *, share: bool = True) -> int:
    """Start, fill, share with the demo buyer and submit a questionnaire; return its id."""
    submission_id = start_submission(app, email)
    fill_submission(app, submission_id, email, answers)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        supplier = user(email)
        if share:
            sharing.share(submission, supplier, [buyer_org().id])
        submissions.submit(submission, supplier, date.today())
    return submission_id


def submit_profile(app, email: str, supplier_name: str) -> int:
    """Submit the demo answers of *supplier_name* (realistic, with a known rating); return id."""
    document = next(name for org, _country, name in SUPPLIERS if org == supplier_name)
    with app.app_context():
        supplier = user(email)
        submission = demo_submissions.prepare(supplier, document, date.today())
        sharing.share(submission, supplier, [buyer_org().id])
        submissions.submit(submission, supplier, date.today())
        return submission.id


def send_back(app, submission_id: int, comments: dict[str | None, str]) -> None:
    """Comment as the demo reviewer and request changes."""
    with app.app_context():
        item = review_of(submission_id)
        reviewer = user(REVIEWER)
        for question_id, body in comments.items():
            review.add_comment(item, reviewer, question_id, body)
        review.decide(item, reviewer, "request_changes", "Please see my comments.")


@pytest.fixture
def submitted(app, demo) -> int:
    """A questionnaire of the demo supplier, complete, shared with the demo buyer, submitted."""
    return submit_for(app, SUPPLIER)


@pytest.fixture
def second_buyer(app, demo) -> int:
    """Another buyer of the demo supplier, with its own buyer and reviewer users."""
    with app.app_context():
        org = organisations.create_organisation(
            name="Kanto Cathode Co., Ltd.", kind=OrganisationKind.BUYER, country="JP"
        )
        supplier = user(SUPPLIER).organisation_id
        db.session.add(BuyerSupplier(buyer_id=org.id, supplier_id=supplier))
        db.session.commit()
        for email, role in ((OTHER_BUYER, Role.BUYER), (OTHER_REVIEWER, Role.REVIEWER)):
            accounts.create_user(
                email=email, name=email, role=role, organisation=org, password=PASSWORD
            )
        return org.id
