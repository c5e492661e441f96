"""Sign in, sign out, password change and the language switcher."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from extensions import limiter
from forms.auth import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LanguageForm,
    LoginForm,
    PasswordForm,
)
from i18n import LANGUAGE_COOKIE
from permissions import home_endpoint
from security import failed_attempt, is_safe_next
from services import accounts, mailer, password_reset
from services.errors import DomainError

bp = Blueprint("auth", __name__)
#: Session key of a language switched to before signing in (saved with the account at sign-in).
CHOSEN_LANGUAGE = "chosen_language"


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    _login_limit,
    methods=["POST"],
    error_message="too many sign-in attempts",
    deduct_when=failed_attempt,
)
def login():
    """Show the sign-in form and sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for(home_endpoint(current_user)))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        address = request.remote_addr
        try:
            user = accounts.authenticate(form.email.data, form.password.data, address=address)
        except DomainError as error:  # the e-mail address is in its delay, known or not
            flash(error.message, "error")
            return render_template("auth/login.html", form=form), 429
        if user is None:
            flash(_("The e-mail or password is not right, or the account is disabled."), "error")
        else:
            chosen = _language_chosen_before_sign_in(user)
            session.clear()  # a new session identity at every sign-in
            if chosen:  # kept with the account, so the next sign-in anywhere speaks it too
                accounts.set_locale(user, chosen)
            remember = bool(form.remember.data)
            accounts.start_session(
                user, request.headers.get("User-Agent"), remember=remember, address=address
            )
            login_user(user, remember=remember)
            if user.must_change_password:
                flash(_("Choose a new password before you go on."), "info")
                return redirect(url_for("auth.password"))
            target = form.next.data
            if form.pending.data and is_safe_next(target):
                from views.submissions import render_pending

                response = render_pending(target, form.pending.data)
                if response is not None:
                    return response
            return redirect(target if is_safe_next(target) else url_for(home_endpoint(user)))
    return render_template("auth/login.html", form=form)


def _language_chosen_before_sign_in(user) -> str | None:
    """Return the language chosen on this browser before signing in, when the account does
    not have it yet: switched to during this visit, or in the cookie of an account that has
    never chosen one."""
    chosen = session.get(CHOSEN_LANGUAGE)
    if chosen is None and user.locale is None:
        chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in current_app.config["LANGUAGES"] and chosen != user.locale:
        return chosen
    return None


@bp.route("/logout", methods=["POST"])
def logout():
    """End the sign-in session on the server and clear the cookies."""
    if current_user.is_authenticated:
        accounts.end_session(current_user.get_id())
        logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@limiter.limit(
    _login_limit,
    methods=["POST"],
    error_message="too many password attempts",
    deduct_when=failed_attempt,
)
@login_required
def password():
    """Let the signed-in user change their own password (required after a forced reset)."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(
                current_user,
                form.current.data,
                form.password.data,
                address=request.remote_addr,
            )
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Your password is changed. Other sessions were signed out."), "success")
            return redirect(url_for("main.index"))
    return render_template(
        "auth/password.html", form=form, forced=current_user.must_change_password
    )


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], error_message="too many reset requests")
def forgot_password():
    """Ask for a reset link by e-mail; without e-mail, say who can issue one."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        password_reset.request_link(form.email.data, address=request.remote_addr)
        flash(
            _(
                "If %(email)s has an account, a link to choose a new password is on its way. "
                "It works once, for %(minutes)s minutes.",
                email=form.email.data,
                minutes=password_reset.VALID_MINUTES,
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template(
        "auth/forgot.html", form=form, mail=mailer.enabled(), minutes=password_reset.VALID_MINUTES
    )


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def reset_password(token: str):
    """Choose a new password through a single-use reset link."""
    try:
        user = password_reset.find(token)
    except DomainError as error:
        return render_template("auth/reset.html", problem=error.message), 410
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.reset(token, form.password.data)
        except DomainError as error:
            flash(error.message, "error")
        else:
            if current_user.is_authenticated:
                logout_user()
            session.clear()
            flash(_("Your password is changed. Sign in with it."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, email=user.email)


@bp.route("/language", methods=["POST"])
def language():
    """Switch the UI language, remember it, and go back to the page the user was on."""
    form = LanguageForm()
    lang = form.chosen(request.form) if form.validate_on_submit() else None
    target = form.next.data if is_safe_next(form.next.data) else url_for("main.index")
    response = redirect(target)
    if lang:
        if current_user.is_authenticated:
            accounts.set_locale(current_user, lang)
        else:
            session[CHOSEN_LANGUAGE] = lang
        response.set_cookie(
            LANGUAGE_COOKIE,
            lang,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response
