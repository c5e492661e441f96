"""Findings fired by ``wgi_below`` name their data as ILAB findings do: the country, the
indicator, its percentile rank and the edition, through the same ``listings``."""

from __future__ import annotations

import pytest

import demo
from rules import Finding, evaluate, load_library, load_ruleset
from tests.rules.documents import exemplary_document_1_1, with_answers

V11 = load_ruleset("critical-minerals-risk", "1.1")
LIBRARY = load_library()
WGI_LABEL = "Worldwide Governance Indicators, 2024 Update (data year 2023)"


def source(country: str, mineral: str = "cobalt") -> dict:
    return {
        "mineral": mineral,
        "stage": "extraction",
        "country": country,
        "smelter_identified": "yes",
        "recycled_share": 0,
    }


def findings(**answers) -> dict[str, Finding]:
    result = evaluate(
        V11, with_answers(exemplary_document_1_1(), **answers), LIBRARY, demo.SCORING_DATE
    )
    return {f.rule_id: f for f in result.findings}


def test_a_weak_governance_source_names_country_indicator_rank_and_edition():
    refdata = LIBRARY.select({"wgi": "2023"})
    found = findings(trace_materials=[source("CD"), source("AU", "lithium")])
    listings = [item.to_dict() for item in found["tr_weak_governance_source"].listings]
    assert listings == [
        {
            "source": "wgi",
            "edition": "2023",
            "label": WGI_LABEL,
            "country": "CD",
            "indicator": indicator,
            "percentile": refdata.wgi_percentile("CD", indicator),
        }
        for indicator in ("rl", "cc")
    ]
    assert [round(item["percentile"], 1) for item in listings] == [4.7, 5.2]


def test_a_country_question_names_only_the_countries_below_the_threshold():
    found = findings(org_countries=["JP", "CD", "CN"])
    voice = found["lr_weak_voice_country"].listings
    assert [(item.country, item.indicator) for item in voice] == [("CD", "va"), ("CN", "va")]
    assert all(item.percentile < 25 for item in voice)
    assert "lr_weak_voice_country" not in findings(org_countries=["JP", "AU"])


def test_a_row_that_did_not_match_is_not_named():
    found = findings(trace_materials=[source("AU", "lithium"), source("CD")])
    assert {item.country for item in found["tr_weak_governance_source"].listings} == {"CD"}


def test_wgi_listings_go_through_the_stored_form():
    found = findings(org_countries=["CD"], trace_materials=[source("CD")])
    for rule_id in ("lr_weak_voice_country", "tr_weak_governance_source"):
        stored = found[rule_id].to_dict()
        assert all(
            set(item) == {"source", "edition", "label", "country", "indicator", "percentile"}
            for item in stored["listings"]
        )
        assert Finding.from_dict(stored).listings == found[rule_id].listings


@pytest.mark.parametrize("rule_id", ["fl_ilab_listed_source", "cl_ilab_listed_source"])
def test_ilab_listings_keep_their_shape(rule_id):
    (first, *_) = findings(trace_materials=[source("CD")])[rule_id].to_dict()["listings"]
    assert set(first) >= {"source", "edition", "label", "good", "country", "kinds"}
    assert "indicator" not in first and "percentile" not in first
