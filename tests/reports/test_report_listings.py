"""Findings fired by country data show the good, country, kind of labour and edition (ILAB), or
the country, indicator, percentile rank and edition (WGI), in the report; the report names the
editions by their labels."""

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
    country_data = {"lr_weak_voice_country", "tr_weak_governance_source"}
    assert all(
        not f.listings
        for f in data.findings
        if "ilab" not in f.rule_id and f.rule_id not in country_data
    )


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


WGI = "Worldwide Governance Indicators, 2024 Update (data year 2023)"
RULE_OF_LAW = {
    "source": "wgi",
    "edition": "2023",
    "label": WGI,
    "country": "CD",
    "indicator": "rl",
    "percentile": 4.716980934143066,
}


def test_a_wgi_rank_reads_country_indicator_percentile_edition_in_each_language():
    rank = parts.listing(RULE_OF_LAW)
    assert (rank.good, rank.kinds, rank.indicator, rank.percentile) == (
        "",
        (),
        "rl",
        4.716980934143066,
    )
    assert parts.listing_line(rank, "en", load("en").gettext) == (
        f"Democratic Republic of the Congo — Rule of Law — percentile 4.7 — {WGI}"
    )
    assert parts.listing_line(rank, "ja", load("ja").gettext) == (
        f"コンゴ民主共和国 — 法の支配 — パーセンタイル順位 4.7 — {WGI}"
    )
    corruption = parts.listing({**RULE_OF_LAW, "indicator": "cc", "percentile": 5.19})
    assert "— Control of Corruption — percentile 5.2 —" in parts.listing_line(corruption, "en", str)


def test_report_findings_fired_by_wgi_carry_their_ranks():
    data = sample_report_data()
    by_rule = {finding.rule_id: finding for finding in data.findings}
    governance = [
        (i.country, i.indicator, i.edition) for i in by_rule["tr_weak_governance_source"].listings
    ]
    assert governance == [("CD", "rl", WGI), ("CD", "cc", WGI)]
    assert {i.country for i in by_rule["lr_weak_voice_country"].listings} == {"CD", "CN"}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_pdf_shows_the_wgi_ranks_under_reference_data(rendered, lang):
    text = squash(" ".join(page_texts(rendered(lang))))
    gettext = load(lang).gettext
    for indicator, rank in (("rl", "4.7"), ("cc", "5.2")):
        line = parts.listing_line(
            parts.listing({**RULE_OF_LAW, "indicator": indicator, "percentile": float(rank)}),
            lang,
            gettext,
        )
        assert squash(line) in text, line
    country = "コンゴ民主共和国" if lang == "ja" else "Democratic Republic of the Congo"
    indicator = "法の支配" if lang == "ja" else "Rule of Law"
    assert squash(f"{country} — {indicator}") in text


def test_the_report_text_names_the_wgi_rank():
    text = report_text(sample_report_data(), "ja")
    assert f"コンゴ民主共和国 — 汚職の抑制 — パーセンタイル順位 5.2 — {WGI}" in text
