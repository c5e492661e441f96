"""A demo supplier's draft and a signed-in client for it."""

import pytest

from tests.conftest import login
from tests.factories import start_submission

SUPPLIER = "supplier@demo.assay.example"


@pytest.fixture
def draft(app, demo):
    """The id of a new draft of the demo supplier."""
    return start_submission(app, SUPPLIER)


@pytest.fixture
def supplier(app, demo):
    """A test client signed in as the demo supplier."""
    client = app.test_client()
    login(client, SUPPLIER)
    return client
