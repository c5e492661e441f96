"""Two saves of one questionnaire from the same version: one wins, the other is a conflict."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import Answer, Submission, User
from services import submissions
from services.errors import ConflictError
from tests.factories import start_submission

SUPPLIER = "supplier@demo.assay.example"


@pytest.fixture
def draft(app, demo):
    return start_submission(app, SUPPLIER)


def _load(submission_id):
    submission = db.session.get(Submission, submission_id)
    user = db.session.scalar(select(User).where(User.email == SUPPLIER))
    return submission, user


def test_version_is_raised_before_any_answer_is_written(app, draft):
    statements = []
    with app.app_context():
        submission, user = _load(draft)

        @event.listens_for(db.engine, "before_cursor_execute")
        def keep(_conn, _cursor, statement, *_rest):
            statements.append(statement.split()[0:3])

        try:
            submissions.save_answers(submission, user, {"org_identifier": "LEI 1"}, 1)
        finally:
            event.remove(db.engine, "before_cursor_execute", keep)
    writes = [" ".join(s).upper() for s in statements if s[0].upper() in ("UPDATE", "INSERT")]
    assert writes[0].startswith("UPDATE SUBMISSIONS")
    assert any(w.startswith("INSERT INTO ANSWERS") for w in writes)


def test_duplicate_answer_row_at_commit_is_a_conflict(monkeypatch, app, draft):
    with app.app_context():
        submission, user = _load(draft)

        def duplicate():
            raise IntegrityError("INSERT INTO answers", {}, Exception("duplicate key"))

        monkeypatch.setattr(db.session, "commit", duplicate, raising=False)
        with pytest.raises(ConflictError):
            submissions.save_answers(submission, user, {"org_identifier": "LEI 1"}, 1)


def test_racing_saves_of_a_new_answer_give_one_winner(monkeypatch, app, draft, database_url):
    """Both saves start from version 1 at the same moment; exactly one wins.

    On PostgreSQL both read the same version and answers before either writes. SQLite takes
    its write lock before the first read, so the second save waits, then finds it is stale.
    """
    import questionnaires as qn

    barrier = threading.Barrier(2, timeout=20)
    sqlite = database_url.startswith("sqlite")
    if not sqlite:
        coerce = qn.coerce_answer

        def coerce_together(question, raw):
            barrier.wait()  # both have read the same version and answers
            return coerce(question, raw)

        monkeypatch.setattr("services.submissions.qn.coerce_answer", coerce_together)
    outcomes = {}

    def save(name):
        if sqlite:
            barrier.wait()  # start together; the write lock decides the order
        with app.app_context():
            submission, user = _load(draft)
            try:
                outcome = submissions.save_answers(submission, user, {"org_identifier": name}, 1)
                outcomes[name] = "conflict" if outcome.conflicts else "saved"
            except ConflictError:
                outcomes[name] = "conflict"

    threads = [threading.Thread(target=save, args=(n,)) for n in ("LEI A", "LEI B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    with app.app_context():
        rows = db.session.scalars(select(Answer).where(Answer.submission_id == draft)).all()
        assert [(r.question_id, r.value) for r in rows] == [("org_identifier", winner)]
