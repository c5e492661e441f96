"""Outgoing e-mail through Flask-Mailman, worded in the recipient's language."""

from __future__ import annotations

import smtplib
from collections.abc import Callable

from flask import current_app
from flask_babel import force_locale
from flask_mailman import EmailMessage

#: The languages of a message to someone whose language is not known.
BOTH = ("en", "ja")


def enabled() -> bool:
    """Whether e-mail is configured (``MAIL_SERVER``); without it nothing is sent."""
    return bool(current_app.config.get("MAIL_SERVER"))


def compose(locale: str | None, render: Callable[[], tuple[str, str]]) -> tuple[str, str]:
    """Return (subject, body) rendered in *locale*, or in English and Japanese when unknown.

    :param render: returns (subject, body) in the active language.
    """
    languages = (locale,) if locale in BOTH else BOTH
    parts = []
    for language in languages:
        with force_locale(language):
            parts.append(render())
    subject = " / ".join(dict.fromkeys(s for s, _b in parts))
    body = "\n\n----\n\n".join(b for _s, b in parts)
    return subject, body


def send(to: list[str], subject: str, body: str) -> bool:
    """Send a plain-text message; return whether it went out (never raises for SMTP trouble)."""
    if not enabled() or not to:
        return False
    try:
        EmailMessage(subject=subject, body=body, to=to).send()
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("E-mail to %s failed: %s", ", ".join(to), error)
        return False
    return True
