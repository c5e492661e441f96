"""Every change to an answer is on the record: who, when, the question, old and new value."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

import questionnaires as qn
from extensions import db
from models import Answer, AuditEntry, Submission, User
from services import audit, submissions
from tests.factories import fill_submission, start_submission

SUPPLIER = "supplier@demo.assay.example"
CHANGE = "answers.change"


def _version(app, submission_id):
    with app.app_context():
        return db.session.get(Submission, submission_id).version


def _entries(app, submission_id, *actions):
    with app.app_context():
        rows = db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.submission_id == submission_id, AuditEntry.action.in_(actions))
            .order_by(AuditEntry.id)
        ).all()
        db.session.expunge_all()
        return rows


def _user_id(app, email=SUPPLIER):
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def _autosave(client, submission_id, version, answers):
    return client.post(
        f"/submissions/{submission_id}/answers", json={"version": version, "answers": answers}
    )


def test_autosave_records_who_the_question_and_old_and_new_values(app, supplier, draft):
    first = _autosave(supplier, draft, _version(app, draft), {"org_legal_name": "Old Name"})
    assert first.status_code == 200
    second = _autosave(
        supplier,
        draft,
        first.get_json()["version"],
        {"org_legal_name": "New Name", "org_headcount": "120"},
    )
    assert second.status_code == 200
    created, changed = _entries(app, draft, CHANGE)
    assert created.detail["changes"] == [
        {"question": "org_legal_name", "old": None, "new": "Old Name"}
    ]
    assert changed.actor_id == _user_id(app)
    assert changed.created_at is not None
    assert changed.detail["changes"] == [
        {"question": "org_headcount", "old": None, "new": 120},
        {"question": "org_legal_name", "old": "Old Name", "new": "New Name"},
    ]
    with app.app_context():
        supplier_org = db.session.get(Submission, draft).supplier_id
    assert changed.organisation_id == supplier_org


def test_unchanged_and_refused_answers_write_nothing(app, supplier, draft):
    saved = _autosave(supplier, draft, _version(app, draft), {"org_legal_name": "Same"})
    before = [e.id for e in _entries(app, draft, CHANGE)]
    assert len(before) == 1
    again = _autosave(
        supplier,
        draft,
        saved.get_json()["version"],
        {"org_legal_name": "Same", "org_headcount": "lots"},
    )
    assert again.status_code == 200 and again.get_json()["saved"] == []
    assert [e.id for e in _entries(app, draft, CHANGE)] == before


def test_section_post_and_clearing_an_answer_are_recorded(app, supplier, draft):
    form = {"questions": ["org_legal_name", "org_countries"]}
    response = supplier.post(
        f"/submissions/{draft}/sections/org",
        data={
            **form,
            "version": _version(app, draft),
            "q-org_legal_name": "Lualaba",
            "q-org_countries": ["CD", "ZM"],
        },
    )
    assert response.status_code == 302
    response = supplier.post(
        f"/submissions/{draft}/sections/org",
        data={**form, "version": _version(app, draft), "q-org_legal_name": ""},
    )
    assert response.status_code == 302
    with app.app_context():
        assert (
            db.session.scalar(
                select(Answer).where(
                    Answer.submission_id == draft, Answer.question_id == "org_legal_name"
                )
            )
            is None
        )
    _first, cleared = _entries(app, draft, CHANGE)
    assert cleared.detail["changes"] == [
        {"question": "org_countries", "old": ["CD", "ZM"], "new": None},
        {"question": "org_legal_name", "old": "Lualaba", "new": None},
    ]


def test_long_text_and_tables_are_stored_whole(app, supplier, draft):
    with app.app_context():
        definition = submissions.definition(db.session.get(Submission, draft))
        limit = definition.question("org_legal_name").max_length or qn.DEFAULT_MAX_LENGTH
    long_name = "長" * limit
    sites = [
        {"name": "Kolwezi refinery", "country": "CD", "stage": "processing"},
        {"name": "Lubumbashi warehouse", "country": "CD", "stage": "other"},
    ]
    response = _autosave(
        supplier, draft, _version(app, draft), {"org_legal_name": long_name, "org_sites": sites}
    )
    assert response.status_code == 200, response.get_json()
    assert set(response.get_json()["saved"]) == {"org_legal_name", "org_sites"}
    (entry,) = _entries(app, draft, CHANGE)
    changes = {c["question"]: c["new"] for c in entry.detail["changes"]}
    assert changes["org_legal_name"] == long_name
    assert [row["name"] for row in changes["org_sites"]] == [s["name"] for s in sites]


def test_a_failed_audit_append_keeps_the_previous_answer(app, demo, draft, monkeypatch):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        submission = db.session.get(Submission, draft)
        submissions.save_answers(submission, user, {"org_legal_name": "Before"}, submission.version)

        def refuse(*_args, **_kwargs):
            raise RuntimeError("audit log unavailable")

        monkeypatch.setattr(audit, "record", refuse)
        with pytest.raises(RuntimeError):
            submissions.save_answers(
                submission, user, {"org_legal_name": "After"}, submission.version
            )
        db.session.rollback()
        stored = db.session.scalar(select(Answer.value).where(Answer.submission_id == draft))
    assert stored == "Before"


def test_answers_import_command_records_each_change(app, demo, tmp_path):
    draft = start_submission(app, SUPPLIER)
    runner = app.test_cli_runner()
    with app.app_context():
        definition = submissions.definition(db.session.get(Submission, draft))
        document = {"questionnaire": definition.id, "version": definition.version}
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps({**document, "answers": {"org_legal_name": "Imported", "org_headcount": 12}}),
        encoding="utf-8",
    )
    result = runner.invoke(args=["answers", "import", str(path), "--submission", str(draft)])
    assert result.exit_code == 0, result.output
    path.write_text(
        json.dumps({**document, "answers": {"org_legal_name": "Imported", "org_headcount": 15}}),
        encoding="utf-8",
    )
    result = runner.invoke(args=["answers", "import", str(path), "--submission", str(draft)])
    assert result.exit_code == 0, result.output
    first, second = _entries(app, draft, "answers.import")
    assert first.actor_id is None  # the command line acts as the system
    assert first.detail["changes"] == [
        {"question": "org_headcount", "old": None, "new": 12},
        {"question": "org_legal_name", "old": None, "new": "Imported"},
    ]
    assert second.detail["changes"] == [{"question": "org_headcount", "old": 12, "new": 15}]


def test_a_new_round_records_the_answers_it_copies(app, demo):
    source = start_submission(app, SUPPLIER)
    fill_submission(app, source, SUPPLIER)
    with app.app_context():
        from models import SubmissionStatus
        from services import renewal

        previous = db.session.get(Submission, source)
        previous.status = SubmissionStatus.APPROVED
        db.session.commit()
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        copy = renewal.start_new_round(previous, user)
        copied = submissions.answers_of(copy)
        copy_id = copy.id
    (entry,) = _entries(app, copy_id, "submission.create")
    assert entry.detail["copied_from"] == source
    assert {c["question"]: c["new"] for c in entry.detail["changes"]} == copied
    assert all(c["old"] is None for c in entry.detail["changes"])
