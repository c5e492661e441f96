"""The review workflow's fixtures, for the tests of what a new user meets."""

from tests.workflow.conftest import second_buyer, submitted  # noqa: F401
