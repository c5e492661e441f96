"""The portfolio is paged; its exports hold every supplier."""

from __future__ import annotations

from sqlalchemy import select

from extensions import db
from models import BuyerSupplier, Organisation, OrganisationKind
from tests.conftest import login
from views.buyer import PAGE_SIZE

BUYER = "buyer@demo.assay.example"


def test_portfolio_pages_keep_filters_and_exports_hold_every_row(app, demo):
    extra = PAGE_SIZE + 25
    with app.app_context():
        buyer = db.session.scalar(
            select(Organisation).where(Organisation.name == "Sakura Battery Materials K.K.")
        )
        suppliers = [
            Organisation(
                name=f"Paged Supplier {n:04d}", kind=OrganisationKind.SUPPLIER, country="JP"
            )
            for n in range(extra)
        ]
        db.session.add_all(suppliers)
        db.session.flush()
        db.session.add_all(BuyerSupplier(buyer_id=buyer.id, supplier_id=s.id) for s in suppliers)
        db.session.commit()
    client = app.test_client()
    login(client, BUYER)
    client.post(
        "/language", data={"lang": "en", "next": "/buyer/"}
    )  # the demo buyer reads Japanese
    first = client.get("/buyer/?q=Paged").get_data(as_text=True)
    assert first.count("Paged Supplier") == PAGE_SIZE
    assert f"Suppliers 1–{PAGE_SIZE} of {extra}" in first
    assert "page=2" in first and "q=Paged" in first
    second = client.get("/buyer/?q=Paged&page=2").get_data(as_text=True)
    assert second.count("Paged Supplier") == extra - PAGE_SIZE
    assert "Paged Supplier 0124" in second and "Paged Supplier 0000" not in second
    beyond = client.get("/buyer/?q=Paged&page=99").get_data(as_text=True)
    assert beyond.count("Paged Supplier") == extra - PAGE_SIZE  # clamped to the last page
    csv = client.get("/buyer/portfolio.csv?q=Paged&page=2").get_data(as_text=True)
    assert csv.count("Paged Supplier") == extra
