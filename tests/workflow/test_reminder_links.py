"""Reminder e-mails link to Assay at the configured ``BASE_URL``."""

from __future__ import annotations

import pytest


@pytest.fixture
def mail_app_config(app_config):
    app_config.update(
        MAIL_SERVER="smtp.example",
        MAIL_BACKEND="locmem",
        BASE_URL="https://assay.example.com",
        SERVER_NAME=None,
    )
    return app_config


def test_reminder_emails_link_to_the_base_url(mail_app_config, app, demo_submissions):
    result = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    bodies = [m.body for m in app.extensions["mailman"].outbox]
    assert bodies
    assert all("https://assay.example.com/supplier/" in body for body in bodies)
    assert not any("localhost" in body for body in bodies)
