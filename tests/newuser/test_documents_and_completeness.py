"""Document requirements shown beside the question, one file for several questions, and one
completeness computation behind every number a supplier sees."""

from __future__ import annotations

import re

from sqlalchemy import select

from extensions import db
from models import AuditEntry, EvidenceFile, Submission
from services import evidence, submissions
from tests.factories import PDF_BYTES, fill_submission, start_submission
from tests.workflow.conftest import OTHER_SUPPLIER, SUPPLIER, signed_in, user


def _notice(html: str, qid: str) -> str:
    match = re.search(rf'<p class="evidence-needed" id="evneed-{qid}"[^>]*>(.*?)</p>', html, re.S)
    assert match, qid
    return match.group(1).strip()


def _save(client, submission_id, section, answers):
    data = {"version": "0", "questions": list(answers)}
    data.update({f"q-{k}": v for k, v in answers.items()})
    return client.post(f"/submissions/{submission_id}/sections/{section}", data=data)


def test_answer_that_needs_a_document_says_so_beside_the_question(app, demo):
    submission_id = start_submission(app, SUPPLIER)
    client = signed_in(app, SUPPLIER, "en")
    page = client.get(f"/submissions/{submission_id}/sections/lr").get_data(as_text=True)
    assert _notice(page, "lr_foa_policy") == ""  # nothing answered: nothing needed yet
    with app.app_context():
        version = db.session.get(Submission, submission_id).version
    _save(client, submission_id, "lr", {"lr_foa_policy": "yes"} | {"version": str(version)})
    page = client.get(f"/submissions/{submission_id}/sections/lr").get_data(as_text=True)
    notice = _notice(page, "lr_foa_policy")
    assert notice.startswith("This answer needs a document: The policy document.")
    assert "Upload it below" in notice
    # the controls are described by the notice, and the script knows which answers need it
    assert re.search(r'name="q-lr_foa_policy"', page)
    assert 'aria-describedby="hint-lr_foa_policy err-lr_foa_policy evneed-lr_foa_policy"' in page
    assert 'data-evidence-when=\'["yes", "partly"]\'' in page
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        evidence.add(submission, user(SUPPLIER), "lr_foa_policy", "policy.pdf", PDF_BYTES)
    page = client.get(f"/submissions/{submission_id}/sections/lr").get_data(as_text=True)
    assert _notice(page, "lr_foa_policy").endswith("Provided.")


def test_one_file_serves_several_questions(app, demo):
    submission_id = start_submission(app, SUPPLIER)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        first = evidence.add(submission, user(SUPPLIER), "lr_foa_policy", "policy.pdf", PDF_BYTES)
        first_id = first.id
    client = signed_in(app, SUPPLIER, "en")
    page = client.get(f"/submissions/{submission_id}/sections/lr").get_data(as_text=True)
    # offered beside the other questions, never beside the one that has it
    reuse = re.findall(r'<select name="evidence_id" form="reuse-(\w+)">', page)
    assert "lr_child_labour_policy" in reuse and "lr_foa_policy" not in reuse
    response = client.post(
        f"/submissions/{submission_id}/evidence/reuse",
        data={"question_id": "lr_child_labour_policy", "evidence_id": str(first_id)},
    )
    assert response.status_code == 302
    with app.app_context():
        files = db.session.scalars(
            select(EvidenceFile).where(EvidenceFile.submission_id == submission_id)
        ).all()
        assert {f.question_id for f in files} == {"lr_foa_policy", "lr_child_labour_policy"}
        assert len({f.sha256 for f in files}) == 1
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "evidence.add").order_by(AuditEntry.id)
        ).all()[-1]
        assert entry.detail["question"] == "lr_child_labour_policy"
        assert entry.detail["also_for"] == "lr_foa_policy"
    # a second time is refused, and nothing is added
    client.post(
        f"/submissions/{submission_id}/evidence/reuse",
        data={"question_id": "lr_child_labour_policy", "evidence_id": str(first_id)},
    )
    with app.app_context():
        count = db.session.scalars(
            select(EvidenceFile).where(EvidenceFile.submission_id == submission_id)
        ).all()
        assert len(count) == 2


def test_another_supplier_cannot_reuse_or_point_at_a_file(app, demo):
    victim = start_submission(app, SUPPLIER)
    attacker_draft = start_submission(app, OTHER_SUPPLIER)
    with app.app_context():
        submission = db.session.get(Submission, victim)
        secret = evidence.add(submission, user(SUPPLIER), "lr_foa_policy", "secret.pdf", PDF_BYTES)
        secret_id = secret.id
    attacker = signed_in(app, OTHER_SUPPLIER, "en")
    # into the victim's questionnaire: 404
    assert (
        attacker.post(
            f"/submissions/{victim}/evidence/reuse",
            data={"question_id": "lr_child_labour_policy", "evidence_id": str(secret_id)},
        ).status_code
        == 404
    )
    # the victim's file into the attacker's own questionnaire: 404, nothing copied
    assert (
        attacker.post(
            f"/submissions/{attacker_draft}/evidence/reuse",
            data={"question_id": "lr_foa_policy", "evidence_id": str(secret_id)},
        ).status_code
        == 404
    )
    with app.app_context():
        assert (
            db.session.scalar(
                select(EvidenceFile).where(EvidenceFile.submission_id == attacker_draft)
            )
            is None
        )


def _numbers(client, submission_id, definition):
    home = client.get("/supplier/").get_data(as_text=True)
    row = home.split(f'href="/submissions/{submission_id}"', 1)[1].split("</tr>", 1)[0]
    total = tuple(map(int, re.search(r"(\d+) / (\d+)", row).groups()))
    overview = client.get(f"/submissions/{submission_id}").get_data(as_text=True)
    sections = {}
    for section in definition.sections:
        cell = overview.split(f'/sections/{section.id}"', 1)[1].split("</tr>", 1)[0]
        sections[section.id] = tuple(map(int, re.search(r"(\d+) / (\d+)", cell).groups()))
        page = client.get(f"/submissions/{submission_id}/sections/{section.id}").get_data(True)
        shown = re.search(r"in this section: (\d+) of (\d+)", page)
        if sections[section.id][1]:
            assert tuple(map(int, shown.groups())) == sections[section.id], section.id
    return total, sections, overview


def test_every_page_counts_the_same_documents_included(app, demo):
    submission_id = start_submission(app, SUPPLIER)
    smelters = {
        "org_buys_material": "yes",
        "org_minerals": ["cobalt"],
        "trace_cobalt_smelters_identified": "yes",
    }
    fill_submission(app, submission_id, SUPPLIER, smelters)
    client = signed_in(app, SUPPLIER, "en")
    with app.app_context():
        definition = submissions.definition(db.session.get(Submission, submission_id))
    total, sections, overview = _numbers(client, submission_id, definition)
    assert "Everything required is answered" in overview
    assert all(done == needed for done, needed in sections.values())
    assert total[0] == total[1] == sum(n for _d, n in sections.values())
    # remove a document an answer calls for: one item missing, and every page says so
    with app.app_context():
        item = db.session.scalar(
            select(EvidenceFile).where(
                EvidenceFile.submission_id == submission_id,
                EvidenceFile.question_id == "trace_custody_documents",
            )
        )
        evidence.remove(item, db.session.get(Submission, submission_id), user(SUPPLIER))
    total, sections, overview = _numbers(client, submission_id, definition)
    assert "1 item is still missing" in overview
    assert sections["trace"] == (sections["trace"][1] - 1, sections["trace"][1])
    assert total == (total[1] - 1, total[1])
