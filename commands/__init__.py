"""Command-line interface (``flask --app app ...``)."""

from flask import Flask


def register(app: Flask) -> None:
    """Attach every command group to *app*."""
    from commands import (
        audit,
        questionnaire,
        refdata,
        reminders,
        report,
        risk,
        rmi,
        translate,
        users,
        webhooks,
    )

    for group in (
        users.users_cli,
        users.demo_data,
        translate.translate_cli,
        questionnaire.questionnaire_cli,
        questionnaire.answers_cli,
        risk.risk_cli,
        refdata.refdata_cli,
        report.report_cli,
        audit.audit_cli,
        reminders.reminders_cli,
        webhooks.webhooks_cli,
        rmi.rmi_cli,
    ):
        app.cli.add_command(group)
