"""The JSON API, ``/api/v1``: resources over the same services and policy as the pages.

Built with flask-smorest (marshmallow schemas, an OpenAPI 3.1 document from the code at
``/api/v1/openapi.json``); ``/api/v1/docs`` shows that document as a page.
"""

from __future__ import annotations

import http

import flask_smorest
from flask import Flask
from flask_smorest.spec import prepare_response

from api import auth
from api.fields import ProblemSchema
from api.problems import MEDIA_TYPE

PREFIX = "/api/v1"


class Api(flask_smorest.Api):
    """flask-smorest's Api whose errors are problem details (see :mod:`api.problems`): the
    application's error handlers answer them for every path under ``/api/``."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        """Leave error handling to the application (its pages keep their HTML errors)."""

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, MEDIA_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "A problem (RFC 9457)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, MEDIA_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


api = Api()


def _configure(app: Flask) -> None:
    app.config.setdefault("API_TITLE", "Assay API")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("OPENAPI_URL_PREFIX", PREFIX)
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "info": {
                "description": "Suppliers, questionnaires, submissions, risk results, reviews, "
                "documents, reports and webhooks of one organisation, for the holder of a "
                "scoped API token. Errors are RFC 9457 problem details in the language of "
                "`Accept-Language` (English or Japanese)."
            },
            "servers": [{"url": app.config["BASE_URL"]}],
        },
    )


def init_app(app: Flask) -> None:
    """Serve the API and its description on *app*."""
    from api import docs, documents, questionnaires, reviews, submissions, suppliers, webhooks

    _configure(app)
    api.init_app(app)
    api.spec.components.security_scheme(
        "bearerAuth",
        {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal or integration token from Settings → API tokens.",
        },
    )
    app.before_request_funcs.setdefault(None, []).insert(0, auth.ignore_session)
    for module in (suppliers, questionnaires, submissions, reviews, documents, webhooks):
        api.register_blueprint(module.blp)
    app.register_blueprint(docs.bp)
