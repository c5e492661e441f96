"""Importing a workbook through the pages: upload checks, preview, choices, audit, evidence."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from sqlalchemy import select

from extensions import db
from models import EvidenceFile, ImportStatus, RmiImport, Submission, User
from services import submissions
from tests.conftest import login
from tests.factories import PDF_BYTES, audit_entries, multipart, start_submission
from tests.rmi.workbooks import workbook

SUPPLIER = "supplier@demo.assay.example"
DECLARED = {
    "q1": "Yes",
    "q2": "Yes",
    "q3": "Yes",
    "q4": "No",
    "q5": "100%",
    "q6": "Yes",
    "q7": "Yes",
    "c": "Yes",
}
EMRT = workbook(
    company={"company_unique_id": "DUNS 987654321"},
    minerals={"Cobalt": DECLARED},
    company_questions={"A": "Yes", "G": "No"},
    smelters=[
        {
            "metal": "Cobalt",
            "lookup_name": "Smelter not listed",
            "name": "Likasi Works",
            "country": "CONGO, THE DEMOCRATIC REPUBLIC OF THE",
        },
        {"metal": "Cobalt", "lookup_name": "Smelter not listed", "name": "Nowhere Works"},
    ],
)


@pytest.fixture
def draft(app, demo):
    return start_submission(app, SUPPLIER)


@pytest.fixture
def supplier(app, demo):
    client = app.test_client()
    login(client, SUPPLIER)
    return client


def upload(client, submission_id: int, data: bytes, name: str = "emrt.xlsx"):
    body, content_type = multipart({}, (data, name))
    return client.post(
        f"/submissions/{submission_id}/rmi/import", data=body, content_type=content_type
    )


def answers(app, submission_id: int) -> dict:
    with app.app_context():
        return submissions.answers_of(db.session.get(Submission, submission_id))


def preview_id(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return int(re.search(r"/rmi/imports/(\d+)$", response.headers["Location"]).group(1))


def version_of(app, submission_id: int) -> int:
    with app.app_context():
        return db.session.get(Submission, submission_id).version


def test_preview_lists_mappings_problems_and_unmapped_cells_and_saves_nothing(app, draft, supplier):
    import_id = preview_id(upload(supplier, draft, EMRT))
    page = supplier.get(f"/submissions/{draft}/rmi/imports/{import_id}").get_data(as_text=True)
    assert "EMRT 2.1" in page
    assert "DUNS 987654321" in page
    assert "Likasi Works" in page
    assert "Smelter List!E6" in page  # the not-listed smelter without a country
    assert "Smelter List!C6" in page  # ... which is therefore not imported
    assert "Declaration!D66" in page  # Q4 has no question: listed with its cell
    assert re.search(r'name="base_version" type="hidden" value="\d+"', page)
    assert answers(app, draft) == {}


def test_confirm_stores_answers_keeps_the_workbook_and_audits_the_import(app, draft, supplier):
    import_id = preview_id(upload(supplier, draft, EMRT))
    response = supplier.post(
        f"/submissions/{draft}/rmi/imports/{import_id}",
        data={"base_version": version_of(app, draft)},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/submissions/{draft}/sections/trace")
    stored = answers(app, draft)
    assert stored["org_identifier"] == "DUNS 987654321"
    assert stored["org_minerals"] == ["cobalt"]
    assert stored["trace_cobalt_cahra"] == "yes"
    assert stored["dd_corrective_action"] == "no"
    assert stored["trace_smelters"] == [
        {"mineral": "cobalt", "name": "Likasi Works", "country": "CD", "assurance": "not_listed"}
    ]
    with app.app_context():
        item = db.session.get(RmiImport, import_id)
        assert item.status == ImportStatus.APPLIED
        kept = db.session.get(EvidenceFile, item.evidence_file_id)
        assert (kept.question_id, kept.filename, kept.sha256) == (
            "trace_smelter_list",
            "emrt.xlsx",
            item.sha256,
        )
    (entry,) = audit_entries(app, "rmi.import")
    assert entry.submission_id == draft
    assert (entry.detail["template"], entry.detail["version"]) == ("EMRT", "2.1")
    assert entry.detail["sha256"] == item.sha256
    changed = {c["question"]: c["new"] for c in entry.detail["changes"]}
    assert changed["trace_cobalt_cahra"] == "yes"
    page = supplier.get(f"/submissions/{draft}/sections/trace").get_data(as_text=True)
    assert "Likasi Works" in page


def _answer(app, submission_id: int, values: dict) -> None:
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        outcome = submissions.save_answers(submission, user, values, submission.version)
        assert not outcome.errors


def test_conflicting_answers_are_kept_unless_the_supplier_chooses_the_workbook(
    app, draft, supplier
):
    _answer(app, draft, {"trace_cobalt_cahra": "no", "dd_corrective_action": "yes"})
    import_id = preview_id(upload(supplier, draft, EMRT))
    page = supplier.get(f"/submissions/{draft}/rmi/imports/{import_id}").get_data(as_text=True)
    assert 'name="choice-trace_cobalt_cahra" value="take"' in page
    assert 'name="choice-dd_corrective_action" value="take"' in page
    response = supplier.post(
        f"/submissions/{draft}/rmi/imports/{import_id}",
        data={
            "base_version": version_of(app, draft),
            "choice-trace_cobalt_cahra": "take",
            "choice-dd_corrective_action": "keep",
        },
    )
    assert response.status_code == 302
    stored = answers(app, draft)
    assert stored["trace_cobalt_cahra"] == "yes"  # chosen: the workbook's
    assert stored["dd_corrective_action"] == "yes"  # kept: the supplier's own
    (entry,) = audit_entries(app, "rmi.import")
    assert entry.detail["kept"] == ["dd_corrective_action"]


def test_a_preview_of_answers_that_changed_since_is_not_applied(app, draft, supplier):
    import_id = preview_id(upload(supplier, draft, EMRT))
    base = version_of(app, draft)
    _answer(app, draft, {"trace_cobalt_cahra": "no"})
    response = supplier.post(
        f"/submissions/{draft}/rmi/imports/{import_id}",
        data={"base_version": base, "choice-trace_cobalt_cahra": "take"},
    )
    assert response.status_code == 409
    assert "Check the preview again" in response.get_data(as_text=True)
    assert answers(app, draft) == {"trace_cobalt_cahra": "no"}


def test_an_import_is_applied_once(app, draft, supplier):
    import_id = preview_id(upload(supplier, draft, EMRT))
    url = f"/submissions/{draft}/rmi/imports/{import_id}"
    assert supplier.post(url, data={"base_version": version_of(app, draft)}).status_code == 302
    again = supplier.post(url, data={"base_version": version_of(app, draft)})
    assert again.status_code == 403
    assert len(audit_entries(app, "rmi.import")) == 1


def test_an_unknown_version_is_refused_with_the_versions_supported(app, draft, supplier):
    response = upload(supplier, draft, workbook("EMRT", "2.2", minerals={}))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "EMRT 2.2" in page and "EMRT 2.0, EMRT 2.1, EMRT 2.11, AMRT 1.3" in page
    with app.app_context():
        assert db.session.scalars(select(RmiImport)).all() == []


def test_uploads_are_checked_like_evidence(app, draft, supplier):
    assert "Upload the template as an Excel" in upload(supplier, draft, PDF_BYTES).get_data(
        as_text=True
    )
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/big.bin", b"\0" * (101 * 1024 * 1024))
    response = upload(supplier, draft, bomb.getvalue())
    assert response.status_code == 400
    assert "would unpack to more than" in response.get_data(as_text=True)
    app.config["EVIDENCE_MAX_BYTES"] = 1000
    assert "larger than" in upload(supplier, draft, EMRT).get_data(as_text=True)


def test_a_submitted_questionnaire_takes_no_import(app, demo, supplier):
    from tests.workflow.conftest import submit_for

    submission_id = submit_for(app, SUPPLIER)
    response = upload(supplier, submission_id, EMRT)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/submissions/{submission_id}")
    with app.app_context():
        assert db.session.scalars(select(RmiImport)).all() == []


def test_imported_answers_show_in_each_answers_history(app, draft, supplier):
    from services import history

    import_id = preview_id(upload(supplier, draft, EMRT))
    supplier.post(
        f"/submissions/{draft}/rmi/imports/{import_id}",
        data={"base_version": version_of(app, draft)},
    )
    with app.app_context():
        (change,) = history.answer_history(draft)["trace_cobalt_cahra"]
    assert (change.action, change.old, change.new) == ("rmi.import", None, "yes")
