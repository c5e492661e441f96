"""The review page: findings first, the decision beside them listing what is undecided, and
comments saved without leaving the page."""

from __future__ import annotations

import re

from sqlalchemy import select

from extensions import db
from models import ReviewComment, SubmissionStatus
from services import findings, risk
from tests.workflow.conftest import (
    OTHER_REVIEWER,
    PASSWORD,
    REVIEWER,
    review_id,
    review_of,
    signed_in,
)


def _undecided(app, submission_id):
    with app.app_context():
        item = review_of(submission_id)
        return findings.undecided(risk.current_result(item.submission), item.buyer_id)


def test_findings_come_first_and_the_panel_lists_the_undecided(app, submitted):
    rid = review_id(app, submitted)
    html = signed_in(app, REVIEWER, "en").get(f"/review/{rid}").get_data(as_text=True)
    left = _undecided(app, submitted)
    assert left, "the test questionnaire raises findings"
    # every finding card sits in the findings section, before the first answer
    assert html.index('id="findings"') < html.index('class="review-answer')
    for finding in left:
        assert html.index(f'id="f-{finding["rule_id"]}"') < html.index('class="review-answer')
    panel = html.split('<aside id="decision"', 1)[1].split("</aside>", 1)[0]
    listed = re.findall(r'<li><a href="#f-([\w-]+)">', panel)
    assert listed == [f["rule_id"] for f in left]
    assert 'name="undecided_ok"' in panel


def test_approving_with_undecided_findings_asks_first(app, submitted):
    rid = review_id(app, submitted)
    client = signed_in(app, REVIEWER, "en")
    refused = client.post(
        f"/review/{rid}/decision",
        data={"action": "approve", "reason": "Fine."},
        follow_redirects=True,
    )
    n = len(_undecided(app, submitted))
    assert f"{n} finding" in refused.get_data(as_text=True)
    with app.app_context():
        assert review_of(submitted).status != SubmissionStatus.APPROVED
    # requesting changes never asks
    client.post(f"/review/{rid}/decision", data={"action": "request_changes", "reason": "More."})
    with app.app_context():
        assert review_of(submitted).status == SubmissionStatus.CHANGES_REQUESTED


def test_approving_after_deciding_every_finding_needs_no_confirmation(app, submitted):
    rid = review_id(app, submitted)
    client = signed_in(app, REVIEWER, "en")
    for finding in _undecided(app, submitted):
        client.post(
            f"/review/{rid}/findings",
            data={"rule_id": finding["rule_id"], "decision": "accepted", "justification": "OK"},
        )
    assert _undecided(app, submitted) == []
    client.post(f"/review/{rid}/decision", data={"action": "approve", "reason": "Fine."})
    with app.app_context():
        item = review_of(submitted)
        assert item.status == SubmissionStatus.APPROVED
        assert item.reviewed_rating is not None


def test_a_comment_from_the_page_script_answers_json_and_stays(app, submitted):
    rid = review_id(app, submitted)
    client = signed_in(app, REVIEWER, "en")
    response = client.post(
        f"/review/{rid}/comments",
        data={"question_id": "org_headcount", "body": "Count the contractors."},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json == {
        "label": "Round 1",
        "body": "Count the contractors.",
        "message": "Comment saved.",
    }
    empty = client.post(
        f"/review/{rid}/comments", data={"body": ""}, headers={"Accept": "application/json"}
    )
    assert empty.status_code == 400 and empty.json["error"]
    # without the script: the page reloads at the answer
    plain = client.post(f"/review/{rid}/comments", data={"question_id": "", "body": "Overall."})
    assert plain.status_code == 302
    with app.app_context():
        bodies = set(db.session.scalars(select(ReviewComment.body)))
        assert bodies == {"Count the contractors.", "Overall."}


def test_another_buyers_reviewer_cannot_comment_by_script(app, submitted, second_buyer):
    rid = review_id(app, submitted)
    other = signed_in(app, OTHER_REVIEWER, password=PASSWORD)
    response = other.post(
        f"/review/{rid}/comments",
        data={"body": "Injected."},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(ReviewComment)) is None
