"""Rule sets name their reference-data editions; a score uses one edition per source, records
it, and names the listings that fired its findings."""

from __future__ import annotations

import pytest

import rules
from rules import (
    Finding,
    RuleSetError,
    editions_for,
    evaluate,
    load_library,
    load_ruleset,
    parse_ruleset,
)
from rules.refdata import shipped_library
from tests.rules.conftest import SCORING_DATE
from tests.rules.synthetic import CATALOGUE, QUESTIONNAIRE, document, ruleset_data

EXTRACT = "2024-minerals-extract"
EXTRACT_LABEL = "ILAB List of Goods: 2022 edition + 2024 changes for covered minerals (extract)"
NICKEL_ID = {"mineral": "nickel", "stage": "extraction", "country": "ID"}
MANGANESE_ZM = {"mineral": "manganese", "stage": "extraction", "country": "ZM"}
COBALT_CD = {"mineral": "cobalt", "stage": "extraction", "country": "CD"}


def ruleset(reference_data=None):
    """The synthetic rule set with nickel linked and a forced-labour ILAB rule."""
    data = ruleset_data()
    data["inherent"]["goods"]["nickel"] = [{"good": "Nickel", "relation": "direct"}]
    data["rules"].append(
        {
            **data["rules"][0],
            "id": "ilab_forced",
            "severity": "high",
            "when": {
                "question": "trace_materials",
                "rows": {"ilab_listed": {"kinds": ["forced_labor", "forced_child_labor"]}},
            },
        }
    )
    data["rules"].append(
        {
            **data["rules"][0],
            "id": "ilab_downstream",
            "severity": "medium",
            "when": {
                "question": "trace_materials",
                "rows": {"ilab_listed": {"kinds": ["derived_labor_exploitation"]}},
            },
        }
    )
    for rule in data["rules"][-2:]:
        rule.pop("red_flag", None)
    if reference_data is not None:
        data["reference_data"] = reference_data
    return parse_ruleset(data, QUESTIONNAIRE, CATALOGUE)


def score(rules, rows, refdata=None):
    library = refdata if refdata is not None else shipped_library()
    return evaluate(rules, document({"trace_materials": rows}), library, SCORING_DATE)


def by_rule(result):
    return {finding.rule_id: finding for finding in result.findings}


def test_a_rule_set_without_reference_data_uses_the_default_editions():
    result = score(ruleset(), [NICKEL_ID]).to_dict()
    assert result["data_editions"] == {"ilab": "2022", "wgi": "2023"}
    assert result["data_labels"]["ilab"] == "ILAB List of Goods, 2022 edition"


def test_the_shipped_rule_set_names_no_edition_and_keeps_its_results(refdata):
    shipped = load_ruleset("critical-minerals-risk", "1.0")
    assert dict(shipped.reference_data) == {}
    doc = {
        "questionnaire": "critical-minerals-dd",
        "version": "1.0",
        "answers": {"trace_materials": [COBALT_CD]},
    }
    from_library = evaluate(shipped, doc, shipped_library(), SCORING_DATE).to_dict()
    from_data = evaluate(shipped, doc, refdata, SCORING_DATE).to_dict()
    assert from_library == from_data
    assert from_library["data_editions"] == {"ilab": "2022", "wgi": "2023"}


def test_a_rule_set_names_its_editions():
    rules = ruleset({"ilab": EXTRACT})
    assert editions_for(rules) == {"ilab": EXTRACT}
    result = score(rules, [NICKEL_ID])
    assert result.to_dict()["data_editions"] == {"ilab": EXTRACT, "wgi": "2023"}
    assert result.to_dict()["data_labels"]["ilab"] == EXTRACT_LABEL
    assert "ilab_forced" in by_rule(result)
    assert "ilab_forced" not in by_rule(score(ruleset(), [NICKEL_ID]))


def test_a_choice_over_the_rule_set_wins_for_its_source_only():
    rules = ruleset({"ilab": EXTRACT, "wgi": "2023"})
    assert editions_for(rules, {"ilab": "2022"}) == {"ilab": "2022", "wgi": "2023"}
    data = shipped_library().select(editions_for(rules, {"ilab": "2022"}))
    assert "ilab_forced" not in by_rule(score(rules, [NICKEL_ID], data))


@pytest.mark.parametrize(
    ("reference_data", "problem"),
    [
        ({"rmi": "2024"}, "reference_data: 'rmi' is not one of"),
        ({"ilab": "2024/../x"}, "reference_data.ilab: '2024/../x' does not match"),
        ({"wgi": 2023}, "reference_data.wgi: 2023 is not of type 'string'"),
    ],
)
def test_a_malformed_reference_data_block_is_refused(reference_data, problem):
    with pytest.raises(RuleSetError) as error:
        ruleset(reference_data)
    assert any(p.startswith(problem) for p in error.value.problems), error.value.problems


def test_an_edition_the_library_lacks_is_an_error_not_a_fallback():
    with pytest.raises(RuleSetError, match="no edition '2031' of source 'ilab'"):
        score(ruleset({"ilab": "2031"}), [NICKEL_ID])


def test_a_score_never_mixes_editions():
    library = shipped_library()
    rows = [NICKEL_ID, MANGANESE_ZM, COBALT_CD, {**COBALT_CD, "stage": "processing"}]
    for ilab in ("2022", EXTRACT):
        data = library.select({"ilab": ilab})
        assert data.data_editions == {"ilab": ilab, "wgi": "2023"}
        result = score(ruleset({"ilab": ilab}), rows)
        editions = result.to_dict()["data_editions"]
        assert editions == {"ilab": ilab, "wgi": "2023"}
        listings = [listing for f in result.findings for listing in f.listings]
        assert listings, "DRC cobalt is listed in both editions"
        assert {(item.source, item.edition) for item in listings} == {("ilab", ilab)}
        assert {item.label for item in listings} == {data.label("ilab")}
        # Inherent risk reads the same edition as the rules.
        (nickel, *_rest) = result.inherent_rows
        assert nickel.listings == (("Nickel (ID)",) if ilab == EXTRACT else ())
        assert ("Nickel" in {item.good for item in listings}) is (ilab == EXTRACT)
    assert library.select({"ilab": "2022"}) is library.select({"ilab": "2022", "wgi": "2023"})
    assert library.select({"ilab": "2022"}) is not library.select({"ilab": EXTRACT})


def test_a_stored_result_is_reproduced_from_the_editions_it_records():
    rules = ruleset({"ilab": EXTRACT})
    answers = {"trace_materials": [NICKEL_ID, COBALT_CD], "org_countries": ["ID"]}
    stored = evaluate(rules, document(answers), shipped_library(), SCORING_DATE).to_dict()
    again = evaluate(
        rules,
        document(answers),
        load_library().select(stored["data_editions"]),
        SCORING_DATE,
    ).to_dict()
    assert again == stored


def test_findings_name_the_good_country_kind_and_edition():
    result = score(ruleset({"ilab": EXTRACT}), [NICKEL_ID, MANGANESE_ZM, COBALT_CD])
    found = by_rule(result)
    forced = [item.to_dict() for item in found["ilab_forced"].listings]
    assert forced == [
        {
            "source": "ilab",
            "edition": EXTRACT,
            "label": EXTRACT_LABEL,
            "good": "Nickel",
            "country": "ID",
            "kinds": ["forced_labor"],
            "confidence": "US Government, as reported",
        },
        {
            "source": "ilab",
            "edition": EXTRACT,
            "label": EXTRACT_LABEL,
            "good": "Cobalt ore (heterogenite)",
            "country": "CD",
            "kinds": ["forced_labor"],
            "confidence": "DOL page",
        },
    ]
    child = [(i.good, i.country, i.kinds) for i in found["ilab_child"].listings]
    assert child == [
        ("Manganese Ore", "ZM", ("child_labor",)),
        ("Cobalt ore (heterogenite)", "CD", ("child_labor",)),
        ("Copper", "CD", ("child_labor",)),
    ]


def test_listings_go_through_the_stored_form_and_other_findings_keep_their_shape():
    result = score(ruleset({"ilab": EXTRACT}), [NICKEL_ID])
    data = result.to_dict()
    (forced,) = [f for f in data["findings"] if f["rule_id"] == "ilab_forced"]
    assert Finding.from_dict(forced).listings == by_rule(result)["ilab_forced"].listings
    assert all("listings" not in f for f in data["findings"] if not f["rule_id"].startswith("ilab"))


def test_downstream_listings_name_where_the_inputs_come_from():
    rules = ruleset()
    result = score(rules, [{"mineral": "cobalt", "stage": "processing", "country": "CN"}])
    (listing,) = by_rule(result)["ilab_downstream"].listings
    assert listing.to_dict() == {
        "source": "ilab",
        "edition": "2022",
        "label": "ILAB List of Goods, 2022 edition",
        "good": "Lithium-Ion Batteries",
        "country": "CN",
        "kinds": ["derived_labor_exploitation"],
        "derived_input_country": "CD",
    }


def test_every_shipped_rule_set_scores_with_shipped_editions():
    from rules import shipped_rulesets

    for rules_ in shipped_rulesets():
        data = shipped_library().select(editions_for(rules_))
        assert set(data.data_editions) == {"ilab", "wgi"}


def test_a_library_of_the_shipped_folder_alone_is_loaded_once(tmp_path):
    assert load_library() is shipped_library()
    assert load_library(rules.refdata.DEFAULT_DIRECTORY, tmp_path / "none") is shipped_library()
