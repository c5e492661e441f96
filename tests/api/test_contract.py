"""Contract: schemathesis drives every operation of the served OpenAPI document.

No answer is a server error, every status is documented, and every body matches its
schema and media type (problem details included), on SQLite and on PostgreSQL. The example
count per operation is bounded so that the whole run stays within seconds.
"""

from __future__ import annotations

import socket

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from services import webhook_delivery
from tests.api.conftest import REVIEWER, SAKURA_ADMIN, bearer, issue

EXAMPLES_PER_OPERATION = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _no_dns(host, port, *args, **kwargs):
    """Generated webhook hosts are never looked up: the test holds no network."""
    raise socket.gaierror("no DNS under test")


@pytest.fixture
def callers(app, demo_submissions):
    """A buyer admin's token and a reviewer's, each with every scope its holder may have."""
    return [bearer(issue(app, email)) for email in (SAKURA_ADMIN, REVIEWER)]


def test_every_operation_keeps_its_contract(app, callers, monkeypatch):
    monkeypatch.setattr(webhook_delivery, "resolve", _no_dns)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 19

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_contract(case):
            for headers in callers:
                case.call_and_validate(headers=headers, checks=CHECKS)

        keeps_contract()
