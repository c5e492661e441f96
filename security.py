"""Sign-in plumbing, security headers and safe redirects."""

from __future__ import annotations

import math
import time
from urllib.parse import urlsplit

from flask import Flask, Request, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_url
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest

from extensions import limiter, login_manager

#: No inline script or style anywhere: everything comes from /static.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def is_safe_next(target: str | None) -> bool:
    """Whether *target* is a local path that is safe to redirect to after sign-in."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(c) < 32 for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def accepts_uploads(view):
    """Mark *view* as taking file uploads: only there may a body reach ``MAX_CONTENT_LENGTH``."""
    view.accepts_uploads = True
    return view


class BoundedRequest(Request):
    """A request whose body may hold at most ``MAX_FORM_BYTES``, except on upload routes.

    The limit is known before anything reads the body (the CSRF check reads the form first),
    because the route is matched when the request starts.
    """

    @property
    def max_content_length(self) -> int | None:
        """Return the most bytes this request's body may have (413 beyond)."""
        if self._max_content_length is not None or not current_app:
            return super().max_content_length
        view = current_app.view_functions.get(self.endpoint or "")
        if getattr(view, "accepts_uploads", False):
            return current_app.config["MAX_CONTENT_LENGTH"]
        return current_app.config["MAX_FORM_BYTES"]

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


class UnstorableText(BadRequest):
    """A form or query value holds NUL, a character no database text column can store."""


def _refuse_unstorable_text() -> None:
    fields = (*request.args.items(multi=True), *request.form.items(multi=True))
    if any("\x00" in key or "\x00" in value for key, value in fields):
        raise UnstorableText()


def _set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    # same-origin keeps the Referer on our own POSTs (Flask-WTF checks it over HTTPS).
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint != "static":
        # Set, not defaulted: send_file's own caching headers must not keep downloads.
        headers["Cache-Control"] = "no-store"
    return response


#: Where someone who must choose a new password may still go.
_PASSWORD_CHANGE_ENDPOINTS = frozenset({"auth.password", "auth.logout", "auth.language", "static"})


def _load_user(token: str):
    from services.accounts import user_for_token
    from services.sessions import SessionExpired

    try:
        return user_for_token(token)
    except SessionExpired as expired:
        g.session_ended = expired.reason
        flash(expired.message, "info")
        return None


def _unauthorized():
    """Send a signed-out visitor to the sign-in page.

    A form posted on a session that has just expired goes down the expired-form path
    instead (the CSRF error handlers), which keeps what was typed through the sign-in.
    """
    if g.get("session_ended"):
        if request.method == "POST":
            raise CSRFError(_("Your session ended."))
    else:
        flash(_("Sign in to see this page."), "info")
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(login_url(login_manager.login_view, next_url=target))


def _require_new_password():
    """Keep a user whose password reset was forced on the password page until it is done."""
    if request.endpoint in _PASSWORD_CHANGE_ENDPOINTS:
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        return redirect(url_for("auth.password"))
    return None


def rate_limit_message() -> str:
    """Say how long the limit just hit lasts, in whole minutes (at least one)."""
    current = limiter.current_limit
    seconds = current.reset_at - time.time() if current is not None else 60
    # The limiter gives reset times in whole seconds, rounded up: a one-minute window can end
    # up to 61 s away, which is still "1 minute".
    minutes = max(1, math.ceil((seconds - 1) / 60))
    return ngettext(
        "Too many attempts. Try again in %(num)s minute.",
        "Too many attempts. Try again in %(num)s minutes.",
        minutes,
    )


def failed_attempt(response) -> bool:
    """Whether a sign-in (or password) form post failed: only failures count toward the
    limit per address, so that an office behind one address is not locked out by its own
    successful sign-ins (a success redirects)."""
    return response.status_code != 302


def init_app(app: Flask) -> None:
    """Install the bounded request, the user loader, the text check and the response headers."""
    app.request_class = BoundedRequest
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.unauthorized_handler(_unauthorized)
    app.before_request(_refuse_unstorable_text)
    app.before_request(_require_new_password)
    app.after_request(_set_security_headers)
