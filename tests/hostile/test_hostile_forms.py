"""Hostile values in every form and query string: a clear refusal or a clean save, never a 500."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from extensions import db
from models import Organisation, User
from tests.hostile.conftest import ADMIN, REVIEWER, SUPPLIER, assert_refused_clearly, signed_in
from tests.hostile.strategies import HOSTILE, MEGABYTE, SPECIMENS, form_text
from tests.workflow.conftest import BUYER_USER, review_id, submit_for

OPERATOR = "operator@demo.assay.example"
#: (who, path, the form's field names); "{s}" is a submitted questionnaire, "{r}" the demo
#: buyer's review of it
FORMS = [
    (None, "/login", ["email", "password", "remember", "next", "pending"]),
    (SUPPLIER, "/language", ["lang", "next"]),
    (ADMIN, "/members/invitations", ["member-email", "member-name", "member-role", "member-admin"]),
    (
        OPERATOR,
        "/operator/organisations",
        ["org-name", "org-kind", "org-country", "org-admin_email", "org-admin_name"],
    ),
    (BUYER_USER, "/buyer/invitations", ["email", "organisation", "contact_name", "country"]),
    (REVIEWER, "/review/{r}/comments", ["question_id", "body"]),
    (REVIEWER, "/review/{r}/findings", ["rule_id", "decision", "justification"]),
    (REVIEWER, "/review/{r}/decision", ["action", "reason"]),
    (SUPPLIER, "/submissions/{s}/shares", ["buyers"]),
    (None, "/invitations/{token}", ["password", "confirm"]),
]
#: Pages whose query string fills a filter form.
FILTERS = [
    (BUYER_USER, "/buyer/", ["q", "status", "rating", "overdue"]),
    (BUYER_USER, "/buyer/portfolio.csv", ["q", "status", "rating", "overdue"]),
    (REVIEWER, "/reviewer/", ["status", "rating", "buyer", "due_before", "overdue", "sort"]),
]
ROUTES_WITH_IDS = [
    ("GET", "/submissions/{n}"),
    ("GET", "/submissions/{n}/sections/org"),
    ("POST", "/submissions/{n}/answers"),
    ("POST", "/submissions/{n}/evidence"),
    ("GET", "/submissions/evidence/{n}"),
    ("POST", "/submissions/evidence/{n}/delete"),
    ("POST", "/submissions/{n}/submit"),
    ("POST", "/submissions/{n}/new-round"),
    ("POST", "/submissions/{n}/shares"),
    ("GET", "/review/{n}"),
    ("POST", "/notifications/{n}/open"),
]


@pytest.fixture
def submitted(app, demo) -> int:
    return submit_for(app, SUPPLIER)


@pytest.fixture
def client_for(app):
    """Return a signed-in client per person (anonymous for ``None``), made once per test."""
    made = {}

    def get(who):
        if who not in made:
            made[who] = signed_in(app, who) if who else app.test_client()
        return made[who]

    return get


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        users = db.session.scalar(select(func.count()).select_from(User))
        orgs = db.session.scalar(select(func.count()).select_from(Organisation))
        return users, orgs


@pytest.mark.parametrize(("who", "path", "fields"), FORMS, ids=[f[1] for f in FORMS])
@HOSTILE
@given(data=st.data())
def test_hostile_form_posts_are_refused_or_saved_cleanly(
    app, submitted, client_for, who, path, fields, data
):
    values = {name: data.draw(form_text, label=name) for name in fields}
    values.update(data.draw(st.dictionaries(form_text, form_text, max_size=3), label="extra"))
    token = data.draw(form_text, label="token")[:2000] or "x"
    url = path.format(s=submitted, r=review_id(app, submitted), token=token)
    response = client_for(who).post(url, data=values)
    assert_refused_clearly(response)


@pytest.mark.parametrize(("who", "path", "fields"), FILTERS, ids=[f[1] for f in FILTERS])
@HOSTILE
@given(data=st.data())
def test_hostile_filters_are_ignored_cleanly(app, demo, client_for, who, path, fields, data):
    query = {name: data.draw(form_text, label=name)[:5000] for name in fields}
    assert_refused_clearly(client_for(who).get(path, query_string=query))


@pytest.mark.parametrize(("method", "path"), ROUTES_WITH_IDS)
def test_ids_beyond_any_database_integer_are_not_found(app, demo, method, path):
    client = signed_in(app, SUPPLIER)
    for n in (2**31, 2**63, 10**30):
        response = client.open(path.format(n=n), method=method, json={"version": 1, "answers": {}})
        assert response.status_code == 404, (path, n)
        assert_refused_clearly(response)


def test_operator_refusals_create_nothing_and_names_are_shown_as_text(app, demo):
    operator = signed_in(app, OPERATOR)
    before = _counts(app)
    first_admin = {"org-admin_name": "A", "org-admin_role": "supplier"}
    admin = signed_in(app, ADMIN)
    for value in SPECIMENS:
        operator.post(
            "/operator/organisations",
            data={"org-name": value, "org-kind": "mars", "org-admin_email": "a@example.com"},
        )
        operator.post(
            "/operator/organisations",
            data={"org-name": "x", "org-kind": "supplier", "org-admin_email": value, **first_admin},
        )
        admin.post(
            "/members/invitations",
            data={"member-email": value, "member-name": "x", "member-role": "buyer"},
        )
    assert _counts(app) == before
    name = "<script>alert(1)</script> 株式会社 مرحبا"
    response = operator.post(
        "/operator/organisations",
        data={"org-name": name, "org-kind": "supplier", "org-admin_email": "a@example.com"}
        | first_admin,
    )
    assert response.status_code == 302
    page = operator.get("/operator/").get_data(as_text=True)
    assert (
        "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; 株式会社" in page
    )


def test_nul_characters_are_refused_with_a_message_and_nothing_stored(app, demo):
    operator = signed_in(app, OPERATOR)
    before = _counts(app)
    response = operator.post(
        "/operator/organisations", data={"org-name": "A\x00B", "org-kind": "buyer"}
    )
    assert 400 <= response.status_code < 500
    assert_refused_clearly(response)
    assert _counts(app) == before


def test_a_thousand_form_fields_are_refused_or_ignored(app, supplier, draft):
    fields = {f"field-{n}": "x" for n in range(1500)}  # more parts than the parser takes
    fields.update({"questions": ["org_legal_name"], "q-org_legal_name": "Name", "version": "1"})
    for path in (f"/submissions/{draft}/sections/org", "/login", "/language"):
        assert_refused_clearly(supplier.post(path, data=fields))
        assert_refused_clearly(supplier.post(path, data=fields, content_type="multipart/form-data"))


@pytest.mark.parametrize(
    ("who", "path", "field"),
    [(None, "/login", "email"), (ADMIN, "/members/invitations", "member-email")],
)
def test_a_megabyte_e_mail_address_is_refused_at_once(app, demo, client_for, who, path, field):
    client = client_for(who)
    started = time.perf_counter()
    response = client.post(path, data={field: "a" * MEGABYTE + "@example.com", "password": "x"})
    assert time.perf_counter() - started < 5  # the e-mail check alone took 13 s on such input
    assert_refused_clearly(response)


def test_posted_ids_cannot_break_out_of_the_redirect(app, submitted, client_for):
    reviewer = client_for(REVIEWER)
    response = reviewer.post(
        f"/review/{review_id(app, submitted)}/comments",
        data={"question_id": "x\r\nSet-Cookie: stolen=1", "body": "Please check."},
    )
    assert response.status_code == 302
    assert "\n" not in response.headers["Location"] and "stolen" not in response.headers.get(
        "Set-Cookie", ""
    )
