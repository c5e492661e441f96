"""The demo's corrective action plans, one in every state, taken there by the real services.

Sakura's reviewer asks for plans on findings it accepted and on its comments; Hokuriku's
reviewer asks for one of its own, which Sakura never sees. Requests are dated in the past
where a plan must be late or already closed, so the pages show what is overdue.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from demo.submissions import DOCUMENT
from extensions import db
from models import CorrectiveAction, Organisation, Review, ReviewComment, Submission, User
from services import corrective_actions, corrective_evidence, corrective_requests
from services.corrective_actions import Plan

S = corrective_actions.A


def _review(supplier: User, buyer: Organisation) -> Review:
    return db.session.scalar(
        select(Review)
        .join(Submission, Submission.id == Review.submission_id)
        .where(Submission.supplier_id == supplier.organisation_id, Review.buyer_id == buyer.id)
    )


def _comment(review: Review, question_id: str) -> ReviewComment:
    return db.session.scalar(
        select(ReviewComment).where(
            ReviewComment.submission_id == review.submission_id,
            ReviewComment.buyer_id == review.buyer_id,
            ReviewComment.question_id == question_id,
        )
    )


def _ask(review, reviewer, text, day, *, rule_id=None, comment=None, verification="desk_review"):
    found = corrective_requests.source(
        review, rule_id=rule_id, comment_id=comment.id if comment else None
    )
    return corrective_requests.request(
        review, reviewer, found, text=text, verification=verification, today=day
    )


def _plan(action: CorrectiveAction, supplier: User, day: date, **texts: str) -> None:
    plan = Plan(
        texts["root_cause"],
        texts["corrective"],
        texts["preventive"],
        texts["responsible"],
        day,
    )
    corrective_actions.transition(action, S.SUBMIT_PLAN, supplier, plan=plan, today=day)


def _implement(action: CorrectiveAction, supplier: User, name: str, note: str, day: date):
    corrective_actions.transition(action, S.START_WORK, supplier, today=day)
    corrective_evidence.add(action, supplier, name, DOCUMENT)
    corrective_actions.transition(action, S.SUBMIT_EVIDENCE, supplier, note=note, today=day)


def run(
    users: dict[str, User],
    buyer: Organisation,
    reviewer: User,
    today: date,
    second: tuple[Organisation, User] | None = None,
) -> None:
    """Ask for and work the demo plans (see the module docstring)."""
    nickel = users["Morowali Nickel Refining PT"]
    cobalt = users["Lualaba Cobalt Processing SARL"]
    graphite = users["Heilongjiang Spherical Graphite Co., Ltd."]
    days = timedelta

    morowali = _review(nickel, buyer)
    closed = _ask(
        morowali,
        reviewer,
        "Bring block C of the dormitory to the legal standard: at most six workers a room, "
        "working ventilation and a lockable locker for each worker.",
        today - days(60),
        rule_id="fl_substandard_accommodation",
        verification="follow_up_audit",
    )
    _plan(
        closed,
        nickel,
        today - days(54),
        root_cause="Block C was filled beyond its capacity when the second line started.",
        corrective="Lease a second building and move 120 workers out of block C.",
        preventive="Dormitory capacity is checked before each hiring round by the HR manager.",
        responsible="Budi Santoso, HR manager",
    )
    corrective_actions.transition(
        closed, S.ACCEPT_PLAN, reviewer, "The plan addresses the overcrowding.", today=today
    )
    _implement(
        closed,
        nickel,
        "dormitory-inspection-2026.pdf",
        "Second building in use since last month; inspection report attached.",
        today - days(12),
    )
    corrective_actions.transition(
        closed,
        S.VERIFY_CLOSE,
        reviewer,
        "Follow-up visit: six workers a room at most, ventilation repaired, lockers fitted.",
        today=today - days(5),
    )

    in_progress = _ask(
        morowali,
        reviewer,
        "Give workers in the industrial park the same freedom of association as elsewhere: "
        "let unions meet in the dormitories and publish the rule.",
        today - days(20),
        rule_id="lr_zone_rights_restricted",
    )
    _plan(
        in_progress,
        nickel,
        today - days(15),
        root_cause="The park's tenant rules were adopted without a labour-rights review.",
        corrective="Ask the park operator to remove the restriction; open a meeting room.",
        preventive="Every tenant rule is reviewed by the compliance team before it applies.",
        responsible="Siti Rahma, compliance officer",
    )
    corrective_actions.transition(
        in_progress, S.ACCEPT_PLAN, reviewer, "Agreed; send the revised rule.", today=today
    )
    corrective_actions.transition(in_progress, S.START_WORK, nickel, today=today - days(10))

    passports = _ask(
        morowali,
        reviewer,
        "Show that every worker can get their passport back at any time without asking.",
        today - days(30),
        comment=_comment(morowali, "fl_identity_documents_access"),
    )
    _plan(
        passports,
        nickel,
        today - days(26),
        root_cause="Passports were kept in the HR office for visa renewals.",
        corrective="Personal lockers; passports returned to every worker.",
        preventive="HR keeps copies only; the rule is in the induction training.",
        responsible="Budi Santoso, HR manager",
    )
    corrective_actions.transition(
        passports, S.ACCEPT_PLAN, reviewer, "Fine; send the signed receipts.", today=today
    )
    _implement(
        passports,
        nickel,
        "passport-receipts.pdf",
        "Every worker signed a receipt for their passport.",
        today - days(3),
    )

    lualaba = _review(cobalt, buyer)
    _ask(
        lualaba,
        reviewer,
        "Name the recruitment agencies that do not meet the standard and how you will stop "
        "using them or bring them up to it.",
        today - days(20),
        comment=_comment(lualaba, "cw_migrant_recruiters"),
    )
    unequal = _ask(
        lualaba,
        reviewer,
        "Pay migrant workers the same as local workers of the same grade, with back pay.",
        today - days(10),
        rule_id="cw_migrants_unequal",
    )
    _plan(
        unequal,
        cobalt,
        today - days(4),
        root_cause="Agency workers were paid on the agency's scale, not ours.",
        corrective="Move migrant workers to our pay scale and pay the difference since 2025.",
        preventive="Payroll compares pay by grade every quarter.",
        responsible="Jean-Pierre Mbuyi",
    )

    heilongjiang = _review(graphite, buyer)
    accepted = _ask(
        heilongjiang,
        reviewer,
        "Stop buying inputs from Xinjiang and show where each input now comes from.",
        today - days(14),
        rule_id="fl_xinjiang_inputs",
        verification="follow_up_audit",
    )
    _plan(
        accepted,
        graphite,
        today - days(9),
        root_cause="A trader supplied flake graphite from Xinjiang without saying so.",
        corrective="End the contract with the trader; buy flake from Heilongjiang mines only.",
        preventive="Every input is traced to its mine before the first order.",
        responsible="王 芳",
    )
    corrective_actions.transition(
        accepted, S.ACCEPT_PLAN, reviewer, "Accepted; we will audit on site.", today=today
    )
    reopened = _ask(
        heilongjiang,
        reviewer,
        "Reinstate the three workers dismissed after the stoppage and protect strikers in the "
        "works rules.",
        today - days(40),
        rule_id="lr_strikers_unprotected",
    )
    _plan(
        reopened,
        graphite,
        today - days(35),
        root_cause="Supervisors treated the stoppage as absence.",
        corrective="Offer reinstatement with back pay; amend the works rules.",
        preventive="Training of supervisors on lawful strikes.",
        responsible="王 芳",
    )
    corrective_actions.transition(
        reopened, S.ACCEPT_PLAN, reviewer, "Agreed.", today=today - days(30)
    )
    _implement(reopened, graphite, "works-rules-2026.pdf", "Works rules amended.", today - days(8))
    corrective_actions.transition(
        reopened,
        S.REOPEN,
        reviewer,
        "The works rules are amended, but nothing shows the three workers were offered "
        "reinstatement.",
        today=today - days(2),
    )

    if second:
        hokuriku, reviewer2 = second
        returned = _ask(
            _review(cobalt, hokuriku),
            reviewer2,
            "Vet the security provider against the Voluntary Principles and train its guards.",
            today - days(12),
            rule_id="dd_security_forces_unvetted",
        )
        _plan(
            returned,
            cobalt,
            today - days(8),
            root_cause="The provider was chosen on price.",
            corrective="Ask the provider for its training records.",
            preventive="None yet.",
            responsible="Jean-Pierre Mbuyi",
        )
        corrective_actions.transition(
            returned,
            S.RETURN_PLAN,
            reviewer2,
            "Training records are not vetting: name who vets the guards and by when, and a "
            "preventive step that applies to the next provider.",
            today=today,
        )
