"""Template files kept by the operator, exports by supplier and buyer, and who reaches what."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from extensions import db
from models import RmiImport, RmiTemplate
from services.rmi import country_code
from tests.conftest import login
from tests.factories import audit_entries, multipart, start_submission
from tests.rmi.test_import_pages import EMRT, SUPPLIER, preview_id, upload, version_of
from tests.rmi.workbooks import template
from tests.workflow.conftest import submit_for

OPERATOR = "operator@demo.assay.example"
BUYER = "buyer@demo.assay.example"
OTHER_BUYER = "buyer2@demo.assay.example"
OTHER_SUPPLIER = "lithium@demo.assay.example"


def client_for(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def keep_template(client, data: bytes, name="EMRT_2.1.xlsx"):
    body, content_type = multipart({}, (data, name))
    return client.post("/operator/rmi-templates", data=body, content_type=content_type)


@pytest.fixture
def emrt_template(app, demo) -> int:
    operator = client_for(app, OPERATOR)
    assert keep_template(operator, template()).status_code == 302
    with app.app_context():
        return db.session.scalar(select(RmiTemplate.id).where(RmiTemplate.kind == "EMRT"))


def test_the_operator_keeps_templates_with_their_detected_version(app, demo):
    operator = client_for(app, OPERATOR)
    amrt = template("AMRT", "1.3")
    assert keep_template(operator, amrt, "amrt.xlsx").status_code == 302
    assert keep_template(operator, template("EMRT", "2.0"), "emrt20.xlsx").status_code == 302
    page = operator.get("/operator/rmi-templates").get_data(as_text=True)
    assert "AMRT 1.3" in page and "EMRT 2.0" in page
    again = keep_template(operator, amrt, "copy.xlsx")
    assert again.status_code == 400
    assert "kept already" in again.get_data(as_text=True)
    unknown = keep_template(operator, template("EMRT", "2.2"), "new.xlsx")
    assert "EMRT 2.2" in unknown.get_data(as_text=True)
    assert [e.detail["version"] for e in audit_entries(app, "rmi.template.add")] == ["1.3", "2.0"]


def test_the_operator_removes_a_template(app, emrt_template):
    operator = client_for(app, OPERATOR)
    assert operator.post(f"/operator/rmi-templates/{emrt_template}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(RmiTemplate, emrt_template) is None
    assert len(audit_entries(app, "rmi.template.remove")) == 1


@pytest.mark.parametrize("email", [SUPPLIER, BUYER, "reviewer@demo.assay.example"])
def test_only_the_operator_manages_templates(app, emrt_template, email):
    client = client_for(app, email)
    assert client.get("/operator/rmi-templates").status_code == 404
    assert keep_template(client, template("AMRT", "1.3")).status_code == 404
    assert client.post(f"/operator/rmi-templates/{emrt_template}/delete").status_code == 404
    with app.app_context():
        assert db.session.get(RmiTemplate, emrt_template) is not None


def test_without_a_template_the_export_page_says_what_to_do(app, demo):
    submission_id = start_submission(app, SUPPLIER)
    page = client_for(app, SUPPLIER).get(f"/submissions/{submission_id}/rmi/export")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "No RMI template file is available yet" in text
    assert "responsiblemineralsinitiative.org" in text and "EMRT 2.11" in text
    assert "RMI's reporting templates page" in text


def test_supplier_exports_after_an_import_and_the_workbook_reads_back(app, demo, emrt_template):
    import rmi

    submission_id = start_submission(app, SUPPLIER)
    supplier = client_for(app, SUPPLIER)
    import_id = preview_id(upload(supplier, submission_id, EMRT))
    supplier.post(
        f"/submissions/{submission_id}/rmi/imports/{import_id}",
        data={"base_version": version_of(app, submission_id)},
    )
    page = supplier.get(f"/submissions/{submission_id}/rmi/export").get_data(as_text=True)
    assert f"/rmi/export/{emrt_template}.xlsx" in page
    response = supplier.get(f"/submissions/{submission_id}/rmi/export/{emrt_template}.xlsx")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    again = rmi.read(response.data, country_code)
    with app.app_context():
        first = db.session.get(RmiImport, import_id).declaration
    assert again.declaration.to_dict() == first
    (entry,) = audit_entries(app, "rmi.export")
    assert entry.detail["template"] == "EMRT 2.1"


def test_a_formula_like_answer_is_refused_on_export(app, demo, emrt_template):
    from tests.rmi.test_import_pages import _answer

    submission_id = start_submission(app, SUPPLIER)
    _answer(app, submission_id, {"org_legal_name": "=cmd|' /C calc'!A0"})
    supplier = client_for(app, SUPPLIER)
    response = supplier.get(f"/submissions/{submission_id}/rmi/export/{emrt_template}.xlsx")
    assert response.status_code == 302
    page = supplier.get(response.headers["Location"]).get_data(as_text=True)
    assert "Declaration!D8" in page
    assert audit_entries(app, "rmi.export") == []


def test_a_buyer_exports_the_submitted_answers_of_a_shared_questionnaire(app, demo, emrt_template):
    submission_id = submit_for(app, SUPPLIER, {"trace_cobalt_cahra": "no"})
    buyer = client_for(app, BUYER)
    response = buyer.get(f"/submissions/{submission_id}/rmi/export/{emrt_template}.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book["Declaration"]["D8"].value == "Answered in full."


def test_attackers_see_nothing_of_another_organisations_questionnaire(app, demo, emrt_template):
    submission_id = submit_for(app, SUPPLIER)
    draft = start_submission(app, SUPPLIER)
    owner = client_for(app, SUPPLIER)
    import_id = preview_id(upload(owner, draft, EMRT))
    for email in (OTHER_SUPPLIER, OTHER_BUYER):
        attacker = client_for(app, email)
        for target in (submission_id, draft):
            assert attacker.get(f"/submissions/{target}/rmi/export").status_code == 404
            download = f"/submissions/{target}/rmi/export/{emrt_template}.xlsx"
            assert attacker.get(download).status_code == 404
            assert attacker.get(f"/submissions/{target}/rmi/import").status_code == 404
            assert upload(attacker, target, EMRT).status_code == 404
        url = f"/submissions/{draft}/rmi/imports/{import_id}"
        assert attacker.get(url).status_code == 404
        assert attacker.post(url, data={"base_version": 1}).status_code == 404
    assert audit_entries(app, "rmi.export") == []
    with app.app_context():
        assert db.session.scalar(select(RmiImport.status).where(RmiImport.id == import_id)) == (
            "preview"
        )


def test_a_preview_is_reached_only_through_its_own_questionnaire(app, demo):
    first = start_submission(app, SUPPLIER)
    second = start_submission(app, SUPPLIER)
    supplier = client_for(app, SUPPLIER)
    import_id = preview_id(upload(supplier, first, EMRT))
    assert supplier.get(f"/submissions/{second}/rmi/imports/{import_id}").status_code == 404
    assert supplier.get(f"/submissions/{first}/rmi/imports/{import_id}").status_code == 200


def test_buyers_and_reviewers_cannot_import(app, demo):
    submission_id = submit_for(app, SUPPLIER)
    for email in (BUYER, "reviewer@demo.assay.example"):
        client = client_for(app, email)
        assert client.get(f"/submissions/{submission_id}/rmi/import").status_code == 404
        assert upload(client, submission_id, EMRT).status_code == 404
