"""An unreachable database: a clear 503 page, never a crash, from any point of a request."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from extensions import db
from tests.conftest import login
from tests.factories import start_submission

SUPPLIER = "supplier@demo.assay.example"
MESSAGE = "The database is not reachable just now"


def _dropped() -> OperationalError:
    return OperationalError("SELECT 1", {}, ConnectionError("server closed the connection"))


@pytest.fixture
def supplier(app, demo):
    client = app.test_client()
    login(client, SUPPLIER)
    return client


def test_failure_while_loading_the_user_gives_a_503_page(monkeypatch, supplier):
    def unreachable(_token):
        raise _dropped()

    monkeypatch.setattr("services.accounts.user_for_token", unreachable)
    page = supplier.get("/supplier/")
    assert page.status_code == 503
    assert MESSAGE in page.get_data(as_text=True)
    saved = supplier.post("/submissions/1/answers", json={"version": 1, "answers": {}})
    assert saved.status_code == 503
    assert MESSAGE in saved.get_json()["error"]


def test_failing_rollback_on_a_dropped_connection_still_gives_a_503(monkeypatch, app, supplier):
    draft = start_submission(app, SUPPLIER)

    def dropped(*_args, **_kwargs):
        raise _dropped()

    monkeypatch.setattr("services.submissions.answers_of", dropped)
    monkeypatch.setattr(db.session, "rollback", dropped, raising=False)
    page = supplier.get(f"/submissions/{draft}/sections/org")
    assert page.status_code == 503
    assert MESSAGE in page.get_data(as_text=True)


def test_connection_dropped_after_the_response_was_made_is_not_an_error(monkeypatch, supplier):
    remove = db.session.remove
    calls = []

    def remove_once_failing():
        calls.append(1)
        if len(calls) == 1:
            raise _dropped()
        remove()

    monkeypatch.setattr(db.session, "remove", remove_once_failing, raising=False)
    assert supplier.get("/supplier/").status_code == 200
    assert len(calls) >= 2
