"""The buyer who invited a supplier sees its questionnaire unless the supplier says otherwise."""

from __future__ import annotations

import re

from sqlalchemy import select

from extensions import db
from models import AuditEntry, Review, Submission, SubmissionStatus
from services import sharing
from tests.factories import fill_submission, start_submission
from tests.workflow.conftest import SUPPLIER, buyer_org, signed_in, user


def _ready(app) -> int:
    submission_id = start_submission(app, SUPPLIER)
    fill_submission(app, submission_id, SUPPLIER)
    return submission_id


def _buyers_offered(html: str) -> dict[str, bool]:
    form = html.split('class="share-at-submit"', 1)[1].split("</fieldset>", 1)[0]
    return {
        value: "checked" in attrs
        for attrs, value in (
            (m.group(0), m.group(1))
            for m in re.finditer(r'<input type="checkbox" name="buyers" value="(\d+)"[^>]*>', form)
        )
    }


def test_the_submit_form_asks_with_the_inviting_buyers_ticked(app, demo):
    submission_id = _ready(app)
    client = signed_in(app, SUPPLIER, "en")
    html = client.get(f"/submissions/{submission_id}").get_data(as_text=True)
    with app.app_context():
        buyer_id = buyer_org().id
    offered = _buyers_offered(html)
    assert offered.get(str(buyer_id)) is True and all(offered.values())
    assert "Who will see it when you submit" in html
    # the question comes before the submit button, in the same form
    form = html.split(f'action="/submissions/{submission_id}/submit"', 1)[1].split("</form>")[0]
    assert form.index('name="buyers"') < form.index(">Submit</button>")


def test_submitting_as_offered_shares_and_opens_the_buyers_review(app, demo):
    submission_id = _ready(app)
    client = signed_in(app, SUPPLIER, "en")
    with app.app_context():
        buyer_id = buyer_org().id
    response = client.post(
        f"/submissions/{submission_id}/submit",
        data={"share_choice": "1", "buyers": str(buyer_id)},
    )
    assert response.status_code == 302
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        assert submission.status == SubmissionStatus.SUBMITTED
        shared = {c.buyer_id for c in sharing.choices(submission) if c.shared}
        assert shared == {buyer_id}  # the other connected buyer was unticked
        reviews = db.session.scalars(select(Review).where(Review.submission_id == submission_id))
        assert [r.buyer_id for r in reviews] == [buyer_id]
        shares = db.session.scalars(
            select(AuditEntry).where(
                AuditEntry.submission_id == submission_id,
                AuditEntry.action == "submission.share",
            )
        ).all()
        assert len(shares) == 1 and shares[0].detail["added_ids"] == [buyer_id]


def test_unticking_keeps_it_from_the_buyer(app, demo):
    submission_id = _ready(app)
    client = signed_in(app, SUPPLIER, "en")
    client.post(f"/submissions/{submission_id}/submit", data={"share_choice": "1"})
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        assert submission.status == SubmissionStatus.SUBMITTED
        assert not any(c.shared for c in sharing.choices(submission))
        assert (
            db.session.scalar(select(Review).where(Review.submission_id == submission_id)) is None
        )


def test_an_earlier_sharing_choice_stands(app, demo):
    submission_id = _ready(app)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        buyer_id = buyer_org().id
        sharing.share(submission, user(SUPPLIER), [buyer_id])
        sharing.share(submission, user(SUPPLIER), [])  # decided: nobody
        assert not any(c.shared for c in sharing.proposed_at_submit(submission))
    html = signed_in(app, SUPPLIER, "en").get(f"/submissions/{submission_id}").get_data(True)
    offered = _buyers_offered(html)
    assert str(buyer_id) in offered and not any(offered.values())


def test_a_refused_submit_shares_nothing(app, demo):
    submission_id = start_submission(app, SUPPLIER)  # nothing answered
    with app.app_context():
        buyer_id = buyer_org().id
    client = signed_in(app, SUPPLIER, "en")
    client.post(
        f"/submissions/{submission_id}/submit",
        data={"share_choice": "1", "buyers": str(buyer_id)},
    )
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        assert submission.status == SubmissionStatus.DRAFT
        assert not any(c.shared for c in sharing.choices(submission))
