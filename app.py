"""The composition root: configuration, extensions, blueprints, error handlers, commands."""

from __future__ import annotations

from flask import Flask, g, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

import api
import database
import i18n
import permissions
import security
from api import problems
from config import load_config
from extensions import csrf, db, limiter, login_manager, mail, migrate
from services import questionnaires as services_questionnaires
from services import webhooks


def create_app(config: dict | None = None) -> Flask:
    """Create the Assay application.

    :param config: overrides applied on top of the environment, e.g. for tests.
    :raises config.ConfigError: when the configuration is unsafe (no SECRET_KEY in production).
    """
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(load_config(config))
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind the extensions to *app*."""
    import models  # noqa: F401  (register the tables with the metadata)
    import services.portfolio_upkeep  # noqa: F401  (keep the portfolio rows up to date)

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    permissions.init_app(app)
    services_questionnaires.init_app(app)
    webhooks.init_app(app)


def register_blueprints(app: Flask) -> None:
    """Register every blueprint."""
    import labels
    from views import (
        auth,
        buyer,
        connections,
        corrective_actions,
        evidence,
        invitations,
        main,
        members,
        notifications,
        operator,
        reports,
        review,
        reviewer,
        rmi,
        sharing,
        submissions,
        supplier,
        tokens,
    )

    labels.init_app(app)
    for module in (
        main,
        auth,
        supplier,
        submissions,
        evidence,
        reports,
        sharing,
        reviewer,
        review,
        corrective_actions,
        buyer,
        invitations,
        notifications,
        connections,
        members,
        operator,
        tokens,
        rmi,
    ):
        app.register_blueprint(module.bp)
    api.init_app(app)


def register_errorhandlers(app: Flask) -> None:
    """Render errors as pages in the user's language (JSON for JSON requests; problem details
    under ``/api/``)."""

    def wants_json() -> bool:
        return request.is_json or request.accept_mimetypes.best == "application/json"

    def render_error(status: int, title: str, message: str, error=None):
        if problems.is_api_request():
            if isinstance(error, HTTPException):
                return problems.from_exception(error, message)
            return problems.response(status, message)
        if wants_json():
            return {"error": message}, status
        return render_template("error.html", title=title, message=message), status

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return render_error(
            400,
            _("The form expired"),
            _("Your form was open too long or your session ended. Reload the page and try again."),
        )

    @app.errorhandler(400)
    def bad_request(error):
        message = (
            _("Enter text without control characters.")
            if isinstance(error, security.UnstorableText)
            else _("The request failed and nothing was changed.")
        )
        return render_error(400, _("The request was not understood."), message, error)

    @app.errorhandler(404)
    def not_found(error):
        return render_error(
            404, _("Not found"), _("There is nothing here, or it is not yours to see."), error
        )

    @app.errorhandler(405)
    def method_not_allowed(error):
        return render_error(
            405, _("Not allowed"), _("This address does not accept that request."), error
        )

    @app.errorhandler(413)
    def too_large(error):
        limit = request.max_content_length or 0
        size = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 2**10} KB"
        return render_error(
            413,
            _("Too large"),
            _(
                "This is larger than the limit of %(size)s for this page. Nothing was saved.",
                size=size,
            ),
            error,
        )

    @app.errorhandler(429)
    def too_many(error):
        return render_error(429, _("Too many attempts"), security.rate_limit_message(), error)

    @app.errorhandler(HTTPException)
    def other_http_error(error):
        """Any other HTTP error: a problem in the API, as before elsewhere."""
        if problems.is_api_request():
            return problems.from_exception(error)
        return error

    @app.errorhandler(OperationalError)
    def database_unavailable(_error):
        database.forget_request_work()
        # Loading the user (for the page header and the language) would need the database.
        g._login_user = login_manager.anonymous_user()
        return render_error(
            503,
            _("Service unavailable"),
            _("The database is not reachable just now. Nothing was saved; try again shortly."),
        )

    @app.errorhandler(500)
    def server_error(_error):
        database.forget_request_work()
        return render_error(
            500, _("Something went wrong"), _("The request failed and nothing was changed.")
        )


def register_commands(app: Flask) -> None:
    """Register the command-line interface."""
    from commands import register

    register(app)
