"""Findings fired by country data show the good, country, kind of labour and edition in the
report; the report names the editions by their labels."""

from __future__ import annotations

import dataclasses

import pytest

from demo.report import report_text, sample_report_data
from reports import parts
from reports.data import Listing
from reports.translation import load
from tests.reports.pdf_inspect import page_texts, squash

ILAB_2022 = "ILAB List of Goods, 2022 edition"
EXTRACT = "ILAB List of Goods: 2022 edition + 2024 changes for covered minerals (extract)"
NICKEL = {
    "source": "ilab",
    "edition": "2024-minerals-extract",
    "label": EXTRACT,
    "good": "Nickel",
    "country": "ID",
    "kinds": ["forced_labor"],
    "confidence": "US Government, as reported",
}
BATTERIES = {
    "source": "ilab",
    "edition": "2022",
    "label": "ILAB List of Goods, 2022 edition",
    "good": "Lithium-Ion Batteries",
    "country": "CN",
    "kinds": ["derived_labor_exploitation"],
    "derived_input_country": "CD",
}


def test_a_listing_reads_good_country_kind_edition_in_each_language():
    nickel = parts.listing(NICKEL)
    assert parts.listing_line(nickel, "en", load("en").gettext) == (
        f"Nickel — Indonesia — Forced labour — {EXTRACT} — US Government, as reported"
    )
    japanese = parts.listing_line(nickel, "ja", load("ja").gettext)
    assert japanese.startswith("Nickel — インドネシア — 強制労働 — ILAB List of Goods")
    both = parts.listing({**NICKEL, "kinds": ["child_labor", "forced_labor"]})
    assert "— Child labour and Forced labour —" in parts.listing_line(both, "en", str)


def test_a_downstream_listing_names_the_country_of_its_inputs():
    line = parts.listing_line(parts.listing(BATTERIES), "en", load("en").gettext)
    assert line == (
        "Lithium-Ion Batteries — China — Made with inputs produced by child or forced labour "
        "(Democratic Republic of the Congo) — ILAB List of Goods, 2022 edition"
    )


def test_report_findings_carry_their_listings_and_others_none():
    data = sample_report_data()
    by_rule = {finding.rule_id: finding for finding in data.findings}
    assert by_rule["cl_ilab_listed_source"].listings == [
        Listing(
            "Cobalt ore (heterogenite)", "CD", ("child_labor",), "ILAB List of Goods, 2022 edition"
        ),
        Listing("Copper", "CD", ("child_labor",), "ILAB List of Goods, 2022 edition"),
    ]
    assert all(not f.listings for f in data.findings if "ilab" not in f.rule_id)


def test_the_report_editions_are_named_by_their_labels():
    assert sample_report_data().data_editions == {
        "ilab": "ILAB List of Goods, 2022 edition (2022)",
        "wgi": "Worldwide Governance Indicators, 2024 Update (data year 2023) (2023)",
    }
    assert parts.data_editions({"ilab": "2022"}) == {"ilab": "2022"}  # stored without labels


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_pdf_shows_the_listing_under_reference_data(renderer, lang):
    data = sample_report_data()
    finding = next(f for f in data.findings if f.rule_id == "cl_ilab_listed_source")
    finding = dataclasses.replace(finding, listings=[parts.listing(NICKEL)])
    pdf = renderer.render(dataclasses.replace(data, findings=[finding]), lang)
    text = squash(" ".join(page_texts(pdf)))
    country = "インドネシア" if lang == "ja" else "Indonesia"
    assert squash(f"Nickel — {country}") in text
    assert squash("US Government, as reported") in text
    assert squash(load(lang).gettext("Reference data")) in text


def test_the_report_text_names_the_listing():
    text = report_text(sample_report_data(), "en")
    assert "Cobalt ore (heterogenite) — Democratic Republic of the Congo — Child labour" in text
