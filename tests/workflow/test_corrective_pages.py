"""Corrective action plans through the pages: the request with its default dates and basis,
the loop from plan to verified closure, refused input, and where plans show."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from extensions import db
from models import (
    ActionStatus,
    AuditEntry,
    CorrectiveAction,
    CorrectiveActionFile,
    Notification,
    ReviewComment,
)
from tests.factories import EXE_BYTES, PDF_BYTES
from tests.workflow.conftest import (
    BUYER_USER,
    REVIEWER,
    SUPPLIER,
    review_id,
    signed_in,
    submit_profile,
    user,
)
from tests.workflow.corrective import TODAY, accept, action

LUALABA = "Lualaba Cobalt Processing SARL"


@pytest.fixture
def lualaba(app, demo) -> int:
    return submit_profile(app, SUPPLIER, LUALABA)


def _only_action() -> CorrectiveAction:
    return db.session.scalar(select(CorrectiveAction))


def _flashes(page: str) -> list[str]:
    return re.findall(r'class="flash flash-\w+" role="status">([^<]+)<', page)


def _ask_through_the_page(app, submission_id: int, rule_id: str) -> int:
    rid = review_id(app, submission_id)
    reviewer = signed_in(app, REVIEWER)
    page = reviewer.get(f"/review/{rid}").get_data(as_text=True)
    link = f"/corrective-actions/request/{rid}?rule_id={rule_id}"
    assert link in page.replace("&amp;", "&")
    form = reviewer.get(link).get_data(as_text=True)
    # A high finding: plan in 14 days, closure in 90, and where those numbers come from.
    assert f'value="{(TODAY + timedelta(days=14)).isoformat()}"' in form
    assert f'value="{(TODAY + timedelta(days=90)).isoformat()}"' in form
    assert "Assay&#39;s own choice, not taken from any standard" in form
    assert "Responsible Minerals Assurance Process" in form
    response = reviewer.post(
        f"/corrective-actions/request/{rid}",
        data={
            "rule_id": rule_id,
            "comment_id": "",
            "request": "Pay migrant workers the same as local workers of their grade.",
            "verification": "follow_up_audit",
            "plan_due_on": (TODAY + timedelta(days=14)).isoformat(),
            "due_on": (TODAY + timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_reviewer_asks_for_a_plan_and_the_supplier_is_told_what_is_due(app, lualaba):
    accept(app, lualaba, "cw_migrants_unequal")
    action_id = _ask_through_the_page(app, lualaba, "cw_migrants_unequal")
    supplier = signed_in(app, SUPPLIER)
    home = supplier.get("/supplier/").get_data(as_text=True)
    assert f"/corrective-actions/{action_id}" in home
    assert "Corrective actions: what is due" in home
    with app.app_context():
        item = action(action_id)
        assert (item.status, item.due_basis.value) == (ActionStatus.REQUESTED, "default")
        notice = db.session.scalar(
            select(Notification).where(
                Notification.user_id == user(SUPPLIER).id, Notification.kind == "cap_requested"
            )
        )
    opened = supplier.post(f"/notifications/{notice.id}/open")
    assert opened.headers["Location"] == f"/corrective-actions/{action_id}"
    page = supplier.get(opened.headers["Location"]).get_data(as_text=True)
    assert "Pay migrant workers the same" in page and "Plan requested" in page
    assert f'action="/corrective-actions/{action_id}/plan"' in page


def test_the_loop_from_plan_to_verified_closure_through_the_pages(app, lualaba):
    accept(app, lualaba, "cw_migrants_unequal")
    action_id = _ask_through_the_page(app, lualaba, "cw_migrants_unequal")
    base = f"/corrective-actions/{action_id}"
    supplier, reviewer = signed_in(app, SUPPLIER, "ja"), signed_in(app, REVIEWER)
    plan = {
        "root_cause": "派遣会社の賃金表で支払っていた。",
        "corrective_action": "自社の賃金表に移し、差額を遡って支払う。",
        "preventive_action": "四半期ごとに等級別の賃金を比較する。",
        "responsible_person": "Jean-Pierre Mbuyi",
        "start_on": TODAY.isoformat(),
    }
    steps = [
        (supplier, "plan", plan, ActionStatus.PLAN_SUBMITTED),
        (
            reviewer,
            "decision",
            {"action": "return_plan", "reason": "Give the amount of back pay."},
            ActionStatus.PLAN_RETURNED,
        ),
        (supplier, "plan", plan | {"corrective_action": "差額 1,200 万円を支払う。"}, None),
        (reviewer, "decision", {"action": "accept_plan", "reason": "Agreed."}, None),
        (supplier, "start", {}, ActionStatus.IN_PROGRESS),
    ]
    for client, route, data, expected in steps:
        assert client.post(f"{base}/{route}", data=data).status_code == 302
        if expected:
            with app.app_context():
                assert action(action_id).status == expected, route
    upload = {"file": (io.BytesIO(PDF_BYTES), "給与明細.pdf")}
    assert supplier.post(f"{base}/files", data=upload).status_code == 302
    with app.app_context():
        item = action(action_id)
        assert item.corrective_action == "差額 1,200 万円を支払う。"
        file_id = db.session.scalar(select(CorrectiveActionFile.id))
    download = reviewer.get(f"/corrective-actions/files/{file_id}")
    assert download.data == PDF_BYTES and "attachment" in download.headers["Content-Disposition"]
    supplier.post(f"{base}/submit-evidence", data={"note": "全員に支払い済み。"})
    reviewer.post(f"{base}/decision", data={"action": "verify_close", "reason": "Payslips seen."})
    with app.app_context():
        item = action(action_id)
        assert (item.status, item.closed_on) == (ActionStatus.VERIFIED_CLOSED, TODAY)
        assert item.implementation_note == "全員に支払い済み。"
        moves = db.session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "corrective_action.transition")
        ).all()
        assert [m["action"] for m in moves] == [
            "submit_plan",
            "return_plan",
            "submit_plan",
            "accept_plan",
            "start_work",
            "submit_evidence",
            "verify_close",
        ]
        downloads = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "evidence.download")
        ).all()
        assert [d.detail["corrective_action_file_id"] for d in downloads] == [file_id]
    page = supplier.get(base).get_data(as_text=True)
    assert "検証済み・完了" in page and "給与明細.pdf" in page
    assert f'action="{base}/plan"' not in page  # nothing left for the supplier to do
    closed = signed_in(app, BUYER_USER, "en").get("/corrective-actions/?status=closed")
    assert base in closed.get_data(as_text=True)


def test_refused_input_says_why_and_changes_nothing(app, lualaba):
    accept(app, lualaba, "cw_migrants_unequal")
    action_id = _ask_through_the_page(app, lualaba, "cw_migrants_unequal")
    base = f"/corrective-actions/{action_id}"
    supplier, reviewer = signed_in(app, SUPPLIER), signed_in(app, REVIEWER)
    page = supplier.post(
        f"{base}/plan",
        data={"root_cause": "Why.", "start_on": TODAY.isoformat()},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert any("required" in f for f in _flashes(page))
    page = reviewer.post(
        f"{base}/decision", data={"action": "accept_plan", "reason": ""}, follow_redirects=True
    ).get_data(as_text=True)
    assert _flashes(page)
    page = reviewer.post(
        f"{base}/decision", data={"action": "verify_close", "reason": "No."}, follow_redirects=True
    ).get_data(as_text=True)
    assert any("You cannot verify and close" in f for f in _flashes(page))
    page = supplier.post(
        f"{base}/files",
        data={"file": (io.BytesIO(PDF_BYTES), "early.pdf")},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert any("while the work is in progress" in f for f in _flashes(page))
    with app.app_context():
        item = action(action_id)
        assert (item.status, item.root_cause) == (ActionStatus.REQUESTED, None)
        item.status = ActionStatus.IN_PROGRESS
        db.session.commit()
    page = supplier.post(
        f"{base}/files",
        data={"file": (io.BytesIO(EXE_BYTES), "tool.pdf")},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert any("This file type is not accepted" in f for f in _flashes(page))
    page = supplier.post(f"{base}/submit-evidence", data={}, follow_redirects=True)
    assert any("Attach evidence" in f for f in _flashes(page.get_data(as_text=True)))
    with app.app_context():
        assert action(action_id).status == ActionStatus.IN_PROGRESS


def test_a_comment_becomes_a_request_with_the_severity_chosen(app, lualaba):
    rid = review_id(app, lualaba)
    reviewer = signed_in(app, REVIEWER)
    reviewer.post(
        f"/review/{rid}/comments",
        data={"question_id": "cw_migrant_recruiters", "body": "Which agencies?"},
    )
    with app.app_context():
        comment_id = db.session.scalar(select(ReviewComment.id))
    page = reviewer.get(f"/review/{rid}").get_data(as_text=True)
    link = f"/corrective-actions/request/{rid}?comment_id={comment_id}"
    assert link in page.replace("&amp;", "&")
    form = reviewer.get(f"{link}&severity=critical").get_data(as_text=True)
    assert f'value="{(TODAY + timedelta(days=7)).isoformat()}"' in form
    assert "Which agencies?" in form
    response = reviewer.post(
        f"/corrective-actions/request/{rid}",
        data={
            "comment_id": str(comment_id),
            "severity": "critical",
            "request": "Name the agencies.",
            "verification": "desk_review",
            "plan_due_on": (TODAY + timedelta(days=7)).isoformat(),
            "due_on": (TODAY + timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    with app.app_context():
        item = _only_action()
        assert (item.severity, item.comment_id, item.due_basis.value) == (
            "critical",
            comment_id,
            "default",
        )
    page = reviewer.get(f"/review/{rid}").get_data(as_text=True)
    assert f"/corrective-actions/{item.id}" in page


def test_the_queue_the_home_and_the_portfolio_show_the_demo_plans(app, demo_submissions):
    with app.app_context():
        plans = {a.id: a for a in db.session.scalars(select(CorrectiveAction))}
        mine = {i for i, a in plans.items() if a.buyer.name.startswith("Sakura")}
        waiting = {i for i in mine if plans[i].status.reviewer_turn or plans[i].overdue(TODAY)}
        lualaba = {i for i, a in plans.items() if a.supplier.name == LUALABA and a.status.open}
    queue = signed_in(app, REVIEWER).get("/reviewer/").get_data(as_text=True)
    shown = {int(i) for i in re.findall(r'href="/corrective-actions/(\d+)"', queue)}
    assert shown == waiting and len(waiting) == 3
    home = signed_in(app, SUPPLIER).get("/supplier/").get_data(as_text=True)
    assert {int(i) for i in re.findall(r'href="/corrective-actions/(\d+)"', home)} == lualaba
    assert "Hokuriku Precursor" in home  # the second buyer's plan is the supplier's too
    buyer = signed_in(app, BUYER_USER, "en")
    for choice, suppliers in {
        "overdue": ["Lualaba"],
        "closed": ["Morowali"],
        "open": ["Heilongjiang", "Lualaba", "Morowali"],
    }.items():
        page = buyer.get(f"/buyer/?actions={choice}").get_data(as_text=True)
        body = page[page.index("<tbody>") : page.index("</tbody>")]
        found = re.findall(r'<tr[^>]*>\s*<td><a href="[^"]+">([A-Z]\w+)', body)
        assert found == suppliers, choice


def test_a_buyer_sets_its_due_dates_and_requests_follow_them(app, lualaba):
    buyer = signed_in(app, BUYER_USER, "en")
    form = {f"plan_{s}": "10" for s in ("critical", "high", "medium", "low")}
    form |= {f"close_{s}": "45" for s in ("critical", "high", "medium", "low")}
    refused = buyer.post("/corrective-actions/terms", data=form | {"close_high": "5"})
    assert "Closure cannot be due before the plan" in refused.get_data(as_text=True)
    assert buyer.post("/corrective-actions/terms", data=form).status_code == 302
    page = buyer.get("/corrective-actions/terms").get_data(as_text=True)
    assert page.count("Set by the buyer") == 4
    accept(app, lualaba, "cw_migrants_unequal")
    rid = review_id(app, lualaba)
    request_page = signed_in(app, REVIEWER).get(
        f"/corrective-actions/request/{rid}?rule_id=cw_migrants_unequal"
    )
    text = request_page.get_data(as_text=True)
    assert f'value="{(TODAY + timedelta(days=10)).isoformat()}"' in text
    assert "The buyer&#39;s own terms" in text
