"""A demo supplier's draft and a signed-in client for it (as in tests/submissions)."""

from tests.submissions.conftest import draft, supplier  # noqa: F401
