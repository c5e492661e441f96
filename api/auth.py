"""Bearer tokens for the API: who a request acts as, its scopes, its rate limit, its audit.

The API takes tokens only: a session cookie sent along is ignored, and no CSRF token is
asked for (a browser never sends the ``Authorization`` header by itself).
"""

from __future__ import annotations

import hashlib
from functools import wraps

from flask import current_app, g, request
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from api.problems import Problem, is_api_request
from extensions import csrf, db, limiter, login_manager
from services import audit, tokens


def _bearer() -> str | None:
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    secret = secret.strip()
    return secret if scheme.lower() == "bearer" and secret else None


def rate_limit_key() -> str:
    """Count requests per token (by its hash, before any database work), else per address."""
    secret = _bearer()
    if secret:
        return "api-token:" + hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()
    return "api-address:" + (get_remote_address() or "")


def ignore_session() -> None:
    """Treat an API request as signed out whatever cookie it carries (runs first)."""
    if is_api_request():
        g._login_user = login_manager.anonymous_user()


def authenticate() -> None:
    """Find the request's token and who it acts as, or answer 401."""
    secret = _bearer()
    if secret is None:
        raise Problem(401, _("Send an API token: Authorization: Bearer <token>."))
    try:
        token, actor = tokens.authenticate(secret)
    except tokens.TokenRefused:
        raise Problem(
            401, _("This token is unknown, expired or revoked, or its holder can no longer use it.")
        ) from None
    g.api_token_id = token.id
    g.api_scopes = frozenset(token.scopes)
    g.api_actor = actor
    # Every audit entry written while serving this request names the token.
    g.audit_context = {"token_id": token.id}


def actor():
    """Return who the current request acts as."""
    return g.api_actor


def requires(scope: str):
    """Decorate an API view so that only tokens with *scope* reach it (others get 403)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if scope not in g.get("api_scopes", ()):
                raise Problem(
                    403,
                    _("This token lacks the scope %(scope)s.", scope=scope),
                    kind="insufficient-scope",
                )
            return view(*args, **kwargs)

        # OpenAPI 3.1 lets a bearer requirement name the roles (here: the scope) it needs.
        doc = dict(getattr(view, "_apidoc", {}))
        doc["manual_doc"] = {**doc.get("manual_doc", {}), "security": [{"bearerAuth": [scope]}]}
        wrapped._apidoc = doc
        return wrapped

    return decorator


def record_call(response):
    """Audit every call made with a token: token, method, path and status (own commit)."""
    token_id = g.pop("api_token_id", None)
    if token_id is None:
        return response
    db.session.rollback()  # a view that failed leaves nothing half-done behind
    audit.record(
        "api.request",
        actor=g.api_actor,
        detail={
            "token_id": token_id,
            "method": request.method,
            "path": request.full_path.rstrip("?")[:500],
            "status": response.status_code,
        },
    )
    db.session.commit()
    return response


def protect(blueprint):
    """Put an API blueprint behind tokens: no CSRF, a rate limit per token, every call
    authenticated and audited. Return it."""
    csrf.exempt(blueprint)
    limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=rate_limit_key)(blueprint)
    blueprint.before_request(authenticate)
    blueprint.after_request(record_call)
    return blueprint
