"""Absolute links for e-mails, built from the configured ``BASE_URL``, never from a request."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def external_url(endpoint: str, **values) -> str:
    """Return the absolute address of *endpoint* under ``BASE_URL``.

    The request's Host header is attacker-controlled, so links that leave the application
    (invitations, reminders) are built from configuration only.
    """
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)
