"""Errors of the API as RFC 9457 problem details (``application/problem+json``), worded in
the caller's ``Accept-Language`` (English or Japanese)."""

from __future__ import annotations

import json

from flask import current_app, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

#: Where the API lives; errors of any path under it are problems.
PREFIX = "/api/"
MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: _l("Bad request"),
    401: _l("Unauthorized"),
    403: _l("Forbidden"),
    404: _l("Not found"),
    405: _l("Method not allowed"),
    406: _l("Not acceptable"),
    409: _l("Conflict"),
    412: _l("Precondition failed"),
    413: _l("Content too large"),
    415: _l("Unsupported media type"),
    422: _l("Unprocessable content"),
    428: _l("Precondition required"),
    429: _l("Too many requests"),
    500: _l("Internal server error"),
    503: _l("Service unavailable"),
}
#: The messages of request validation, worded in the caller's language.
VALIDATION_MESSAGES = {
    "Missing data for required field.": _l("Missing data for required field."),
    "Unknown field.": _l("Unknown field."),
    "Field may not be null.": _l("Field may not be null."),
    "Not a valid string.": _l("Not a valid string."),
    "Not a valid integer.": _l("Not a valid integer."),
    "Not a valid boolean.": _l("Not a valid boolean."),
    "Not a valid datetime.": _l("Not a valid date and time."),
    "Not a valid date.": _l("Not a valid date."),
    "Not a valid list.": _l("Not a valid list."),
    "Not a valid mapping type.": _l("Not a valid object."),
    "Not a valid email address.": _l("Not a valid e-mail address."),
    "Invalid input type.": _l("Invalid input type."),
    "Invalid value.": _l("Invalid value."),
}


def is_api_request() -> bool:
    """Whether the current request is one of the API's."""
    return request.path.startswith(PREFIX)


def _translated(messages):
    if isinstance(messages, dict):
        return {key: _translated(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [_translated(item) for item in messages]
    if isinstance(messages, str):
        return str(VALIDATION_MESSAGES.get(messages, messages))
    return messages


class Problem(HTTPException):
    """An HTTP error with a problem document; raise it anywhere in the API."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        kind: str | None = None,
        headers: dict | None = None,
        **extensions,
    ):
        super().__init__(description=detail)
        self.code = status
        self.detail = detail
        self.kind = kind
        self.extra_headers = headers or {}
        self.extensions = extensions


def problem_type(kind: str | None) -> str:
    """Return the URI naming a problem type (``about:blank`` for a plain HTTP status)."""
    if not kind:
        return "about:blank"
    return f"{current_app.config['BASE_URL']}/api/v1/docs#problem-{kind}"


def response(status: int, detail: str | None = None, *, kind=None, headers=None, **extensions):
    """Return a problem response of *status* in the active language."""
    body = {
        "type": problem_type(kind),
        "title": str(TITLES.get(status, _("Error"))),
        "status": status,
        "detail": detail or str(TITLES.get(status, _("Error"))),
        "instance": request.path,
        **extensions,
    }
    result = current_app.response_class(
        json.dumps(body, ensure_ascii=False), status=status, mimetype=MEDIA_TYPE
    )
    result.headers["Content-Language"] = str(get_locale())
    if status == 401:
        result.headers["WWW-Authenticate"] = 'Bearer realm="assay"'
    for name, value in (headers or {}).items():
        result.headers[name] = value
    return result


def from_exception(error: HTTPException, default_detail: str | None = None):
    """Return the problem response of an HTTP error raised in the API."""
    if isinstance(error, Problem):
        return response(
            error.code,
            error.detail,
            kind=error.kind,
            headers=error.extra_headers,
            **error.extensions,
        )
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    headers = dict(data.get("headers") or {})
    if error.response is not None:  # e.g. the rate limiter's Retry-After
        headers.update({k: v for k, v in error.response.headers.items() if k == "Retry-After"})
    messages = data.get("messages") or data.get("errors")
    if messages:
        # webargs nests the messages by location ("json", "query", ...).
        return response(
            status,
            _("Some values of the request are not valid; see errors."),
            kind="invalid-request",
            headers=headers,
            errors=_translated(messages),
        )
    return response(status, default_detail, headers=headers)
