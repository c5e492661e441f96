"""``/api/v1/docs``: the OpenAPI document as a page, and the problem types it names."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

bp = Blueprint("api_docs", __name__, url_prefix="/api/v1")

#: The problem types of the API (``type`` is the docs page with ``#problem-<kind>``).
PROBLEM_TYPES = {
    "invalid-request": _l("Some values of the request are not valid; `errors` names each."),
    "refused": _l(
        "The request is understood but the rules refuse it (the same message as on the pages)."
    ),
    "conflict": _l("Someone else changed the same thing at the same moment; read it and retry."),
    "changed": _l("If-Match does not hold the current ETag: read the resource again."),
    "insufficient-scope": _l("The token lacks the scope the operation needs."),
    "not-allowed": _l("The role or the admin right the token acts with does not allow it."),
    "idempotency-key-reused": _l("The Idempotency-Key was used with another request."),
    "idempotency-key-in-use": _l("A request with this Idempotency-Key is still being handled."),
}
METHODS = ("get", "post", "put", "patch", "delete")


@bp.route("/docs")
def docs():
    """Show every operation of the API with its parameters, body, answers and scope."""
    from api import api

    spec = api.spec.to_dict()
    operations = [
        (path, method, spec["paths"][path][method])
        for path in sorted(spec["paths"])
        for method in METHODS
        if method in spec["paths"][path]
    ]
    return render_template(
        "api/docs.html",
        spec=spec,
        operations=operations,
        problem_types=PROBLEM_TYPES,
    )
