"""Bidirectional overrides (U+202A–U+202E, U+2066–U+2069) never reach stored text."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from bidi_controls import BIDI_CONTROLS, strip_bidi
from extensions import db
from forms.buyer import InviteForm
from forms.members import MemberInviteForm
from forms.operator import OrganisationForm
from models import Answer, EvidenceFile, ReviewComment, Submission
from services import evidence, review
from tests.factories import PDF_BYTES
from tests.hostile.conftest import REVIEWER, SUPPLIER
from tests.workflow.conftest import review_of, submit_for, user

#: A name holding each of the nine controls.
SPOOFED = "Acme \u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069K.K."
CLEAN = "Acme K.K."


def test_strip_bidi_removes_exactly_the_nine_controls():
    assert {hex(ord(c)) for c in BIDI_CONTROLS} == {
        *(hex(n) for n in range(0x202A, 0x202F)),
        *(hex(n) for n in range(0x2066, 0x206A)),
    }
    # Marks that only nudge direction, and the joiners emoji need, stay.
    kept = "مرحبا\u200f \u200e👩\u200d👩\u200d👧 株式会社"
    assert strip_bidi(kept) == kept
    assert strip_bidi(SPOOFED) == CLEAN
    assert strip_bidi(None) is None


@pytest.mark.parametrize(
    ("form_class", "fields"),
    [
        (InviteForm, ("organisation", "contact_name")),
        (MemberInviteForm, ("name",)),
        (OrganisationForm, ("name", "admin_name")),
    ],
)
def test_name_fields_take_the_controls_out(app, form_class, fields):
    with app.test_request_context(method="POST"):
        form = form_class(formdata=MultiDict({name: SPOOFED for name in fields}))
        assert {name: form[name].data for name in fields} == dict.fromkeys(fields, CLEAN)


def test_answers_lose_the_controls_in_forms_and_background_saves(app, supplier, draft):
    with app.app_context():
        version = db.session.get(Submission, draft).version
    supplier.post(
        f"/submissions/{draft}/sections/org",
        data={"version": version, "questions": "org_legal_name", "q-org_legal_name": SPOOFED},
    )
    sites = [{"name": SPOOFED, "country": "CD", "stage": "extraction"}]
    response = supplier.post(
        f"/submissions/{draft}/answers",
        json={"version": version + 1, "answers": {"org_sites": sites}},
    )
    assert response.get_json()["saved"] == ["org_sites"]
    with app.app_context():
        stored = {
            a.question_id: a.value
            for a in db.session.scalars(select(Answer).where(Answer.submission_id == draft))
        }
    assert stored["org_legal_name"] == CLEAN
    assert stored["org_sites"][0]["name"] == CLEAN


def test_comments_lose_the_controls(app, demo):
    submission_id = submit_for(app, SUPPLIER)
    with app.app_context():
        comment = review.add_comment(review_of(submission_id), user(REVIEWER), None, SPOOFED)
        assert db.session.get(ReviewComment, comment.id).body == CLEAN


def test_file_names_lose_the_controls(app, draft):
    with app.app_context():
        submission = db.session.get(Submission, draft)
        name = "invoice\u202efdp.exe"
        item = evidence.add(submission, user(SUPPLIER), "lr_foa_policy", name, PDF_BYTES)
        assert db.session.get(EvidenceFile, item.id).filename == "invoicefdp.exe"
