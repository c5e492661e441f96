"""ETags on single resources: ``If-None-Match`` answers 304, ``If-Match`` guards changes.

The tag is the SHA-256 of the resource's JSON in canonical form, so a GET and a later
``If-Match`` computed from the same state agree.
"""

from __future__ import annotations

import hashlib
import json
from functools import wraps

from flask import request
from flask_babel import gettext as _

from api.problems import Problem

NOT_MODIFIED_DOC = {"description": "Not modified (the `If-None-Match` tag is current)"}


def tag_of(data) -> str:
    """Return the (strong) entity tag of a resource's JSON *data*, without quotes."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def etagged(view):
    """Decorate a view returning one resource: tag the response and answer 304 when the
    caller's ``If-None-Match`` holds the current tag."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        response = view(*args, **kwargs)
        if response.status_code == 200 and response.is_json:
            response.set_etag(tag_of(response.get_json()))
            response.make_conditional(request)
        return response

    return wrapped


def check_if_match(data) -> None:
    """Refuse a change when ``If-Match`` is given and does not hold the current tag of the
    resource's JSON *data* (412): someone changed it since the caller read it."""
    if not request.if_match:
        return
    if request.if_match.star_tag:
        return
    if not request.if_match.contains(tag_of(data)):
        raise Problem(
            412,
            _("The resource changed since you read it. Read it again and retry."),
            kind="changed",
        )
