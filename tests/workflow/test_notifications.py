"""In-app notifications: who gets what, worded in the reader's language, unread count."""

from __future__ import annotations

from sqlalchemy import select

from extensions import db
from models import Notification
from tests.workflow.conftest import (
    ADMIN,
    BUYER_USER,
    OTHER_SUPPLIER,
    REVIEWER,
    SUPPLIER,
    review_id,
    send_back,
    signed_in,
    user,
)


def _kinds(email: str) -> list[str]:
    return list(
        db.session.scalars(
            select(Notification.kind)
            .where(Notification.user_id == user(email).id)
            .order_by(Notification.id)
        )
    )


def test_each_step_notifies_the_people_concerned(app, submitted):
    with app.app_context():
        assert _kinds(BUYER_USER) == ["submitted"]
        assert _kinds(REVIEWER) == ["submitted"]  # appointed by the buyer it was shared with
        assert _kinds(ADMIN) == ["submitted"]  # the buyer organisation's admin is a buyer too
        assert _kinds(SUPPLIER) == _kinds(OTHER_SUPPLIER) == []
    send_back(app, submitted, {"org_headcount": "Include contractors."})
    with app.app_context():
        assert _kinds(SUPPLIER) == ["changes_requested"]
    supplier = signed_in(app, SUPPLIER)
    supplier.post(f"/submissions/{submitted}/submit")
    with app.app_context():
        assert _kinds(BUYER_USER) == ["submitted", "resubmitted"]
    signed_in(app, REVIEWER).post(
        f"/review/{review_id(app, submitted)}/decision",
        data={"action": "reject", "reason": "Too late."},
    )
    with app.app_context():
        assert _kinds(SUPPLIER) == ["changes_requested", "rejected"]
        assert _kinds(OTHER_SUPPLIER) == []


def test_page_words_notifications_for_the_reader_and_counts_unread(app, submitted):
    reviewer = signed_in(app, REVIEWER)
    home = reviewer.get("/reviewer/").get_data(as_text=True)
    assert '<span class="unread-count"' in home
    page = reviewer.get("/notifications/").get_data(as_text=True)
    assert "Lualaba Cobalt Processing SARL submitted a questionnaire." in page
    buyer = signed_in(app, BUYER_USER)  # prefers Japanese
    assert "Lualaba Cobalt Processing SARL が質問票を提出しました。" in buyer.get(
        "/notifications/"
    ).get_data(as_text=True)

    with app.app_context():
        item = db.session.scalar(
            select(Notification).where(Notification.user_id == user(REVIEWER).id)
        )
    response = reviewer.post(f"/notifications/{item.id}/open")
    assert response.headers["Location"] == f"/review/{review_id(app, submitted)}"
    assert '<span class="unread-count"' not in reviewer.get("/reviewer/").get_data(as_text=True)
    assert '<span class="unread-count"' in buyer.get("/buyer/").get_data(as_text=True)
    buyer.post("/notifications/read")
    assert '<span class="unread-count"' not in buyer.get("/buyer/").get_data(as_text=True)


def test_supplier_notification_leads_to_the_overview(app, submitted):
    send_back(app, submitted, {None: "See the headcount."})
    supplier = signed_in(app, SUPPLIER)
    page = supplier.get("/notifications/").get_data(as_text=True)
    assert (
        "Sakura Battery Materials K.K. requested changes to your questionnaire: "
        "Please see my comments." in page
    )
    with app.app_context():
        item = db.session.scalar(
            select(Notification).where(Notification.user_id == user(SUPPLIER).id)
        )
    assert supplier.post(f"/notifications/{item.id}/open").headers["Location"] == (
        f"/submissions/{submitted}"
    )
