"""Demo organisations, users and submissions for a development server (``flask demo-data``).

Each demo supplier's organisation and answers come from its answers document under
``documents/suppliers/``; :mod:`demo.submissions` takes each questionnaire to its state.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from demo import corrective_actions as demo_actions
from demo import submissions as demo_submissions
from demo.documents import document
from extensions import db
from models import (
    AuditorAppointment,
    BuyerSupplier,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from services import accounts, audit, suppliers

DEMO_PASSWORD = "assay-demo-2026"  # noqa: S105  (development-only demo data)  # nosec B105

BUYER = ("Sakura Battery Materials K.K.", OrganisationKind.BUYER, "JP")
AUDITOR = ("Meridian Responsible Sourcing Audit Ltd", OrganisationKind.AUDITOR, "GB")
#: A second buyer of the cobalt processor, reviewing with its own reviewer: its review of the
#: same submission is its own (in review while the first buyer has asked for changes).
SECOND_BUYER = ("Hokuriku Precursor Co., Ltd.", OrganisationKind.BUYER, "JP")
PLATFORM = ("Assay platform operations", OrganisationKind.PLATFORM, None)
#: The demo suppliers' answers documents, in the order their buyer's deadlines fall.
SUPPLIER_DOCUMENTS = [
    "suppliers/lualaba-cobalt",
    "suppliers/pilbara-spodumene",
    "suppliers/morowali-nickel",
    "suppliers/heilongjiang-graphite",
    "suppliers/kalahari-manganese",
    "suppliers/circular-metals",
]


def _supplier(name: str) -> tuple[str, str, str]:
    answers = document(name)["answers"]
    return answers["org_legal_name"], answers["org_country"], name


#: name, country and answers document of each demo supplier (the name and country as answered)
SUPPLIERS = [_supplier(name) for name in SUPPLIER_DOCUMENTS]
#: email, name, role, organisation name, organisation admin
USERS = [
    ("supplier@demo.assay.example", "Jean-Pierre Mbuyi", Role.SUPPLIER, SUPPLIERS[0][0], True),
    ("recycler@demo.assay.example", "Anna Vogel", Role.SUPPLIER, SUPPLIERS[5][0], True),
    ("lithium@demo.assay.example", "Olivia Hart", Role.SUPPLIER, SUPPLIERS[1][0], True),
    ("nickel@demo.assay.example", "Dewi Lestari", Role.SUPPLIER, SUPPLIERS[2][0], True),
    ("graphite@demo.assay.example", "王 芳", Role.SUPPLIER, SUPPLIERS[3][0], True),
    ("manganese@demo.assay.example", "Thabo Nkosi", Role.SUPPLIER, SUPPLIERS[4][0], True),
    ("reviewer@demo.assay.example", "Hannah Clarke", Role.REVIEWER, AUDITOR[0], False),
    ("buyer@demo.assay.example", "佐藤 美咲", Role.BUYER, BUYER[0], False),
    ("admin@demo.assay.example", "Kenji Tanaka", Role.BUYER, BUYER[0], True),
    ("operator@demo.assay.example", "Sam Okafor", Role.OPERATOR, PLATFORM[0], False),
    ("buyer2@demo.assay.example", "中村 大輔", Role.BUYER, SECOND_BUYER[0], True),
    ("reviewer2@demo.assay.example", "山本 彩", Role.REVIEWER, SECOND_BUYER[0], False),
]


#: The demo users who administer their organisation.
ORG_ADMINS = frozenset(email for email, *_rest, admin in USERS if admin)


def logins() -> list[tuple[str, str, str]]:
    """Return (e-mail, role, organisation) of the demo users."""
    return [(email, role.value, org) for email, _name, role, org, _admin in USERS]


def load(today: date | None = None, *, submissions: bool = True) -> bool:
    """Create the demo data unless it exists; return whether anything was created.

    Organisations and users first; then (with *submissions*) each supplier's questionnaire is
    taken to its state (draft, submitted, in review, changes requested, approved, rejected)
    and corrective action plans to each of theirs, through the services.
    """
    today = today or date.today()
    if db.session.scalar(select(User).where(User.email == USERS[0][0])) is not None:
        return False
    orgs: dict[str, Organisation] = {}
    for name, kind, country in (BUYER, SECOND_BUYER, AUDITOR, PLATFORM):
        orgs[name] = Organisation(name=name, kind=kind, country=country)
    for name, country, _document in SUPPLIERS:
        orgs[name] = Organisation(name=name, kind=OrganisationKind.SUPPLIER, country=country)
    db.session.add_all(orgs.values())
    db.session.flush()
    buyer = orgs[BUYER[0]]
    db.session.add(AuditorAppointment(buyer_id=buyer.id, auditor_id=orgs[AUDITOR[0]].id))
    # Relationships are made directly: no invitation ever matches an organisation by name.
    for offset, (name, *_rest) in enumerate(SUPPLIERS):
        db.session.add(
            BuyerSupplier(
                buyer_id=buyer.id,
                supplier_id=orgs[name].id,
                deadline=today + timedelta(days=14 * offset - 10),
            )
        )
        suppliers.relate(buyer.id, orgs[name], None)
    second = orgs[SECOND_BUYER[0]]
    db.session.add(
        BuyerSupplier(
            buyer_id=second.id,
            supplier_id=orgs[SUPPLIERS[0][0]].id,
            deadline=today + timedelta(days=30),
        )
    )
    suppliers.relate(second.id, orgs[SUPPLIERS[0][0]], None)
    password_hash = accounts.hash_password(DEMO_PASSWORD)
    users = {}
    for email, name, role, org_name, admin in USERS:
        users[email] = User(
            email=email,
            name=name,
            role=role,
            is_org_admin=admin,
            organisation=orgs[org_name],
            password_hash=password_hash,
            locale="ja" if email == "buyer@demo.assay.example" else None,
            active=True,
        )
    db.session.add_all(users.values())
    audit.record("demo.load", detail={"organisations": len(orgs), "users": len(USERS)})
    db.session.commit()
    if not submissions:
        return True
    supplier_users = {u.organisation.name: u for u in users.values() if u.role == Role.SUPPLIER}
    reviewer = users["reviewer@demo.assay.example"]
    hokuriku = (second, users["reviewer2@demo.assay.example"])
    demo_submissions.run(
        supplier_users,
        buyer,
        reviewer,
        {name: document_name for name, _country, document_name in SUPPLIERS},
        today,
        second=hokuriku,
    )
    demo_actions.run(supplier_users, buyer, reviewer, today, second=hokuriku)
    return True
