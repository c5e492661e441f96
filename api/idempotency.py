"""``Idempotency-Key`` on POST: a retried request gets the first one's response."""

from __future__ import annotations

from functools import wraps

from flask import current_app, g, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from api import problems
from api.problems import Problem
from services import idempotency

HEADER = "Idempotency-Key"
#: Headers of the first response given again with it.
KEPT_HEADERS = ("Content-Type", "Location", "ETag", "Content-Language")
PARAMETER_DOC = {
    "in": "header",
    "name": HEADER,
    "required": False,
    "description": "Any unique string (at most 200 printable ASCII characters); a retry with "
    "the same key and request gets the first response, kept for 24 hours.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
}


def _key() -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not 1 <= len(key) <= 200 or any(not 33 <= ord(c) <= 126 for c in key):
        raise Problem(400, _("An Idempotency-Key is 1 to 200 printable ASCII characters."))
    return key


def idempotent(view):
    """Decorate a POST view so that ``Idempotency-Key`` makes retries safe."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        key = _key()
        if key is None:
            return view(*args, **kwargs)
        token_id = g.api_token_id
        print_ = idempotency.fingerprint(request.method, request.path, request.get_data())
        kept = idempotency.find(token_id, key)
        if kept is None and not idempotency.claim(token_id, key, print_):
            kept = idempotency.find(token_id, key)
        if kept is not None:
            if kept.fingerprint != print_:
                raise Problem(
                    422,
                    _("This Idempotency-Key was used with another request."),
                    kind="idempotency-key-reused",
                )
            if kept.status is None:
                raise Problem(
                    409,
                    _("A request with this Idempotency-Key is still being handled."),
                    kind="idempotency-key-in-use",
                )
            response = current_app.response_class(kept.body, status=kept.status)
            response.headers.update(kept.headers)
            response.headers["Idempotent-Replayed"] = "true"
            return response
        try:
            response = view(*args, **kwargs)
        except HTTPException as error:
            response = problems.from_exception(error)
        except Exception:
            idempotency.release(token_id, key)
            raise
        if response.status_code >= 500:
            idempotency.release(token_id, key)
        else:
            headers = {h: response.headers[h] for h in KEPT_HEADERS if h in response.headers}
            idempotency.keep(
                token_id, key, response.status_code, response.get_data(as_text=True), headers
            )
        return response

    doc = dict(getattr(view, "_apidoc", {}))
    manual = dict(doc.get("manual_doc", {}))
    manual["parameters"] = [*manual.get("parameters", []), PARAMETER_DOC]
    doc["manual_doc"] = manual
    wrapped._apidoc = doc
    return wrapped
