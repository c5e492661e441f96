"""An organisation's members page: only its own admins manage its members."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import AuditEntry, Invitation, Role, User
from services import accounts
from tests.conftest import login
from tests.workflow.conftest import ADMIN, BUYER_USER, OTHER_SUPPLIER, SUPPLIER, signed_in, user
from tests.workflow.test_invitations import STRONG, accept, link

COLLEAGUE = "colleague@lualaba-cobalt.example"
COLLEAGUE_PASSWORD = "Quiet-Harbour-Lantern-48"


def add_colleague(app, email: str = COLLEAGUE, admin: bool = False) -> int:
    """Create a member of the demo supplier's organisation; return its id."""
    with app.app_context():
        member = accounts.create_user(
            email=email,
            name="Grace Colleague",
            role=Role.SUPPLIER,
            organisation=user(SUPPLIER).organisation,
            password=COLLEAGUE_PASSWORD,
        )
        member.is_org_admin = admin
        db.session.commit()
        return member.id


def _member(app, member_id: int) -> User:
    with app.app_context():
        member = db.session.get(User, member_id)
        db.session.expunge(member)
        return member


def _invite_member(client, email, role="supplier", admin=False, **extra):
    data = {"member-email": email, "member-name": "New Colleague", "member-role": role}
    if admin:
        data["member-admin"] = "y"
    return client.post("/members/invitations", data={**data, **extra}, follow_redirects=True)


def test_the_members_page_lists_members_with_role_admin_flag_and_last_sign_in(app, demo):
    add_colleague(app)
    page = signed_in(app, SUPPLIER, "en").get("/members/").get_data(as_text=True)
    assert "Jean-Pierre Mbuyi" in page and "Grace Colleague" in page
    assert COLLEAGUE in page and "Never" in page  # the colleague never signed in
    assert "Anna Vogel" not in page  # another organisation's admin


def test_an_admin_invites_a_colleague_into_their_own_organisation(app, demo):
    page = _invite_member(signed_in(app, SUPPLIER, "en"), "new@lualaba.example")
    path = link(page.get_data(as_text=True))
    visitor, response = accept(app, path)
    assert response.headers["Location"] == "/supplier/"
    with app.app_context():
        new = user("new@lualaba.example")
        assert (new.organisation_id, new.role, new.is_org_admin) == (
            user(SUPPLIER).organisation_id,
            Role.SUPPLIER,
            False,
        )
        assert "member.invite" in db.session.scalars(select(AuditEntry.action)).all()
    assert visitor.get("/members/").status_code == 404  # not an admin


@pytest.mark.parametrize(
    ("email", "role", "allowed"),
    [
        (SUPPLIER, "buyer", False),
        (SUPPLIER, "reviewer", False),
        (ADMIN, "supplier", False),
        (ADMIN, "operator", False),
        (ADMIN, "reviewer", True),
        (ADMIN, "buyer", True),
    ],
)
def test_roles_fit_the_kind_of_organisation(app, demo, email, role, allowed):
    _invite_member(signed_in(app, email, "en"), "someone@example.com", role=role)
    with app.app_context():
        invitation = db.session.scalar(select(Invitation))
        assert (invitation is not None) == allowed
        if allowed:
            assert invitation.organisation_id == user(email).organisation_id


def test_a_buyer_admin_cannot_create_users_in_a_supplier_organisation(app, demo):
    admin = signed_in(app, ADMIN, "en")
    with app.app_context():
        supplier_org = user(SUPPLIER).organisation_id
    # The old platform-wide user creation is gone.
    assert (
        admin.post("/admin/users", data={"user-organisation_id": supplier_org}).status_code == 404
    )
    page = _invite_member(admin, "spy@example.com", role="buyer", organisation_id=supplier_org)
    path = link(page.get_data(as_text=True))
    accept(app, path)
    with app.app_context():
        assert user("spy@example.com").organisation_id == user(ADMIN).organisation_id


def test_admin_rights_are_granted_and_revoked_but_never_the_last_ones(app, demo):
    colleague = add_colleague(app)
    admin = signed_in(app, SUPPLIER, "en")
    with app.app_context():
        me = user(SUPPLIER).id
    refused = admin.post(f"/members/{me}/admin", data={"value": "0"}, follow_redirects=True)
    assert "last active admin" in refused.get_data(as_text=True)
    assert _member(app, me).is_org_admin

    admin.post(f"/members/{colleague}/admin", data={"value": "1"})
    assert _member(app, colleague).is_org_admin
    admin.post(f"/members/{me}/admin", data={"value": "0"})  # another admin remains
    assert not _member(app, me).is_org_admin
    assert admin.get("/members/").status_code == 404  # no longer an admin

    other = signed_in(app, COLLEAGUE, password=COLLEAGUE_PASSWORD)
    last = other.post(f"/members/{colleague}/admin", data={"value": "0"}, follow_redirects=True)
    assert "last active admin" in last.get_data(as_text=True)
    assert _member(app, colleague).is_org_admin


def test_removing_a_member_disables_them_and_ends_their_sessions(app, demo):
    colleague = add_colleague(app)
    theirs = signed_in(app, COLLEAGUE, password=COLLEAGUE_PASSWORD)
    assert signed_in(app, SUPPLIER).post(f"/members/{colleague}/remove").status_code == 302
    member = _member(app, colleague)
    assert not member.active and not member.is_org_admin
    assert theirs.get("/supplier/").status_code == 302  # signed out
    assert login(app.test_client(), COLLEAGUE, COLLEAGUE_PASSWORD).status_code == 200
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
        assert "member.remove" in actions


def test_the_last_admin_cannot_be_removed_or_disabled(app, demo):
    colleague = add_colleague(app, admin=True)
    client = signed_in(app, COLLEAGUE, password=COLLEAGUE_PASSWORD)
    with app.app_context():
        first = user(SUPPLIER).id
    client.post(f"/members/{first}/remove")  # two admins: allowed
    assert not _member(app, first).active
    for action in ("remove", "disable"):
        page = client.post(f"/members/{colleague}/{action}", follow_redirects=True)
        assert _member(app, colleague).active
        assert page.status_code == 200


def test_disable_enable_and_force_a_password_reset(app, demo):
    colleague = add_colleague(app)
    admin = signed_in(app, SUPPLIER, "en")
    admin.post(f"/members/{colleague}/password-reset")
    assert _member(app, colleague).must_change_password
    admin.post(f"/members/{colleague}/disable")
    assert not _member(app, colleague).active
    admin.post(f"/members/{colleague}/enable")
    assert _member(app, colleague).active


@pytest.mark.parametrize("action", ["admin", "remove", "disable", "enable", "password-reset"])
def test_another_organisations_admin_gets_404_on_your_members(app, demo, action):
    colleague = add_colleague(app)
    for email in (OTHER_SUPPLIER, ADMIN):
        response = signed_in(app, email).post(f"/members/{colleague}/{action}", data={"value": 1})
        assert response.status_code == 404
    member = _member(app, colleague)
    assert member.active and not member.is_org_admin and not member.must_change_password


@pytest.mark.parametrize("action", ["admin", "remove", "disable", "password-reset"])
def test_members_who_are_not_admins_manage_nobody(app, demo, action):
    add_colleague(app)
    client = signed_in(app, COLLEAGUE, password=COLLEAGUE_PASSWORD)
    with app.app_context():
        first = user(SUPPLIER).id
    assert client.post(f"/members/{first}/{action}", data={"value": 0}).status_code == 404
    assert client.post("/members/invitations", data={}).status_code == 404
    assert _member(app, first).active and _member(app, first).is_org_admin


def test_non_admin_buyers_and_reviewers_have_no_members_page(app, demo):
    for email in (BUYER_USER, "reviewer@demo.assay.example"):
        assert signed_in(app, email).get("/members/").status_code == 404


def test_support_access_lets_the_operator_read_the_member_list_only(app, demo):
    operator = signed_in(app, "operator@demo.assay.example", "en")
    with app.app_context():
        org = user(SUPPLIER).organisation_id
    members_page = f"/operator/organisations/{org}/members"
    assert operator.get(members_page).status_code == 404
    admin = signed_in(app, SUPPLIER, "en")
    admin.post("/members/support-access", data={"value": "1"})
    page = operator.get(members_page)
    assert page.status_code == 200
    assert SUPPLIER in page.get_data(as_text=True)
    assert operator.get("/members/").status_code == 404
    assert operator.post(f"/members/{_id(app, SUPPLIER)}/disable").status_code == 404
    admin.post("/members/support-access", data={"value": "0"})
    assert operator.get(members_page).status_code == 404


def _id(app, email: str) -> int:
    with app.app_context():
        return user(email).id


def test_a_member_invitation_for_an_address_with_an_account_makes_no_second_account(app, demo):
    page = _invite_member(signed_in(app, SUPPLIER, "en"), OTHER_SUPPLIER)
    path = link(page.get_data(as_text=True))
    _visitor, response = accept(app, path, STRONG)
    assert response.status_code == 200
    other = signed_in(app, OTHER_SUPPLIER)
    assert other.post(path).status_code == 200  # refused: it is for a different organisation
    with app.app_context():
        assert user(OTHER_SUPPLIER).organisation_id != user(SUPPLIER).organisation_id
        assert db.session.scalar(select(Invitation.accepted_at)) is None
