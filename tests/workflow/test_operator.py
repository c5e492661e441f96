"""The platform operator manages organisations and nothing inside them; organisation admins
see only their own organisation's data."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import EvidenceFile, Invitation, Organisation, OrganisationKind, Role, Submission
from policy import visible_submissions
from tests.conftest import login
from tests.factories import PDF_BYTES, start_submission
from tests.workflow.conftest import ADMIN, BUYER_USER, REVIEWER, SUPPLIER, signed_in, user
from tests.workflow.test_invitations import STRONG, accept, link

OPERATOR = "operator@demo.assay.example"


def _draft_with_evidence(app) -> tuple[int, int]:
    """An unshared draft of the demo supplier with one document; return (submission, file)."""
    from services import evidence, submissions

    draft = start_submission(app, SUPPLIER)
    with app.app_context():
        submission = db.session.get(Submission, draft)
        question = next(
            q.id for q in submissions.definition(submission).questions if q.type.value == "evidence"
        )
        item = evidence.add(submission, user(SUPPLIER), question, "permit.pdf", PDF_BYTES)
        return draft, item.id


@pytest.mark.parametrize("email", [OPERATOR, ADMIN])
def test_operator_and_buyer_admin_cannot_read_an_unshared_draft(app, demo, email):
    draft, document = _draft_with_evidence(app)
    client = signed_in(app, email)
    for path in (
        f"/submissions/{draft}",
        f"/submissions/evidence/{document}",
        f"/reports/{draft}",
    ):
        assert client.get(path).status_code == 404, path


def test_the_operator_sees_no_submission_at_all(app, demo_submissions):
    with app.app_context():
        operator = user(OPERATOR)
        assert db.session.scalars(select(Submission)).first() is not None
        visible = db.session.scalars(select(Submission).where(visible_submissions(operator)))
        assert visible.all() == []
        assert db.session.scalar(select(EvidenceFile.id)) is not None


def test_the_operator_creates_an_organisation_and_invites_its_first_admin(app, demo):
    operator = signed_in(app, OPERATOR, "en")
    page = operator.post(
        "/operator/organisations",
        data={
            "org-name": "Nordic Cathode AB",
            "org-kind": "buyer",
            "org-country": "SE",
            "org-admin_email": "first@nordic.example",
            "org-admin_name": "Frida First",
            "org-admin_role": "buyer",
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Nordic Cathode AB" in page
    _visitor, response = accept(app, link(page))
    assert response.headers["Location"] == "/buyer/"
    with app.app_context():
        first = user("first@nordic.example")
        assert (first.role, first.is_org_admin, first.organisation.name) == (
            Role.BUYER,
            True,
            "Nordic Cathode AB",
        )


@pytest.mark.parametrize(
    ("kind", "role"), [("platform", "buyer"), ("supplier", "buyer"), ("auditor", "operator")]
)
def test_the_operator_cannot_make_platform_organisations_or_misfitting_roles(app, demo, kind, role):
    signed_in(app, OPERATOR, "en").post(
        "/operator/organisations",
        data={
            "org-name": "Odd Org",
            "org-kind": kind,
            "org-admin_email": "odd@example.com",
            "org-admin_name": "Odd",
            "org-admin_role": role,
        },
    )
    with app.app_context():
        assert db.session.scalar(select(Organisation).where(Organisation.name == "Odd Org")) is None
        assert db.session.scalar(select(Invitation)) is None


def test_suspending_an_organisation_signs_its_members_out_until_reactivated(app, demo):
    supplier = signed_in(app, SUPPLIER)
    operator = signed_in(app, OPERATOR, "en")
    with app.app_context():
        org = user(SUPPLIER).organisation_id
    assert operator.post(f"/operator/organisations/{org}/suspend").status_code == 302
    assert supplier.get("/supplier/").status_code == 302  # signed out
    assert login(app.test_client(), SUPPLIER).status_code == 200  # cannot sign in
    operator.post(f"/operator/organisations/{org}/reactivate")
    assert login(app.test_client(), SUPPLIER).status_code == 302


def test_the_platform_organisation_cannot_be_suspended(app, demo):
    operator = signed_in(app, OPERATOR, "en")
    with app.app_context():
        platform = user(OPERATOR).organisation_id
    operator.post(f"/operator/organisations/{platform}/suspend")
    with app.app_context():
        assert db.session.get(Organisation, platform).suspended_at is None
    assert signed_in(app, OPERATOR).get("/operator/").status_code == 200


@pytest.mark.parametrize("email", [SUPPLIER, REVIEWER, BUYER_USER, ADMIN])
def test_only_the_operator_manages_organisations(app, demo, email):
    client = signed_in(app, email)
    with app.app_context():
        org = user(SUPPLIER).organisation_id
    assert client.post(f"/operator/organisations/{org}/suspend").status_code == 404
    assert client.post("/operator/organisations", data={}).status_code == 404
    assert client.get(f"/operator/organisations/{org}/members").status_code == 404
    with app.app_context():
        assert db.session.get(Organisation, org).suspended_at is None


def test_operators_are_created_from_the_command_line_only(app, demo):
    runner = app.test_cli_runner()
    refused = runner.invoke(
        args=[
            "users",
            "create",
            "--email=op2@example.com",
            "--name=Op",
            "--role=operator",
            "--organisation=Sakura Battery Materials K.K.",
            f"--password={STRONG}",
        ]
    )
    assert refused.exit_code != 0
    made = runner.invoke(
        args=["users", "create-operator", "--email=op2@example.com", "--name=Op Two"]
        + [f"--password={STRONG}"]
    )
    assert made.exit_code == 0, made.output
    with app.app_context():
        operator = user("op2@example.com")
        assert operator.role == Role.OPERATOR
        assert operator.organisation.kind == OrganisationKind.PLATFORM
        platforms = db.session.scalars(
            select(Organisation).where(Organisation.kind == OrganisationKind.PLATFORM)
        ).all()
        assert len(platforms) == 1  # the demo's platform organisation, reused
    assert signed_in(app, "op2@example.com", password=STRONG).get("/operator/").status_code == 200


def test_users_create_checks_the_role_fits_and_can_make_an_org_admin(app, demo):
    runner = app.test_cli_runner()
    base = ["users", "create", "--name=X", f"--password={STRONG}"]
    misfit = runner.invoke(
        args=[*base, "--email=x@example.com", "--role=supplier", "--organisation=" + _buyer()]
    )
    assert misfit.exit_code != 0
    made = runner.invoke(
        args=[*base, "--email=y@example.com", "--role=reviewer", "--organisation=" + _buyer()]
        + ["--org-admin"]
    )
    assert made.exit_code == 0, made.output
    with app.app_context():
        assert user("y@example.com").is_org_admin
        assert user("x@example.com") is None


def _buyer() -> str:
    from demo.loader import BUYER

    return BUYER[0]
