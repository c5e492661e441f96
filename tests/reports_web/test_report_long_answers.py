"""A report of answers at their longest allowed lengths renders whole, in both languages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import questionnaires as qn
from extensions import db
from models import Submission, User
from services import reports, submissions
from tests.factories import complete_answers, start_submission
from tests.reports.pdf_inspect import page_texts, squash

SUPPLIER = "supplier@demo.assay.example"
ROWS = 40


def _longest(text: str, limit: int) -> str:
    """Return *text* repeated to exactly *limit* characters."""
    return (text * (limit // len(text) + 1))[:limit]


def _site(n: int) -> str:
    return _longest(f"第{n:02d}工場 Lualaba plant {n:02d} ", qn.SHORT_TEXT_LENGTH)


@pytest.fixture
def longest(app, demo) -> int:
    """A draft whose every text answer and table cell is as long as its question allows."""
    submission_id = start_submission(app, SUPPLIER)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        definition = submissions.definition(submission)
        base = {
            "org_legal_name": _longest(
                "コバルト精製 Refining ", definition.question("org_legal_name").text_limit
            ),
            "org_identifier": _longest(
                "LEI-5493 ", definition.question("org_identifier").text_limit
            ),
            "org_sites": [
                {"name": _site(n), "country": "CD", "stage": "processing"} for n in range(ROWS)
            ],
        }
        document = {
            "questionnaire": definition.id,
            "version": definition.version,
            "answers": complete_answers(definition, base),
        }
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        assert submissions.import_document(submission, document, user) == {}
    return submission_id


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_longest_answers_are_all_in_the_report(app, longest, lang):
    with app.app_context():
        submission = db.session.get(Submission, longest)
        answers = submissions.answers_of(submission)
        pdf = reports.render(submission, lang)
    text = squash("".join(page_texts(pdf)))
    assert squash(answers["org_legal_name"]) in text
    assert squash(answers["org_identifier"]) in text
    for n in range(ROWS):
        assert squash(_site(n)) in text, n
    assert squash("ほか30件" if lang == "ja" else "and 30 more") in text  # the cover names ten
