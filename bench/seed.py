"""A fresh database per backend, populated through the services: suppliers, reviewers, buyers."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from models import User

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Population:
    """Who signs in during the load, and what they own."""

    password: str
    #: (e-mail, submission id) of each supplier user, one draft each
    suppliers: list[tuple[str, int]] = field(default_factory=list)
    #: a second user of the first supplier, for the two-users-one-submission check
    colleague: str = ""
    reviewers: list[str] = field(default_factory=list)
    buyers: list[str] = field(default_factory=list)


def fresh_postgres(url: str) -> None:
    """Create the database of *url* when missing, then empty its ``public`` schema."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}
        )
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    engine = create_engine(target)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def upgrade(env: dict[str, str]) -> None:
    """Run ``flask db upgrade`` against ``env['DATABASE_URL']``."""
    command = [sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"]
    subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True)  # noqa: S603  (fixed arguments)


def _users(prefix: str, role, organisation, password: str, count: int) -> list[str]:
    """Create *count* users of *organisation*; return their e-mail addresses."""
    from services import accounts

    emails = [f"{prefix}{n:03d}@load.assay.example" for n in range(count)]
    for email in emails:
        accounts.create_user(
            email=email, name=email.split("@")[0], role=role, organisation=organisation,
            password=password,
        )  # fmt: skip
    return emails


def populate(app, n_suppliers: int, password: str) -> Population:
    """Create buyers, an auditor with reviewers, and *n_suppliers* suppliers with a draft each."""
    from extensions import db
    from models import AuditorAppointment, BuyerSupplier, OrganisationKind, Role
    from services import sharing, submissions
    from services.organisations import create_organisation

    people = Population(password=password)
    with app.app_context():
        buyers = [
            create_organisation(name=name, kind=OrganisationKind.BUYER, country=country)
            for name, country in (("Sakura Battery Materials K.K.", "JP"), ("Nordcell AB", "SE"))
        ]
        auditor = create_organisation(
            name="Meridian Responsible Sourcing Audit Ltd",
            kind=OrganisationKind.AUDITOR,
            country="GB",
        )
        for buyer in buyers:
            db.session.add(AuditorAppointment(buyer_id=buyer.id, auditor_id=auditor.id))
        db.session.commit()
        for n, buyer in enumerate(buyers):
            people.buyers += _users(f"buyer{n}-", Role.BUYER, buyer, password, 1)
        people.reviewers = _users("reviewer", Role.REVIEWER, auditor, password, 3)
        deadline = date.today() + timedelta(days=30)
        for n in range(n_suppliers):
            org = create_organisation(
                name=f"Supplier {n:03d} Mining SARL", kind=OrganisationKind.SUPPLIER, country="CD"
            )
            buyer = buyers[n % len(buyers)]
            db.session.add(BuyerSupplier(buyer_id=buyer.id, supplier_id=org.id, deadline=deadline))
            db.session.commit()
            (email,) = _users(f"supplier{n:03d}-", Role.SUPPLIER, org, password, 1)
            user = db.session.scalar(select(User).where(User.email == email))
            draft = submissions.start(user)
            sharing.share(draft, user, [buyer.id])
            people.suppliers.append((email, draft.id))
            if n == 0:
                (people.colleague,) = _users("colleague", Role.SUPPLIER, org, password, 1)
    return people
