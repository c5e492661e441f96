"""Due dates of corrective action plans: Assay's defaults by severity, each buyer's own terms,
and the basis of the dates a request proposes.

A plan is due within ``plan_days`` of the request and must be verified closed within
``close_days``. The defaults are:

* plan: 7 days for a critical finding, 14 for the others — Assay's own choice, not taken from
  any standard (a critical finding needs an answer within a week);
* closure: 90 days for every severity — the post-audit period RMI's Responsible Minerals
  Assurance Process allows a smelter or refiner to implement corrective actions ("up to 90
  calendar days", RMI, *RMAP FAQ: What are the key audit activities?*).

A buyer may set both numbers for each severity; its terms then apply to its requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from extensions import db
from models import DueBasis, DueTerms, User
from policy import can_manage_suppliers
from services import audit
from services.errors import DomainError

SEVERITIES = ("critical", "high", "medium", "low")
#: Fewest and most days a term may be.
MIN_DAYS, MAX_DAYS = 1, 730


@dataclass(frozen=True)
class Terms:
    """Days to plan and to close for one severity, and whose terms they are."""

    severity: str
    plan_days: int
    close_days: int
    basis: DueBasis

    def dates(self, today: date) -> tuple[date, date]:
        """Return the plan's and closure's due dates for a request made on *today*."""
        return today + timedelta(days=self.plan_days), today + timedelta(days=self.close_days)


#: Assay's defaults (see the module docstring for where each number comes from).
DEFAULT_TERMS = {
    severity: Terms(severity, 7 if severity == "critical" else 14, 90, DueBasis.DEFAULT)
    for severity in SEVERITIES
}


def terms_for(buyer_id: int, severity: str) -> Terms:
    """Return the terms that apply to *buyer_id*'s requests for a finding of *severity*."""
    row = db.session.scalar(
        select(DueTerms).where(DueTerms.buyer_id == buyer_id, DueTerms.severity == severity)
    )
    if row is None:
        return DEFAULT_TERMS.get(severity, DEFAULT_TERMS["medium"])
    return Terms(severity, row.plan_days, row.close_days, DueBasis.BUYER)


def all_terms(buyer_id: int) -> list[Terms]:
    """Return the terms of every severity for *buyer_id*, most severe first."""
    return [terms_for(buyer_id, severity) for severity in SEVERITIES]


def basis_text(basis: DueBasis | str, severity: str | None = None) -> str:
    """Return where a plan's due dates came from, in the active language."""
    basis = DueBasis(basis)
    if basis == DueBasis.BUYER:
        return _("The buyer's own terms for findings of this severity.")
    if basis == DueBasis.REVIEWER:
        return _("Dates set by the reviewer for this request.")
    return _(
        "Assay's defaults: the plan within 7 days for a critical finding and 14 days "
        "otherwise (Assay's own choice, not taken from any standard); closure within 90 days, "
        "the post-audit period of RMI's Responsible Minerals Assurance Process."
    )


def save_terms(buyer_id: int, user: User, values: dict[str, tuple[int, int]]) -> None:
    """Set *buyer_id*'s days to plan and to close for each severity; audit; commit.

    :param values: severity -> (plan days, close days).
    :raises DomainError: when *user* may not, or a number is out of range or closes before
        the plan is due. Nothing is stored then.
    """
    if not can_manage_suppliers(user) or user.organisation_id != buyer_id:
        raise DomainError(_("Only the buyer's own people set its due dates."))
    for severity in SEVERITIES:
        plan_days, close_days = values[severity]
        if not (MIN_DAYS <= plan_days <= MAX_DAYS and MIN_DAYS <= close_days <= MAX_DAYS):
            raise DomainError(
                _("Give between %(min)s and %(max)s days.", min=MIN_DAYS, max=MAX_DAYS)
            )
        if close_days < plan_days:
            raise DomainError(_("Closure cannot be due before the plan."))
    rows = {
        row.severity: row
        for row in db.session.scalars(select(DueTerms).where(DueTerms.buyer_id == buyer_id))
    }
    before = {t.severity: [t.plan_days, t.close_days] for t in all_terms(buyer_id)}
    for severity in SEVERITIES:
        plan_days, close_days = values[severity]
        row = rows.get(severity)
        if row is None:
            row = DueTerms(buyer_id=buyer_id, severity=severity)
            db.session.add(row)
        row.plan_days, row.close_days, row.updated_by_id = plan_days, close_days, user.id
    audit.record(
        "corrective_action.terms",
        actor=user,
        detail={
            "buyer_id": buyer_id,
            "before": before,
            "after": {s: list(values[s]) for s in SEVERITIES},
        },
    )
    db.session.commit()
