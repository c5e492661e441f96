"""Hostile values in every form and filter of corrective action plans: a clear refusal or a
clean save, never a server error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import ActionStatus
from tests.hostile.conftest import REVIEWER, SUPPLIER, assert_refused_clearly, signed_in
from tests.hostile.strategies import HOSTILE, form_text
from tests.workflow.conftest import BUYER_USER, review_id
from tests.workflow.corrective import in_state, reviewed_draft

#: (who, path, the form's field names); "{a}" is a plan, "{r}" the review it belongs to.
FORMS = [
    (
        SUPPLIER,
        "/corrective-actions/{a}/plan",
        ["root_cause", "corrective_action", "preventive_action", "responsible_person", "start_on"],
    ),
    (SUPPLIER, "/corrective-actions/{a}/submit-evidence", ["note"]),
    (SUPPLIER, "/corrective-actions/{a}/messages", ["body"]),
    (REVIEWER, "/corrective-actions/{a}/decision", ["action", "reason"]),
    (
        REVIEWER,
        "/corrective-actions/request/{r}",
        ["rule_id", "comment_id", "request", "severity", "verification", "plan_due_on", "due_on"],
    ),
    (BUYER_USER, "/corrective-actions/terms", ["plan_critical", "close_critical", "plan_low"]),
]
FILTERS = [
    (REVIEWER, "/corrective-actions/", ["status", "supplier"]),
    (BUYER_USER, "/buyer/", ["actions", "status"]),
    (REVIEWER, "/corrective-actions/request/{r}", ["rule_id", "comment_id", "severity"]),
]
ROUTES_WITH_IDS = [
    ("GET", "/corrective-actions/{n}"),
    ("POST", "/corrective-actions/{n}/plan"),
    ("POST", "/corrective-actions/{n}/decision"),
    ("GET", "/corrective-actions/files/{n}"),
    ("POST", "/corrective-actions/files/{n}/delete"),
    ("GET", "/corrective-actions/request/{n}"),
]


@pytest.fixture
def plan(app, demo) -> tuple[int, int]:
    """A plan in the demo buyer's review: (plan, review)."""
    submission_id = reviewed_draft(app)
    return in_state(app, submission_id, ActionStatus.REQUESTED), review_id(app, submission_id)


@pytest.mark.parametrize(("who", "path", "fields"), FORMS, ids=[f[1] for f in FORMS])
@HOSTILE
@given(data=st.data())
def test_hostile_posts_are_refused_or_saved_cleanly(app, plan, who, path, fields, data):
    values = {name: data.draw(form_text, label=name) for name in fields}
    values.update(data.draw(st.dictionaries(form_text, form_text, max_size=3), label="extra"))
    url = path.format(a=plan[0], r=plan[1])
    assert_refused_clearly(signed_in(app, who).post(url, data=values))


@pytest.mark.parametrize(("who", "path", "fields"), FILTERS, ids=[f[1] for f in FILTERS])
@HOSTILE
@given(data=st.data())
def test_hostile_filters_are_ignored_cleanly(app, plan, who, path, fields, data):
    query = {name: data.draw(form_text, label=name)[:5000] for name in fields}
    url = path.format(r=plan[1])
    assert_refused_clearly(signed_in(app, who).get(url, query_string=query))


@pytest.mark.parametrize(("method", "path"), ROUTES_WITH_IDS)
def test_ids_beyond_any_database_integer_are_not_found(app, demo, method, path):
    for who in (SUPPLIER, REVIEWER):
        client = signed_in(app, who)
        for n in (2**31, 2**63, 10**30):
            response = client.open(path.format(n=n), method=method)
            assert response.status_code == 404, (path, n)
            assert_refused_clearly(response)
