"""``flask reminders send``: deadlines near or past and documents expiring, once per window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from extensions import db
from models import BuyerSupplier, Notification, ReminderLog
from tests.workflow.conftest import SUPPLIER, buyer_org, user

TODAY = date.today()


@pytest.fixture
def mail_app_config(app_config):
    app_config.update(MAIL_SERVER="smtp.example", MAIL_BACKEND="locmem")
    return app_config


def _send(app, today=None):
    args = ["reminders", "send"] + (["--today", today.isoformat()] if today else [])
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    return result.output


def _outbox(app):
    return getattr(app.extensions["mailman"], "outbox", [])


def test_reminders_go_out_once_per_window(mail_app_config, app, demo_submissions):
    output = _send(app)
    assert "deadline_passed" in output  # Lualaba: ten days late, not approved
    assert "deadline_near" in output  # Pilbara: due in four days
    assert "evidence_expiring" in output  # one certificate per complete questionnaire
    assert "cap_overdue" in output  # Lualaba's plan for Sakura: six days late
    assert "cap_due" in output  # Lualaba's returned plan for Hokuriku: due in two days
    # 2 deadlines + 2 corrective action plans + 5 complete questionnaires
    assert "9 reminder(s) sent." in output
    sent = [(m.to, m.subject) for m in _outbox(app)]
    assert (
        ["supplier@demo.assay.example"],
        "Reminder from Assay / Assay からのリマインダー",
    ) in sent
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReminderLog)) == 9
        kinds = db.session.scalars(
            select(Notification.kind).where(Notification.user_id == user(SUPPLIER).id)
        ).all()
        assert {"deadline_passed", "evidence_expiring", "cap_overdue", "cap_due"} <= set(kinds)

    again = _send(app)
    assert "0 reminder(s) sent." in again
    assert len(_outbox(app)) == len(sent)

    with app.app_context():  # a moved deadline opens a new window
        rel = db.session.scalar(
            select(BuyerSupplier).where(
                BuyerSupplier.supplier_id == user(SUPPLIER).organisation_id,
                BuyerSupplier.buyer_id == buyer_org().id,
            )
        )
        rel.deadline = TODAY + timedelta(days=3)
        db.session.commit()
    moved = _send(app)
    assert "1 reminder(s) sent." in moved and "deadline_near" in moved


def test_later_windows_send_the_next_reminders(mail_app_config, app, demo_submissions):
    _send(app)
    later = _send(app, TODAY + timedelta(days=15))
    assert "deadline_passed" in later  # Pilbara's deadline has passed by then
    assert "deadline_near" in later  # Morowali's comes within a week
    assert "evidence" not in later  # already reminded of those documents


def test_without_mail_the_reminders_are_in_app_only(app, demo_submissions):
    output = _send(app)
    assert "MAIL_SERVER is not set" in output
    assert "e-mailed: -" in output
    assert _outbox(app) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReminderLog)) == 9
