"""Fixtures and checks shared by the hostile-input tests."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import questionnaires as qn
from extensions import db
from models import Answer, Submission
from services import submissions
from tests.factories import start_submission
from tests.workflow.conftest import ADMIN, REVIEWER, SUPPLIER, signed_in

__all__ = ["ADMIN", "REVIEWER", "SUPPLIER", "assert_refused_clearly", "signed_in"]


@pytest.fixture
def draft(app, demo) -> int:
    """A draft of the demo supplier."""
    return start_submission(app, SUPPLIER)


@pytest.fixture
def supplier(app, demo):
    """The demo supplier, signed in."""
    return signed_in(app, SUPPLIER)


def assert_refused_clearly(response) -> None:
    """Fail on a server error, or on a refusal that does not say why on one of our pages."""
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if response.status_code < 400:
        return
    if response.is_json:
        body = response.get_json()
        assert str(body.get("error") or body.get("message") or "").strip(), body
    else:
        page = response.get_data(as_text=True)
        assert "· Assay</title>" in page, page[:300]  # our page, not a bare server error


def assert_stored_answers_valid(app, submission_id: int) -> None:
    """Fail when a stored answer is not what its question would accept unchanged."""
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        definition = submissions.definition(submission)
        rows = db.session.scalars(select(Answer).where(Answer.submission_id == submission_id))
        for row in rows:
            question = definition.find(row.question_id)
            assert question is not None, row.question_id
            assert qn.coerce_answer(question, row.value) == row.value, (row.question_id, row.value)


def questions_of(app, submission_id: int) -> list[qn.Question]:
    """Return the questions of the questionnaire *submission_id* is pinned to."""
    with app.app_context():
        return list(submissions.definition(db.session.get(Submission, submission_id)).questions)
